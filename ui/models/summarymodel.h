// The per-step summary of a study as core computes it (study::summarizeSteps): kind, occurrences
// per cycle, n, mean, SD, CV, min, max, observations needed, the selected time (by the study's
// rule), basic time, allowance, standard time per occurrence and per cycle; the cycle totals and
// the study's validity as a text below it. No figure is computed here.
#pragma once

#include "study/model.h"
#include "study/stepsummary.h"
#include "study/validity.h"

#include <optional>

#include <QAbstractTableModel>

#include <vector>

namespace gemba::ui {

class SummaryModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        Step,
        Kind,
        PerCycle,   // occurrences per cycle (1, 1/N, units per cycle / N)
        N,
        Mean,
        Sd,
        Cv,
        Min,
        Max,
        Needed,
        Selected,   // the selected observed time: mean or median, named in the header
        Normal,     // basic time per occurrence
        Allowance,  // % that applies to the element
        Standard,   // per occurrence
        StandardPerCycle,
        ColumnCount
    };

    explicit SummaryModel(QObject* parent = nullptr);

    // Recomputes from the observations; the summary of a step that is not yet consistent is
    // shown as such. For the few observations of a live timing; a whole study's summary is
    // computed off the window's thread (DataService) and handed over with setSummary.
    void setData(std::vector<study::Step> steps, const std::vector<study::Observation>& observations,
                 const study::Study& study);
    // Shows a summary computed elsewhere (one row per step of `summary`, named by `steps`), or
    // `error` when there is none. The same rows as before (the same steps in the same order)
    // are updated with dataChanged, so views keep their scroll position and selection; other
    // rows reset the model. Constant time in the number of observations.
    void setSummary(std::vector<study::Step> steps, study::StudySummary summary, const QString& error = {});
    void clear();
    const study::StudySummary& summary() const { return m_summary; }
    // The columns of the study report's summary table (report/studyreport.cpp): the ten it had
    // before issue 8, which fit an A4 page; the study sheet prints the element figures.
    static QList<int> reportColumns() { return {Step, N, Mean, Sd, Cv, Min, Max, Needed, Normal, Standard}; }
    // The study's rule for the selected time, which names the Selected column.
    void setSelectedTimeRule(study::SelectedTimeRule rule);
    study::SelectedTimeRule selectedTimeRule() const { return m_rule; }
    // The cycle line: observed, basic and standard time per cycle, pieces per hour, standard hours
    // per 100 units, internal work hidden in machine time, complete cycles and consistency.
    QString totalsText() const;
    // The study's recording error (study::studyValidity), flagged above 2 % with the advice to
    // repeat the study; empty without a figure. validityFlagged() says whether it is.
    void setValidity(std::optional<study::StudyValidity> validity);
    QString validityText() const;
    bool validityFlagged() const { return m_validity && m_validity->flagged; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::vector<study::Step> m_steps;
    study::StudySummary m_summary;
    QString m_error;
    study::SelectedTimeRule m_rule = study::SelectedTimeRule::Mean;
    std::optional<study::StudyValidity> m_validity;
};

} // namespace gemba::ui
