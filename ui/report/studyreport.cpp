// The review report of time studies: header, summary and a control chart per step.
#include "report/studyreport.h"

#include "analysis/capabilityanalysis.h"
#include "analysis/capabilityfigure.h"
#include "analysis/chartseries.h"
#include "analysis/studyvalues.h"
#include "models/summarymodel.h"
#include "report/controlchartsection.h"
#include "report/figuresection.h"
#include "report/headersection.h"
#include "report/savedchart.h"
#include "report/reporttable.h"
#include "report/tablesection.h"
#include "report/textsection.h"
#include "store/chartspec.h"
#include "store/project.h"
#include "study/stepsummary.h"

#include <QBrush>
#include <QCoreApplication>
#include <QDateTime>
#include <QFileInfo>
#include <QLocale>

#include <algorithm>
#include <set>

namespace gemba::ui {
namespace {

QString tr(const char* text, const char* disambiguation = nullptr, int n = -1)
{
    return QCoreApplication::translate("StudyReport", text, disambiguation, n);
}

QString qs(const std::string& s) { return QString::fromStdString(s); }

QString wallTime(std::int64_t us)
{
    return QDateTime::fromMSecsSinceEpoch(us / 1000).toString(QStringLiteral("yyyy-MM-dd HH:mm"));
}

QString rulesText(const stats::RuleSet& rules)
{
    QStringList tests;
    for (int t : rules.enabledTests())
        tests << (t == 1 ? QString::number(t) : tr("%1 (K = %2)").arg(t).arg(rules.kOf(t)));
    return tr("%1: tests %2").arg(qs(rules.name), tests.isEmpty() ? tr("none") : tests.join(QStringLiteral(", ")));
}

std::unique_ptr<HeaderSection> studyHeader(const store::Project& project, const study::Process& process,
                                           const study::Study& s, const std::vector<study::Observation>& observations,
                                           const study::StudySummary& summary, const StudyReportOptions& options,
                                           bool newPage)
{
    QList<HeaderSection::Field> fields;
    fields << HeaderSection::Field{tr("Project file"), QFileInfo(qs(project.path())).absoluteFilePath()};
    QString processText = qs(process.name);
    if (!process.description.empty())
        processText += tr(" — %1").arg(qs(process.description));
    fields << HeaderSection::Field{tr("Process"), processText};
    QString studyText = studyLabel(s);
    if (!s.notes.empty())
        studyText += tr(" — %1").arg(qs(s.notes));
    fields << HeaderSection::Field{tr("Study"), studyText};
    fields << HeaderSection::Field{tr("Observer"), qs(s.observer)};
    QString place = qs(s.location);
    if (!s.shift.empty())
        place += (place.isEmpty() ? QString() : tr(", ")) + tr("shift %1").arg(qs(s.shift));
    fields << HeaderSection::Field{tr("Place"), place};
    QString dates = qs(s.date);
    if (s.startedWallUs > 0) {
        dates += tr("; timed from %1").arg(wallTime(s.startedWallUs));
        dates += s.endedWallUs ? tr(" to %1").arg(wallTime(*s.endedWallUs)) : tr(" (not ended)");
    }
    fields << HeaderSection::Field{tr("Dates"), dates};

    std::size_t counted = 0, excluded = 0, foreign = 0;
    for (const auto& st : summary.steps) {
        counted += st.n;
        excluded += st.excludedCount;
        foreign += st.foreignCount;
    }
    fields << HeaderSection::Field{
        tr("Observations"),
        tr("%1 recorded: %2 counted, %3 excluded by the analyst, %4 foreign element(s); %5 complete cycle(s)")
            .arg(observations.size())
            .arg(counted)
            .arg(excluded)
            .arg(foreign)
            .arg(summary.cycle.completeCycles)};
    fields << HeaderSection::Field{tr("Rating method"), s.ratingMethod == study::RatingMethod::PaceRating
                                                             ? tr("pace rating per observation (unrated = 100 %)")
                                                             : tr("none (every observation at 100 %)")};
    const QString pct = QLocale().toString(s.allowancePercent, 'g', 4);
    fields << HeaderSection::Field{tr("Allowance"), s.allowanceBasis == study::AllowanceBasis::NormalTime
                                                        ? tr("%1 % of normal time: standard = normal × (1 + a)").arg(pct)
                                                        : tr("%1 % of working time: standard = normal / (1 − a)").arg(pct)};
    const auto sigma = options.chart.sigmaMethod.value_or(stats::defaultSigmaMethod(stats::ChartType::IMR));
    fields << HeaderSection::Field{
        tr("Control charts"),
        tr("I-MR of each step's times; σ by %1 (%2); limits at ± %3σ; rule set %4")
            .arg(qs(std::string(stats::sigmaMethodName(sigma))), qs(std::string(stats::sigmaMethodDescription(sigma))),
                 QLocale().toString(options.chart.nsigmas, 'g', 3), rulesText(options.chart.rules))};
    return std::make_unique<HeaderSection>(tr("Time study: %1").arg(qs(process.name)), studyLabel(s), fields, newPage);
}

// The summary exactly as the Observations page shows it: its model formats every cell.
std::unique_ptr<TableSection> summarySection(const std::vector<study::Step>& steps, const study::StudySummary& summary)
{
    SummaryModel model;
    model.setSummary(steps, summary);
    ReportTable table;
    QList<ReportTable::Column> columns;
    const QList<int> shown = SummaryModel::reportColumns();
    for (int c : shown)
        columns << ReportTable::Column{model.headerData(c, Qt::Horizontal).toString(),
                                       c == SummaryModel::Step ? Qt::AlignLeft : Qt::AlignRight,
                                       c == SummaryModel::Step};
    table.setColumns(columns);
    for (int r = 0; r < model.rowCount(); ++r) {
        QStringList cells;
        for (int c : shown)
            cells << model.data(model.index(r, c)).toString();
        // The count of a step that still needs observations reads in the colour the page uses.
        const QVariant fg = model.data(model.index(r, SummaryModel::Needed), Qt::ForegroundRole);
        table.addRow(cells, fg.isValid() ? fg.value<QBrush>().color() : QColor(),
                     static_cast<int>(shown.indexOf(SummaryModel::Needed)));
    }
    return std::make_unique<TableSection>(
        tr("Study summary"),
        tr("Per step: the observations that count (neither excluded nor foreign elements), their mean, standard "
           "deviation, coefficient of variation, range, the observations needed for 95 % confidence and ±5 % "
           "accuracy, normal and standard time."),
        std::move(table), model.totalsText(), tr("No steps."));
}

QString chartTypeTitle(stats::ChartType type)
{
    switch (type) {
    case stats::ChartType::IMR: return QStringLiteral("I-MR");
    case stats::ChartType::XbarR: return QStringLiteral("X̄-R");
    case stats::ChartType::XbarS: return QStringLiteral("X̄-S");
    default: return qs(std::string(stats::chartTypeName(type)));
    }
}

// One saved chart as its analyst left it (options, exclusions, stages, locked limits), its
// signals and its signal notes; `subject` names what it charts ("Fold box", "column Width").
void addChartSection(ReportDocument& report, store::Project& project, const store::ChartSpec& spec,
                     const QString& heading, const QString& subject)
{
    const auto& ids = spec.source.studyIds;
    SavedChart chart = evaluateSavedChart(project, spec);
    if (!chart.error.isEmpty()) {
        report.addSection(std::make_unique<TextSection>(heading, QStringList{tr("No chart: %1.").arg(chart.error)}));
        return;
    }
    QStringList about;
    about << tr("%1 of %2, %n point(s)", nullptr, static_cast<int>(chart.pointKeys.size()))
                 .arg(chartTypeTitle(spec.type), subject);
    if (ids.size() > 1)
        about << tr("%n studies, one stage each", nullptr, static_cast<int>(ids.size()));
    if (!spec.exclusions.empty())
        about << tr("%n point(s) excluded by the analyst (hollow)", nullptr, static_cast<int>(spec.exclusions.size()));
    if (spec.lockedLimits)
        about << tr("limits locked after %n point(s): later points are judged against them", nullptr,
                    static_cast<int>(spec.lockedLimits->pointCount));
    if (chart.omittedPoints > 0)
        about << tr("%n incomplete point(s) not shown", nullptr, static_cast<int>(chart.omittedPoints));
    QList<ChartNote> notes;
    for (const auto& note : spec.notes) {
        const long point = chart.pointOf(note.pointKey);
        if (point < 0)
            continue;
        notes.append({static_cast<std::size_t>(point), qs(note.assignableCause), qs(note.actionTaken),
                      note.wallUs > 0 ? wallTime(note.wallUs) : QString()});
    }
    auto section = std::make_unique<ControlChartSection>(heading, about.join(QStringLiteral("; ")) + QLatin1Char('.'),
                                                         std::move(chart.analysis), chart.pointLabels, chart.unit,
                                                         notes);
    if (!chart.stageStarts.empty())
        section->setStages(chart.stageStarts, chart.stageNames);
    report.addSection(std::move(section));
}

// Each saved chart of the study (the project's control charts whose source includes it).
std::string addSavedCharts(ReportDocument& report, store::Project& project, const study::Study& s,
                           const std::vector<study::Step>& steps, std::set<study::Id>& shown)
{
    auto charts = project.charts(s.processId);
    if (!charts)
        return charts.error().message;
    for (const store::ChartSpec& spec : *charts) {
        const auto& ids = spec.source.studyIds;
        if (std::find(ids.begin(), ids.end(), s.id) == ids.end() || shown.count(spec.id))
            continue;
        shown.insert(spec.id);
        QString subject = tr("cycle total");
        if (spec.source.kind == store::ChartSourceKind::StepDurations)
            for (const auto& step : steps)
                if (step.id == spec.source.stepId)
                    subject = qs(step.name);
        addChartSection(report, project, spec, tr("Saved chart: %1").arg(spec.title.empty() ? subject : qs(spec.title)),
                        subject);
    }
    return {};
}

// The saved charts of the project's data sets (store::Project::dataSetCharts): for each data
// set that has any, a header naming it (its source file, import date, rows), then each chart
// headed by the data set and the column, with its signals and notes.
std::string addDataSetCharts(ReportDocument& report, store::Project& project, bool newPage)
{
    auto sets = project.dataSets();
    if (!sets)
        return sets.error().message;
    for (const store::DataSetInfo& set : *sets) {
        auto charts = project.dataSetCharts(set.id);
        if (!charts)
            return charts.error().message;
        if (charts->empty())
            continue;
        QList<HeaderSection::Field> fields;
        fields << HeaderSection::Field{tr("Project file"), QFileInfo(qs(project.path())).absoluteFilePath()};
        fields << HeaderSection::Field{tr("Data set"), qs(set.name)};
        fields << HeaderSection::Field{tr("Imported from"), qs(set.sourceFile)};
        if (set.importedWallUs > 0)
            fields << HeaderSection::Field{tr("Imported"), wallTime(set.importedWallUs)};
        fields << HeaderSection::Field{tr("Rows"), QString::number(set.rowCount)};
        fields << HeaderSection::Field{tr("Saved charts"), QString::number(charts->size())};
        report.addSection(std::make_unique<HeaderSection>(tr("Data set: %1").arg(qs(set.name)),
                                                          QFileInfo(qs(set.sourceFile)).fileName(), fields, newPage));
        newPage = true;
        for (const store::ChartSpec& spec : *charts) {
            const QString column = qs(spec.source.valueColumn);
            QString heading = tr("Data set chart: %1, column %2").arg(qs(set.name), column);
            if (!spec.title.empty())
                heading += tr(" — %1").arg(qs(spec.title));
            addChartSection(report, project, spec, heading, tr("column %1").arg(column));
        }
    }
    return {};
}

// The capability of every saved chart of the study that has spec limits (they are saved with
// the chart), as the Capability view shows it: its figure, of this study's times.
std::string addCapability(ReportDocument& report, store::Project& project, const study::Study& s,
                          const std::vector<study::Step>& steps)
{
    auto charts = project.charts(s.processId);
    if (!charts)
        return charts.error().message;
    for (const store::ChartSpec& spec : *charts) {
        const auto& ids = spec.source.studyIds;
        const bool ofStudy = std::find(ids.begin(), ids.end(), s.id) != ids.end();
        const bool timed = spec.source.kind == store::ChartSourceKind::StepDurations ||
                           spec.source.kind == store::ChartSourceKind::CycleTotal;
        const auto& limits = spec.specLimits;
        if (!ofStudy || !timed || (!limits.lsl && !limits.usl))
            continue;
        const bool cycle = spec.source.kind == store::ChartSourceKind::CycleTotal;
        auto values = readValues(project, ValueSource{s.id, cycle ? study::Id(0) : spec.source.stepId});
        if (!values)
            return values.error().message;
        QString subject = tr("cycle total");
        if (!cycle)
            for (const auto& step : steps)
                if (step.id == spec.source.stepId)
                    subject = qs(step.name);
        auto figure = std::make_unique<CapabilityFigure>();
        figure->setAnalysis(analyseCapability(std::move(values).value(),
                                              stats::SpecLimits{limits.lsl, limits.usl, limits.target}),
                            subject);
        const QString heading =
            tr("Capability: %1").arg(spec.title.empty() ? subject : qs(spec.title));
        report.addSection(std::make_unique<FigureSection>(heading, std::move(figure), 1.35));
    }
    return {};
}

} // namespace

QString studyLabel(const study::Study& s)
{
    QString label = qs(s.date) + QStringLiteral(" - ") + qs(s.observer);
    if (!s.location.empty())
        label += QStringLiteral(" (") + qs(s.location) + QLatin1Char(')');
    return label;
}

std::unique_ptr<ReportDocument> buildStudyReport(store::Project& project, const std::vector<study::Id>& studyIds,
                                                 const StudyReportOptions& options, QString* error)
{
    auto fail = [&](const std::string& message) {
        if (error)
            *error = qs(message);
        return std::unique_ptr<ReportDocument>();
    };
    auto processes = project.processes();
    if (!processes)
        return fail(processes.error().message);

    QString title;
    std::set<study::Id> savedShown;   // a chart over several studies is shown once, with the first
    auto report = std::make_unique<ReportDocument>(QString(), QFileInfo(qs(project.path())).fileName(), options.printed);
    for (std::size_t k = 0; k < studyIds.size(); ++k) {
        auto s = project.findStudy(studyIds[k]);
        if (!s)
            return fail(s.error().message);
        const auto process = std::find_if(processes->begin(), processes->end(),
                                          [&](const study::Process& p) { return p.id == s->processId; });
        if (process == processes->end())
            return fail("the study's process is missing");
        auto steps = project.studySteps(s->id);
        if (!steps)
            return fail(steps.error().message);
        auto observations = project.observations(s->id);
        if (!observations)
            return fail(observations.error().message);
        auto summary = study::summarizeSteps(*steps, *observations, *s);
        if (!summary)
            return fail(summary.error().message);
        if (title.isEmpty())
            title = tr("Time study: %1, %2").arg(qs(process->name), studyLabel(*s));

        report->addSection(studyHeader(project, *process, *s, *observations, *summary, options, k > 0));
        report->addSection(summarySection(*steps, *summary));

        for (const auto& step : *steps) {
            // The step's times as the control chart view reads them (core's analysis::stepSeries):
            // every observation that is not a foreign element, in capture order; one the analyst
            // excluded is plotted and tested but left out of the center and σ.
            auto series = analysis::stepSeries(project, {s->id}, step.id);
            if (!series)
                return fail(series.error().message);
            const std::size_t n = series->series.pointCount();
            const auto excluded = static_cast<std::size_t>(
                std::count(series->flags.excluded.begin(), series->flags.excluded.end(), std::uint8_t(1)));
            QStringList labels;
            for (const auto& label : series->series.pointLabels)
                labels << qs(label);
            const QString heading = tr("Control chart: %1").arg(qs(step.name));
            auto analysis = stats::individualsCharts(series->series.values, series->flags, options.chart);
            if (!analysis) {
                report->addSection(std::make_unique<TextSection>(
                    heading, QStringList{tr("No chart: %1 (%n observation(s)).", nullptr, static_cast<int>(n))
                                             .arg(qs(analysis.error().message))}));
                continue;
            }
            QString description =
                tr("Individuals (I) and moving ranges (MR) of the step's %n time(s) in capture order.", nullptr,
                   static_cast<int>(n));
            if (excluded > 0)
                description += QLatin1Char(' ') + tr("%n excluded time(s), drawn hollow, are left out of the limits.",
                                                     nullptr, static_cast<int>(excluded));
            report->addSection(std::make_unique<ControlChartSection>(heading, description, std::move(analysis).value(),
                                                                     labels, QStringLiteral("s")));
        }
        if (auto problem = addSavedCharts(*report, project, *s, *steps, savedShown); !problem.empty())
            return fail(problem);
        if (auto problem = addCapability(*report, project, *s, *steps); !problem.empty())
            return fail(problem);
    }
    if (options.dataSetCharts)
        if (auto problem = addDataSetCharts(*report, project, !studyIds.empty()); !problem.empty())
            return fail(problem);
    if (studyIds.size() > 1)
        title = tr("Time studies: %1").arg(QFileInfo(qs(project.path())).fileName());
    else if (studyIds.empty())
        title = tr("Data sets: %1").arg(QFileInfo(qs(project.path())).fileName());
    report->setTitle(title);
    return report;
}

} // namespace gemba::ui
