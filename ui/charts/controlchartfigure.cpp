// The figure of a control chart analysis, drawn with Qt Charts (see controlchartfigure.h).
#include "charts/controlchartfigure.h"

#include "stats/decimate.h"
#include "stats/sigmaestimator.h"

#include <QCoreApplication>
#include <QFontMetricsF>
#include <QGraphicsItem>
#include <QGraphicsLayout>
#include <QGraphicsScene>
#include <QGraphicsSimpleTextItem>
#include <QLocale>
#include <QPaintEngine>
#include <QPainter>
#include <QPainterPath>
#include <QtCharts/QChart>
#include <QtCharts/QLineSeries>
#include <QtCharts/QScatterSeries>
#include <QtCharts/QValueAxis>

#include <algorithm>
#include <cmath>
#include <limits>

namespace gemba::ui {
namespace {

QString tr(const char* text) { return QCoreApplication::translate("ControlChartFigure", text); }

constexpr int kRoleCount = static_cast<int>(ControlChartFigure::Role::ZoneMinus2) + 1;

// Qt Charts 6.4 makes one QGraphicsItem per scatter marker and restyles them all on every
// update: beyond a few thousand markers (a million points with 3 % flagged by run tests) that
// alone costs seconds. Past this many, a role's markers are painted by the panel's overlay in
// one path instead, looking the same; the series is left empty.
constexpr qsizetype kSeriesMarkerLimit = 1500;


// A "nice" tick step (1, 2 or 5 times a power of ten) giving about `target` ticks over `range`.
double niceStep(double range, double target)
{
    if (!(range > 0) || !(target > 0))
        return 1;
    const double raw = range / target;
    const double mag = std::pow(10.0, std::floor(std::log10(raw)));
    const double r = raw / mag;
    return (r < 1.5 ? 1 : r < 3 ? 2 : r < 7 ? 5 : 10) * mag;
}

int decimalsFor(double step) { return std::max(0, static_cast<int>(-std::floor(std::log10(step) + 1e-9))); }

// A limit's value as the label shows it: 5 significant digits at least, enough decimals for
// the tick step, like Minitab's "UCL=74.01437".
QString limitText(double v, int tickDecimals)
{
    if (!std::isfinite(v))
        return QStringLiteral("*");
    if (v == 0)
        return QStringLiteral("0");
    const int magnitude = static_cast<int>(std::floor(std::log10(std::fabs(v))));
    const int decimals = std::clamp(std::max(tickDecimals + 2, 4 - magnitude), 0, 10);
    QString s = QLocale::c().toString(v, 'f', decimals);
    if (s.contains(QLatin1Char('.'))) {
        while (s.endsWith(QLatin1Char('0')))
            s.chop(1);
        if (s.endsWith(QLatin1Char('.')))
            s.chop(1);
    }
    return s;
}

// The center line's symbol at the right edge, as Minitab writes it.
QString centerSymbol(const std::string& name)
{
    static const QChar bar(0x0304), doubleBar(0x033F);
    if (name == "i")
        return QStringLiteral("X") + bar;
    if (name == "xbar")
        return QStringLiteral("X") + doubleBar;
    if (name == "mr")
        return QStringLiteral("MR") + bar;
    if (name == "np")
        return QStringLiteral("NP") + bar;
    return QString::fromStdString(name).toUpper() + bar;
}

QString valueTitle(const std::string& name)
{
    if (name == "i")
        return tr("Individual value");
    if (name == "mr")
        return tr("Moving range");
    if (name == "xbar")
        return tr("Sample mean");
    if (name == "r")
        return tr("Sample range");
    if (name == "s")
        return tr("Sample StDev");
    if (name == "p")
        return tr("Proportion");
    if (name == "np")
        return tr("Defectives");
    if (name == "c")
        return tr("Defects");
    if (name == "u")
        return tr("Defects per unit");
    return QString::fromStdString(name);
}

bool isVariablesChart(const std::string& name)
{
    return name == "i" || name == "mr" || name == "xbar" || name == "r" || name == "s";
}

int lowestTest(std::uint16_t mask)
{
    for (int t = 1; t <= stats::kTestCount; ++t)
        if (mask & (1u << (t - 1)))
            return t;
    return 0;
}

QFont pixelFont(qreal size, bool bold = false)
{
    QFont f;
    f.setPixelSize(std::max(1, static_cast<int>(std::lround(size))));
    f.setBold(bold);
    return f;
}

// A stair-step polyline of a per-point line over points at x = firstX, firstX+1, ...: each
// point's value spans [x-0.5, x+0.5]. Runs of equal values make one step. When there are more
// steps than the plot has room for, it is decimated like the data (min/max per column).
QList<QPointF> stairLine(const stats::Line& line, std::size_t count, double firstX, std::size_t columns,
                         const std::vector<double>* shift = nullptr, double factor = 0)
{
    QList<QPointF> out;
    if (count == 0)
        return out;
    auto value = [&](std::size_t i) { return line.at(i) + (shift ? factor * (*shift)[i] : 0.0); };
    if (line.isConstant() && (!shift || shift->size() == 1)) {
        const double v = value(0);
        if (std::isfinite(v))
            out = {QPointF(firstX - 0.5, v), QPointF(firstX + static_cast<double>(count) - 0.5, v)};
        return out;
    }
    std::size_t runs = 1;
    for (std::size_t i = 1; i < count; ++i)
        runs += value(i) != value(i - 1);
    if (columns > 0 && runs > 2 * columns) {
        std::vector<double> v(count);
        for (std::size_t i = 0; i < count; ++i)
            v[i] = value(i);
        const auto kept = stats::decimateMinMax(v, columns);
        out.reserve(static_cast<qsizetype>(kept.size()));
        for (std::size_t i : kept)
            out.append(QPointF(firstX + static_cast<double>(i), v[i]));
        return out;
    }
    out.reserve(static_cast<qsizetype>(2 * runs));
    std::size_t start = 0;
    for (std::size_t i = 1; i <= count; ++i) {
        if (i < count && value(i) == value(start))
            continue;
        const double v = value(start);
        if (std::isfinite(v)) {
            out.append(QPointF(firstX + static_cast<double>(start) - 0.5, v));
            out.append(QPointF(firstX + static_cast<double>(i) - 0.5, v));
        }
        start = i;
    }
    return out;
}

// The painter's transformation to device pixels when it is a plain scale and shift on a raster
// device (an image, a widget); nullopt for vector devices (PDF, SVG, printer) and rotations,
// which are always drawn exactly.
std::optional<QTransform> rasterDeviceTransform(const QPainter& painter)
{
    const QPaintEngine* engine = painter.paintEngine();
    if (!engine || engine->type() != QPaintEngine::Raster)
        return std::nullopt;
    const QTransform t = painter.deviceTransform();
    if (t.type() > QTransform::TxScale || t.m11() <= 0 || t.m22() <= 0)
        return std::nullopt;
    return t;
}

// Sets `painter` to draw in device pixels (one unit = one pixel, origin at the device's corner),
// whatever its device pixel ratio: world = deviceTransform⁻¹ · world gives an identity device
// transform.
void drawInDevicePixels(QPainter& painter)
{
    painter.setWorldTransform(painter.deviceTransform().inverted() * painter.worldTransform());
}

// A dense polyline (more points than pixel columns) on a raster device, as Qt's aliased
// rasteriser would light it up but without stroking thousands of antialiased segments: in each
// device pixel column, one vertical span from the lowest to the highest y the polyline takes in
// that column (a segment crossing a column's edge counts on both sides), widened to the pen.
// Fed every point of the series in device pixels, so each column shows its true extremes.
class ColumnSpans {
public:
    explicit ColumnSpans(const QRectF& clip)
        : m_first(static_cast<long>(std::floor(clip.left()))),
          m_count(static_cast<std::size_t>(std::max(0L, static_cast<long>(std::ceil(clip.right())) - m_first + 1))),
          m_top(static_cast<int>(std::floor(clip.top()))), m_bottom(static_cast<int>(std::ceil(clip.bottom()))),
          m_lo(m_count, std::numeric_limits<float>::infinity()), m_hi(m_count, -std::numeric_limits<float>::infinity())
    {
    }

