// The fields of a study's details, shared by the study and import dialogs.
#include "dialogs/studydetailsform.h"

#include "study/stepsummary.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>
#include <QVBoxLayout>

namespace gemba::ui {
namespace {
constexpr std::array<study::StepType, 3> kTypes{study::StepType::Manual, study::StepType::Machine,
                                                study::StepType::Walk};

std::array<double, 4> categories(const study::Allowances& a)
{
    return {a.personal, a.basicFatigue, a.variableFatigue, a.delay};
}

QString percent(double v) { return QLocale().toString(v, 'f', 1) + QStringLiteral(" %"); }
} // namespace

StudyDetailsForm::StudyDetailsForm(const study::Study& study, QWidget* parent)
    : QWidget(parent)
    , m_study(study)
    , m_date(new QDateEdit(this))
    , m_observer(new QLineEdit(QString::fromStdString(study.observer), this))
    , m_operator(new QLineEdit(QString::fromStdString(study.operatorName), this))
    , m_location(new QLineEdit(QString::fromStdString(study.location), this))
    , m_shift(new QLineEdit(QString::fromStdString(study.shift), this))
    , m_conditions(new QLineEdit(QString::fromStdString(study.conditions), this))
    , m_rating(new QComboBox(this))
    , m_selected(new QComboBox(this))
    , m_units(new QDoubleSpinBox(this))
    , m_basis(new QComboBox(this))
    , m_notSplit(new QDoubleSpinBox(this))
    , m_total(new QLabel(this))
    , m_notes(new QPlainTextEdit(QString::fromStdString(study.notes), this))
{
    m_date->setCalendarPopup(true);
    m_date->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    m_date->setDate(QDate::fromString(QString::fromStdString(study.date), Qt::ISODate));
    m_operator->setPlaceholderText(tr("the person timed"));
    m_conditions->setPlaceholderText(tr("e.g. night shift, new fixture, 22 °C"));
    m_rating->addItem(tr("Performance rating per observation (%)"));
    m_rating->addItem(tr("No rating (100 %)"));
    m_rating->setCurrentIndex(study.ratingMethod == study::RatingMethod::None ? 1 : 0);
    m_selected->addItem(tr("Mean of the readings"));
    m_selected->addItem(tr("Median of the readings"));
    m_selected->setCurrentIndex(study.selectedTime == study::SelectedTimeRule::Median ? 1 : 0);
    m_selected->setToolTip(tr("The time selected per element from its readings: the mean (the usual choice), or "
                              "the median, which one odd long reading does not move."));
    m_units->setRange(0.001, 1e6);
    m_units->setDecimals(3);
    m_units->setGroupSeparatorShown(false);
    m_units->setValue(study.unitsPerCycle > 0 ? study.unitsPerCycle : 1);
    m_units->setToolTip(tr("Units (pieces) one cycle makes: pieces per hour, standard hours per 100 units, and "
                           "occasional elements counted per N units."));
    m_basis->addItem(tr("% of normal time: standard = normal x (1 + a)"));
    m_basis->addItem(tr("% of working time: standard = normal / (1 - a)"));
    m_basis->setCurrentIndex(study.allowanceBasis == study::AllowanceBasis::WorkingTime ? 1 : 0);
    m_notes->setTabChangesFocus(true);
    m_notes->setMaximumHeight(m_notes->fontMetrics().lineSpacing() * 4);

    // Allowances by category: one row for the study, one per step type that may override it.
    auto* allowances = new QGroupBox(tr("Allowances by category"), this);
    allowances->setToolTip(tr("Each category is a percentage; the total is their sum. A step type's row, when "
                              "ticked, replaces the study's categories for steps of that type; a step can have "
                              "its own in the process editor. Machine-controlled elements take the delay "
                              "(contingency) category only: the operator's personal needs and fatigue are met "
                              "while the machine runs (ILO, Introduction to Work Study)."));
    auto* grid = new QGridLayout(allowances);
    const QStringList heads{tr("Personal"), tr("Basic fatigue"), tr("Variable fatigue"), tr("Delay"), tr("Total")};
    for (int c = 0; c < heads.size(); ++c)
        grid->addWidget(new QLabel(heads[c], allowances), 0, c + 1, Qt::AlignRight | Qt::AlignBottom);
    const QStringList rowNames{tr("&Study:"), tr("&Manual steps"), tr("Mac&hine steps"), tr("Wal&k steps")};
    for (int r = 0; r < AllowanceRowCount; ++r) {
        std::optional<study::Allowances> own;
        if (r == StudyRow) {
            own = study.allowances;
        } else if (const auto at = study.typeAllowances.find(kTypes[static_cast<std::size_t>(r - 1)]);
                   at != study.typeAllowances.end()) {
            own = at->second;
        }
        const auto values = categories(own ? *own : study.allowances);
        for (int c = 0; c < kCategories; ++c) {
            auto* box = new QDoubleSpinBox(allowances);
            box->setRange(0, 99);
            box->setDecimals(1);
            box->setSuffix(tr(" %"));
            box->setValue(values[static_cast<std::size_t>(c)]);
            box->setAccessibleName(QStringLiteral("%1 %2").arg(QString(rowNames[r]).remove(QLatin1Char('&')),
                                                               heads[c]));
            connect(box, &QDoubleSpinBox::valueChanged, this, &StudyDetailsForm::updateTotals);
            m_allowance[static_cast<std::size_t>(r)][static_cast<std::size_t>(c)] = box;
            grid->addWidget(box, r + 1, c + 1);
        }
        auto* total = new QLabel(allowances);
        total->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
        total->setMinimumWidth(total->fontMetrics().horizontalAdvance(QStringLiteral("100.0 %")));
        m_rowTotal[static_cast<std::size_t>(r)] = total;
        grid->addWidget(total, r + 1, kCategories + 1);
        if (r == StudyRow) {
            auto* label = new QLabel(rowNames[r], allowances);
            label->setBuddy(m_allowance[0][0]);
            grid->addWidget(label, r + 1, 0);
        } else {
            // Unticked, the row shows (greyed) the study's categories it falls back to.
            auto* box = new QCheckBox(rowNames[r], allowances);
            box->setChecked(own.has_value());
            box->setToolTip(tr("Tick to give steps of this type their own categories."));
            m_override[static_cast<std::size_t>(r)] = box;
            grid->addWidget(box, r + 1, 0);
            connect(box, &QCheckBox::toggled, this, &StudyDetailsForm::updateTotals);
        }
    }
    // The PF&D percentage of files before allowance categories, kept as it was; shown only when
    // the study has one, so a new study is described by its categories alone.
    m_notSplit->setRange(0, 99);
    m_notSplit->setDecimals(1);
    m_notSplit->setSuffix(tr(" %"));
    m_notSplit->setValue(study.allowancePercent);
    m_notSplit->setToolTip(tr("A PF&D allowance not split by category (from an older file), added to the "
                              "categories above for every element but machine-controlled ones. Set it to 0 "
                              "after entering the categories."));
    connect(m_notSplit, &QDoubleSpinBox::valueChanged, this, &StudyDetailsForm::updateTotals);
    auto* notSplitLabel = new QLabel(tr("PF&&D &not split:"), allowances);
    notSplitLabel->setBuddy(m_notSplit);
    grid->addWidget(notSplitLabel, AllowanceRowCount + 1, 0);
    grid->addWidget(m_notSplit, AllowanceRowCount + 1, 1);
    const bool showNotSplit = study.allowancePercent != 0;
    notSplitLabel->setVisible(showNotSplit);
    m_notSplit->setVisible(showNotSplit);
    m_total->setObjectName(QStringLiteral("allowanceTotal"));
    m_total->setWordWrap(true);
    grid->addWidget(m_total, AllowanceRowCount + 2, 0, 1, kCategories + 2);
    connect(m_basis, &QComboBox::currentIndexChanged, this, &StudyDetailsForm::updateTotals);

    auto* form = new QFormLayout;
    form->setContentsMargins(0, 0, 0, 0);
    form->addRow(tr("&Date:"), m_date);
    form->addRow(tr("&Observer:"), m_observer);
    form->addRow(tr("O&perator:"), m_operator);
    form->addRow(tr("&Location:"), m_location);
    form->addRow(tr("Shi&ft:"), m_shift);
    form->addRow(tr("&Conditions:"), m_conditions);
    form->addRow(tr("&Rating:"), m_rating);
    form->addRow(tr("Selected &time:"), m_selected);
    form->addRow(tr("&Units per cycle:"), m_units);
    form->addRow(tr("Allowances &as:"), m_basis);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(form);
    layout->addWidget(allowances);
    auto* notes = new QFormLayout;
    notes->addRow(tr("Not&es:"), m_notes);
    layout->addLayout(notes);
    updateTotals();
}

QDoubleSpinBox* StudyDetailsForm::allowanceBox(int row, int category) const
{
    if (row < 0 || row >= AllowanceRowCount || category < 0 || category >= kCategories)
        return nullptr;
    return m_allowance[static_cast<std::size_t>(row)][static_cast<std::size_t>(category)];
}

QCheckBox* StudyDetailsForm::overrideBox(int row) const
{
    return row > StudyRow && row < AllowanceRowCount ? m_override[static_cast<std::size_t>(row)] : nullptr;
}

study::Allowances StudyDetailsForm::allowancesOf(int row) const
{
    const auto& b = m_allowance[static_cast<std::size_t>(row)];
    return {.personal = b[0]->value(), .basicFatigue = b[1]->value(), .variableFatigue = b[2]->value(),
            .delay = b[3]->value()};
}

// The totals come from core (allowancePercentFor), so the form shows what the summary will use.
void StudyDetailsForm::updateTotals()
{
    const study::Study s = study();
    const study::Allowances base = s.allowances;
    for (int r = 0; r < AllowanceRowCount; ++r) {
        study::Step probe;
        probe.type = r == StudyRow ? study::StepType::Manual : kTypes[static_cast<std::size_t>(r - 1)];
        study::Study only = s;
        if (r == StudyRow)
            only.typeAllowances.clear();
        m_rowTotal[static_cast<std::size_t>(r)]->setText(percent(study::allowancePercentFor(probe, only)));
        if (r == StudyRow)
            continue;
        const bool own = m_override[static_cast<std::size_t>(r)]->isChecked();
        for (int c = 0; c < kCategories; ++c) {
            auto* box = m_allowance[static_cast<std::size_t>(r)][static_cast<std::size_t>(c)];
            box->setEnabled(own);
            if (!own) {   // an unticked row follows the study's categories
                const QSignalBlocker quiet(box);
                box->setValue(categories(base)[static_cast<std::size_t>(c)]);
            }
        }
    }
    study::Step manual;
    study::Step machine;
    machine.type = study::StepType::Machine;
    machine.kind = study::ElementKind::MachineControlled;
    study::Study only = s;
    only.typeAllowances.clear();
    const QString basis = s.allowanceBasis == study::AllowanceBasis::WorkingTime ? tr("of working time")
                                                                               : tr("of normal time");
    m_total->setText(tr("Total %1 %2; machine-controlled elements %3 (delay only).")
                         .arg(percent(study::allowancePercentFor(manual, only)), basis,
                              percent(study::allowancePercentFor(machine, s))));
}

study::Study StudyDetailsForm::study() const
{
    study::Study s = m_study;
    s.date = m_date->date().toString(Qt::ISODate).toStdString();
    s.observer = m_observer->text().trimmed().toStdString();
    s.operatorName = m_operator->text().trimmed().toStdString();
    s.location = m_location->text().trimmed().toStdString();
    s.shift = m_shift->text().trimmed().toStdString();
    s.conditions = m_conditions->text().trimmed().toStdString();
    s.notes = m_notes->toPlainText().toStdString();
    s.ratingMethod = m_rating->currentIndex() == 1 ? study::RatingMethod::None : study::RatingMethod::PaceRating;
    s.selectedTime = m_selected->currentIndex() == 1 ? study::SelectedTimeRule::Median : study::SelectedTimeRule::Mean;
    s.unitsPerCycle = m_units->value();
    s.allowanceBasis = m_basis->currentIndex() == 1 ? study::AllowanceBasis::WorkingTime : study::AllowanceBasis::NormalTime;
    s.allowancePercent = m_notSplit->value();
    s.allowances = allowancesOf(StudyRow);
    s.typeAllowances.clear();
    for (int r = ManualRow; r < AllowanceRowCount; ++r)
        if (m_override[static_cast<std::size_t>(r)]->isChecked())
            s.typeAllowances[kTypes[static_cast<std::size_t>(r - 1)]] = allowancesOf(r);
    return s;
}

} // namespace gemba::ui
