// Maps the columns of a CSV file of observations to step, cycle and time before importing.
#include "dialogs/importdialog.h"

#include "dialogs/csvoptionboxes.h"
#include "dialogs/studydetailsform.h"

#include "io/csvreader.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace gemba::ui {

ImportDialog::ImportDialog(const QString& path, const study::Study& study, QWidget* parent)
    : QDialog(parent)
    , m_path(path)
    , m_delimiter(new QComboBox(this))
    , m_decimal(new QComboBox(this))
    , m_problem(new QLabel(this))
    , m_details(new StudyDetailsForm(study, this))
{
    setWindowTitle(tr("Import Observations"));
    // The same choices as the command line's --delimiter and --decimal (io::CsvOptions).
    fillDelimiterBox(m_delimiter);
    fillDecimalBox(m_decimal);
    m_problem->setWordWrap(true);
    m_problem->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_problem->setForegroundRole(QPalette::BrightText);
    m_problem->setBackgroundRole(QPalette::Dark);

    m_step = column(QStringLiteral("step"), false);
    m_stepMatch = new QComboBox(this);
    m_stepMatch->addItems({tr("by name"), tr("by position (1, 2, ...)")});
    m_cycle = column(QStringLiteral("cycle"), false);
    m_duration = column(QStringLiteral("duration"), true);
    m_start = column(QStringLiteral("start"), true);
    m_end = column(QStringLiteral("end"), true);
    m_rating = column(QStringLiteral("rating"), true);
    m_note = column(QStringLiteral("note"), true);
    m_createSteps = new QCheckBox(tr("Add steps the process does not have &yet"), this);

    auto* file = new QFormLayout;
    file->addRow(new QLabel(tr("<b>%1</b>").arg(QFileInfo(path).fileName().toHtmlEscaped()), this));
    file->addRow(tr("Deli&miter:"), m_delimiter);
    file->addRow(tr("Decimal mar&k:"), m_decimal);
    file->addRow(m_problem);
    auto* form = new QFormLayout;
    form->addRow(new QLabel(tr("A time is its duration in seconds, or a start and an end."), this));
    form->addRow(tr("Ste&p:"), m_step);
    form->addRow(tr("Match steps &by:"), m_stepMatch);
    form->addRow(tr("&Cycle:"), m_cycle);
    form->addRow(tr("D&uration (s):"), m_duration);
    form->addRow(tr("&Start:"), m_start);
    form->addRow(tr("&End:"), m_end);
    form->addRow(tr("Ratin&g (%):"), m_rating);
    form->addRow(tr("No&te:"), m_note);
    form->addRow(m_createSteps);
    auto* left = new QVBoxLayout;
    // Mnemonics differ from the study details' (Date, Observer, Location, sHift, Rating, As,
    // alloWance, Notes) so every field is one Alt+key away.
    auto* fileBox = new QGroupBox(tr("File"), this);
    fileBox->setLayout(file);
    auto* columns = new QGroupBox(tr("Columns"), this);
    columns->setLayout(form);
    left->addWidget(fileBox);
    left->addWidget(columns);
    // The new study is described here, as when it is timed (study::newStudy decides the defaults).
    auto* details = new QGroupBox(tr("New study"), this);
    auto* detailsLayout = new QVBoxLayout(details);
    detailsLayout->addWidget(m_details);
    auto* sides = new QHBoxLayout;
    sides->addLayout(left);
    sides->addWidget(details);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(sides);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_import = buttons->button(QDialogButtonBox::Ok);
    m_import->setText(tr("&Import"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);

    connect(m_delimiter, &QComboBox::currentIndexChanged, this, &ImportDialog::readHeader);
    readHeader();
}

QComboBox* ImportDialog::column(const QString& guess, bool optional)
{
    auto* box = new QComboBox(this);
    m_columns.push_back({box, guess, optional});
    return box;
}

void ImportDialog::readHeader()
{
    // Only the header is needed here; the import reads every cell with the same options and
    // reports what it finds, so the dialog never judges the data itself.
    const auto head = io::readCsv(m_path.toStdString(), {}, csvOptions());
    m_header.clear();
    if (head) {
        for (const auto& h : head->header)
            m_header << QString::fromStdString(h);
        m_problem->clear();
    } else {
        m_problem->setText(QString::fromStdString(head.error().message));
    }
    m_problem->setVisible(!head);
    m_problem->setAutoFillBackground(!head);
    for (const ColumnChoice& c : m_columns) {
        c.box->clear();
        if (c.optional)
            c.box->addItem(tr("(none)"));
        c.box->addItems(m_header);
        // Preselect the first column whose name contains the guess ("duration_s" for "duration").
        for (int i = 0; i < m_header.size(); ++i) {
            if (m_header[i].contains(c.guess, Qt::CaseInsensitive)) {
                c.box->setCurrentIndex(i + (c.optional ? 1 : 0));
                break;
            }
        }
    }
    if (m_import)
        m_import->setEnabled(bool(head));
}

QString ImportDialog::problem() const { return m_problem->text(); }

void ImportDialog::focusSetting(const QString& field)
{
    if (field == QLatin1String("decimal"))
        m_decimal->setFocus();
    else if (field == QLatin1String("delimiter"))
        m_delimiter->setFocus();
}

io::CsvOptions ImportDialog::csvOptions() const
{
    return csvOptionsOf(m_delimiter, m_decimal);
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
    o.csv = csvOptions();
    return o;
}

study::Study ImportDialog::study() const { return m_details->study(); }

} // namespace gemba::ui
