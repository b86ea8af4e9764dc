// The fields of a study's details (date, observer, location, shift, rating, allowances, notes),
// shared by the study dialog and the import dialog so a study is described the same way however
// it began.
#pragma once

#include "study/model.h"

#include <QWidget>

class QComboBox;
class QDateEdit;
class QDoubleSpinBox;
class QFormLayout;
class QLineEdit;
class QPlainTextEdit;

namespace gemba::ui {

class StudyDetailsForm : public QWidget {
    Q_OBJECT
public:
    explicit StudyDetailsForm(const study::Study& study, QWidget* parent = nullptr);
    study::Study study() const;   // the study given, with the edited fields

private:
    study::Study m_study;
    QDateEdit* m_date;
    QLineEdit* m_observer;
    QLineEdit* m_location;
    QLineEdit* m_shift;
    QComboBox* m_rating;
    QComboBox* m_basis;
    QDoubleSpinBox* m_allowance;
    QPlainTextEdit* m_notes;
};

} // namespace gemba::ui
