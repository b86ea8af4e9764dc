#include "analysis/figurecharts.h"

#include "theme.h"

#include <QAreaSeries>
#include <QCategoryAxis>
#include <QChart>
#include <QCoreApplication>
#include <QGraphicsLayout>
#include <QGraphicsScene>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QPainter>
#include <QPalette>
#include <QScatterSeries>
#include <QValueAxis>
#include <QWidget>

#include <boost/math/distributions/normal.hpp>

#include <algorithm>
#include <array>
#include <cmath>

namespace gemba::ui {
namespace {

QString tr(const char* text) { return QCoreApplication::translate("gemba::ui::FigureCharts", text); }

QChart* newChart(const QString& title, const FigureStyle& style)
{
    auto* chart = new QChart;
    chart->setAnimationOptions(QChart::NoAnimation);
    chart->setBackgroundRoundness(0);
    chart->setBackgroundBrush(style.background);
    chart->setBackgroundPen(Qt::NoPen);
    chart->setMargins(QMargins(4, 4, 4, 4));
    chart->setTitle(title);
    chart->setTitleFont(style.titleFont());
    chart->setTitleBrush(style.text);
    chart->legend()->setFont(style.font());
    chart->legend()->setLabelColor(style.text);
    chart->legend()->setAlignment(Qt::AlignBottom);
    return chart;
}

void styleAxis(QAbstractAxis* axis, const QString& title, const FigureStyle& style)
{
    axis->setTitleText(title);
    axis->setTitleFont(style.font());
    axis->setTitleBrush(style.text);
    axis->setLabelsFont(style.font());
    axis->setLabelsColor(style.text);
    axis->setGridLineColor(style.grid);
    axis->setLinePenColor(style.text);
}

QValueAxis* valueAxis(QChart* chart, Qt::Orientation orientation)
{
    const auto axes = chart->axes(orientation);
    return axes.isEmpty() ? nullptr : qobject_cast<QValueAxis*>(axes.first());
}

// Whether a step like 2.5·10^k needs one decimal more than its decade.
bool isQuarterStep(double step)
{
    const double mantissa = step / std::pow(10.0, std::floor(std::log10(step) + 1e-9));
    return std::abs(mantissa - 2.5) < 1e-6;
}

// Sets `axis` to [lo, hi] widened to whole ticks of a nice step {1, 2, 2.5, 5}·10^k, about
// five intervals (QValueAxis::applyNiceNumbers knows only 1, 2, 5 and may double the span).
void niceRange(QValueAxis* axis, double lo, double hi)
{
    if (!(hi > lo)) {
        axis->setRange(lo - 1, hi + 1);
        return;
    }
    static constexpr std::array<double, 4> kSteps = {1.0, 2.0, 2.5, 5.0};
    const double raw = (hi - lo) / 5;
    const double decade = std::pow(10.0, std::floor(std::log10(raw)));
    double step = 10 * decade;
    for (double m : kSteps) {
        if (m * decade >= raw * (1 - 1e-9)) {
            step = m * decade;
            break;
        }
    }
    const double min = std::floor(lo / step + 1e-9) * step;
    const double max = std::ceil(hi / step - 1e-9) * step;
    axis->setRange(min, max);
    axis->setTickType(QValueAxis::TicksFixed);
    axis->setTickCount(static_cast<int>(std::lround((max - min) / step)) + 1);
    const int decimals = std::max(0, -static_cast<int>(std::floor(std::log10(step) + 1e-9)) + (isQuarterStep(step) ? 1 : 0));
    axis->setLabelFormat(QStringLiteral("%.") + QString::number(decimals) + QStringLiteral("f"));
}

// A count axis from 0 to a little over `dataMax` (the highest bar or curve), in whole steps of
// 1, 2 or 5 × 10^k and at most six intervals, labelled without decimals. (applyNiceNumbers
// may double the span: a histogram of at most 5 drew on 0–10, its bars in the lower half.)
void countRange(QValueAxis* y, double dataMax)
{
    y->setProperty("dataMax", dataMax);
    const double top = std::isfinite(dataMax) ? std::max(1.0, dataMax * 1.05) : 1.0;
    double step = 1;
    for (double decade = 1;; decade *= 10) {
        const double candidates[] = {decade, 2 * decade, 5 * decade};
        const auto fits = std::find_if(std::begin(candidates), std::end(candidates),
                                       [top](double c) { return top / c <= 6; });
        if (fits != std::end(candidates)) {
            step = *fits;
            break;
        }
    }
    const double max = std::ceil(top / step - 1e-9) * step;
    y->setRange(0, max);
    y->setTickType(QValueAxis::TicksFixed);
    y->setTickCount(static_cast<int>(std::lround(max / step)) + 1);
    y->setLabelFormat(QStringLiteral("%.0f"));
}

void attach(QChart* chart, QAbstractSeries* series)
{
    chart->addSeries(series);
    for (auto* axis : chart->axes())
        series->attachAxis(axis);
}

QPen pen(const QColor& color, qreal width, Qt::PenStyle penStyle = Qt::SolidLine)
{
    QPen p(color, width, penStyle);
    p.setCosmetic(false);
    return p;
}

} // namespace

namespace {

FigureStyle fromColours(const Theme::ChartColours& c)
{
    FigureStyle s;
    s.text = c.text;
    s.background = c.background;
    s.grid = c.grid;
    s.bars = Theme::mix(c.background, c.series, 0.3);
    s.data = c.series;
    s.fit = c.fit;
    s.limits = c.spec;
    s.target = c.target;
    return s;
}

} // namespace

FigureStyle FigureStyle::forWidget(const QWidget* widget)
{
    FigureStyle s = fromColours(Theme::chartColours(widget->palette()));
    const QFontInfo info(widget->font());
    s.fontPx = std::max(9, info.pixelSize() - 1);
    s.titlePx = info.pixelSize() + 1;
    return s;
}

FigureStyle FigureStyle::forPrint()
{
    FigureStyle s = fromColours(Theme::printChartColours());
    s.fontPx = 7.5;
    s.titlePx = 9;
    return s;
}

QFont FigureStyle::font(bool bold) const
{
    QFont f;
    f.setPixelSize(std::max(1, qRound(fontPx)));
    f.setBold(bold);
    return f;
}

QFont FigureStyle::titleFont() const
{
    QFont f;
    f.setPixelSize(std::max(1, qRound(titlePx)));
    f.setBold(true);
    return f;
}

QChart* makeHistogramChart(const stats::Histogram& histogram, const stats::Curve* normal, const QString& title,
                           const QString& xTitle, const FigureStyle& style)
{
    QChart* chart = newChart(title, style);
    auto* x = new QValueAxis;
    auto* y = new QValueAxis;
    styleAxis(x, xTitle, style);
    styleAxis(y, tr("Frequency"), style);
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);

