// "Chart Column…" of the data sets view.
#include "datasets/chartcolumndialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace gemba::ui {
namespace {

constexpr stats::ChartType kTypes[] = {stats::ChartType::IMR, stats::ChartType::XbarR, stats::ChartType::XbarS,
                                       stats::ChartType::P,   stats::ChartType::NP,    stats::ChartType::C,
                                       stats::ChartType::U};

bool needsSizes(stats::ChartType t)
{
    return t == stats::ChartType::P || t == stats::ChartType::NP || t == stats::ChartType::U;
}

bool needsSubgroups(stats::ChartType t) { return t == stats::ChartType::XbarR || t == stats::ChartType::XbarS; }

} // namespace

QString ChartColumnDialog::typeName(stats::ChartType type)
{
    switch (type) {
    case stats::ChartType::IMR: return tr("I-MR (individuals and moving range)");
    case stats::ChartType::XbarR: return tr("X̄-R (subgroup means and ranges)");
    case stats::ChartType::XbarS: return tr("X̄-S (subgroup means and standard deviations)");
    case stats::ChartType::P: return tr("p (proportion defective)");
    case stats::ChartType::NP: return tr("np (number defective)");
    case stats::ChartType::C: return tr("c (defects per unit)");
    case stats::ChartType::U: return tr("u (defects per unit, varying sizes)");
    }
    return {};
}

ChartColumnDialog::ChartColumnDialog(const store::DataSetInfo& dataSet, QWidget* parent)
    : QDialog(parent)
    , m_dataSet(dataSet)
    , m_type(new QComboBox(this))
    , m_value(new QComboBox(this))
    , m_sizes(new QComboBox(this))
    , m_subgroupBy(new QComboBox(this))
    , m_subgroupSize(new QSpinBox(this))
    , m_problem(new QLabel(this))
{
    setWindowTitle(tr("Chart Column of %1").arg(QString::fromStdString(dataSet.name)));
    for (stats::ChartType t : kTypes)
        m_type->addItem(typeName(t), static_cast<int>(t));
    // Only number columns can be charted; any column can group rows into subgroups.
    m_subgroupBy->addItem(tr("Consecutive rows"), QString());
    for (const auto& c : dataSet.columns) {
        const QString name = QString::fromStdString(c.name);
        if (c.numeric) {
            m_value->addItem(name, name);
            m_sizes->addItem(name, name);
        }
        m_subgroupBy->addItem(tr("Equal values of %1").arg(name), name);
    }
    m_subgroupSize->setRange(2, 25);
    m_subgroupSize->setValue(5);
    m_subgroupSize->setSuffix(tr(" rows"));
    m_problem->setWordWrap(true);

    auto* form = new QFormLayout;
    form->addRow(tr("Chart &type:"), m_type);
    form->addRow(tr("&Values:"), m_value);
    form->addRow(tr("Sample &sizes:"), m_sizes);
    form->addRow(tr("Sub&groups:"), m_subgroupBy);
    form->addRow(tr("Subgroup si&ze:"), m_subgroupSize);
    form->addRow(m_problem);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    m_ok->setText(tr("&Add Chart"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(buttons);

    for (QComboBox* box : {m_type, m_value, m_sizes, m_subgroupBy})
        connect(box, &QComboBox::currentIndexChanged, this, &ChartColumnDialog::refreshChoices);
    // A column named like a size is the likely sample sizes ("n", "size", "inspected").
    for (int i = 0; i < m_sizes->count(); ++i) {
        const QString n = m_sizes->itemText(i).toLower();
        if (n == QLatin1String("n") || n.contains(QLatin1String("size")) || n.contains(QLatin1String("inspected"))) {
            m_sizes->setCurrentIndex(i);
            break;
        }
    }
    refreshChoices();
}

stats::ChartType ChartColumnDialog::type() const { return static_cast<stats::ChartType>(m_type->currentData().toInt()); }

void ChartColumnDialog::refreshChoices()
{
    const stats::ChartType t = type();
    m_sizes->setEnabled(needsSizes(t));
    m_subgroupBy->setEnabled(needsSubgroups(t));
    m_subgroupSize->setEnabled(needsSubgroups(t) && m_subgroupBy->currentData().toString().isEmpty());
    QString problem;
    if (m_value->count() == 0)
        problem = tr("This data set has no column of numbers to chart.");
    else if (needsSizes(t) && m_sizes->currentData().toString() == m_value->currentData().toString())
        problem = tr("The sample sizes must be another column than the counts.");
    m_problem->setText(problem);
    m_problem->setVisible(!problem.isEmpty());
    if (m_ok)
        m_ok->setEnabled(problem.isEmpty());
}

void ChartColumnDialog::choose(stats::ChartType t, const QString& valueColumn, const QString& sizeColumn)
{
    m_type->setCurrentIndex(m_type->findData(static_cast<int>(t)));
    m_value->setCurrentIndex(m_value->findData(valueColumn));
    if (!sizeColumn.isEmpty())
        m_sizes->setCurrentIndex(m_sizes->findData(sizeColumn));
}

store::ChartSpec ChartColumnDialog::spec() const
{
    return makeSpec(m_dataSet, type(), m_value->currentData().toString(), m_sizes->currentData().toString(),
                    m_subgroupBy->currentData().toString(), m_subgroupSize->value());
}

store::ChartSpec ChartColumnDialog::makeSpec(const store::DataSetInfo& dataSet, stats::ChartType type,
                                             const QString& valueColumn, const QString& sizeColumn,
                                             const QString& subgroupColumn, int subgroupSize)
{
    store::ChartSpec spec;
    spec.type = type;
    spec.title = tr("%1: %2").arg(QString::fromStdString(dataSet.name), valueColumn).toStdString();
    auto& source = spec.source;
    source.kind = store::ChartSourceKind::DataSetColumn;
    source.dataSetId = dataSet.id;
    source.valueColumn = valueColumn.toStdString();
    if (needsSizes(type))
        source.sizeColumn = sizeColumn.toStdString();
    if (needsSubgroups(type)) {
        // analysis::seriesOf: by Column (equal values form a subgroup) or CycleRange (that
        // many consecutive rows).
        if (subgroupColumn.isEmpty()) {
            source.subgroupBy = store::SubgroupBy::CycleRange;
            source.subgroupSize = subgroupSize;
        } else {
            source.subgroupBy = store::SubgroupBy::Column;
            source.subgroupColumn = subgroupColumn.toStdString();
        }
    }
    return spec;
}

} // namespace gemba::ui
