// File > Import Data Set…
#include "datasets/datasetimportdialog.h"

#include "dialogs/csvoptionboxes.h"
#include "projectdocument.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace gemba::ui {
namespace {

// The head of the file: whole lines only, at most the header and `rows` data lines, read from
// at most 64 KiB (a preview of a file of any size costs the same).
std::string headOf(const QString& path, int rows)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QByteArray bytes = file.read(64 * 1024);
    const bool whole = file.atEnd();
    int lines = 0;
    qsizetype cut = -1;
    for (qsizetype i = 0; i < bytes.size(); ++i) {
        if (bytes[i] == '\n' && ++lines == rows + 1) {
            cut = i + 1;
            break;
        }
    }
    if (cut < 0 && !whole)
        cut = bytes.lastIndexOf('\n') + 1;   // a cut line would read as a short row
    if (cut >= 0)
        bytes.truncate(cut);
    return bytes.toStdString();
}

} // namespace

DataSetImportDialog::DataSetImportDialog(ProjectDocument* document, const QString& path, QWidget* parent)
    : QDialog(parent)
    , m_document(document)
    , m_path(new QLineEdit(this))
    , m_name(new QLineEdit(this))
    , m_delimiter(new QComboBox(this))
    , m_decimal(new QComboBox(this))
    , m_problem(new QLabel(this))
    , m_columns(new QLabel(this))
    , m_preview(new QTableWidget(this))
{
    setWindowTitle(tr("Import Data Set"));
    fillDelimiterBox(m_delimiter);
    fillDecimalBox(m_decimal);
    m_problem->setWordWrap(true);
    m_problem->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_problem->setForegroundRole(QPalette::BrightText);
    m_problem->setBackgroundRole(QPalette::Dark);
    m_columns->setWordWrap(true);
    m_preview->setObjectName(QStringLiteral("dataSetPreview"));
    m_preview->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_preview->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);

    auto* browse = new QPushButton(tr("&Browse..."), this);
    auto* fileRow = new QHBoxLayout;
    fileRow->addWidget(m_path, 1);
    fileRow->addWidget(browse);
    auto* form = new QFormLayout;
    form->addRow(tr("&File:"), fileRow);
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("Deli&miter:"), m_delimiter);
    form->addRow(tr("Decimal mar&k:"), m_decimal);
    form->addRow(m_problem);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_import = buttons->button(QDialogButtonBox::Ok);
    m_import->setText(tr("&Import"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(new QLabel(tr("First rows (the kinds are those of these rows; the import reads every row):"), this));
    layout->addWidget(m_columns);
    layout->addWidget(m_preview, 1);
    layout->addWidget(buttons);
    resize(760, 520);

    connect(browse, &QPushButton::clicked, this, &DataSetImportDialog::browse);
    connect(m_path, &QLineEdit::editingFinished, this, [this] { setPath(m_path->text()); });
    connect(m_name, &QLineEdit::textEdited, this, [this] { m_nameEdited = true; });
    connect(m_name, &QLineEdit::textChanged, this, &DataSetImportDialog::readPreview);
    connect(m_delimiter, &QComboBox::currentIndexChanged, this, &DataSetImportDialog::readPreview);
    connect(m_decimal, &QComboBox::currentIndexChanged, this, &DataSetImportDialog::readPreview);
    setPath(path);
}

QString DataSetImportDialog::path() const { return m_path->text().trimmed(); }
QString DataSetImportDialog::name() const { return m_name->text().trimmed(); }
io::CsvOptions DataSetImportDialog::options() const { return csvOptionsOf(m_delimiter, m_decimal); }
QString DataSetImportDialog::problem() const { return m_problem->isVisibleTo(this) ? m_problem->text() : QString(); }

void DataSetImportDialog::setPath(const QString& path)
{
    m_path->setText(QDir::toNativeSeparators(path));
    if (!m_nameEdited && !path.isEmpty())
        m_name->setText(m_document->uniqueDataSetName(QFileInfo(path).completeBaseName()));
    readPreview();
}

void DataSetImportDialog::browse()
{
    const QString chosen = QFileDialog::getOpenFileName(this, tr("Import Data Set"), QFileInfo(path()).absolutePath(),
                                                        tr("CSV files (*.csv *.txt);;All files (*)"));
    if (!chosen.isEmpty())
        setPath(chosen);
}

void DataSetImportDialog::readPreview()
{
    m_preview->clear();
    m_preview->setRowCount(0);
    m_preview->setColumnCount(0);
    m_columns->clear();
    QString problem;
    const QString file = QDir::fromNativeSeparators(path());
    if (file.isEmpty())
        problem = tr("Choose a CSV file.");
    else if (!QFileInfo(file).isFile())
        problem = tr("%1 is not a file.").arg(QDir::toNativeSeparators(file));
    else if (name().isEmpty())
        problem = tr("The data set needs a name.");
    if (problem.isEmpty()) {
        // Every column as text, then each one's kind judged as io::readAllColumns judges it
        // (a number column unless a non-empty cell is not a number), on these rows only.
        const std::string head = headOf(file, kPreviewRows);
        const io::CsvOptions o = options();
        const std::string source = file.toStdString();
        auto header = io::parseCsv(head, source, {}, o);
        std::vector<io::ColumnRequest> requests;
        if (header)
            for (const auto& h : header->header)
                requests.push_back({h, io::ColumnKind::Text});
        const Expected<io::CsvData> cells = header ? io::parseCsv(head, source, requests, o) : header;
        if (!cells) {
            problem = QString::fromStdString(cells.error().message);
        } else {
            const auto& columns = cells->columns;
            m_preview->setColumnCount(static_cast<int>(columns.size()));
            m_preview->setRowCount(static_cast<int>(cells->rows));
            QStringList kinds;
            for (std::size_t c = 0; c < columns.size(); ++c) {
                bool numeric = true;
                for (const auto& cell : columns[c].texts) {
                    double v = 0;
                    const auto r = io::readNumber(cell, v, o.decimal);
                    if (!cell.empty() && r != io::NumberResult::Ok && r != io::NumberResult::Ambiguous)
                        numeric = false;
                }
                const QString n = QString::fromStdString(columns[c].name);
                const QString kind = numeric ? tr("number") : tr("text");
                kinds << tr("%1 (%2)").arg(n, kind);
                m_preview->setHorizontalHeaderItem(static_cast<int>(c),
                                                   new QTableWidgetItem(QStringLiteral("%1\n%2").arg(n, kind)));
                for (std::size_t r = 0; r < cells->rows; ++r) {
                    auto* item = new QTableWidgetItem(QString::fromStdString(columns[c].texts[r]));
                    if (numeric)
                        item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
                    m_preview->setItem(static_cast<int>(r), static_cast<int>(c), item);
                }
            }
            m_columns->setText(tr("%n column(s): %1", nullptr, static_cast<int>(columns.size()))
                                   .arg(kinds.join(QStringLiteral(", "))));
        }
    }
    m_problem->setText(problem);
    m_problem->setVisible(!problem.isEmpty());
    m_problem->setAutoFillBackground(!problem.isEmpty());
    if (m_import)
        m_import->setEnabled(problem.isEmpty());
}

void DataSetImportDialog::focusSetting(const QString& field)
{
    if (field == QLatin1String("decimal"))
        m_decimal->setFocus();
    else if (field == QLatin1String("delimiter"))
        m_delimiter->setFocus();
}

study::Id DataSetImportDialog::importInto(ProjectDocument* document, QWidget* parent, const QString& path)
{
    if (!document || document->readOnly()) {
        QMessageBox::warning(parent, tr("Import Data Set"), tr("Open a writable project to import a data set into."));
        return 0;
    }
    QString file = path;
    if (file.isEmpty()) {
        file = QFileDialog::getOpenFileName(parent, tr("Import Data Set"), QDir::homePath(),
                                            tr("CSV files (*.csv *.txt);;All files (*)"));
        if (file.isEmpty())
            return 0;
    }
    DataSetImportDialog dialog(document, file, parent);
    for (;;) {
        if (dialog.exec() != QDialog::Accepted)
            return 0;
        const auto outcome = document->importDataSet(QDir::fromNativeSeparators(dialog.path()), dialog.name(),
                                                     dialog.options(), parent);
        if (outcome.id != 0)
            return outcome.id;
        if (outcome.cancelled && outcome.error.isEmpty())
            return 0;
        QString hint;
        if (outcome.field == QLatin1String("decimal"))
            hint = tr("\n\nChoose the decimal mark and import again.");
        else if (outcome.field == QLatin1String("delimiter"))
            hint = tr("\n\nChoose the delimiter and import again.");
        QMessageBox::warning(parent, tr("Import Data Set"), tr("Nothing was imported:\n%1").arg(outcome.error) + hint);
        dialog.focusSetting(outcome.field);   // the dialog comes back as it was
    }
}

} // namespace gemba::ui