    QList<QPointF> outline;
    outline.reserve(static_cast<qsizetype>(histogram.counts.size() * 4));
    double yMax = 0;
    for (std::size_t i = 0; i < histogram.counts.size(); ++i) {
        const double c = static_cast<double>(histogram.counts[i]);
        outline << QPointF(histogram.edges[i], 0) << QPointF(histogram.edges[i], c)
                << QPointF(histogram.edges[i + 1], c) << QPointF(histogram.edges[i + 1], 0);
        yMax = std::max(yMax, c);
    }
    auto* upper = new QLineSeries(chart);
    upper->replace(outline);
    auto* bars = new QAreaSeries(upper);
    bars->setObjectName(QStringLiteral("bars"));
    bars->setName(tr("Times"));
    bars->setBrush(style.bars);
    bars->setPen(pen(style.text, 0.6));
    attach(chart, bars);

    niceRange(x, histogram.edges.front(), histogram.edges.back());
    countRange(y, yMax);
    if (normal && !normal->x.empty()) {
        addCurve(chart, *normal, QStringLiteral("normal"), tr("Normal fit"), style.fit, Qt::SolidLine);
    }
    return chart;
}

void addCurve(QChart* chart, const stats::Curve& curve, const QString& name, const QString& label,
              const QColor& color, Qt::PenStyle penStyle)
{
    if (curve.x.empty())
        return;
    QList<QPointF> points;
    points.reserve(static_cast<qsizetype>(curve.x.size()));
    double yMax = 0;
    for (std::size_t i = 0; i < curve.x.size(); ++i) {
        points << QPointF(curve.x[i], curve.y[i]);
        yMax = std::max(yMax, curve.y[i]);
    }
    auto* series = new QLineSeries(chart);
    series->setObjectName(name);
    series->setName(label);
    series->replace(points);
    series->setPen(pen(color, 1.6, penStyle));
    attach(chart, series);
    if (auto* x = valueAxis(chart, Qt::Horizontal))
        niceRange(x, std::min(x->min(), curve.x.front()), std::max(x->max(), curve.x.back()));
    if (auto* y = valueAxis(chart, Qt::Vertical))
        countRange(y, std::max(y->property("dataMax").toDouble(), yMax));
}

