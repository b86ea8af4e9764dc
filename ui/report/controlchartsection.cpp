// A control chart in a report: heading, figure, methods and the list of signals.
#include "report/controlchartsection.h"

#include "report/reportstyle.h"

#include <QFontMetricsF>
#include <QLocale>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>

namespace gemba::ui {
namespace {
constexpr qreal kGap = 4;
constexpr int kSignalRowsPerBlock = 16;

QString number(double v)
{
    return std::isfinite(v) ? QLocale().toString(v, 'f', 2) : QStringLiteral("-");
}

QString testList(std::uint16_t mask)
{
    QStringList out;
    for (int t = 1; t <= stats::kTestCount; ++t)
        if (mask & (1u << (t - 1)))
            out << QString::number(t);
    return out.join(QStringLiteral(", "));
}

int lowestTest(std::uint16_t mask)
{
    for (int t = 1; t <= stats::kTestCount; ++t)
        if (mask & (1u << (t - 1)))
            return t;
    return 0;
}
} // namespace

QString ControlChartSection::chartTitle(const stats::ControlChart& chart)
{
    const QString name = QString::fromStdString(chart.name);
    if (name == QLatin1String("xbar"))
        return QStringLiteral("X̄");
    return name.toUpper();
}

ControlChartSection::ControlChartSection(QString heading, QString description, stats::ChartAnalysis analysis,
                                         QStringList pointLabels, QString unit, QList<ChartNote> notes)
    : m_heading(std::move(heading))
    , m_description(std::move(description))
    , m_analysis(std::move(analysis))
    , m_pointLabels(std::move(pointLabels))
    , m_unit(std::move(unit))
    , m_notes(std::move(notes))
{
    std::stable_sort(m_notes.begin(), m_notes.end(),
                     [](const ChartNote& a, const ChartNote& b) { return a.point < b.point; });
    auto pointLabel = [&](std::size_t point) {
        return static_cast<qsizetype>(point) < m_pointLabels.size() ? m_pointLabels[static_cast<qsizetype>(point)]
                                                                    : tr("point %1").arg(point + 1);
    };
    // What the reader needs to judge the chart: how σ was estimated, how wide the limits are,
    // and which tests ran on which chart (each chart reports its own, controlchart.h).
    if (!m_analysis.charts.empty()) {
        const auto& first = m_analysis.charts.front();
        const QString unitSuffix = m_unit.isEmpty() ? QString() : QLatin1Char(' ') + m_unit;
        QStringList parts;
        parts << tr("Limits at the center line ± %1σ; σ = %2%3, estimated by %4.")
                     .arg(QLocale().toString(first.nsigmas, 'g', 3), number(first.sigma), unitSuffix,
                          QString::fromStdString(std::string(stats::sigmaMethodDescription(first.sigmaMethod))));
        QStringList tests;
        for (const auto& chart : m_analysis.charts) {
            QStringList ran;
            for (int t : chart.rules.enabledTests())
                ran << (t == 1 ? QString::number(t) : tr("%1 (K = %2)").arg(t).arg(chart.rules.kOf(t)));
            tests << tr("%1 chart: %2").arg(chartTitle(chart), ran.isEmpty() ? tr("none") : ran.join(QStringLiteral(", ")));
        }
        parts << tr("Tests (%1 rule set): %2.")
                     .arg(QString::fromStdString(m_analysis.rules.name), tests.join(QStringLiteral("; ")));
        m_methods = parts.join(QLatin1Char(' '));
    }

    QList<ReportTable::Column> signalColumns{{tr("Chart"), Qt::AlignLeft, false},
                                              {tr("Point"), Qt::AlignLeft, false},
                                              {m_unit.isEmpty() ? tr("Value") : tr("Value (%1)").arg(m_unit),
                                               Qt::AlignRight, false},
                                              {tr("Tests"), Qt::AlignLeft, false},
                                              {tr("What the tests found"), Qt::AlignLeft, true}};
    if (!m_notes.isEmpty())
        signalColumns << ReportTable::Column{tr("Note"), Qt::AlignRight, false};
    m_signals.setColumns(signalColumns);
    for (const auto& chart : m_analysis.charts) {
        for (std::size_t i = 0; i < chart.size() && i < chart.tests.size(); ++i) {
            const std::uint16_t mask = chart.tests[i];
            if (mask == 0)
                continue;
            const std::size_t point = chart.firstObservation + i;
            QString label = pointLabel(point);
            if (isExcluded(point))
                label += tr(" (excluded)");
            QStringList found;
            for (int t = 1; t <= stats::kTestCount; ++t)
                if (mask & (1u << (t - 1)))
                    found << tr("%1: %2").arg(t).arg(QString::fromStdString(stats::describeTest(t, chart.rules.kOf(t))));
            QStringList cells{chartTitle(chart), label, number(chart.values[i]), testList(mask),
                              found.join(QStringLiteral("; "))};
            if (!m_notes.isEmpty())
                cells << (noteNumber(point) > 0 ? QString::number(noteNumber(point)) : QString());
            m_signals.addRow(cells, ReportStyle::signal());
        }
    }

    m_notesTable.setColumns({{tr("Note"), Qt::AlignRight, false},
                             {tr("Point"), Qt::AlignLeft, false},
                             {tr("Assignable cause"), Qt::AlignLeft, true},
                             {tr("Action taken"), Qt::AlignLeft, true},
                             {tr("Written"), Qt::AlignLeft, false}});
    for (int k = 0; k < m_notes.size(); ++k) {
        const ChartNote& note = m_notes[k];
        m_notesTable.addRow({QString::number(k + 1), pointLabel(note.point), note.assignableCause, note.actionTaken,
                             note.written});
    }
}

int ControlChartSection::noteNumber(std::size_t point) const
{
    for (int k = 0; k < m_notes.size(); ++k)
        if (m_notes[k].point == point)
            return k + 1;
    return 0;
}

bool ControlChartSection::isExcluded(std::size_t point) const
{
    return point < m_analysis.flags.excluded.size() && m_analysis.flags.excluded[point] != 0;
}

qreal ControlChartSection::figureHeight(qreal width) const
{
    // A pair of panels reads well at a bit over half as high as wide (I above MR).
    const qreal perPanel = std::clamp<qreal>(width * 0.27, 110, 170);
    return perPanel * static_cast<qreal>(std::max<std::size_t>(m_analysis.charts.size(), 1));
}

qreal ControlChartSection::headHeight(qreal width) const
{
    qreal h = ReportStyle::textHeight(ReportStyle::font(ReportStyle::Text::Heading), width, m_heading) + kGap;
    if (!m_description.isEmpty())
        h += ReportStyle::textHeight(ReportStyle::font(ReportStyle::Text::Body), width, m_description) + kGap;
    return h;
}

QList<qreal> ControlChartSection::blockHeights(qreal width) const
{
    const QFont small = ReportStyle::font(ReportStyle::Text::Small);
    const QFont body = ReportStyle::font(ReportStyle::Text::Body);
    const QFont sub = ReportStyle::font(ReportStyle::Text::Subheading);
    qreal first = headHeight(width) + figureHeight(width) + kGap + ReportStyle::textHeight(small, width, m_methods);
    if (m_signals.rowCount() == 0)
        first += kGap + ReportStyle::textHeight(body, width, tr("No signals: no point fails a test."));
    QList<qreal> heights{first};
    // The signals, then the notes, each in blocks of whole rows under their subheading.
    for (const ReportTable* table : {&m_signals, &m_notesTable}) {
        if (table->rowCount() == 0)
            continue;
        const QList<qreal> widths = table->columnWidths(width);
        const auto chunks = table->chunks(kSignalRowsPerBlock);
        for (int i = 0; i < chunks.size(); ++i) {
            qreal h = table->height(chunks[i].first, chunks[i].second, widths);
            if (i == 0)
                h += ReportStyle::textHeight(sub, width, tr("Signals")) + kGap;
            heights.append(h);
        }
    }
    return heights;
}

void ControlChartSection::paintBlock(QPainter& painter, const QRectF& rect, int block) const
{
    const QFont body = ReportStyle::font(ReportStyle::Text::Body);
    qreal y = rect.top();
    if (block == 0) {
        y += ReportStyle::drawText(painter, QRectF(rect.left(), y, rect.width(), 0),
                                   ReportStyle::font(ReportStyle::Text::Heading), ReportStyle::accent(), m_heading) +
             kGap;
        if (!m_description.isEmpty())
            y += ReportStyle::drawText(painter, QRectF(rect.left(), y, rect.width(), 0), body, ReportStyle::muted(),
                                       m_description) +
                 kGap;
        const qreal fh = figureHeight(rect.width());
        paintFigure(painter, QRectF(rect.left(), y, rect.width(), fh));
        y += fh + kGap;
        y += ReportStyle::drawText(painter, QRectF(rect.left(), y, rect.width(), 0),
                                   ReportStyle::font(ReportStyle::Text::Small), ReportStyle::muted(), m_methods);
        if (m_signals.rowCount() == 0)
            ReportStyle::drawText(painter, QRectF(rect.left(), y + kGap, rect.width(), 0), body, ReportStyle::ink(),
                                  tr("No signals: no point fails a test."));
        return;
    }
    int rest = block - 1;
    for (const ReportTable* table : {&m_signals, &m_notesTable}) {
        if (table->rowCount() == 0)
            continue;
        const auto chunks = table->chunks(kSignalRowsPerBlock);
        if (rest >= chunks.size()) {
            rest -= static_cast<int>(chunks.size());
            continue;
        }
        if (rest == 0)
            y += ReportStyle::drawText(painter, QRectF(rect.left(), y, rect.width(), 0),
                                       ReportStyle::font(ReportStyle::Text::Subheading), ReportStyle::ink(),
                                       (table == &m_signals ? tr("Signals — %1") : tr("Signal notes — %1")).arg(m_heading)) +
                 kGap;
        table->paint(painter, QPointF(rect.left(), y), chunks[rest].first, chunks[rest].second,
                     table->columnWidths(rect.width()));
        return;
    }
}

void ControlChartSection::paintFigure(QPainter& painter, const QRectF& rect) const
{
    if (m_analysis.charts.empty())
        return;
    const qreal panelHeight = rect.height() / static_cast<qreal>(m_analysis.charts.size());
    for (std::size_t c = 0; c < m_analysis.charts.size(); ++c)
        paintPanel(painter, QRectF(rect.left(), rect.top() + panelHeight * static_cast<qreal>(c), rect.width(), panelHeight),
                   m_analysis.charts[c]);
}

// A plain drawing of one chart until the Qt Charts figure (ui/charts) is in: the points joined
// in order, the center line solid, the limits dashed and labelled with their values, and each
// flagged point a filled square with the number of its lowest failed test beside it (shape and
// number, so it reads in black-and-white print).
void ControlChartSection::paintPanel(QPainter& painter, const QRectF& rect, const stats::ControlChart& chart) const
{
    const QFont small = ReportStyle::font(ReportStyle::Text::Small);
    const QFontMetricsF fm(small);
    const qreal labelWidth = fm.horizontalAdvance(QStringLiteral("UCL 000.00")) + 6;
    const QRectF plot = rect.adjusted(34, 16, -labelWidth, -14);
    const std::size_t n = chart.size();

    painter.save();
    painter.setFont(small);
    painter.setPen(ReportStyle::ink());
    const QString unitSuffix = m_unit.isEmpty() ? QString() : tr(" (%1)").arg(m_unit);
    painter.drawText(QRectF(rect.left(), rect.top(), rect.width(), 14), Qt::AlignLeft | Qt::AlignVCenter,
                     tr("%1 chart%2").arg(chartTitle(chart), unitSuffix));

    double lo = INFINITY, hi = -INFINITY;
    for (std::size_t i = 0; i < n; ++i) {
        for (double v : {chart.values[i], chart.lcl.at(i), chart.ucl.at(i), chart.centerLine.at(i)})
            if (std::isfinite(v)) {
                lo = std::min(lo, v);
                hi = std::max(hi, v);
            }
    }
    if (!std::isfinite(lo) || !std::isfinite(hi)) {
        painter.restore();
        return;
    }
    if (hi - lo <= 0) {
        hi += 1;
        lo -= 1;
    }
    const double pad = (hi - lo) * 0.08;
    lo -= pad;
    hi += pad;
    auto yOf = [&](double v) { return plot.bottom() - (v - lo) / (hi - lo) * plot.height(); };
    const qreal step = n > 1 ? plot.width() / static_cast<qreal>(n - 1) : 0;
    auto xOf = [&](std::size_t i) { return n > 1 ? plot.left() + step * static_cast<qreal>(i) : plot.center().x(); };

    painter.setPen(QPen(ReportStyle::rule(), 0.6));
    painter.drawRect(plot);
    // Value axis: the lowest and highest value shown.
    painter.setPen(ReportStyle::muted());
    painter.drawText(QRectF(rect.left(), plot.top() - 6, 30, 12), Qt::AlignRight | Qt::AlignVCenter, number(hi));
    painter.drawText(QRectF(rect.left(), plot.bottom() - 6, 30, 12), Qt::AlignRight | Qt::AlignVCenter, number(lo));
    // Point axis: first and last point, by the first observation they belong to.
    painter.drawText(QRectF(plot.left() - 20, plot.bottom() + 1, 40, 12), Qt::AlignHCenter | Qt::AlignTop,
                     QString::number(chart.firstObservation + 1));
    if (n > 1)
        painter.drawText(QRectF(plot.right() - 20, plot.bottom() + 1, 40, 12), Qt::AlignHCenter | Qt::AlignTop,
                         QString::number(chart.firstObservation + n));

    auto drawLine = [&](const stats::Line& line, const QPen& pen, const QString& name) {
        if (line.values.empty())
            return;
        QPainterPath path;
        for (std::size_t i = 0; i < n; ++i) {
            const double v = line.at(i);
            if (!std::isfinite(v))
                continue;
            // Stair steps when the line varies (unequal subgroup sizes).
            const qreal x0 = n > 1 ? std::max(plot.left(), xOf(i) - step / 2) : plot.left();
            const qreal x1 = n > 1 ? std::min(plot.right(), xOf(i) + step / 2) : plot.right();
            if (path.elementCount() == 0)
                path.moveTo(x0, yOf(v));
            else
                path.lineTo(x0, yOf(v));
            path.lineTo(x1, yOf(v));
        }
        painter.setPen(pen);
        painter.drawPath(path);
        const double last = line.at(n - 1);
        if (std::isfinite(last)) {
            painter.setPen(pen.color());
            painter.drawText(QRectF(plot.right() + 3, yOf(last) - 6, labelWidth, 12), Qt::AlignLeft | Qt::AlignVCenter,
                             tr("%1 %2").arg(name, number(last)));
        }
    };
    if (n > 0) {
        drawLine(chart.ucl, QPen(ReportStyle::signal(), 0.8, Qt::DashLine), tr("UCL"));
        drawLine(chart.lcl, QPen(ReportStyle::signal(), 0.8, Qt::DashLine), tr("LCL"));
        drawLine(chart.centerLine, QPen(ReportStyle::ink(), 0.8), chartTitle(chart) == QLatin1String("I") ? tr("X̄") : tr("CL"));
    }

    QPainterPath series;
    for (std::size_t i = 0; i < n; ++i) {
        if (!std::isfinite(chart.values[i]))
            continue;
        const QPointF p(xOf(i), yOf(chart.values[i]));
        if (series.elementCount() == 0)
            series.moveTo(p);
        else
            series.lineTo(p);
    }
    painter.setPen(QPen(ReportStyle::accent(), 0.9));
    painter.setBrush(Qt::NoBrush);
    painter.drawPath(series);
    for (std::size_t i = 0; i < n; ++i) {
        if (!std::isfinite(chart.values[i]))
            continue;
        const QPointF p(xOf(i), yOf(chart.values[i]));
        const std::uint16_t mask = i < chart.tests.size() ? chart.tests[i] : 0;
        const std::size_t point = chart.firstObservation + i;
        if (const int note = noteNumber(point); note > 0) {
            // The note's number in a ring below the point (the test number is above it).
            const QRectF ring(p.x() - 5, p.y() + 5, 10, 10);
            painter.setPen(QPen(ReportStyle::ink(), 0.6));
            painter.setBrush(Qt::white);
            painter.drawEllipse(ring);
            painter.drawText(ring, Qt::AlignCenter, QString::number(note));
        }
        if (isExcluded(point)) {
            // Hollow and grey: plotted and tested, but left out of the center and σ.
            painter.setPen(QPen(mask ? ReportStyle::signal() : ReportStyle::muted(), 0.8));
            painter.setBrush(Qt::white);
            if (mask) {
                painter.drawRect(QRectF(p.x() - 2.6, p.y() - 2.6, 5.2, 5.2));
                painter.drawText(QRectF(p.x() + 3, p.y() - 13, 14, 10), Qt::AlignLeft | Qt::AlignVCenter,
                                 QString::number(lowestTest(mask)));
            } else {
                painter.drawEllipse(p, 2.2, 2.2);
            }
        } else if (mask) {
            painter.setPen(QPen(ReportStyle::signal(), 0.8));
            painter.setBrush(ReportStyle::signal());
            painter.drawRect(QRectF(p.x() - 2.6, p.y() - 2.6, 5.2, 5.2));
            painter.drawText(QRectF(p.x() + 3, p.y() - 13, 14, 10), Qt::AlignLeft | Qt::AlignVCenter,
                             QString::number(lowestTest(mask)));
        } else {
            painter.setPen(QPen(ReportStyle::accent(), 0.8));
            painter.setBrush(Qt::white);
            painter.drawEllipse(p, 1.8, 1.8);
        }
    }
    painter.restore();
}

} // namespace gemba::ui
