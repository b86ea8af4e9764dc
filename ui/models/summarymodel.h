// The per-step summary of a study (n, mean, SD, CV, min, max, observations needed, normal and
// standard time) as core computes it; one more row holds the cycle totals.
#pragma once

#include "study/model.h"
#include "study/stepsummary.h"

#include <QAbstractTableModel>

#include <vector>

namespace gemba::ui {

class SummaryModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Step, N, Mean, Sd, Cv, Min, Max, Needed, Normal, Standard, ColumnCount };

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
    QString totalsText() const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::vector<study::Step> m_steps;
    study::StudySummary m_summary;
    QString m_error;
};

} // namespace gemba::ui
