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
    endResetModel();
}

QString SummaryModel::totalsText() const
{
    if (!m_error.isEmpty())
        return tr("Summary not available: %1").arg(m_error);
    if (m_steps.empty())
        return {};
    const auto& c = m_summary.cycle;
    QString text = tr("Cycle: observed %1 s, normal %2 s, standard %3 s; %n complete cycle(s).", nullptr,
                      static_cast<int>(c.completeCycles))
                       .arg(seconds(c.meanSeconds), seconds(c.normalSeconds), seconds(c.standardSeconds));
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
    if (role == Qt::TextAlignmentRole && index.column() != Step)
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ForegroundRole && index.column() == Needed && !s.consistent)
        return QBrush(Theme::stateColour(Theme::State::Attention, QGuiApplication::palette(), QPalette::Base));
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
    case Normal: return seconds(s.normalSeconds);
    case Standard: return seconds(s.standardSeconds);
    default: return {};
    }
}

QVariant SummaryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (role != Qt::DisplayRole || orientation != Qt::Horizontal)
        return {};
    switch (section) {
    case Step: return tr("Step");
    case N: return tr("n");
    case Mean: return tr("Mean (s)");
    case Sd: return tr("SD (s)");
    case Cv: return tr("CV");
    case Min: return tr("Min (s)");
    case Max: return tr("Max (s)");
    case Needed: return tr("Needed");
    case Normal: return tr("Normal (s)");
    case Standard: return tr("Standard (s)");
    default: return {};
    }
}

} // namespace gemba::ui
