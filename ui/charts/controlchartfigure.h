// The figure of a control chart analysis, drawn with Qt Charts into a QGraphicsScene: both panels
// of a pair (I above MR, X̄ above R or S) on one x axis, or one attribute chart; rendered
// offscreen into any QPainter, so print, PDF, SVG and PNG show exactly what core computed.
//
// What is drawn (Minitab's layout, "Control Charts > Display options"):
//  - the points joined by a line; the center line, UCL and LCL as stair steps where they vary
//    from point to point (unequal sizes, stages); optional 1σ and 2σ zone lines;
//  - stage and phase boundaries as vertical lines, each stage with its own limits;
//  - excluded points hollow; a point that fails a test as a triangle in the signal colour with
//    the number of its lowest failed test beside it (shape and number survive black-and-white
//    print); numbered marks above the points that carry a signal note;
//  - the last point's limits labelled at the right edge (UCL=…, X̄=…, LCL=…);
//  - under the chart, what was used: tests, σ method and k.
// Long series are decimated (stats::decimateMinMax) to about one min/max pair per device pixel
// column, rebuilt at each layout(); every point with a marker is kept. Series are filled with
// replace() of a whole QList, never append(), and never use OpenGL (it vanishes from print).
// A dense series (more points than device pixel columns) is drawn by the figure, not by Qt
// Charts (which strokes thousands of antialiased segments one by one): on raster devices (PNG,
// screen) as one vertical span per pixel column from the lowest to the highest value of every
// point in it, without antialiasing, and its markers stamped from one pre-drawn image; on
// vector devices (PDF, SVG, print) as the exact decimated polyline. Either way the center line,
// limits and zones are drawn again over the dense band and its markers so they cannot hide them.
#pragma once

#include "charts/chartcolours.h"
#include "report/printable.h"
#include "stats/controlchart.h"

#include <QList>
#include <QPointF>
#include <QSizeF>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>
#include <vector>

class QGraphicsScene;
class QGraphicsSimpleTextItem;
class QXYSeries;
class QChart;

namespace gemba::ui {

class PanelOverlay;

class ControlChartFigure : public Printable {
public:
    struct Options {
        QString title;                  // above the panels; empty: no title line
        QString valueUnit;              // "s" gives "Individual value (s)"; empty: no unit
        QString pointName;              // the x axis title; empty: "Observation", "Subgroup" or "Sample"
        bool showZones = false;         // 1σ and 2σ lines about the center
        bool showFooter = true;         // tests, σ method and k under the chart
        // The live chart beside the stopwatch: the first panel only, no title, footer, tick
        // labels, axis titles or limit labels (a few lines on a small face).
        bool compact = false;
        // Analysis point indexes where a new stage begins (phase changes are boundaries anyway).
        std::vector<std::size_t> stageStarts;
        QStringList stageNames;         // optional: one per stage, shown at the top of each stage
    };

    // A signal note's mark: `number` drawn above analysis point `point` (0-based).
    struct NoteMark {
        std::size_t point = 0;
        int number = 0;
    };

    // The series of a panel, by role (for tests and for the view's hit testing).
    enum class Role {
        Data,              // the line through all points (decimated)
        Points,            // in-control markers (only when there is room for them)
        Signals,           // points failing a test (filled triangles)
        Excluded,          // excluded points (hollow circles)
        ExcludedSignals,   // excluded and failing (hollow triangles)
        Center, Ucl, Lcl,
        ZonePlus1, ZonePlus2, ZoneMinus1, ZoneMinus2,
    };

    // A label drawn over a panel: test numbers, note numbers, limit labels.
    struct Label {
        QPointF anchor;            // scene position of what it labels
        QString text;
        std::size_t point = 0;     // the analysis point (test and note labels)
    };

    ControlChartFigure();
    ~ControlChartFigure() override;
    ControlChartFigure(const ControlChartFigure&) = delete;
    ControlChartFigure& operator=(const ControlChartFigure&) = delete;

    void setAnalysis(stats::ChartAnalysis analysis);
    void setAnalysis(std::shared_ptr<const stats::ChartAnalysis> analysis);
    const stats::ChartAnalysis* analysis() const { return m_analysis.get(); }
    void setOptions(const Options& options);
    const Options& options() const { return m_options; }
    void setNotes(const QList<NoteMark>& notes);
    const QList<NoteMark>& notes() const { return m_notes; }
    void setColours(const ChartColours& colours);
    const ChartColours& colours() const { return m_colours; }
    // Height of the tick labels' font in scene units (pixels on screen, points in print);
    // titles and labels are sized from it.
    void setFontSize(qreal size);
    qreal fontSize() const { return m_fontSize; }

    // Lays the figure out to fill `size` scene units and rebuilds the series for it;
    // `devicePixelsPerUnit` sets how finely long series are kept (one min/max pair per device
    // pixel column). Call it after any setter and whenever the size changes.
    void layout(const QSizeF& size, qreal devicePixelsPerUnit = 1);
    QSizeF size() const { return m_size; }
    // Paints the laid-out figure into `target` of `painter`.
    void render(QPainter& painter, const QRectF& target);

    QGraphicsScene* scene() const { return m_scene.get(); }
    int panelCount() const;
    QChart* panel(int index) const;
    QRectF plotArea(int panel) const;   // in scene coordinates
    QXYSeries* series(int panel, Role role) const;
    // The points (x = 1-based point number, y = value) given a marker of `role` (Points, Signals,
    // Excluded, ExcludedSignals). Up to 1,500 of a role are the role's QScatterSeries; beyond
    // that the series stays empty and the figure paints them itself (Qt Charts makes one item
    // per marker, far too slow for a long series with many signals).
    QList<QPointF> markers(int panel, Role role) const;
    QList<Label> testLabels(int panel) const;    // "1", "5", … beside failing points
    QList<Label> limitLabels(int panel) const;   // "UCL=…", "X̄=…", "LCL=…"
    QList<Label> noteLabels(int panel) const;
    QString footerText() const;
    // The analysis point nearest to `scenePos` on the panel under it, if one is drawn within
    // `tolerance` scene units horizontally; nullopt over margins or empty space.
    std::optional<std::size_t> pointAt(const QPointF& scenePos, qreal tolerance = 6) const;
    // The scene position of analysis point `point` on panel `panel` (nullopt where the panel has
    // no value for it, e.g. the first point of an MR chart).
    std::optional<QPointF> pointPosition(int panel, std::size_t point) const;

    // Printable: one page, drawn for white paper whatever the screen's theme.
    QString printTitle() const override;
    int pageCount(const QSizeF& pageSize) const override;
    void paintPage(QPainter& painter, const QRectF& rect, int page) const override;

private:
    friend class PanelOverlay;
    struct Panel;
    void rebuild();
    void buildPanel(Panel& panel, const stats::ControlChart& chart, bool bottom);
    void applyStyle();
    std::vector<std::size_t> stageBoundaries() const;

    std::shared_ptr<const stats::ChartAnalysis> m_analysis;
    Options m_options;
    QList<NoteMark> m_notes;
    ChartColours m_colours;
    qreal m_fontSize = 11;
    QSizeF m_size;
    qreal m_pixelsPerUnit = 1;
    bool m_dense = false;   // no room for a marker on every point
    std::unique_ptr<QGraphicsScene> m_scene;
    std::vector<std::unique_ptr<Panel>> m_panels;
    QGraphicsSimpleTextItem* m_title = nullptr;
    QGraphicsSimpleTextItem* m_footer = nullptr;
};

} // namespace gemba::ui