    // The next point of the polyline (x ascending).
    void lineTo(double x, double y)
    {
        if (m_open && std::floor(x) != std::floor(m_x)) {
            // Where the segment crosses a column edge, its y there belongs to both columns.
            const double x0 = std::min(m_x, x), x1 = std::max(m_x, x);
            for (double edge = std::floor(x0) + 1; edge <= x1; edge += 1) {
                const double at = m_y + (y - m_y) * (edge - m_x) / (x - m_x);
                extend(edge - 0.5, at);
                extend(edge + 0.5, at);
            }
        }
        extend(x, y);
        m_x = x;
        m_y = y;
        m_open = true;
    }

    void paint(QPainter& painter, qreal penPixels, const QColor& colour) const
    {
        const int width = std::max(1, static_cast<int>(std::lround(penPixels)));
        const double half = std::max(0.5, penPixels / 2);
        for (std::size_t i = 0; i < m_count; ++i) {
            if (!(m_lo[i] <= m_hi[i]))
                continue;
            const int y0 = std::max(m_top, static_cast<int>(std::floor(m_lo[i] - half + 0.5)));
            const int y1 = std::min(m_bottom, static_cast<int>(std::ceil(m_hi[i] + half - 0.5)));
            if (y1 > y0)
                painter.fillRect(QRect(static_cast<int>(m_first + static_cast<long>(i)) - (width - 1) / 2, y0, width, y1 - y0),
                                 colour);
        }
    }

private:
    void extend(double x, double y)
    {
        const long c = static_cast<long>(std::floor(x)) - m_first;
        if (c < 0 || c >= static_cast<long>(m_count))
            return;
        const auto i = static_cast<std::size_t>(c);
        m_lo[i] = std::min(m_lo[i], static_cast<float>(y));
        m_hi[i] = std::max(m_hi[i], static_cast<float>(y));
    }

    long m_first;
    std::size_t m_count;
    int m_top, m_bottom;
    std::vector<float> m_lo, m_hi;
    double m_x = 0, m_y = 0;
    bool m_open = false;
};

// One marker drawn once, antialiased, into an image that is then stamped at each point: on a
// raster device, thousands of markers cost a blit each instead of rasterising a shape each.
struct MarkerStamp {
    QImage image;
    QPointF centre;   // of the shape within the image, in pixels
};

MarkerStamp markerStamp(bool triangle, qreal half, const QPen& pen, const QBrush& brush, qreal scale)
{
    const qreal extent = (half + pen.widthF()) * scale;
    const int side = static_cast<int>(std::ceil(2 * extent)) + 2;
    MarkerStamp stamp{QImage(side, side, QImage::Format_ARGB32_Premultiplied), QPointF(side / 2.0, side / 2.0)};
    stamp.image.fill(Qt::transparent);
    QPainter p(&stamp.image);
    p.setRenderHint(QPainter::Antialiasing);
    p.translate(stamp.centre);
    p.scale(scale, scale);
    p.setPen(pen);
    p.setBrush(brush);
    if (triangle) {
        const QPointF corners[3] = {QPointF(-half, half), QPointF(half, half), QPointF(0, -half)};
        p.drawConvexPolygon(corners, 3);
    } else {
        p.drawEllipse(QPointF(0, 0), half, half);
    }
    return stamp;
}

} // namespace

// What is drawn over a panel's chart: stage boundaries and names, test numbers, note marks and
// the limit labels at the right edge.
class PanelOverlay : public QGraphicsItem {
public:
    PanelOverlay(const ControlChartFigure* figure, int panel) : m_figure(figure), m_panel(panel) {}
    QRectF boundingRect() const override { return m_rect; }
    void setRect(const QRectF& rect)
    {
        prepareGeometryChange();
        m_rect = rect;
    }
    void paint(QPainter* painter, const QStyleOptionGraphicsItem*, QWidget*) override;

private:
    using Panel = ControlChartFigure::Panel;
    static void paintDenseLine(QPainter& painter, const Panel& panel, const std::optional<QTransform>& raster);
    static void paintLimitsOver(QPainter& painter, const Panel& panel);
    static void paintMarkerStamps(QPainter& painter, const QList<QPointF>& markers, const Panel& panel,
                                  const QTransform& device, const MarkerStamp& stamp);

    const ControlChartFigure* m_figure;
    int m_panel;
    QRectF m_rect;
};

struct ControlChartFigure::Panel {
    const stats::ControlChart* data = nullptr;
    QChart* chart = nullptr;
    QValueAxis* x = nullptr;
    QValueAxis* y = nullptr;
    QXYSeries* series[kRoleCount] = {};
    PanelOverlay* overlay = nullptr;
    double yMin = 0, yMax = 1;    // of everything drawn, before padding
    int yDecimals = 2;
    QRectF rect, plot;            // scene coordinates
    double xMin = 0.5, xMax = 1.5, yLo = 0, yHi = 1;
    QList<Label> tests, limits, notes;
    // The markers of each marker role (in chart coordinates), and whether the overlay draws
    // them instead of the role's QScatterSeries (see kSeriesMarkerLimit).
    QList<QPointF> markers[kRoleCount];
    bool markersInOverlay[kRoleCount] = {};
    // More points than device pixel columns: the overlay draws the (decimated) data line, the
    // center, limits and zones over it, and every marker; the Data series keeps the points but
    // is hidden (see denseLine()).
    bool lineInOverlay = false;
    QList<QPointF> line;                  // the decimated data line, in chart coordinates
    QList<double> stageX;                 // scene x of stage boundaries
    QList<QPair<double, QString>> stageNames;   // scene x of the stage's start, name

