// A control chart on screen: the ControlChartFigure in a QGraphicsView, laid out to the widget's
// size in its palette's colours and font. The interactive chart view (signals list, notes,
// options) is built around it; printing uses the figure (printable()), never a screen grab.
#pragma once

#include "charts/controlchartfigure.h"

#include <QGraphicsView>

#include <memory>
#include <optional>

namespace gemba::ui {

class ControlChartWidget : public QGraphicsView {
    Q_OBJECT
public:
    explicit ControlChartWidget(QWidget* parent = nullptr);
    ~ControlChartWidget() override;

    // What to draw; each call re-lays the figure out at the widget's size.
    void setAnalysis(stats::ChartAnalysis analysis);
    void setAnalysis(std::shared_ptr<const stats::ChartAnalysis> analysis);
    void setOptions(const ControlChartFigure::Options& options);
    void setNotes(const QList<ControlChartFigure::NoteMark>& notes);
    void setShowZones(bool show);

    const ControlChartFigure& figure() const { return *m_figure; }
    const Printable& printable() const { return *m_figure; }

    // The analysis point (0-based) drawn at `viewPos` (widget pixels), within a few pixels
    // horizontally on either panel; nullopt elsewhere.
    std::optional<std::size_t> pointAt(const QPoint& viewPos) const;
    // Where analysis point `point` is drawn on panel `panel` (0: I, X̄ or the attribute chart;
    // 1: MR, R or S), in widget pixels.
    std::optional<QPoint> pointPosition(int panel, std::size_t point) const;

    QSize sizeHint() const override { return {900, 560}; }

signals:
    void pointClicked(qsizetype point);     // a left click on a point
    void pointHovered(qsizetype point);     // the point under the mouse changed; -1 for none

protected:
    void resizeEvent(QResizeEvent* event) override;
    void changeEvent(QEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;

private:
    void relayout();

    std::unique_ptr<ControlChartFigure> m_figure;
    qsizetype m_hovered = -1;
};

} // namespace gemba::ui
