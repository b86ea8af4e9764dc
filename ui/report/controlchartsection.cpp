// A control chart in a report: heading, figure, methods and the list of signals.
#include "report/controlchartsection.h"

#include "charts/controlchartfigure.h"
#include "report/reportstyle.h"

#include <QLocale>
#include <QPainter>

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
    m_figure = std::make_unique<ControlChartFigure>();
    ControlChartFigure::Options figureOptions;
    figureOptions.valueUnit = m_unit;
    figureOptions.showFooter = false;   // the methods line under the figure says it in full
    m_figure->setOptions(figureOptions);
    QList<ControlChartFigure::NoteMark> marks;
    for (int k = 0; k < m_notes.size(); ++k)
        marks.append({m_notes[k].point, k + 1});
    m_figure->setNotes(marks);
    m_figure->setAnalysis(m_analysis);
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

ControlChartSection::~ControlChartSection() = default;

void ControlChartSection::setStages(std::vector<std::size_t> starts, QStringList names)
{
    ControlChartFigure::Options options = m_figure->options();
    options.stageStarts = std::move(starts);
    options.stageNames = std::move(names);
    m_figure->setOptions(options);
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
    // A pair of panels (I above MR) at a bit over half the width high, with their axes: two
    // charts with their methods line fit one A4 or Letter page.
    const qreal perPanel = std::clamp<qreal>(width * 0.27, 110, 150);
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
    if (!m_analysis.charts.empty())
        m_figure->paintPage(painter, rect, 0);
}

} // namespace gemba::ui
