// The control chart on screen, for the control chart view and the live chart while timing: the
// Qt Charts figure (ControlChartFigure: panels, stair-step limits, stages, signals by shape,
// colour and test number, hollow exclusions, numbered notes), laid out to the widget, with the
// point cursor over it, the point under the mouse for clicks and tooltips. The compact live
// chart beside the stopwatch is the same figure with Options::compact (first panel only, no
// axis text) on the stopwatch's window colours. It draws what core computed; it computes nothing.
#pragma once

#include "charts/chartcomputation.h"

#include <QWidget>

#include <functional>
#include <map>
#include <memory>

namespace gemba::ui {

class ControlChartFigure;

class ChartCanvas : public QWidget {
    Q_OBJECT
public:
    explicit ChartCanvas(QWidget* parent = nullptr);
    ~ChartCanvas() override;
    ControlChartFigure* figure() const { return m_figure.get(); }

    void setResult(std::shared_ptr<const ChartResult> result);
    const ChartResult* result() const { return m_result.get(); }
    // Note marks: point index -> the note's number as the side list shows it.
    void setNoteMarks(std::map<std::size_t, int> marks);
    const std::map<std::size_t, int>& noteMarks() const { return m_noteMarks; }
    void setCursorPoint(int point);   // -1: none
    int cursorPoint() const { return m_cursor; }
    // Only the first panel, no axis text: the live chart beside the stopwatch.
    void setCompact(bool compact);
    void setUnit(const QString& unit) { m_unit = unit; update(); }
    // The 1σ and 2σ zone lines about the center (ControlChartFigure::Options::showZones).
    void setShowZones(bool show);
    bool showZones() const { return m_showZones; }
    // What the canvas says, centred, when there is no chart (why not).
    void setPlaceholderText(const QString& text) { m_placeholder = text; update(); }
    // What the tooltip over a point says (the view words it; signaltext.h).
    void setToolTipText(std::function<QString(int point)> text) { m_toolTipText = std::move(text); }

    // The analysis point drawn nearest to `pos` (within a few pixels across), or -1.
    int pointAt(const QPoint& pos) const;
    // Where point `point` is drawn on the first panel, for tests and the tooltip.
    QPointF pointPosition(int point) const;

    QSize sizeHint() const override { return {640, 420}; }
    QSize minimumSizeHint() const override { return {200, 120}; }

signals:
    void pointClicked(int point);

protected:
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    bool event(QEvent* event) override;

private:
    // Lays the figure out for the widget's size, palette and font when any of them changed.
    void ensureLaidOut() const;
    void paintFigure(QPainter& p);
    void updateFigure();

    std::shared_ptr<const ChartResult> m_result;
    std::map<std::size_t, int> m_noteMarks;
    int m_cursor = -1;
    bool m_compact = false;
    bool m_showZones = false;
    QString m_unit = QStringLiteral("s");
    QString m_placeholder;
    std::function<QString(int)> m_toolTipText;
    std::unique_ptr<ControlChartFigure> m_figure;
    mutable QSize m_laidOut;   // the size the figure was laid out for; empty: lay it out again
};

} // namespace gemba::ui