    double mapX(double value) const { return plot.left() + (value - xMin) / (xMax - xMin) * plot.width(); }
    double mapY(double v) const { return plot.bottom() - (v - yLo) / (yHi - yLo) * plot.height(); }
    double unmapX(double sx) const { return xMin + (sx - plot.left()) / plot.width() * (xMax - xMin); }
};

void PanelOverlay::paintDenseLine(QPainter& painter, const Panel& panel, const std::optional<QTransform>& raster)
{
    painter.save();
    painter.setClipRect(panel.plot);
    const QXYSeries* data = panel.series[static_cast<int>(ControlChartFigure::Role::Data)];
    if (raster) {
        // Device pixels: one span per column from every point, no antialiasing (ColumnSpans).
        // NaN values are gaps the line runs across, as the decimated series does.
        const auto& d = *panel.data;
        const double firstX = static_cast<double>(d.firstObservation) + 1;
        const double ax = raster->m11() * panel.plot.width() / (panel.xMax - panel.xMin);
        const double bx = raster->m11() * panel.mapX(firstX) + raster->dx();
        const double ay = -raster->m22() * panel.plot.height() / (panel.yHi - panel.yLo);
        const double by = raster->m22() * panel.mapY(0) + raster->dy();
        ColumnSpans spans(raster->mapRect(panel.plot));
        for (std::size_t k = 0; k < d.values.size(); ++k)
            if (std::isfinite(d.values[k]))
                spans.lineTo(ax * static_cast<double>(k) + bx, ay * d.values[k] + by);
        drawInDevicePixels(painter);
        painter.setRenderHint(QPainter::Antialiasing, false);
        spans.paint(painter, data->pen().widthF() * raster->m11(), data->pen().color());
        painter.restore();
        painter.save();
        painter.setClipRect(panel.plot);
    } else {
        // Vector output: the decimated polyline itself, exact.
        QList<QPointF> scene;
        scene.reserve(panel.line.size());
        for (const QPointF& pt : panel.line)
            scene.append(QPointF(panel.mapX(pt.x()), panel.mapY(pt.y())));
        QPen pen = data->pen();
        pen.setJoinStyle(Qt::RoundJoin);
        painter.setPen(pen);
        painter.drawPolyline(scene.constData(), static_cast<int>(scene.size()));
    }
    painter.restore();
}

void PanelOverlay::paintLimitsOver(QPainter& painter, const Panel& panel)
{
    // The center, limits and zones again, over the dense band and its markers that would hide them.
    painter.save();
    painter.setClipRect(panel.plot);
    using Role = ControlChartFigure::Role;
    for (Role role : {Role::ZonePlus2, Role::ZonePlus1, Role::ZoneMinus1, Role::ZoneMinus2, Role::Ucl, Role::Lcl,
                      Role::Center}) {
        const QXYSeries* s = panel.series[static_cast<int>(role)];
        if (!s->isVisible() || s->count() < 2)
            continue;
        QList<QPointF> scene;
        scene.reserve(s->count());
        for (const QPointF& pt : s->points())
            scene.append(QPointF(panel.mapX(pt.x()), panel.mapY(pt.y())));
        painter.setPen(s->pen());
        painter.drawPolyline(scene.constData(), static_cast<int>(scene.size()));
    }
    painter.restore();
}

void PanelOverlay::paintMarkerStamps(QPainter& painter, const QList<QPointF>& markers, const Panel& panel,
                                     const QTransform& device, const MarkerStamp& stamp)
{
    const QRect bounds = device.mapRect(panel.plot).toAlignedRect().adjusted(-stamp.image.width(), -stamp.image.height(),
                                                                             stamp.image.width(), stamp.image.height());
    // A marker on a pixel already stamped would only cover its twin: each pixel is stamped once.
    std::vector<bool> stamped(static_cast<std::size_t>(bounds.width()) * static_cast<std::size_t>(bounds.height()));
    painter.save();
    drawInDevicePixels(painter);
    for (const QPointF& pt : markers) {
        const QPointF at = device.map(QPointF(panel.mapX(pt.x()), panel.mapY(pt.y())));
        const QPoint corner((at - stamp.centre).toPoint());
        if (!bounds.contains(corner))
            continue;
        const auto index = static_cast<std::size_t>(corner.y() - bounds.top()) * static_cast<std::size_t>(bounds.width()) +
                           static_cast<std::size_t>(corner.x() - bounds.left());
        if (stamped[index])
            continue;
        stamped[index] = true;
        painter.drawImage(corner, stamp.image);
    }
    painter.restore();
}

void PanelOverlay::paint(QPainter* painter, const QStyleOptionGraphicsItem*, QWidget*)
{
    if (m_panel >= m_figure->panelCount())
        return;
    const ChartColours& c = m_figure->colours();
    const qreal fs = m_figure->fontSize();
    const qreal u = fs / 11.0;
    const QRectF plot = m_figure->plotArea(m_panel);
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);

    const auto& panel = *m_figure->m_panels[static_cast<std::size_t>(m_panel)];
    const auto raster = rasterDeviceTransform(*painter);
    if (panel.lineInOverlay)
        paintDenseLine(*painter, panel, raster);

