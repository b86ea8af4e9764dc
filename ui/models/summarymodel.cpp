// The per-step summary of a study as core computes it; one more row holds the cycle totals.
#include "models/summarymodel.h"

#include "theme.h"

#include <QBrush>
#include <QColor>
#include <QGuiApplication>
#include <QFont>
#include <QLocale>

#include <algorithm>
#include <cmath>

namespace gemba::ui {
namespace {
QString seconds(double v, int decimals = 2)
{
    return std::isfinite(v) ? QLocale().toString(v, 'f', decimals) : QStringLiteral("-");
}
} // namespace

SummaryModel::SummaryModel(QObject* parent) : QAbstractTableModel(parent) {}

void SummaryModel::setData(std::vector<study::Step> steps, const std::vector<study::Observation>& observations,
                           const study::Study& study)
{
    setSelectedTimeRule(study.selectedTime);
    setValidity(study::studyValidity(observations));
    auto s = study::summarizeSteps(steps, observations, study);
    if (s)
        setSummary(std::move(steps), std::move(s).value());
    else
        setSummary(std::move(steps), {}, QString::fromStdString(s.error().message));
}

void SummaryModel::setSummary(std::vector<study::Step> steps, study::StudySummary summary, const QString& error)
{
    const bool sameRows = !summary.steps.empty() &&
                          std::equal(summary.steps.begin(), summary.steps.end(), m_summary.steps.begin(),
                                     m_summary.steps.end(), [](const study::StepSummary& a, const study::StepSummary& b) {
                                         return a.stepId == b.stepId;
                                     });
    if (!sameRows)
        beginResetModel();
    m_steps = std::move(steps);
    m_summary = std::move(summary);
    m_error = error;
    if (!sameRows)
        endResetModel();
    else
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

void SummaryModel::clear()
{
    beginResetModel();
    m_steps.clear();
    m_summary = {};
    m_error.clear();
    m_validity.reset();
    endResetModel();
}

void SummaryModel::setSelectedTimeRule(study::SelectedTimeRule rule)
{
    if (rule == m_rule)
        return;
    m_rule = rule;
    emit headerDataChanged(Qt::Horizontal, Selected, Selected);
}

void SummaryModel::setValidity(std::optional<study::StudyValidity> validity) { m_validity = validity; }

QString SummaryModel::validityText() const
{
    if (!m_validity)
        return {};
    const auto clock = [](double seconds) {
        const auto total = static_cast<qint64>(std::llround(seconds));
        const qint64 h = total / 3600;
        const qint64 m = total / 60 % 60;
        const qint64 sec = total % 60;
        return h > 0 ? QStringLiteral("%1:%2:%3").arg(h).arg(m, 2, 10, QLatin1Char('0')).arg(sec, 2, 10, QLatin1Char('0'))
                     : QStringLiteral("%1:%2").arg(m).arg(sec, 2, 10, QLatin1Char('0'));
    };
    QString text = tr("Recording error %1 % (elapsed %2, recorded %3)")
                       .arg(QLocale().toString(100 * m_validity->recordingError, 'f', 1),
                            clock(m_validity->elapsedSeconds), clock(m_validity->recordedSeconds));
    if (m_validity->flagged)
        text += tr(": more than %1 %, repeat the study (ILO).")
                    .arg(QLocale().toString(100 * study::kRecordingErrorLimit, 'f', 0));
    else
        text += QLatin1Char('.');
    return text;
}

QString SummaryModel::totalsText() const
{
    if (!m_error.isEmpty())
        return tr("Summary not available: %1").arg(m_error);
    if (m_steps.empty())
        return {};
    const auto& c = m_summary.cycle;
    QString text = tr("Cycle: observed %1 s, basic %2 s, standard %3 s; %4 pieces per hour, %5 standard hours per "
                      "100 units; %n complete cycle(s).",
                      nullptr, static_cast<int>(c.completeCycles))
                       .arg(seconds(c.meanSeconds), seconds(c.normalSeconds), seconds(c.standardSeconds),
                            seconds(c.piecesPerHour, 1), seconds(c.standardHoursPer100Units, 3));
    if (c.hiddenStandardSeconds > 0) {
        text += QLatin1Char(' ');
        text += tr("Internal work of %1 s runs inside machine time (not added).").arg(seconds(c.hiddenStandardSeconds));
    }
    text += QLatin1Char(' ');
    text += c.studyComplete ? tr("Every step is consistent: the study is complete.")
                            : tr("Keep timing until every step is consistent (95 % confidence, ±5 %).");
    // Excluded times (by the analyst, or because the computer slept during them) are not in any
    // figure above; say so, so that a missing time is looked for in the observations table.
    std::size_t leftOut = 0;
    for (const auto& s : m_summary.steps)
        leftOut += s.excludedCount;
    if (leftOut > 0) {
        text += QLatin1Char(' ');
        text += tr("%n excluded observation(s) left out; the observations table shows why.", nullptr,
                   static_cast<int>(leftOut));
    }
    return text;
}

int SummaryModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_summary.steps.size());
}

int SummaryModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant SummaryModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const auto row = static_cast<std::size_t>(index.row());
    const auto& s = m_summary.steps[row];
    if (role == Qt::TextAlignmentRole && index.column() != Step && index.column() != Kind)
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ForegroundRole && index.column() == Needed && !s.consistent)
        return QBrush(Theme::stateColour(Theme::State::Attention, QGuiApplication::palette(), QPalette::Base));
    if (role == Qt::ToolTipRole && index.column() == PerCycle)
        return s.kind == study::ElementKind::Occasional
                   ? tr("An occasional element: %1 of its time counts per cycle.").arg(QLocale().toString(s.occurrencesPerCycle, 'g', 4))
                   : tr("Once every cycle.");
    if (role == Qt::ToolTipRole && index.column() == Normal && s.ratingIgnored)
        return tr("Machine-controlled: not rated, so the ratings typed were not used (100 %).");
    if (role == Qt::ToolTipRole && index.column() == Allowance)
        return s.kind == study::ElementKind::MachineControlled
                   ? tr("Machine-controlled: the delay category only (ILO).")
                   : tr("Personal %1, basic fatigue %2, variable fatigue %3, delay %4 (%).")
                         .arg(QLocale().toString(s.allowances.personal, 'f', 1),
                              QLocale().toString(s.allowances.basicFatigue, 'f', 1),
                              QLocale().toString(s.allowances.variableFatigue, 'f', 1),
                              QLocale().toString(s.allowances.delay, 'f', 1));
    if (role == Qt::ToolTipRole && index.column() == StandardPerCycle && s.insideStepId != 0)
        return tr("Internal work: done while the machine runs, it adds to the cycle only beyond the machine time.");
    if (role == Qt::ToolTipRole && index.column() == Needed)
        return s.consistent ? tr("Consistent: enough observations for 95 % confidence, ±5 %.")
                            : tr("%n more observation(s) needed for 95 % confidence, ±5 %.", nullptr,
                                 static_cast<int>(s.stillNeeded));
    // A name the column cannot show in full (a very long one, or a narrow window) is elided;
    // the whole name is always one hover away.
    if ((role == Qt::DisplayRole || role == Qt::ToolTipRole) && index.column() == Step)
        return row < m_steps.size() ? QString::fromStdString(m_steps[row].name) : QString();
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case Step: return row < m_steps.size() ? QString::fromStdString(m_steps[row].name) : QString();
    case Kind:
        switch (s.kind) {
        case study::ElementKind::Occasional: return tr("occasional");
        case study::ElementKind::MachineControlled: return tr("machine");
        default: return tr("cyclic");
        }
    case PerCycle:
        return std::isfinite(s.occurrencesPerCycle) ? QLocale().toString(s.occurrencesPerCycle, 'g', 4)
                                                    : QStringLiteral("-");
    case N: return static_cast<qulonglong>(s.n);
    case Mean: return seconds(s.meanSeconds);
    case Sd: return seconds(s.sdSeconds);
    case Cv: return std::isfinite(s.cv) && s.n > 1 ? QLocale().toString(100 * s.cv, 'f', 1) + QStringLiteral(" %") : QStringLiteral("-");
    case Min: return seconds(s.minSeconds);
    case Max: return seconds(s.maxSeconds);
    case Needed:
        if (!s.needed)
            return tr("%n more", nullptr, static_cast<int>(s.stillNeeded));
        return s.consistent ? tr("%1 ✓").arg(*s.needed) : tr("%1 (%2 more)").arg(*s.needed).arg(s.stillNeeded);
    case Selected: return seconds(s.selectedSeconds);
    case Normal: return seconds(s.normalSeconds);
    case Allowance: return QLocale().toString(s.allowancePercent, 'f', 1) + QStringLiteral(" %");
    case Standard: return seconds(s.standardSeconds);
    case StandardPerCycle: return s.insideStepId != 0 ? tr("(%1)").arg(seconds(s.standardPerCycleSeconds))
                                                      : seconds(s.standardPerCycleSeconds);
    default: return {};
    }
}

QVariant SummaryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case PerCycle: return tr("Occurrences per cycle: 1, or 1/N for an element once every N cycles.");
        case Selected:
            return m_rule == study::SelectedTimeRule::Median ? tr("The median of the observed times (the study's rule).")
                                                             : tr("The mean of the observed times (the study's rule).");
        case Normal: return tr("Basic time per occurrence: the selected time of the rated readings.");
        case Allowance: return tr("The allowance that applies to the element (its categories' total).");
        case Standard: return tr("Standard time per occurrence: basic time plus allowance.");
        case StandardPerCycle: return tr("Standard time per cycle: per occurrence × occurrences per cycle; in "
                                         "brackets when it runs inside machine time.");
        default: return {};
        }
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Step: return tr("Step");
    case Kind: return tr("Kind");
    case PerCycle: return tr("Per cycle");
    case Selected: return m_rule == study::SelectedTimeRule::Median ? tr("Selected: median (s)") : tr("Selected: mean (s)");
    case N: return tr("n");
    case Mean: return tr("Mean (s)");
    case Sd: return tr("SD (s)");
    case Cv: return tr("CV");
    case Min: return tr("Min (s)");
    case Max: return tr("Max (s)");
    case Needed: return tr("Needed");
    case Normal: return tr("Basic (s)");
    case Allowance: return tr("Allowance");
    case Standard: return tr("Standard (s)");
    case StandardPerCycle: return tr("Std/cycle (s)");
    default: return {};
    }
}

} // namespace gemba::ui
