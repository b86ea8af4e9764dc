// "Chart Column…" of the data sets view: which column of a data set to chart, and how (the
// chart type; the sample sizes of a p, np or u chart; the subgroups of an X̄ chart). Makes the
// store::ChartSpec the view saves (source kind DataSetColumn; analysis::seriesOf reads it).
#pragma once

#include "stats/controlchart.h"
#include "store/chartspec.h"
#include "store/dataset.h"

#include <QDialog>

class QComboBox;
class QLabel;
class QPushButton;
class QSpinBox;

namespace gemba::ui {

class ChartColumnDialog : public QDialog {
    Q_OBJECT
public:
    ChartColumnDialog(const store::DataSetInfo& dataSet, QWidget* parent = nullptr);

    store::ChartSpec spec() const;
    // For tests and callers that know what they want: the same choices as the boxes.
    void choose(stats::ChartType type, const QString& valueColumn, const QString& sizeColumn = {});

    // The spec of a chart of `valueColumn` (sizes for p/np/u; subgroups of `subgroupSize`
    // consecutive rows, or by the values of `subgroupColumn`, for X̄-R and X̄-S).
    static store::ChartSpec makeSpec(const store::DataSetInfo& dataSet, stats::ChartType type,
                                     const QString& valueColumn, const QString& sizeColumn,
                                     const QString& subgroupColumn = {}, int subgroupSize = 5);
    static QString typeName(stats::ChartType type);   // translated, as the type box shows it

private:
    void refreshChoices();
    stats::ChartType type() const;

    store::DataSetInfo m_dataSet;
    QComboBox* m_type;
    QComboBox* m_value;
    QComboBox* m_sizes;
    QComboBox* m_subgroupBy;
    QSpinBox* m_subgroupSize;
    QLabel* m_problem;
    QPushButton* m_ok = nullptr;
};

} // namespace gemba::ui
