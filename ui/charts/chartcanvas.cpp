// A plain drawing of a control chart analysis (see the header).
#include "charts/chartcanvas.h"

#include "charts/chartcolours.h"
#include "charts/controlchartfigure.h"
#include "charts/signaltext.h"

#include <QHelpEvent>
#include <QLocale>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QToolTip>

#include <algorithm>
#include <cmath>
#include <limits>

namespace gemba::ui {
namespace {

constexpr double kLeft = 64, kRight = 96, kTop = 22, kBottom = 30, kGap = 36;

// Signals in a colour that reads on the window and differs from the series in shape too.
QColor signalColour(const QColor& background)
{
    return background.lightness() < 128 ? QColor(0xff, 0x7a, 0x6e) : QColor(0xc6, 0x28, 0x28);
}

QColor limitColour(const QColor& background)
{
    return background.lightness() < 128 ? QColor(0xff, 0xa0, 0x60) : QColor(0xb0, 0x50, 0x10);
}

QString number(double v) { return QLocale().toString(v, 'g', 4); }

} // namespace

ChartCanvas::ChartCanvas(QWidget* parent) : QWidget(parent), m_figure(std::make_unique<ControlChartFigure>())
{
    setObjectName(QStringLiteral("chartCanvas"));
    setMouseTracking(true);
    setBackgroundRole(QPalette::Base);
    setForegroundRole(QPalette::Text);
    setAutoFillBackground(true);
}

ChartCanvas::~ChartCanvas() = default;

void ChartCanvas::setResult(std::shared_ptr<const ChartResult> result)
{
    m_result = std::move(result);
    if (!m_result || m_cursor >= static_cast<int>(m_result->analysis.pointCount))
        m_cursor = -1;
    updateFigure();
}

void ChartCanvas::setNoteMarks(std::map<std::size_t, int> marks)
{
    m_noteMarks = std::move(marks);
    updateFigure();
}

void ChartCanvas::updateFigure()
{
    m_laidOut = {};
    if (m_figure && m_result && m_result->hasChart()) {
        ControlChartFigure::Options options;
        options.valueUnit = m_unit;
        options.showFooter = false;   // the view writes what is used under the chart
        options.stageStarts = m_result->stageStarts;
        m_figure->setOptions(options);
        // Shares the result's analysis (aliasing): no copy of a long series.
        m_figure->setAnalysis(std::shared_ptr<const stats::ChartAnalysis>(m_result, &m_result->analysis));
        QList<ControlChartFigure::NoteMark> marks;
        for (const auto& [point, number] : m_noteMarks)
            marks.append({point, number});
        m_figure->setNotes(marks);
    }
    update();
}

void ChartCanvas::paintFigure(QPainter& p)
{
    if (m_laidOut != size()) {
        m_figure->setColours(ChartColours::fromPalette(palette()));
        m_figure->setFontSize(std::max(9.0, font().pointSizeF() * 1.1));
        m_figure->layout(QSizeF(size()), devicePixelRatioF());
        m_laidOut = size();
    }
    m_figure->render(p, QRectF(rect()));
    if (m_cursor < 0)
        return;
    // The cursor: a ring on the point in each panel and a band across the first.
    const QColor h = palette().color(QPalette::Highlight);
    p.setBrush(Qt::NoBrush);
    for (int panel = 0; panel < m_figure->panelCount(); ++panel) {
        const auto at = m_figure->pointPosition(panel, static_cast<std::size_t>(m_cursor));
        const QRectF plot = m_figure->plotArea(panel);
        if (!at)
            continue;
        QColor band = h;
        band.setAlpha(50);
        p.setPen(QPen(band, 8));
        p.drawLine(QPointF(at->x(), plot.top()), QPointF(at->x(), plot.bottom()));
        p.setPen(QPen(h, 2));
        p.drawEllipse(*at, 8, 8);
    }
}

void ChartCanvas::setCursorPoint(int point)
{
    m_cursor = point;
    update();
}

void ChartCanvas::setCompact(bool compact)
{
    m_compact = compact;
    m_figure.reset();   // the live chart is drawn by hand
    // Compact, it sits on its parent's window colours (the stopwatch's dark face).
    setBackgroundRole(compact ? QPalette::Window : QPalette::Base);
    setForegroundRole(compact ? QPalette::WindowText : QPalette::Text);
    update();
}

QRectF ChartCanvas::panelRect(int panel) const
{
    const QRectF all = m_compact ? QRectF(rect()).adjusted(4, 4, -4, -4)
                                 : QRectF(rect()).adjusted(kLeft, kTop, -kRight, -kBottom);
    const std::size_t panels = m_result && !m_compact ? m_result->analysis.charts.size() : 1;
    if (panels <= 1)
        return all;
    // The first panel (I, X̄) is the one read most: it gets 60 % of the height.
    const double firstHeight = (all.height() - kGap) * 0.6;
    if (panel == 0)
        return {all.left(), all.top(), all.width(), firstHeight};
    return {all.left(), all.top() + firstHeight + kGap, all.width(), all.height() - firstHeight - kGap};
}

double ChartCanvas::xOf(const QRectF& plot, std::size_t point) const
{
    const std::size_t n = m_result ? m_result->analysis.pointCount : 0;
    if (n <= 1)
        return plot.center().x();
    const double step = plot.width() / static_cast<double>(n);
    return plot.left() + step * (static_cast<double>(point) + 0.5);
}

QPointF ChartCanvas::pointPosition(int point) const
{
    if (!m_result || !m_result->hasChart() || point < 0)
        return {};
    if (m_figure && m_laidOut == size()) {
        const auto at = m_figure->pointPosition(0, static_cast<std::size_t>(point));
        return at ? *at : QPointF();
    }
    const auto& chart = m_result->analysis.charts.front();
    const long i = ChartResult::valueIndex(chart, static_cast<std::size_t>(point));
    const QRectF plot = panelRect(0);
    if (i < 0)
        return {xOf(plot, static_cast<std::size_t>(point)), plot.center().y()};
    // The same scale as paintPanel.
    double lo = std::numeric_limits<double>::infinity(), hi = -lo;
    for (std::size_t j = 0; j < chart.size(); ++j)
        for (double v : {chart.values[j], chart.lcl.at(j), chart.ucl.at(j)})
            if (std::isfinite(v)) {
                lo = std::min(lo, v);
                hi = std::max(hi, v);
            }
    if (!(hi > lo)) {
        lo -= 1;
        hi += 1;
    }
    const double pad = (hi - lo) * 0.08;
    lo -= pad;
    hi += pad;
    const double v = chart.values[static_cast<std::size_t>(i)];
    return {xOf(plot, static_cast<std::size_t>(point)), plot.bottom() - (v - lo) / (hi - lo) * plot.height()};
}

int ChartCanvas::pointAt(const QPoint& pos) const
{
    if (!m_result || !m_result->hasChart() || m_result->analysis.pointCount == 0)
        return -1;
    if (m_figure && m_laidOut == size()) {
        // Within half the spacing of the points, so a click between two takes the nearer.
        const QRectF plot = m_figure->plotArea(0);
        const double half = plot.width() / static_cast<double>(m_result->analysis.pointCount) / 2;
        const auto point = m_figure->pointAt(QPointF(pos), std::max(6.0, half));
        return point ? static_cast<int>(*point) : -1;
    }
    const QRectF plot = panelRect(0);
    if (pos.x() < plot.left() - 6 || pos.x() > plot.right() + 6)
        return -1;
    const double step = plot.width() / static_cast<double>(m_result->analysis.pointCount);
    const long point = std::lround(std::floor((pos.x() - plot.left()) / step));
    return static_cast<int>(std::clamp<long>(point, 0, static_cast<long>(m_result->analysis.pointCount) - 1));
}

void ChartCanvas::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    if (!m_result || !m_result->hasChart()) {
        p.setPen(palette().color(QPalette::PlaceholderText));
        p.drawText(QRectF(rect()).adjusted(40, 40, -40, -40), Qt::AlignCenter | Qt::TextWordWrap, m_placeholder);
        return;
    }
    if (m_figure) {
        paintFigure(p);
        return;
    }
    const auto& charts = m_result->analysis.charts;
    const std::size_t panels = m_compact ? 1 : charts.size();
    for (std::size_t c = 0; c < panels; ++c)
        paintPanel(p, panelRect(static_cast<int>(c)), charts[c], c == 0);
}

