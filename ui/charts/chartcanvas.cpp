// A control chart on screen, drawn by ControlChartFigure (see the header).
#include "charts/chartcanvas.h"

#include "charts/chartcolours.h"
#include "charts/controlchartfigure.h"

#include <QHelpEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>

#include <algorithm>

namespace gemba::ui {

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

void ChartCanvas::setShowZones(bool show)
{
    if (show == m_showZones)
        return;
    m_showZones = show;
    updateFigure();
}

void ChartCanvas::updateFigure()
{
    m_laidOut = {};
    if (m_result && m_result->hasChart()) {
        ControlChartFigure::Options options;
        options.valueUnit = m_unit;
        options.showFooter = false;   // the view writes what is used under the chart
        options.showZones = m_showZones;
        options.compact = m_compact;
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
    ensureLaidOut();
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
    // Compact, it sits on its parent's window colours (the stopwatch's dark face).
    setBackgroundRole(compact ? QPalette::Window : QPalette::Base);
    setForegroundRole(compact ? QPalette::WindowText : QPalette::Text);
    updateFigure();
}

void ChartCanvas::ensureLaidOut() const
{
    if (m_laidOut == size())
        return;
    QPalette colours = palette();
    if (m_compact) {
        // The plot on the window's own colours, not a Base-coloured box on the stopwatch's face.
        colours.setColor(QPalette::Base, palette().color(QPalette::Window));
        colours.setColor(QPalette::Text, palette().color(QPalette::WindowText));
    }
    m_figure->setColours(ChartColours::fromPalette(colours));
    m_figure->setFontSize(std::max(9.0, font().pointSizeF() * 1.1));
    m_figure->layout(QSizeF(size()), devicePixelRatioF());
    m_laidOut = size();
}

QPointF ChartCanvas::pointPosition(int point) const
{
    if (!m_result || !m_result->hasChart() || point < 0)
        return {};
    ensureLaidOut();
    const auto at = m_figure->pointPosition(0, static_cast<std::size_t>(point));
    return at ? *at : QPointF();
}

int ChartCanvas::pointAt(const QPoint& pos) const
{
    if (!m_result || !m_result->hasChart() || m_result->analysis.pointCount == 0)
        return -1;
    ensureLaidOut();
    // Within half the spacing of the points, so a click between two takes the nearer.
    const QRectF plot = m_figure->plotArea(0);
    const double half = plot.width() / static_cast<double>(m_result->analysis.pointCount) / 2;
    const auto point = m_figure->pointAt(QPointF(pos), std::max(6.0, half));
    return point ? static_cast<int>(*point) : -1;
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
    paintFigure(p);
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
