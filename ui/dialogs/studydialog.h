// Edits a study's details: date, observer, location, shift, notes, rating and allowances.
#pragma once

#include "study/model.h"

#include <QDialog>

class QComboBox;
class QDateEdit;
class QDoubleSpinBox;
class QLineEdit;
class QPlainTextEdit;

namespace gemba::ui {

class StudyDialog : public QDialog {
    Q_OBJECT
public:
    StudyDialog(const study::Study& study, QWidget* parent = nullptr);
    study::Study study() const;   // the study with the edited fields

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
