// A control chart on screen (see controlchartwidget.h).
#include "charts/controlchartwidget.h"

#include <QEvent>
#include <QFontInfo>
#include <QMouseEvent>
#include <QWindow>

namespace gemba::ui {

ControlChartWidget::ControlChartWidget(QWidget* parent)
    : QGraphicsView(parent), m_figure(std::make_unique<ControlChartFigure>())
{
    setScene(m_figure->scene());
    setFrameShape(QFrame::NoFrame);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
    setAlignment(Qt::AlignLeft | Qt::AlignTop);
    setMouseTracking(true);
    m_figure->setColours(ChartColours::fromPalette(palette()));
    m_figure->setFontSize(QFontInfo(font()).pixelSize());
}

ControlChartWidget::~ControlChartWidget()
{
    setScene(nullptr);
}

void ControlChartWidget::setAnalysis(stats::ChartAnalysis analysis)
{
    m_figure->setAnalysis(std::move(analysis));
    relayout();
}

void ControlChartWidget::setAnalysis(std::shared_ptr<const stats::ChartAnalysis> analysis)
{
    m_figure->setAnalysis(std::move(analysis));
    relayout();
}

void ControlChartWidget::setOptions(const ControlChartFigure::Options& options)
{
    m_figure->setOptions(options);
    relayout();
}

void ControlChartWidget::setNotes(const QList<ControlChartFigure::NoteMark>& notes)
{
    m_figure->setNotes(notes);
    relayout();
}

void ControlChartWidget::setShowZones(bool show)
{
    auto options = m_figure->options();
    options.showZones = show;
    setOptions(options);
}

std::optional<std::size_t> ControlChartWidget::pointAt(const QPoint& viewPos) const
{
    return m_figure->pointAt(mapToScene(viewPos), 6);
}

std::optional<QPoint> ControlChartWidget::pointPosition(int panel, std::size_t point) const
{
    const auto at = m_figure->pointPosition(panel, point);
    if (!at)
        return std::nullopt;
    return mapFromScene(*at);
}

void ControlChartWidget::relayout()
{
    const QSize size = viewport()->size();
    if (size.isEmpty())
        return;
    m_figure->layout(QSizeF(size), devicePixelRatioF());
    setSceneRect(QRectF(QPointF(0, 0), QSizeF(size)));
    viewport()->update();
}

void ControlChartWidget::resizeEvent(QResizeEvent* event)
{
    QGraphicsView::resizeEvent(event);
    relayout();
}

void ControlChartWidget::changeEvent(QEvent* event)
{
    QGraphicsView::changeEvent(event);
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::StyleChange) {
        m_figure->setColours(ChartColours::fromPalette(palette()));
        relayout();
    } else if (event->type() == QEvent::FontChange) {
        m_figure->setFontSize(QFontInfo(font()).pixelSize());
        relayout();
    }
}

void ControlChartWidget::mousePressEvent(QMouseEvent* event)
{
    if (event->button() == Qt::LeftButton)
        if (const auto point = pointAt(event->position().toPoint())) {
            emit pointClicked(static_cast<qsizetype>(*point));
            event->accept();
            return;
        }
    QGraphicsView::mousePressEvent(event);
}

void ControlChartWidget::mouseMoveEvent(QMouseEvent* event)
{
    const auto point = pointAt(event->position().toPoint());
    const qsizetype hovered = point ? static_cast<qsizetype>(*point) : -1;
    if (hovered != m_hovered) {
        m_hovered = hovered;
        emit pointHovered(hovered);
    }
    QGraphicsView::mouseMoveEvent(event);
}

} // namespace gemba::ui