    // Stage boundaries: dashed vertical lines across the plot, the stage's name at its top left.
    painter->setPen(QPen(c.stage, 1.0 * u, Qt::DashLine));
    for (double x : panel.stageX)
        painter->drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()));
    painter->setFont(pixelFont(fs * 0.9));
    painter->setPen(c.text);
    for (const auto& [x, name] : panel.stageNames)
        painter->drawText(QRectF(x + 3 * u, plot.top() + 2 * u, plot.right() - x, fs * 1.4),
                          Qt::AlignLeft | Qt::AlignTop, name);

    // Markers the series could not hold (see kSeriesMarkerLimit) or that go over a dense line,
    // styled like the series.
    painter->save();
    painter->setClipRect(plot.adjusted(-fs, -fs, fs, fs));
    for (int r = 0; r < kRoleCount; ++r) {
        if (!panel.markersInOverlay[r] || panel.markers[r].isEmpty())
            continue;
        const auto* series = static_cast<const QScatterSeries*>(panel.series[r]);
        const qreal h = series->markerSize() / 2;
        const bool triangle = series->markerShape() == QScatterSeries::MarkerShapeTriangle;
        if (raster) {
            paintMarkerStamps(*painter, panel.markers[r], panel, *raster,
                              markerStamp(triangle, h, series->pen(), series->brush(), raster->m11()));
            continue;
        }
        painter->setPen(series->pen());
        painter->setBrush(series->brush());
        QPointF last(-1e9, -1e9);
        for (const QPointF& pt : panel.markers[r]) {
            const QPointF at(panel.mapX(pt.x()), panel.mapY(pt.y()));
            // Markers on (almost) the same spot are drawn once: they would cover each other.
            if (std::fabs(at.x() - last.x()) < 0.5 && std::fabs(at.y() - last.y()) < 0.5)
                continue;
            last = at;
            if (triangle) {
                const QPointF corners[3] = {at + QPointF(-h, h), at + QPointF(h, h), at + QPointF(0, -h)};
                painter->drawConvexPolygon(corners, 3);
            } else {
                painter->drawEllipse(at, h, h);
            }
        }
    }
    painter->restore();
    if (panel.lineInOverlay)
        paintLimitsOver(*painter, panel);

    // Test numbers beside the failing points, in the signal colour.
    painter->setFont(pixelFont(fs * 0.9, true));
    painter->setPen(c.signal);
    for (const auto& label : panel.tests)
        painter->drawText(QRectF(label.anchor.x() + 3 * u, label.anchor.y() - fs * 1.3, fs * 3, fs * 1.2),
                          Qt::AlignLeft | Qt::AlignBottom, label.text);

    // Note marks: a filled disc with the note's number at the top of the plot, a dotted line to the point.
    const QFont noteFont = pixelFont(fs * 0.85, true);
    const qreal r = fs * 0.75;
    for (const auto& label : panel.notes) {
        const QPointF mark(label.anchor.x(), plot.top() + r + 2 * u + (panel.stageNames.isEmpty() ? 0 : fs * 1.3));
        painter->setPen(QPen(c.note, 0.8 * u, Qt::DotLine));
        if (label.anchor.y() > mark.y() + r)
            painter->drawLine(QPointF(mark.x(), mark.y() + r), label.anchor);
        painter->setPen(QPen(c.note, 0.8 * u));
        painter->setBrush(c.note);
        painter->drawEllipse(mark, r, r);
        painter->setFont(noteFont);
        painter->setPen(c.noteText);
        painter->drawText(QRectF(mark.x() - r * 1.5, mark.y() - r, r * 3, r * 2), Qt::AlignCenter, label.text);
    }
    painter->setBrush(Qt::NoBrush);

    // Limit labels at the right edge.
    painter->setFont(pixelFont(fs));
    painter->setPen(c.text);
    const QFontMetricsF fm(pixelFont(fs));
    for (const auto& label : panel.limits)
        painter->drawText(QPointF(label.anchor.x(), label.anchor.y() + (fm.ascent() - fm.descent()) / 2), label.text);
    painter->restore();
}

ControlChartFigure::ControlChartFigure()
    : m_colours(ChartColours::forPrint()), m_scene(std::make_unique<QGraphicsScene>())
{
}

ControlChartFigure::~ControlChartFigure()
{
    // The scene owns the charts and items; the panels only point at them.
    m_panels.clear();
    m_scene.reset();
}

void ControlChartFigure::setAnalysis(stats::ChartAnalysis analysis)
{
    setAnalysis(std::make_shared<const stats::ChartAnalysis>(std::move(analysis)));
}

void ControlChartFigure::setAnalysis(std::shared_ptr<const stats::ChartAnalysis> analysis)
{
    m_analysis = std::move(analysis);
    rebuild();
}

void ControlChartFigure::setOptions(const Options& options)
{
    const bool panelsChange = options.compact != m_options.compact;
    m_options = options;
    if (panelsChange && m_analysis) {
        rebuild();   // compact has one panel, not two
        return;
    }
    if (m_title)
        m_title->setText(m_options.title);
    if (m_footer)
        m_footer->setText(footerText());
}

void ControlChartFigure::setNotes(const QList<NoteMark>& notes) { m_notes = notes; }

void ControlChartFigure::setColours(const ChartColours& colours)
{
    m_colours = colours;
    applyStyle();
}

void ControlChartFigure::setFontSize(qreal size) { m_fontSize = size > 0 ? size : 11; }

int ControlChartFigure::panelCount() const { return static_cast<int>(m_panels.size()); }

QChart* ControlChartFigure::panel(int index) const
{
    return index >= 0 && index < panelCount() ? m_panels[static_cast<std::size_t>(index)]->chart : nullptr;
}

QRectF ControlChartFigure::plotArea(int panel) const
{
    return panel >= 0 && panel < panelCount() ? m_panels[static_cast<std::size_t>(panel)]->plot : QRectF();
}

QXYSeries* ControlChartFigure::series(int panel, Role role) const
{
    if (panel < 0 || panel >= panelCount())
        return nullptr;
    return m_panels[static_cast<std::size_t>(panel)]->series[static_cast<int>(role)];
}

QList<QPointF> ControlChartFigure::markers(int panel, Role role) const
{
    if (panel < 0 || panel >= panelCount())
        return {};
    return m_panels[static_cast<std::size_t>(panel)]->markers[static_cast<int>(role)];
}

QList<ControlChartFigure::Label> ControlChartFigure::testLabels(int panel) const
{
    return panel >= 0 && panel < panelCount() ? m_panels[static_cast<std::size_t>(panel)]->tests : QList<Label>();
}

QList<ControlChartFigure::Label> ControlChartFigure::limitLabels(int panel) const
{
    return panel >= 0 && panel < panelCount() ? m_panels[static_cast<std::size_t>(panel)]->limits : QList<Label>();
}

QList<ControlChartFigure::Label> ControlChartFigure::noteLabels(int panel) const
{
    return panel >= 0 && panel < panelCount() ? m_panels[static_cast<std::size_t>(panel)]->notes : QList<Label>();
}

