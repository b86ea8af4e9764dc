// A plain drawing of a control chart analysis for the control chart view and the live chart
// while timing: the panels (I above MR, X̄ above R or S), center and limit lines per point,
// stage and lock boundaries, signals marked by shape, colour and the lowest test number,
// excluded points hollow, numbered note marks and a point cursor. It stands where the
// Qt Charts figure (ui/charts/controlchartfigure) will go, with the same role: it draws what
// core computed and says which point is under the mouse; it computes nothing.
#pragma once

#include "charts/chartcomputation.h"

#include <QWidget>

#include <functional>
#include <map>
#include <memory>

namespace gemba::ui {

class ChartCanvas : public QWidget {
    Q_OBJECT
public:
    explicit ChartCanvas(QWidget* parent = nullptr);

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
    QRectF panelRect(int panel) const;
    double xOf(const QRectF& plot, std::size_t point) const;
    void paintPanel(QPainter& p, const QRectF& plot, const stats::ControlChart& chart, bool first) const;

    std::shared_ptr<const ChartResult> m_result;
    std::map<std::size_t, int> m_noteMarks;
    int m_cursor = -1;
    bool m_compact = false;
    QString m_unit = QStringLiteral("s");
    QString m_placeholder;
    std::function<QString(int)> m_toolTipText;
};

} // namespace gemba::ui
