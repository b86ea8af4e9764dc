// The fields of a study's details (date, observer, operator, location, shift, conditions, rating,
// selected-time rule, units per cycle, allowances by category with per-step-type overrides,
// notes), shared by the study dialog and the import dialog so a study is described the same way
// however it began.
#pragma once

#include "study/model.h"

#include <QWidget>

#include <array>

class QCheckBox;
class QComboBox;
class QDateEdit;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;

namespace gemba::ui {

class StudyDetailsForm : public QWidget {
    Q_OBJECT
public:
    explicit StudyDetailsForm(const study::Study& study, QWidget* parent = nullptr);
    study::Study study() const;   // the study given, with the edited fields

    // Rows of the allowance grid: the study's categories, then the step-type overrides.
    enum AllowanceRow { StudyRow, ManualRow, MachineRow, WalkRow, AllowanceRowCount };
    // Columns: personal, basic fatigue, variable fatigue, delay.
    static constexpr int kCategories = 4;
    QDoubleSpinBox* allowanceBox(int row, int category) const;
    QCheckBox* overrideBox(int row) const;   // null for StudyRow
    QDoubleSpinBox* notSplitBox() const { return m_notSplit; }   // hidden unless the study has one
    QLabel* totalLabel() const { return m_total; }

private:
    void updateTotals();
    study::Allowances allowancesOf(int row) const;

    study::Study m_study;
    QDateEdit* m_date;
    QLineEdit* m_observer;
    QLineEdit* m_operator;
    QLineEdit* m_location;
    QLineEdit* m_shift;
    QLineEdit* m_conditions;
    QComboBox* m_rating;
    QComboBox* m_selected;
    QDoubleSpinBox* m_units;
    QComboBox* m_basis;
    std::array<std::array<QDoubleSpinBox*, kCategories>, AllowanceRowCount> m_allowance{};
    std::array<QCheckBox*, AllowanceRowCount> m_override{};
    std::array<QLabel*, AllowanceRowCount> m_rowTotal{};
    QDoubleSpinBox* m_notSplit;
    QLabel* m_total;
    QPlainTextEdit* m_notes;
};

} // namespace gemba::ui
