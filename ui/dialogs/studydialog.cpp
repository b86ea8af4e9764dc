// Edits a study's details: date, observer, location, shift, notes, rating and allowances.
#include "dialogs/studydialog.h"

#include "dialogs/studydetailsform.h"

#include <QDialogButtonBox>
#include <QVBoxLayout>

namespace gemba::ui {

StudyDialog::StudyDialog(const study::Study& study, QWidget* parent)
    : QDialog(parent)
    , m_form(new StudyDetailsForm(study, this))
{
    setWindowTitle(tr("Study Details"));
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_form);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
}

study::Study StudyDialog::study() const { return m_form->study(); }

} // namespace gemba::ui