QString ControlChartFigure::footerText() const
{
    if (!m_analysis || m_analysis->charts.empty())
        return {};
    const auto& a = *m_analysis;
    const auto& first = a.charts.front();
    QStringList tests;
    for (int t : a.rules.enabledTests())
        tests << (t > 1 ? QStringLiteral("%1 (K=%2)").arg(t).arg(a.rules.kOf(t)) : QString::number(t));
    QString text = tr("Tests: %1 %2")
                       .arg(QString::fromStdString(a.rules.name),
                            tests.isEmpty() ? tr("(none)") : QStringLiteral("(") + tests.join(QStringLiteral(", ")) +
                                                                  QStringLiteral(")"));
    text += QStringLiteral("   ") +
            tr("σ: %1 (%2)")
                .arg(QString::fromStdString(std::string(stats::sigmaMethodName(first.sigmaMethod))),
                     QString::fromStdString(std::string(stats::sigmaMethodDescription(first.sigmaMethod))));
    text += QStringLiteral("   ") + tr("Limits: center ± %1σ").arg(QLocale().toString(first.nsigmas, 'g', 6));
    return text;
}

std::vector<std::size_t> ControlChartFigure::stageBoundaries() const
{
    std::vector<std::size_t> out;
    if (!m_analysis)
        return out;
    const auto& a = *m_analysis;
    for (std::size_t p = 1; p < a.pointCount && !a.flags.phase.empty(); ++p)
        if (a.phaseOf(p) != a.phaseOf(p - 1))
            out.push_back(p);
    for (std::size_t p : m_options.stageStarts)
        if (p > 0 && p < a.pointCount)
            out.push_back(p);
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

void ControlChartFigure::rebuild()
{
    m_panels.clear();
    m_scene->clear();
    m_title = m_footer = nullptr;
    if (!m_analysis)
        return;
    m_title = m_scene->addSimpleText(m_options.title);
    m_footer = m_scene->addSimpleText(footerText());
    const std::size_t panels = m_options.compact ? 1 : 2;
    for (std::size_t i = 0; i < m_analysis->charts.size() && i < panels; ++i) {
        auto panel = std::make_unique<Panel>();
        const auto& data = m_analysis->charts[i];
        panel->data = &data;
        auto* chart = new QChart;
        chart->setAnimationOptions(QChart::NoAnimation);
        chart->legend()->hide();
        chart->setBackgroundRoundness(0);
        chart->setMargins(QMargins());
        chart->layout()->setContentsMargins(0, 0, 0, 0);
        chart->setBackgroundVisible(false);
        chart->setPlotAreaBackgroundVisible(true);
        panel->chart = chart;
        panel->x = new QValueAxis(chart);
        panel->y = new QValueAxis(chart);
        chart->addAxis(panel->x, Qt::AlignBottom);
        chart->addAxis(panel->y, Qt::AlignLeft);
        // Drawing order: zones, limits, center, the data line, then the markers on top.
        const Role order[] = {Role::ZonePlus2, Role::ZonePlus1, Role::ZoneMinus1, Role::ZoneMinus2, Role::Ucl,
                              Role::Lcl, Role::Center, Role::Data, Role::Points, Role::Excluded,
                              Role::Signals, Role::ExcludedSignals};
        for (Role role : order) {
            const bool scatter = role == Role::Points || role == Role::Signals || role == Role::Excluded ||
                                 role == Role::ExcludedSignals;
            QXYSeries* s = scatter ? static_cast<QXYSeries*>(new QScatterSeries) : new QLineSeries;
            chart->addSeries(s);
            s->attachAxis(panel->x);
            s->attachAxis(panel->y);
            panel->series[static_cast<int>(role)] = s;
        }
        m_scene->addItem(chart);
        panel->overlay = new PanelOverlay(this, static_cast<int>(i));
        panel->overlay->setZValue(10);
        m_scene->addItem(panel->overlay);

        // The vertical extent: every value, limit and (when shown) zone line.
        double lo = std::numeric_limits<double>::infinity(), hi = -lo;
        auto take = [&](double v) {
            if (std::isfinite(v)) {
                lo = std::min(lo, v);
                hi = std::max(hi, v);
            }
        };
        for (double v : data.values)
            take(v);
        for (const stats::Line* line : {&data.lcl, &data.ucl, &data.centerLine})
            for (double v : line->values)
                take(v);
        if (!std::isfinite(lo)) {
            lo = 0;
            hi = 1;
        }
        panel->yMin = lo;
        panel->yMax = hi;
        m_panels.push_back(std::move(panel));
    }
    applyStyle();
}

void ControlChartFigure::applyStyle()
{
    if (m_scene)
        m_scene->setBackgroundBrush(m_colours.background);
    const qreal u = m_fontSize / 11.0;
    const QFont labelFont = pixelFont(m_fontSize);
    const QFont titleFont = pixelFont(m_fontSize * 1.05);
    if (m_title) {
        m_title->setFont(pixelFont(m_fontSize * 1.35, true));
        m_title->setBrush(m_colours.text);
    }
    if (m_footer) {
        m_footer->setFont(pixelFont(m_fontSize * 0.9));
        m_footer->setBrush(m_colours.text);
    }
    for (auto& p : m_panels) {
        p->chart->setPlotAreaBackgroundBrush(m_colours.plotBackground);
        p->chart->setPlotAreaBackgroundPen(QPen(m_colours.axis, 0.8 * u));
        for (QValueAxis* axis : {p->x, p->y}) {
            axis->setLabelsFont(labelFont);
            axis->setLabelsBrush(m_colours.text);
            axis->setTitleFont(titleFont);
            axis->setTitleBrush(m_colours.text);
            axis->setLinePen(QPen(m_colours.axis, 0.8 * u));
            axis->setGridLinePen(QPen(m_colours.grid, 0.5 * u));
            axis->setMinorGridLineVisible(false);
            // Qt Charts elides a tick label to "..." when the ticks are closer than its own
            // padding estimate; the steps are chosen to leave room, so show them whole.
            axis->setTruncateLabels(false);
        }
        auto line = [&](Role role, const QColor& colour, qreal width, Qt::PenStyle style) {
            auto* s = static_cast<QLineSeries*>(p->series[static_cast<int>(role)]);
            QPen pen(colour, width * u, style);
            pen.setCapStyle(Qt::FlatCap);
            pen.setJoinStyle(Qt::MiterJoin);
            s->setPen(pen);
        };
        line(Role::Data, m_colours.data, 1.0, Qt::SolidLine);
        // Qt Charts strokes a line segment by segment: round caps hide the notches at the joins.
        static_cast<QLineSeries*>(p->series[static_cast<int>(Role::Data)])->setPen([&] {
            QPen pen(m_colours.data, 1.0 * u);
            pen.setCapStyle(Qt::RoundCap);
            return pen;
        }());
        line(Role::Center, m_colours.center, 1.2, Qt::SolidLine);
        line(Role::Ucl, m_colours.limit, 1.2, Qt::SolidLine);
        line(Role::Lcl, m_colours.limit, 1.2, Qt::SolidLine);
        for (Role z : {Role::ZonePlus1, Role::ZoneMinus1})
            line(z, m_colours.zone, 0.8, Qt::DotLine);
        for (Role z : {Role::ZonePlus2, Role::ZoneMinus2})
            line(z, m_colours.zone, 0.8, Qt::DashLine);
        auto marker = [&](Role role, QScatterSeries::MarkerShape shape, qreal size, const QColor& outline,
                          const QBrush& fill) {
            auto* s = static_cast<QScatterSeries*>(p->series[static_cast<int>(role)]);
            s->setMarkerShape(shape);
            s->setMarkerSize(size * u);
            s->setPen(QPen(outline, 1.0 * u));
            s->setBrush(fill);
        };
        marker(Role::Points, QScatterSeries::MarkerShapeCircle, 5, m_colours.data, m_colours.data);
        marker(Role::Excluded, QScatterSeries::MarkerShapeCircle, 7, m_colours.excluded, m_colours.plotBackground);
        marker(Role::Signals, QScatterSeries::MarkerShapeTriangle, m_dense ? 6 : 9, m_colours.signal, m_colours.signal);
        marker(Role::ExcludedSignals, QScatterSeries::MarkerShapeTriangle, m_dense ? 6 : 9, m_colours.signal,
               m_colours.plotBackground);
    }
}

void ControlChartFigure::layout(const QSizeF& size, qreal devicePixelsPerUnit)
{
    m_size = size;
    m_pixelsPerUnit = devicePixelsPerUnit > 0 ? devicePixelsPerUnit : 1;
    if (!m_scene)
        return;
    m_scene->setSceneRect(QRectF(QPointF(0, 0), size));
    // Too many points for a marker each: smaller signal markers, so a dense series stays readable.
    m_dense = m_analysis && static_cast<double>(m_analysis->pointCount) * 5 * (m_fontSize / 11.0) * 2.5 >
                                size.width() * 0.85;
    applyStyle();
    if (m_panels.empty())
        return;
    const qreal fs = m_fontSize;
    const qreal u = fs / 11.0;
    const qreal gap = fs * 0.6;
    const QFontMetricsF labelMetrics(pixelFont(fs));
    const QFontMetricsF titleMetrics(pixelFont(fs * 1.05));

    const bool compact = m_options.compact;
    qreal top = gap;
    if (m_title && !m_options.title.isEmpty() && !compact) {
        m_title->setVisible(true);
        m_title->setText(m_options.title);
        const qreal w = m_title->boundingRect().width();
        m_title->setPos(std::max(gap, (size.width() - w) / 2), top);
        top += m_title->boundingRect().height() + gap;
    } else if (m_title) {
        m_title->setVisible(false);
    }
    qreal bottom = size.height() - gap;
    if (m_footer && m_options.showFooter && !compact) {
        m_footer->setVisible(true);
        m_footer->setText(footerText());
        bottom -= m_footer->boundingRect().height();
        m_footer->setPos(gap, bottom);
        bottom -= gap * 0.5;
    } else if (m_footer) {
        m_footer->setVisible(false);
    }

    // Each panel: its plot area, then its x tick labels; the bottom panel adds the x title.
    const qreal tickRow = compact ? 0 : labelMetrics.height() + 4 * u;
    const qreal titleRow = compact ? 0 : titleMetrics.height() + 2 * u;
    const int n = panelCount();
    const qreal available = bottom - top - n * tickRow - titleRow - (n - 1) * gap;
    const qreal plotHeight = std::max<qreal>(fs * 3, available / n);

    const auto& a = *m_analysis;
    const double xMin = 0.5, xMax = static_cast<double>(std::max<std::size_t>(a.pointCount, 1)) + 0.5;

    // Vertical ranges and tick steps; the widest limit label sets the right margin.
    qreal limitWidth = 0;
    for (auto& pp : m_panels) {
        Panel& p = *pp;
        double lo = p.yMin, hi = p.yMax;
        if (m_options.showZones && (p.data->name == "i" || p.data->name == "xbar"))
            for (std::size_t i = 0; i < p.data->size(); i += std::max<std::size_t>(1, p.data->size() / 4096)) {
                lo = std::min(lo, p.data->centerLine.at(i) - 2 * p.data->sd.at(i));
                hi = std::max(hi, p.data->centerLine.at(i) + 2 * p.data->sd.at(i));
            }
        double span = hi - lo;
        if (!(span > 0))
            span = std::max(1e-9, std::fabs(hi) * 0.1 + (hi == 0 ? 1 : 0));
        // Room above for the note marks and stage names, below for the test numbers.
        p.yLo = lo - span * 0.08;
        p.yHi = hi + span * (m_notes.isEmpty() && m_options.stageNames.isEmpty() && a.flags.phase.empty() ? 0.1 : 0.22);
        const double step = niceStep(p.yHi - p.yLo, std::max<qreal>(2, plotHeight / (fs * 3.5)));
        p.yDecimals = decimalsFor(step);
        p.y->setRange(p.yLo, p.yHi);
        p.y->setTickType(QValueAxis::TicksDynamic);
        p.y->setTickAnchor(std::ceil(p.yLo / step) * step);
        p.y->setTickInterval(step);
        p.y->setLabelFormat(QStringLiteral("%.%1f").arg(p.yDecimals));
        const QString unit = m_options.valueUnit.isEmpty() || !isVariablesChart(p.data->name)
                                 ? QString()
                                 : QStringLiteral(" (%1)").arg(m_options.valueUnit);
        p.y->setTitleText(compact ? QString() : valueTitle(p.data->name) + unit);
        p.y->setLabelsVisible(!compact);
        p.x->setLabelsVisible(!compact);
        const std::size_t last = p.data->size() ? p.data->size() - 1 : 0;
        for (double v : {p.data->ucl.at(last), p.data->lcl.at(last), p.data->centerLine.at(last)})
            if (!compact)
                limitWidth = std::max(limitWidth, labelMetrics.horizontalAdvance(QStringLiteral("UCL=") + limitText(v, p.yDecimals)));

        const double xStep = std::max(1.0, niceStep(xMax - xMin, std::max<qreal>(2, size.width() / (fs * 7))));
        p.x->setRange(xMin, xMax);
        p.x->setTickType(QValueAxis::TicksDynamic);
        p.x->setTickAnchor(0);
        p.x->setTickInterval(xStep);
        p.x->setLabelFormat(QStringLiteral("%.0f"));
        p.xMin = xMin;
        p.xMax = xMax;
    }
    QString pointName = m_options.pointName;
    if (pointName.isEmpty())
        pointName = a.type == stats::ChartType::IMR                                          ? tr("Observation")
                    : a.type == stats::ChartType::XbarR || a.type == stats::ChartType::XbarS ? tr("Subgroup")
                                                                                              : tr("Sample");

    // Qt Charts places the axes itself; the plot areas of the panels are aligned by padding each
    // chart's layout until its plot area's left and right edges match the others' (a fixed
    // plot area, QChart::setPlotArea, leaves the axes and the series at odds in Qt 6.4).
    const qreal rightReserve = gap + limitWidth + 6 * u;
    const auto boundaries = stageBoundaries();
    {
        qreal y = top;
        for (int i = 0; i < n; ++i) {
            Panel& p = *m_panels[static_cast<std::size_t>(i)];
            const bool last = i == n - 1;
            const qreal panelHeight = plotHeight + tickRow + (last ? titleRow : 0);
            p.rect = QRectF(0, y, size.width(), panelHeight);
            p.x->setTitleText(last && !compact ? pointName : QString());
            p.chart->setGeometry(p.rect);
            p.chart->layout()->setContentsMargins(gap, 0, rightReserve, 0);
            // The axes' size hints are cached from their previous labels: drop them, or new,
            // wider tick labels are elided to "...".
            p.chart->layout()->invalidate();
            p.chart->layout()->activate();
            y += panelHeight + gap;
        }
        qreal left = 0, right = size.width();
        for (auto& pp : m_panels) {
            const QRectF area = pp->chart->plotArea().translated(pp->rect.topLeft());
            left = std::max(left, area.left());
            right = std::min(right, area.right());
        }
        for (auto& pp : m_panels) {
            const QRectF area = pp->chart->plotArea().translated(pp->rect.topLeft());
            pp->chart->layout()->setContentsMargins(gap + (left - area.left()), 0,
                                                    rightReserve + (area.right() - right), 0);
            pp->chart->layout()->activate();
            pp->plot = pp->chart->plotArea().translated(pp->rect.topLeft());
        }
    }
    for (int i = 0; i < n; ++i) {
        Panel& p = *m_panels[static_cast<std::size_t>(i)];
        p.overlay->setRect(p.rect);

        // The series, decimated to the device pixel columns of this plot.
        const auto& d = *p.data;
        const std::size_t count = d.size();
        const double firstX = static_cast<double>(d.firstObservation) + 1;
        const auto columns = static_cast<std::size_t>(std::max<qreal>(1, p.plot.width() * m_pixelsPerUnit));
        auto excludedAt = [&](std::size_t idx) {
            const std::size_t point = idx + d.firstObservation;
            if (a.flags.excluded.empty())
                return false;
            // A moving range is left out of the estimate when either of its values is.
            if (d.name == "mr" && point > 0 && a.flags.excluded[point - 1])
                return true;
            return a.flags.excluded[point] != 0;
        };
        std::vector<std::uint8_t> keep(count, 0);
        for (std::size_t k = 0; k < count; ++k)
            keep[k] = (d.tests[k] != 0 || excludedAt(k)) ? 1 : 0;
        for (const auto& note : m_notes)
            if (note.point >= d.firstObservation && note.point - d.firstObservation < count)
                keep[note.point - d.firstObservation] = 1;
        const auto kept = stats::decimateMinMax(d.values, columns, keep);
        QList<QPointF> line;
        line.reserve(static_cast<qsizetype>(kept.size()));
        for (std::size_t k : kept)
            line.append(QPointF(firstX + static_cast<double>(k), d.values[k]));
        p.series[static_cast<int>(Role::Data)]->replace(line);
        // More points than pixel columns: the overlay draws the line (as column spans on raster
        // devices), the limits over it and the markers over both; Qt Charts would stroke
        // thousands of antialiased segments one by one.
        p.lineInOverlay = count > columns;
        p.series[static_cast<int>(Role::Data)]->setVisible(!p.lineInOverlay);
        p.line = p.lineInOverlay ? std::move(line) : QList<QPointF>();

        QList<QPointF> points, signalPoints, excluded, excludedSignals;
        // Markers on every point only while they stay apart (about three marker widths each).
        const bool roomForMarkers = static_cast<double>(count) * 5 * u * 2.5 <= p.plot.width();
        p.tests.clear();
        for (std::size_t k = 0; k < count; ++k) {
            const double v = d.values[k];
            if (!std::isfinite(v))
                continue;
            const QPointF pt(firstX + static_cast<double>(k), v);
            const bool ex = excludedAt(k);
            if (d.tests[k])
                (ex ? excludedSignals : signalPoints).append(pt);
            else if (ex)
                excluded.append(pt);
            else if (roomForMarkers)
                points.append(pt);
        }
        auto place = [&](Role role, QList<QPointF>& markers) {
            const int r = static_cast<int>(role);
            p.markersInOverlay[r] = p.lineInOverlay || markers.size() > kSeriesMarkerLimit;
            p.series[r]->replace(p.markersInOverlay[r] ? QList<QPointF>() : markers);
            p.markers[r] = std::move(markers);
        };
        place(Role::Points, points);
        place(Role::Signals, signalPoints);
        place(Role::Excluded, excluded);
        place(Role::ExcludedSignals, excludedSignals);

        // Test numbers: one per failing point, skipped where it would overprint the previous one.
        const QFontMetricsF boldMetrics(pixelFont(fs * 0.9, true));
        double lastLabelRight = -std::numeric_limits<double>::infinity();
        for (std::size_t k = 0; k < count; ++k) {
            if (!d.tests[k] || !std::isfinite(d.values[k]))
                continue;
            const QString text = QString::number(lowestTest(d.tests[k]));
            const QPointF at(p.mapX(firstX + static_cast<double>(k)), p.mapY(d.values[k]));
            if (at.x() < lastLabelRight)
                continue;
            lastLabelRight = at.x() + 3 * u + boldMetrics.horizontalAdvance(text) + 2 * u;
            p.tests.append({at, text, k + d.firstObservation});
        }

        // Center, limits and zones.
        p.series[static_cast<int>(Role::Center)]->replace(stairLine(d.centerLine, count, firstX, columns));
        p.series[static_cast<int>(Role::Ucl)]->replace(stairLine(d.ucl, count, firstX, columns));
        p.series[static_cast<int>(Role::Lcl)]->replace(stairLine(d.lcl, count, firstX, columns));
        // Zones belong to the charts whose tests use them (I and X̄; tests 5-8, see specialcausetests.h).
        const bool zonesHere = m_options.showZones && (d.name == "i" || d.name == "xbar");
        const Role zones[] = {Role::ZoneMinus2, Role::ZoneMinus1, Role::ZonePlus1, Role::ZonePlus2};
        const double factors[] = {-2, -1, 1, 2};
        for (int z = 0; z < 4; ++z)
            p.series[static_cast<int>(zones[z])]->replace(
                zonesHere ? stairLine(d.centerLine, count, firstX, columns, &d.sd.values, factors[z])
                                    : QList<QPointF>());

        // Limit labels at the right edge, pushed apart where they would overlap.
        p.limits.clear();
        if (count > 0 && !compact) {
            const std::size_t lastIdx = count - 1;
            const qreal lx = p.plot.right() + 4 * u;
            QList<Label> labels = {
                {QPointF(lx, p.mapY(d.ucl.at(lastIdx))), QStringLiteral("UCL=") + limitText(d.ucl.at(lastIdx), p.yDecimals), lastIdx},
                {QPointF(lx, p.mapY(d.centerLine.at(lastIdx))),
                 centerSymbol(d.name) + QStringLiteral("=") + limitText(d.centerLine.at(lastIdx), p.yDecimals), lastIdx},
                {QPointF(lx, p.mapY(d.lcl.at(lastIdx))), QStringLiteral("LCL=") + limitText(d.lcl.at(lastIdx), p.yDecimals), lastIdx},
            };
            const qreal h = labelMetrics.height();
            // Top to bottom: UCL, center, LCL; keep each at least one line below the previous.
            for (int k = 1; k < labels.size(); ++k)
                if (labels[k].anchor.y() < labels[k - 1].anchor.y() + h)
                    labels[k].anchor.setY(labels[k - 1].anchor.y() + h);
            // And inside the panel: shift the three up if the last one fell off the bottom.
            const qreal overflow = labels.back().anchor.y() - (p.plot.bottom() + h * 0.5);
            if (overflow > 0)
                for (auto& l : labels)
                    l.anchor.setY(l.anchor.y() - overflow);
            p.limits = labels;
        }

        // Stage boundaries and names.
        p.stageX.clear();
        p.stageNames.clear();
        for (std::size_t b : boundaries)
            p.stageX.append(p.mapX(static_cast<double>(b) + 0.5));
        QStringList names = m_options.stageNames;
        if (names.isEmpty() && !a.flags.phase.empty() && !boundaries.empty() && m_options.stageStarts.empty()) {
            for (std::size_t s = 0; s <= boundaries.size(); ++s) {
                const std::size_t start = s == 0 ? 0 : boundaries[s - 1];
                names << (a.phaseOf(start) == 1 ? tr("Phase I") : tr("Phase II"));
            }
        }
        if (i == 0)
            for (qsizetype s = 0; s < names.size() && s <= static_cast<qsizetype>(boundaries.size()); ++s) {
                const std::size_t start = s == 0 ? 0 : boundaries[static_cast<std::size_t>(s - 1)];
                p.stageNames.append({p.mapX(static_cast<double>(start) + 0.5), names[s]});
            }

        // Note marks on the first panel only (they mark a point, not a statistic).
        p.notes.clear();
        if (i == 0)
            for (const auto& note : m_notes) {
                if (note.point < d.firstObservation || note.point - d.firstObservation >= count)
                    continue;
                const std::size_t k = note.point - d.firstObservation;
                p.notes.append({QPointF(p.mapX(firstX + static_cast<double>(k)), p.mapY(d.values[k])),
                                QString::number(note.number), note.point});
            }
        p.overlay->update();
    }
}

void ControlChartFigure::render(QPainter& painter, const QRectF& target)
{
    if (!m_scene)
        return;
    m_scene->render(&painter, target, QRectF(QPointF(0, 0), m_size), Qt::IgnoreAspectRatio);
}

std::optional<QPointF> ControlChartFigure::pointPosition(int panel, std::size_t point) const
{
    if (panel < 0 || panel >= panelCount())
        return std::nullopt;
    const Panel& p = *m_panels[static_cast<std::size_t>(panel)];
    const auto& d = *p.data;
    if (point < d.firstObservation || point - d.firstObservation >= d.size())
        return std::nullopt;
    const double v = d.values[point - d.firstObservation];
    if (!std::isfinite(v))
        return std::nullopt;
    return QPointF(p.mapX(static_cast<double>(point) + 1), p.mapY(v));
}

std::optional<std::size_t> ControlChartFigure::pointAt(const QPointF& scenePos, qreal tolerance) const
{
    for (int i = 0; i < panelCount(); ++i) {
        const Panel& p = *m_panels[static_cast<std::size_t>(i)];
        if (!p.plot.adjusted(-tolerance, -tolerance, tolerance, tolerance).contains(scenePos))
            continue;
        const double x = p.unmapX(scenePos.x());
        const double nearest = std::round(x);
        if (nearest < 1 || nearest > static_cast<double>(m_analysis->pointCount))
            return std::nullopt;
        const auto point = static_cast<std::size_t>(nearest) - 1;
        const auto at = pointPosition(i, point);
        if (!at || std::fabs(at->x() - scenePos.x()) > tolerance)
            return std::nullopt;
        return point;
    }
    return std::nullopt;
}

QString ControlChartFigure::printTitle() const
{
    if (!m_options.title.isEmpty())
        return m_options.title;
    if (m_analysis)
        return tr("%1 chart").arg(QString::fromStdString(std::string(stats::chartTypeName(m_analysis->type))));
    return tr("Control chart");
}

int ControlChartFigure::pageCount(const QSizeF&) const { return 1; }

void ControlChartFigure::paintPage(QPainter& painter, const QRectF& rect, int page) const
{
    if (page != 0 || !m_analysis)
        return;
    // A copy laid out for the page and white paper: the screen figure keeps its own size and theme.
    ControlChartFigure copy;
    copy.m_options = m_options;
    copy.m_notes = m_notes;
    copy.m_colours = ChartColours::forPrint();
    // 9 pt tick labels on an A4/Letter page; smaller figures scale down to stay in proportion.
    copy.m_fontSize = std::clamp(std::min(rect.width() / 80.0, rect.height() / 45.0), 6.0, 9.0);
    copy.setAnalysis(m_analysis);
    // Device pixels per point: a PNG's resolution; vector output is kept at 4 per point (288 dpi).
    const qreal scale = std::sqrt(std::fabs(painter.deviceTransform().determinant()));
    copy.layout(rect.size(), std::clamp<qreal>(scale, 1, 4));
    copy.render(painter, rect);
}

} // namespace gemba::ui