void ChartCanvas::paintPanel(QPainter& p, const QRectF& plot, const stats::ControlChart& chart, bool first) const
{
    const QPalette& pal = palette();
    const QColor background = pal.color(backgroundRole());
    const QColor text = pal.color(foregroundRole());
    const QColor faint = pal.color(QPalette::Mid);
    const QColor signal = signalColour(background);
    const QColor limits = limitColour(background);
    const std::size_t n = m_result->analysis.pointCount;

    double lo = std::numeric_limits<double>::infinity(), hi = -lo;
    for (std::size_t j = 0; j < chart.size(); ++j)
        for (double v : {chart.values[j], chart.lcl.at(j), chart.ucl.at(j)})
            if (std::isfinite(v)) {
                lo = std::min(lo, v);
                hi = std::max(hi, v);
            }
    if (!(hi > lo)) {
        lo -= 1;
        hi += 1;
    }
    const double pad = (hi - lo) * 0.08;
    lo -= pad;
    hi += pad;
    auto yOf = [&](double v) { return plot.bottom() - (v - lo) / (hi - lo) * plot.height(); };
    const double step = n > 0 ? plot.width() / static_cast<double>(n) : plot.width();

    p.setPen(QPen(faint, 1));
    p.setBrush(Qt::NoBrush);
    p.drawRect(plot);

    // Stage boundaries (dashed) and the end of locked phase I (dotted).
    for (std::size_t start : m_result->stageStarts) {
        const double x = plot.left() + step * static_cast<double>(start);
        p.setPen(QPen(text, 1, Qt::DashLine));
        p.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()));
    }
    if (m_result->lockedAfter) {
        const double x = plot.left() + step * static_cast<double>(*m_result->lockedAfter + 1);
        p.setPen(QPen(text, 1, Qt::DotLine));
        p.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()));
        if (first && !m_compact)
            p.drawText(QPointF(x + 3, plot.top() + 12), tr("locked limits"));
    }

    // Center and limits, stair-stepped per point where they vary.
    auto drawLine = [&](const stats::Line& line, const QPen& pen) {
        p.setPen(pen);
        for (std::size_t j = 0; j < chart.size(); ++j) {
            const double v = line.at(j);
            if (!std::isfinite(v))
                continue;
            const std::size_t point = j + chart.firstObservation;
            const double x0 = plot.left() + step * static_cast<double>(point);
            p.drawLine(QPointF(x0, yOf(v)), QPointF(x0 + step, yOf(v)));
        }
    };
    drawLine(chart.centerLine, QPen(text, 1));
    drawLine(chart.ucl, QPen(limits, 1.4, Qt::DashLine));
    drawLine(chart.lcl, QPen(limits, 1.4, Qt::DashLine));
    if (!m_compact && chart.size() > 0) {
        const std::size_t last = chart.size() - 1;
        p.setPen(text);
        const QFontMetricsF fm(font());
        for (auto [name, value] : {std::pair{tr("UCL"), chart.ucl.at(last)}, std::pair{tr("CL"), chart.centerLine.at(last)},
                                   std::pair{tr("LCL"), chart.lcl.at(last)}})
            if (std::isfinite(value))
                p.drawText(QPointF(plot.right() + 4, yOf(value) + fm.ascent() / 2 - 1),
                           QStringLiteral("%1 %2").arg(name, number(value)));
        // The y axis: its ends and the unit.
        p.setPen(faint.darker(150));
        const QString top = number(hi), bottom = number(lo);
        p.drawText(QRectF(0, plot.top() - 8, kLeft - 6, 16), Qt::AlignRight | Qt::AlignVCenter, top);
        p.drawText(QRectF(0, plot.bottom() - 8, kLeft - 6, 16), Qt::AlignRight | Qt::AlignVCenter, bottom);
        p.save();
        p.translate(12, plot.center().y());
        p.rotate(-90);
        p.setPen(text);
        p.drawText(QRectF(-plot.height() / 2, -10, plot.height(), 20), Qt::AlignCenter,
                   QStringLiteral("%1 (%2)").arg(signaltext::chartTitle(chart.name), m_unit));
        p.restore();
    }

    // The series, then the markers over it.
    p.setPen(QPen(text, 1));
    QPainterPath path;
    bool open = false;
    for (std::size_t j = 0; j < chart.size(); ++j) {
        const double v = chart.values[j];
        if (!std::isfinite(v)) {
            open = false;
            continue;
        }
        const QPointF at(xOf(plot, j + chart.firstObservation), yOf(v));
        if (open)
            path.lineTo(at);
        else
            path.moveTo(at);
        open = true;
    }
    p.drawPath(path);

    const double r = m_compact ? 2.5 : 3.5;
    const auto& excluded = m_result->analysis.flags.excluded;
    for (std::size_t j = 0; j < chart.size(); ++j) {
        const double v = chart.values[j];
        if (!std::isfinite(v))
            continue;
        const std::size_t point = j + chart.firstObservation;
        const QPointF at(xOf(plot, point), yOf(v));
        const bool isExcluded = point < excluded.size() && excluded[point];
        const int test = signaltext::lowestTest(chart.tests[j]);
        if (test > 0) {
            // A signal: a square in the signal colour with its lowest test's number, so a
            // black-and-white print still shows it.
            p.setPen(QPen(signal, 1.5));
            p.setBrush(isExcluded ? QBrush(Qt::NoBrush) : QBrush(signal));
            p.drawRect(QRectF(at.x() - r - 0.5, at.y() - r - 0.5, 2 * r + 1, 2 * r + 1));
            if (!m_compact) {
                p.setPen(signal);
                p.drawText(QPointF(at.x() + r + 2, at.y() - r - 1), QString::number(test));
            }
        } else {
            p.setPen(QPen(text, 1.2));
            p.setBrush(isExcluded ? QBrush(background) : QBrush(text));
            p.drawEllipse(at, r, r);
        }
        if (first && !m_compact) {
            if (const auto mark = m_noteMarks.find(point); mark != m_noteMarks.end()) {
                // A numbered note mark above the plot, over its point.
                const QRectF box(at.x() - 8, plot.top() - kTop + 2, 16, 16);
                p.setPen(QPen(text, 1));
                p.setBrush(pal.color(QPalette::ToolTipBase));
                p.drawRect(box);
                p.setPen(pal.color(QPalette::ToolTipText));
                p.drawText(box, Qt::AlignCenter, QString::number(mark->second));
                p.setPen(QPen(faint, 1, Qt::DotLine));
                p.drawLine(QPointF(at.x(), box.bottom()), QPointF(at.x(), at.y() - r));
            }
        }
    }

    if (m_cursor >= 0 && !m_compact) {
        const double x = xOf(plot, static_cast<std::size_t>(m_cursor));
        QColor h = pal.color(QPalette::Highlight);
        p.setPen(QPen(h, 2));
        p.setBrush(Qt::NoBrush);
        const long i = ChartResult::valueIndex(chart, static_cast<std::size_t>(m_cursor));
        if (i >= 0 && std::isfinite(chart.values[static_cast<std::size_t>(i)]))
            p.drawEllipse(QPointF(x, yOf(chart.values[static_cast<std::size_t>(i)])), r + 4, r + 4);
        h.setAlpha(60);
        p.setPen(QPen(h, std::max(2.0, step * 0.6)));
        p.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()));
    }

    // Point labels under the last panel: about one per 60 pixels.
    if (!m_compact && &chart == &m_result->analysis.charts.back() && n > 0) {
        p.setPen(faint.darker(150));
        const std::size_t every = std::max<std::size_t>(1, static_cast<std::size_t>(std::ceil(60.0 / step)));
        for (std::size_t point = 0; point < n; point += every) {
            const QString label = point < m_result->pointLabels.size()
                                      ? QString::fromStdString(m_result->pointLabels[point])
                                      : QString::number(point + 1);
            p.drawText(QRectF(xOf(plot, point) - 30, plot.bottom() + 2, 60, 16), Qt::AlignHCenter | Qt::AlignTop, label);
        }
    }
}

void ChartCanvas::mousePressEvent(QMouseEvent* event)
{
    const int point = pointAt(event->position().toPoint());
    if (point >= 0 && event->button() == Qt::LeftButton) {
        m_cursor = point;
        update();
        emit pointClicked(point);
    }
    QWidget::mousePressEvent(event);
}

bool ChartCanvas::event(QEvent* event)
{
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::FontChange)
        m_laidOut = {};   // the figure's colours and font follow the widget's
    if (event->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(event);
        const int point = pointAt(help->pos());
        if (point >= 0 && m_toolTipText)
            QToolTip::showText(help->globalPos(), m_toolTipText(point), this);
        else
            QToolTip::hideText();
        return true;
    }
    return QWidget::event(event);
}

} // namespace gemba::ui
