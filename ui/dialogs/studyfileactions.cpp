// File > Export Study to Excel… and File > Import Element List… of the window's current context.
#include "dialogs/studyfileactions.h"

#include "commands/importstepscommand.h"
#include "projectdocument.h"
#include "store/project.h"
#include "store/stepscsv.h"
#include "store/studyxlsx.h"
#include "windowcontext.h"

#include <QAction>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QInputDialog>
#include <QMainWindow>
#include <QMenu>
#include <QMessageBox>
#include <QRegularExpression>
#include <QStatusBar>

namespace gemba::ui {

StudyFileActions::StudyFileActions(QWidget* window, std::function<WindowContext*()> context)
    : QObject(window)
    , m_window(window)
    , m_context(std::move(context))
{
}

QAction* StudyFileActions::addTo(QMenu* file)
{
    // Ctrl+Shift+E is the control chart's Export Chart Data as CSV; Ctrl+Alt+E and Ctrl+Alt+I
    // are free (Ctrl+Alt+digit opens a recent file).
    m_exportXlsx = file->addAction(tr("Export Study to E&xcel..."), this, [this] { exportDialog(); });
    m_exportXlsx->setShortcut(QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_E));
    m_exportXlsx->setObjectName(QStringLiteral("exportStudyXlsxAction"));
    m_importSteps = file->addAction(tr("Import E&lement List..."), this, [this] { importDialog(); });
    m_importSteps->setShortcut(QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_I));
    m_importSteps->setObjectName(QStringLiteral("importElementListAction"));
    return m_importSteps;
}

QString StudyFileActions::exportXlsx(const QString& path) const
{
    WindowContext* context = m_context ? m_context() : nullptr;
    if (!context || !context->study())
        return tr("There is no study to export: choose one, or time one first (Ctrl+T).");
    auto result = store::exportStudyXlsx(context->document()->project(), context->studyId(), path.toStdString());
    if (!result)
        return tr("Could not export %1:\n%2")
            .arg(QDir::toNativeSeparators(path), QString::fromStdString(result.error().message));
    return {};
}

QString StudyFileActions::importSteps(const QString& path, const QString& processName) const
{
    WindowContext* context = m_context ? m_context() : nullptr;
    if (!context)
        return tr("Open a project first.");
    const QString name = processName.trimmed();
    if (name.isEmpty())
        return tr("The process needs a name.");
    ProjectDocument* document = context->document();
    // Always a new process: importing into one that exists could not be undone as one step.
    auto processes = document->project().processes();
    if (!processes)
        return QString::fromStdString(processes.error().message);
    for (const auto& p : *processes)
        if (QString::fromStdString(p.name).compare(name, Qt::CaseInsensitive) == 0)
            return tr("There is already a process named '%1': choose another name.").arg(name);
    auto result = store::importStepsCsv(document->project(), path.toStdString(), name.toStdString());
    if (!result)   // core names the file, the line and the column
        return QString::fromStdString(result.error().message);
    document->undoStack()->push(
        new ImportStepsCommand(document, result->processId, name, QFileInfo(path).fileName()));
    return {};
}

void StudyFileActions::showStatus(const QString& message) const
{
    if (auto* main = qobject_cast<QMainWindow*>(m_window))
        main->statusBar()->showMessage(message, 5000);
}

void StudyFileActions::exportDialog()
{
    WindowContext* context = m_context ? m_context() : nullptr;
    if (!context || !context->study()) {
        QMessageBox::warning(m_window, tr("Export Study to Excel"),
                             tr("There is no study to export: choose one, or time one first (Ctrl+T)."));
        return;
    }
    QString name = context->process() ? QString::fromStdString(context->process()->name) : tr("Study");
    if (!context->study()->date.empty())
        name += QStringLiteral(" ") + QString::fromStdString(context->study()->date);
    static const QRegularExpression bad(QStringLiteral("[\\\\/:*?\"<>|]"));
    name = name.simplified().replace(bad, QStringLiteral("-"));
    QString path = QFileDialog::getSaveFileName(m_window, tr("Export Study to Excel"),
                                                QDir(QDir::homePath()).filePath(name + QStringLiteral(".xlsx")),
                                                tr("Excel workbooks (*.xlsx)"));
    if (path.isEmpty())
        return;
    if (!path.endsWith(QStringLiteral(".xlsx"), Qt::CaseInsensitive))
        path += QStringLiteral(".xlsx");
    const QString error = exportXlsx(path);
    if (!error.isEmpty()) {
        QMessageBox::warning(m_window, tr("Export Study to Excel"), error);
        return;
    }
    showStatus(tr("Exported to %1").arg(QDir::toNativeSeparators(path)));
}

void StudyFileActions::importDialog()
{
    WindowContext* context = m_context ? m_context() : nullptr;
    if (!context) {
        QMessageBox::warning(m_window, tr("Import Element List"), tr("Open a project first."));
        return;
    }
    const QString path = QFileDialog::getOpenFileName(m_window, tr("Import Element List"), QDir::homePath(),
                                                      tr("CSV files (*.csv *.txt);;All files (*)"));
    if (path.isEmpty())
        return;
    bool ok = false;
    const QString name = QInputDialog::getText(m_window, tr("Import Element List"),
                                               tr("The elements of %1 become the steps of a new process:")
                                                   .arg(QFileInfo(path).fileName()),
                                               QLineEdit::Normal, QFileInfo(path).completeBaseName(), &ok);
    if (!ok)
        return;
    const QString error = importSteps(path, name);
    if (!error.isEmpty()) {
        QMessageBox::warning(m_window, tr("Import Element List"),
                             tr("Nothing was imported from %1:\n%2").arg(QDir::toNativeSeparators(path), error));
        return;
    }
    showStatus(tr("Imported the element list %1 as process '%2'").arg(QFileInfo(path).fileName(), name.trimmed()));
}

} // namespace gemba::ui