void addVerticalLine(QChart* chart, double x, const QString& name, const QString& label, const QColor& color,
                     Qt::PenStyle penStyle, const FigureStyle& style)
{
    (void)style;
    auto* xAxis = valueAxis(chart, Qt::Horizontal);
    auto* yAxis = valueAxis(chart, Qt::Vertical);
    if (!xAxis || !yAxis)
        return;
    // Room on both sides of the line, so a limit never lies on the frame of the plot.
    const double room = 0.02 * (std::max(xAxis->max(), x) - std::min(xAxis->min(), x));
    if (x - room < xAxis->min() || x + room > xAxis->max())
        niceRange(xAxis, std::min(xAxis->min(), x - room), std::max(xAxis->max(), x + room));
    auto* series = new QLineSeries(chart);
    series->setObjectName(name);
    series->setName(label);
    series->replace(QList<QPointF>{QPointF(x, 0), QPointF(x, yAxis->max())});
    series->setPen(pen(color, 1.8, penStyle));
    attach(chart, series);
}

QChart* makeProbabilityChart(const stats::ProbabilityPlot& plot, const QString& title, const QString& xTitle,
                             const FigureStyle& style)
{
    QChart* chart = newChart(title, style);
    auto* x = new QValueAxis;
    auto* y = new QCategoryAxis;
    styleAxis(x, xTitle, style);
    styleAxis(y, tr("Percent"), style);
    y->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);

    const auto& band = plot.band;
    const double zLo = band.z.front() - 0.15, zHi = band.z.back() + 0.15;
    const boost::math::normal normal;
    static constexpr std::array<double, 15> kPercents = {0.01, 0.1, 1, 5, 10, 20, 30, 50, 70, 80, 90, 95, 99, 99.9, 99.99};
    for (double percent : kPercents) {
        const double z = boost::math::quantile(normal, percent / 100);
        if (z >= zLo && z <= zHi)
            y->append(QString::number(percent), z);
    }
    y->setRange(zLo, zHi);

    QList<QPointF> points, fit, lower, upper;
    points.reserve(static_cast<qsizetype>(plot.values.size()));
    for (std::size_t i = 0; i < plot.values.size(); ++i)
        points << QPointF(plot.values[i], plot.score[i]);
    double xMin = plot.values.front(), xMax = plot.values.back();
    for (std::size_t k = 0; k < band.z.size(); ++k) {
        fit << QPointF(band.fitted[k], band.z[k]);
        lower << QPointF(band.lower[k], band.z[k]);
        upper << QPointF(band.upper[k], band.z[k]);
        xMin = std::min(xMin, band.lower[k]);
        xMax = std::max(xMax, band.upper[k]);
    }
    auto line = [&](const QString& name, const QString& label, const QList<QPointF>& pts, const QColor& color,
                    Qt::PenStyle penStyle) {
        auto* s = new QLineSeries(chart);
        s->setObjectName(name);
        s->setName(label);
        s->replace(pts);
        s->setPen(pen(color, 1.4, penStyle));
        attach(chart, s);
        return s;
    };
    line(QStringLiteral("fit"), tr("Fitted normal"), fit, style.fit, Qt::SolidLine);
    line(QStringLiteral("bandLower"), tr("%1 % confidence band").arg(plot.confidenceLevel * 100), lower, style.fit,
         Qt::DashLine);
    auto* up = line(QStringLiteral("bandUpper"), QString(), upper, style.fit, Qt::DashLine);
    auto* scatter = new QScatterSeries(chart);
    scatter->setObjectName(QStringLiteral("points"));
    scatter->setName(tr("Times"));
    scatter->setMarkerShape(QScatterSeries::MarkerShapeCircle);
    scatter->setMarkerSize(std::max(4.0, style.fontPx * 0.5));
    scatter->setColor(style.data);
    scatter->setBorderColor(style.data);
    scatter->replace(points);
    attach(chart, scatter);
    // One legend entry for the band.
    const auto markers = chart->legend()->markers(up);
    for (auto* m : markers)
        m->setVisible(false);

    niceRange(x, xMin, xMax);
    return chart;
}

void renderChart(QChart& chart, QPainter& painter, const QRectF& rect)
{
    QGraphicsScene scene;
    scene.addItem(&chart);
    chart.setPos(0, 0);
    chart.resize(rect.size());
    if (chart.layout())
        chart.layout()->activate();
    const QRectF source(QPointF(0, 0), rect.size());
    scene.setSceneRect(source);
    scene.render(&painter, rect, source, Qt::IgnoreAspectRatio);
    scene.removeItem(&chart);
}

QString formatNumber(double value, int significant)
{
    if (!std::isfinite(value))
        return QStringLiteral("*");
    return QString::number(value, 'g', significant);
}

QString formatInterval(double lower, double upper, int significant)
{
    return QStringLiteral("%1; %2").arg(formatNumber(lower, significant), formatNumber(upper, significant));
}

} // namespace gemba::ui
