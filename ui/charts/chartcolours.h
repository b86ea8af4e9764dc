// The colours of a chart, derived from a QPalette so the figure follows the window's light or dark
// theme on screen and comes out on white paper in print (ChartColours::forPrint()).
#pragma once

#include <QColor>

class QPalette;

namespace gemba::ui {

struct ChartColours {
    QColor background;       // around the plot areas
    QColor plotBackground;   // inside the plot areas
    QColor text;             // titles, tick labels, limit labels
    QColor axis;             // axis lines and the plot frame
    QColor grid;             // grid lines
    QColor data;             // the line through the points and the in-control markers
    QColor center;           // center line
    QColor limit;            // UCL and LCL
    QColor zone;             // 1σ and 2σ zone lines
    QColor signal;           // points that fail a test, and their test numbers
    QColor excluded;         // the outline of hollow (excluded) markers
    QColor stage;            // stage and phase boundaries
    QColor note;             // numbered signal-note marks
    QColor noteText;         // the number inside a note mark

    // From a widget palette: text and backgrounds from its roles, the data line in its
    // highlight colour, signals red and limits a dark red that still reads on dark backgrounds.
    static ChartColours fromPalette(const QPalette& palette);
    // A white-paper palette for PDF, SVG, PNG and paper: black text, grey grid; signals red.
    // Signals are also a different marker shape with their test number (ControlChartFigure),
    // so a black-and-white printout loses nothing.
    static ChartColours forPrint();
};

} // namespace gemba::ui
