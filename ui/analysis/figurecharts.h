// The Qt Charts of the distribution and capability figures, built from core's results alone
// (no formula here), for the screen and for print alike. Every series is filled with one
// replace() of a whole point list; no OpenGL series (they vanish from printing). Fonts are set
// in pixels, which are points when a figure is printed (the exporters scale the painter to one
// unit per point), so a chart renders the same size into a PDF, an SVG or a PNG at any DPI.
#pragma once

#include "stats/histogram.h"
#include "stats/probabilityplot.h"

#include <QColor>
#include <QFont>
#include <QString>

#include <optional>

class QPainter;
class QRectF;
class QWidget;

QT_BEGIN_NAMESPACE
class QChart;
QT_END_NAMESPACE

namespace gemba::ui {

// Colours from the theme (theme.h: the window's palette, or black on white for print) and
// font sizes in pixels.
struct FigureStyle {
    QColor text;
    QColor background;
    QColor grid;
    QColor bars;       // histogram fill
    QColor data;       // points, the overall curve
    QColor fit;        // fitted line, within curve
    QColor limits;     // LSL, USL
    QColor target;
    qreal fontPx = 11;
    qreal titlePx = 12;

    static FigureStyle forWidget(const QWidget* widget);   // from its palette and font
    static FigureStyle forPrint();                         // black on white, 8/9 pt
    QFont font(bool bold = false) const;
    QFont titleFont() const;
};

// A histogram of counts over numeric x: bars (object name "bars", an area series whose upper
// line outlines each bar: (e_i, 0), (e_i, c_i), (e_i+1, c_i), (e_i+1, 0) per bin) and, when
// given, the normal curve ("normal"). X axis titled `xTitle`, y "Frequency".
QChart* makeHistogramChart(const stats::Histogram& histogram, const stats::Curve* normal, const QString& title,
                           const QString& xTitle, const FigureStyle& style);

// Adds a vertical line at x from 0 to the chart's y maximum (object name `name`), labelled in
// the legend with `label`.
void addVerticalLine(QChart* chart, double x, const QString& name, const QString& label, const QColor& color,
                     Qt::PenStyle penStyle, const FigureStyle& style);
// Adds a curve (object name `name`) on the chart's axes.
void addCurve(QChart* chart, const stats::Curve& curve, const QString& name, const QString& label,
              const QColor& color, Qt::PenStyle penStyle);

// The normal probability plot: points ("points"), fitted line ("fit"), band ("bandLower",
// "bandUpper"); y in normal scores labelled as percents (1, 5, 10, … 99).
QChart* makeProbabilityChart(const stats::ProbabilityPlot& plot, const QString& title, const QString& xTitle,
                             const FigureStyle& style);

// Renders `chart` offscreen into `rect` of `painter`, laid out at the rectangle's size.
// Takes ownership of nothing; the chart is returned to no scene.
void renderChart(QChart& chart, QPainter& painter, const QRectF& rect);

// Formatting shared by the figures' tables.
QString formatNumber(double value, int significant = 4);
QString formatInterval(double lower, double upper, int significant = 4);

} // namespace gemba::ui
