// The colours of the program in one place, derived from the palette (so a dark desktop theme,
// a high-contrast theme and print all work), never from per-widget colour style sheets.
//
// State colours (a lap that is fine, one left out, an error, ...) start from fixed hues and are
// moved toward the palette's text colour until they reach WCAG 2.1 contrast (4.5:1 for text,
// success criterion 1.4.3) against the background they are drawn on. Chart colours need 3:1
// (non-text contrast, 1.4.11) against the plot's background. The print theme is black on
// white paper whatever the screen's palette is: charts and reports render with it.
#pragma once

#include <QColor>
#include <QPalette>

namespace gemba::ui {

class Theme {
public:
    enum class State {
        Normal,      // the text colour
        Secondary,   // less important text
        Ended,       // what is over
        Attention,   // amber: waiting for, or needing, the observer (paused, pending, warning)
        Foreign,     // coral: time kept out of the step
        Ok,          // green
        Error,       // red
    };

    // For text of `state` on the palette's `background` (Window for labels, Base for tables).
    static QColor stateColour(State state, const QPalette& palette,
                              QPalette::ColorRole background = QPalette::Window);

    struct ChartColours {
        QColor background;   // the plot area
        QColor text;         // titles, axis labels, the notes printed under a chart
        QColor axis;
        QColor grid;
        QColor series;       // points and lines of the data
        QColor centerLine;
        QColor limits;       // UCL, LCL
        QColor zones;        // the 1σ and 2σ lines
        QColor signal;       // a point failing a test (also a different marker shape: not colour alone)
        QColor excluded;     // hollow excluded points
        QColor phase;        // phase boundaries
        QColor spec;         // LSL, USL
        QColor target;
        QColor fit;          // fitted curves (normal, within and overall)
        QColor note;         // the numbered marks of signal notes
    };
    // On screen: from the palette (Base as the plot background).
    static ChartColours chartColours(const QPalette& palette);
    // On paper (print, PDF, SVG, PNG exports): black on white.
    static ChartColours printChartColours();
    static QPalette printPalette();

    // The stopwatch's own dark face, the same in any desktop theme (read from a step away).
    static QPalette stopwatchPalette(const QPalette& base);

    // WCAG 2.1 contrast ratio of two colours (1…21).
    static double contrast(const QColor& a, const QColor& b);
    // a·(1−t) + b·t, per channel.
    static QColor mix(const QColor& a, const QColor& b, double t);
    // Moves `colour` toward `text` until it has `ratio` against `background`.
    static QColor readable(QColor colour, const QColor& background, const QColor& text, double ratio);
};

} // namespace gemba::ui
