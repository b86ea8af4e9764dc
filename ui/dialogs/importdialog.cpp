// Maps the columns of a CSV file of observations to step, cycle and time before importing.
#include "dialogs/importdialog.h"

#include "dialogs/studydetailsform.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QVBoxLayout>
#include <QLabel>
#include <QPushButton>

namespace gemba::ui {

ImportDialog::ImportDialog(const QString& fileName, const QStringList& header, const study::Study& study,
                           QWidget* parent)
    : QDialog(parent)
    , m_header(header)
    , m_details(new StudyDetailsForm(study, this))
{
    setWindowTitle(tr("Import Observations"));
    m_step = column(QStringLiteral("step"), false);
    m_stepMatch = new QComboBox(this);
    m_stepMatch->addItems({tr("by name"), tr("by position (1, 2, ...)")});
    m_cycle = column(QStringLiteral("cycle"), false);
    m_duration = column(QStringLiteral("duration"), true);
    m_start = column(QStringLiteral("start"), true);
    m_end = column(QStringLiteral("end"), true);
    m_rating = column(QStringLiteral("rating"), true);
    m_note = column(QStringLiteral("note"), true);
    m_createSteps = new QCheckBox(tr("&Add steps the process does not have yet"), this);

    auto* form = new QFormLayout;
    form->addRow(new QLabel(tr("Columns of <b>%1</b>: a time is its duration in seconds, or a start "
                               "and an end.").arg(QFileInfo(fileName).fileName().toHtmlEscaped()),
                            this));
    form->addRow(tr("&Step:"), m_step);
    form->addRow(tr("Match steps &by:"), m_stepMatch);
    form->addRow(tr("&Cycle:"), m_cycle);
    form->addRow(tr("&Duration (s):"), m_duration);
    form->addRow(tr("S&tart:"), m_start);
    form->addRow(tr("&End:"), m_end);
    form->addRow(tr("&Rating (%):"), m_rating);
    form->addRow(tr("&Note:"), m_note);
    form->addRow(m_createSteps);
    auto* columns = new QGroupBox(tr("Columns"), this);
    columns->setLayout(form);
    // The new study is described here, as when it is timed (study::newStudy decides the defaults).
    auto* details = new QGroupBox(tr("New study"), this);
    auto* detailsLayout = new QVBoxLayout(details);
    detailsLayout->addWidget(m_details);
    auto* sides = new QHBoxLayout;
    sides->addWidget(columns);
    sides->addWidget(details);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(sides);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("&Import"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
}

QComboBox* ImportDialog::column(const QString& guess, bool optional)
{
    auto* box = new QComboBox(this);
    if (optional)
        box->addItem(tr("(none)"));
    box->addItems(m_header);
    // Preselect the first column whose name contains the guess ("duration_s" for "duration").
    for (int i = 0; i < m_header.size(); ++i) {
        if (m_header[i].contains(guess, Qt::CaseInsensitive)) {
            box->setCurrentIndex(i + (optional ? 1 : 0));
            break;
        }
    }
    return box;
}

QString ImportDialog::chosen(const QComboBox* box) const
{
    const bool optional = box->count() > m_header.size();
    const int i = box->currentIndex() - (optional ? 1 : 0);
    return i >= 0 && i < m_header.size() ? m_header[i] : QString();
}

store::ObservationCsvImportOptions ImportDialog::options() const
{
    store::ObservationCsvImportOptions o;
    o.columns = store::ObservationCsvColumns{};
    o.columns.step = chosen(m_step).toStdString();
    o.columns.cycle = chosen(m_cycle).toStdString();
    o.columns.duration = chosen(m_duration).toStdString();
    o.columns.start = chosen(m_start).toStdString();
    o.columns.end = chosen(m_end).toStdString();
    o.columns.rating = chosen(m_rating).toStdString();
    o.columns.note = chosen(m_note).toStdString();
    o.stepMatch = m_stepMatch->currentIndex() == 1 ? store::StepMatch::ByPosition : store::StepMatch::ByName;
    o.createMissingSteps = m_createSteps->isChecked();
    return o;
}

study::Study ImportDialog::study() const { return m_details->study(); }

} // namespace gemba::ui
