// Edits a study's details: date, observer, location, shift, notes, rating and allowances.
#pragma once

#include "study/model.h"

#include <QDialog>

namespace gemba::ui {

class StudyDetailsForm;

class StudyDialog : public QDialog {
    Q_OBJECT
public:
    StudyDialog(const study::Study& study, QWidget* parent = nullptr);
    study::Study study() const;   // the study with the edited fields

private:
    StudyDetailsForm* m_form;
};

} // namespace gemba::ui
