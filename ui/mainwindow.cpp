// The main window: project file handling, the process editor, the observations and the
// stopwatch, with every action on the keyboard.
#include "mainwindow.h"

#include "commands/addprocesscommand.h"
#include "commands/changestudycommand.h"
#include "commands/renameprocesscommand.h"
#include "data/backgroundtask.h"
#include "demoproject.h"
#include "dialogs/importdialog.h"
#include "dialogs/studydialog.h"
#include "observationspage.h"
#include "processeditor.h"
#include "projectdocument.h"
#include "settings.h"
#include "timing/timingview.h"

#include "io/csvreader.h"
#include "store/observationcsv.h"

#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
#include <QDate>
#include <QDateTime>
#include <QDir>
#include <QFileDialog>
#include <QFile>
#include <QFileInfo>
#include <QInputDialog>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabWidget>
#include <QToolBar>
#include <QUndoGroup>

#include <optional>

#include <boost/version.hpp>
#include <sqlite3.h>

// Resources live in the static gemba_ui library, so they must be registered explicitly
// (outside any namespace, as Q_INIT_RESOURCE requires).
static void initUiResources() { Q_INIT_RESOURCE(resources); }

namespace gemba::ui {
namespace {
const Preference<QStringList> kRecentFiles(QStringLiteral("files/recent"));
const Preference<QByteArray> kGeometry(QStringLiteral("window/geometry"));
const Preference<QByteArray> kWindowState(QStringLiteral("window/state"));
constexpr int kMaxRecent = 9;
} // namespace

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent)
    , m_undoGroup(new QUndoGroup(this))
{
    initUiResources();
    setWindowIcon(QIcon(QStringLiteral(":/icons/gemba.svg")));
    setObjectName(QStringLiteral("mainWindow"));

    m_stack = new QStackedWidget(this);
    m_emptyPage = new QLabel(tr("<h2>Gemba Workbench</h2>"
                                "<p>Open a project (Ctrl+O) or create one (Ctrl+N).</p>"
                                "<p>The analyses also run headless: <tt>gemba --help</tt></p>"),
                             this);
    static_cast<QLabel*>(m_emptyPage)->setAlignment(Qt::AlignCenter);
    m_stack->addWidget(m_emptyPage);
    setCentralWidget(m_stack);

    auto* bar = addToolBar(tr("Process"));
    bar->setObjectName(QStringLiteral("processBar"));
    bar->setMovable(false);
    bar->addWidget(new QLabel(tr("Process: "), this));
    m_processBox = new QComboBox(this);
    m_processBox->setObjectName(QStringLiteral("processBox"));
    m_processBox->setMinimumContentsLength(24);
    bar->addWidget(m_processBox);
    bar->addSeparator();
    bar->addWidget(new QLabel(tr(" Study: "), this));
    m_studyBox = new QComboBox(this);
    m_studyBox->setObjectName(QStringLiteral("studyBox"));
    m_studyBox->setMinimumContentsLength(28);
    bar->addWidget(m_studyBox);
    connect(m_processBox, &QComboBox::activated, this, [this](int i) {
        if (m_document)
            m_document->setCurrentProcess(m_processBox->itemData(i).toLongLong());
    });
    connect(m_studyBox, &QComboBox::activated, this, [this](int i) {
        if (m_document)
            m_document->setCurrentStudy(m_studyBox->itemData(i).toLongLong());
    });

    createActions();
    statusBar()->showMessage(tr("Ready"));
    resize(1200, 720);
    restoreGeometry(kGeometry.get());
    restoreState(kWindowState.get());
    updateTitle();
}

MainWindow::~MainWindow() = default;

QString MainWindow::defaultProjectPath()
{
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    return QDir(dir).filePath(QStringLiteral("default.gemba"));
}

void MainWindow::createActions()
{
    auto* file = menuBar()->addMenu(tr("&File"));
    auto add = [this](QMenu* menu, const QString& text, const QKeySequence& key, auto fn) {
        QAction* a = menu->addAction(text, this, fn);
        a->setShortcut(key);
        return a;
    };
    add(file, tr("&New Project..."), QKeySequence(Qt::CTRL | Qt::Key_N), [this] { newProject(); });
    add(file, tr("&Open Project..."), QKeySequence(Qt::CTRL | Qt::Key_O), [this] { openProjectDialog(); });
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    file->addSeparator();
    add(file, tr("Save a Copy &As..."), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S), [this] { saveCopyAs(); });
    add(file, tr("&Import Observations from CSV..."), QKeySequence(Qt::CTRL | Qt::Key_I), [this] { importCsv(); });
    add(file, tr("&Export Study as CSV..."), QKeySequence(Qt::CTRL | Qt::Key_E), [this] { exportStudyCsv(); });
    file->addSeparator();
    add(file, tr("&Close Project"), QKeySequence(Qt::CTRL | Qt::Key_W), [this] { closeProject(); });
    // QKeySequence::Quit is empty on some platforms.
    add(file, tr("&Quit"), QKeySequence(Qt::CTRL | Qt::Key_Q), [this] { close(); });
    updateRecentMenu();

    auto* edit = menuBar()->addMenu(tr("&Edit"));
    m_undoAction = m_undoGroup->createUndoAction(this, tr("&Undo"));
    m_undoAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Z));
    m_redoAction = m_undoGroup->createRedoAction(this, tr("&Redo"));
    m_redoAction->setShortcuts({QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z), QKeySequence(Qt::CTRL | Qt::Key_Y)});
    edit->addAction(m_undoAction);
    edit->addAction(m_redoAction);
    edit->addSeparator();
    add(edit, tr("New &Process..."), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N), [this] { newProcess(); });
    add(edit, tr("Re&name Process..."), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R), [this] { renameProcess(); });
    add(edit, tr("E&xclude/Include Observation..."), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_X), [this] {
        if (m_observationsPage)
            m_observationsPage->toggleExcludeSelected();
    });

    auto* view = menuBar()->addMenu(tr("&View"));
    add(view, tr("&Process Steps"), QKeySequence(Qt::CTRL | Qt::Key_1), [this] {
        if (m_tabs)
            m_tabs->setCurrentIndex(0);
    });
    add(view, tr("&Observations"), QKeySequence(Qt::CTRL | Qt::Key_2), [this] {
        if (m_tabs)
            m_tabs->setCurrentIndex(1);
    });

    auto* studyMenu = menuBar()->addMenu(tr("&Study"));
    m_startTimingAction = add(studyMenu, tr("Start &Timing"), QKeySequence(Qt::CTRL | Qt::Key_T), [this] { startTiming(); });
    m_startTimingAction->setShortcutContext(Qt::ApplicationShortcut);
    add(studyMenu, tr("Study &Details..."), QKeySequence(Qt::CTRL | Qt::Key_D), [this] { editStudyDetails(); });

    auto* help = menuBar()->addMenu(tr("&Help"));
    add(help, tr("&About Gemba Workbench"), QKeySequence(Qt::Key_F1), [this] { showAbout(); });
}

void MainWindow::updateRecentMenu()
{
    m_recentMenu->clear();
    const QStringList files = kRecentFiles.get();
    int n = 0;
    for (const QString& path : files) {
        ++n;
        QAction* a = m_recentMenu->addAction(QStringLiteral("&%1 %2").arg(n).arg(QDir::toNativeSeparators(path)),
                                             this, [this, path] { openProject(path); });
        a->setShortcut(QKeySequence(Qt::CTRL | Qt::ALT | static_cast<Qt::Key>(Qt::Key_0 + n)));
    }
    m_recentMenu->setEnabled(!files.isEmpty());
}

void MainWindow::rememberRecent(const QString& path)
{
    QStringList files = kRecentFiles.get();
    const QString absolute = QFileInfo(path).absoluteFilePath();
    files.removeAll(absolute);
    files.prepend(absolute);
    while (files.size() > kMaxRecent)
        files.removeLast();
    kRecentFiles.set(files);
    updateRecentMenu();
}

bool MainWindow::openProject(const QString& path)
{
    QString error;
    auto document = ProjectDocument::open(path, &error);
    if (!document) {
        showError(tr("Could not open %1:\n%2").arg(QDir::toNativeSeparators(path), error));
        return false;
    }
    if (!document->warning().isEmpty())
        QMessageBox::warning(this, tr("Opened read-only"), document->warning());
    setDocument(std::move(document));
    rememberRecent(path);
    return true;
}

bool MainWindow::openDefaultProject()
{
    const QString path = defaultProjectPath();
    const bool exists = QFileInfo::exists(path);
    QDir().mkpath(QFileInfo(path).absolutePath());
    if (!openProject(path))
        return false;
    if (!exists || m_document->processes().empty()) {
        const QString error = populateDemoProject(*m_document);
        if (!error.isEmpty())
            showError(tr("Could not create the demo project:\n%1").arg(error));
        else
            m_tabs->setCurrentWidget(m_observationsPage);
    }
    return true;
}

void MainWindow::setDocument(std::unique_ptr<ProjectDocument> document)
{
    if (m_timingView)
        finishTiming();
    if (m_document)
        m_undoGroup->removeStack(m_document->undoStack());
    if (m_tabs) {
        m_stack->removeWidget(m_tabs);
        delete m_tabs;
        m_tabs = nullptr;
        m_processEditor = nullptr;
        m_observationsPage = nullptr;
    }
    m_document = std::move(document);
    if (m_document) {
        m_undoGroup->addStack(m_document->undoStack());
        m_undoGroup->setActiveStack(m_document->undoStack());
        m_tabs = new QTabWidget(this);
        m_tabs->setObjectName(QStringLiteral("tabs"));
        m_processEditor = new ProcessEditor(m_document.get(), m_tabs);
        m_observationsPage = new ObservationsPage(m_document.get(), m_tabs);
        m_tabs->addTab(m_processEditor, tr("Process steps"));
        m_tabs->addTab(m_observationsPage, tr("Observations"));
        m_stack->addWidget(m_tabs);
        m_stack->setCurrentWidget(m_tabs);
        connect(m_document.get(), &ProjectDocument::errorOccurred, this, &MainWindow::showError);
        connect(m_document.get(), &ProjectDocument::processesChanged, this, &MainWindow::fillProcessBox);
        connect(m_document.get(), &ProjectDocument::currentProcessChanged, this, &MainWindow::fillProcessBox);
        connect(m_document.get(), &ProjectDocument::studiesChanged, this, &MainWindow::fillStudyBox);
        connect(m_document.get(), &ProjectDocument::observationsChanged, this, &MainWindow::fillStudyBox);
        if (!m_document->studies().empty())
            m_tabs->setCurrentWidget(m_observationsPage);
    } else {
        m_stack->setCurrentWidget(m_emptyPage);
    }
    fillProcessBox();
    fillStudyBox();
    updateTitle();
}

void MainWindow::fillProcessBox()
{
    m_processBox->clear();
    if (!m_document)
        return;
    for (const auto& p : m_document->processes())
        m_processBox->addItem(QString::fromStdString(p.name), QVariant::fromValue<qint64>(p.id));
    m_processBox->setCurrentIndex(m_processBox->findData(QVariant::fromValue<qint64>(m_document->currentProcessId())));
}

void MainWindow::fillStudyBox()
{
    m_studyBox->clear();
    if (!m_document)
        return;
    for (const auto& s : m_document->studies()) {
        QString label = tr("%1 - %2").arg(QString::fromStdString(s.date), QString::fromStdString(s.observer));
        if (!s.location.empty())
            label += tr(" (%1)").arg(QString::fromStdString(s.location));
        m_studyBox->addItem(label, QVariant::fromValue<qint64>(s.id));
    }
    m_studyBox->setCurrentIndex(m_studyBox->findData(QVariant::fromValue<qint64>(m_document->currentStudyId())));
}

void MainWindow::updateTitle()
{
    if (!m_document) {
        setWindowTitle(tr("Gemba Workbench"));
        return;
    }
    QString title = tr("%1 - Gemba Workbench").arg(QFileInfo(m_document->path()).fileName());
    if (m_document->readOnly())
        title += tr(" [read-only]");
    setWindowTitle(title);
}

void MainWindow::showError(const QString& message) { QMessageBox::warning(this, tr("Gemba Workbench"), message); }

void MainWindow::newProject()
{
    QString path = QFileDialog::getSaveFileName(this, tr("New Project"), QDir::homePath(),
                                                tr("Gemba projects (*.gemba)"));
    if (path.isEmpty())
        return;
    if (!path.endsWith(QStringLiteral(".gemba")))
        path += QStringLiteral(".gemba");
    if (QFileInfo::exists(path)) {
        showError(tr("%1 already exists; open it instead.").arg(QDir::toNativeSeparators(path)));
        return;
    }
    if (openProject(path))
        newProcess();
}

void MainWindow::openProjectDialog()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open Project"), QDir::homePath(),
                                                      tr("Gemba projects (*.gemba);;All files (*)"));
    if (!path.isEmpty())
        openProject(path);
}

void MainWindow::saveCopyAs()
{
    if (!m_document)
        return;
    QString path = QFileDialog::getSaveFileName(this, tr("Save a Copy As"), QDir::homePath(),
                                                tr("Gemba projects (*.gemba)"));
    if (path.isEmpty())
        return;
    if (!path.endsWith(QStringLiteral(".gemba")))
        path += QStringLiteral(".gemba");
    saveCopyTo(path);
}

bool MainWindow::saveCopyTo(const QString& path)
{
    if (!m_document)
        return false;
    // VACUUM INTO reads every page: on a read-only connection of its own, which can write the
    // copy and cannot touch the project.
    const bool existed = QFileInfo::exists(path);
    std::optional<Expected<bool>> ok;
    const bool cancelled = BackgroundTask::run(
        this, tr("Saving a copy to %1…").arg(QDir::toNativeSeparators(path)),
        [&, &project = m_document->project(), target = path.toStdString()](BackgroundTask::Progress& progress) {
            auto reader = store::Project::openSibling(project, store::OpenMode::ReadOnly);
            if (!reader) {
                ok = reader.error();
                return;
            }
            // Cancel: SQLite asks every 10,000 steps of its program whether to go on.
            sqlite3_progress_handler(
                (*reader)->handle(), 10000,
                [](void* p) { return static_cast<BackgroundTask::Progress*>(p)->cancelled ? 1 : 0; }, &progress);
            ok = (*reader)->saveCopy(target);
        });
    if (*ok) {
        statusBar()->showMessage(tr("Saved a copy to %1").arg(QDir::toNativeSeparators(path)), 5000);
        return true;
    }
    if (!existed)   // a half-written copy (cancelled, disk full) is no copy
        QFile::remove(path);
    if (cancelled)
        statusBar()->showMessage(tr("Cancelled: no copy was saved."), 5000);
    else
        showError(tr("Could not save a copy:\n%1").arg(QString::fromStdString(ok->error().message)));
    return false;
}

void MainWindow::exportStudyCsv()
{
    if (!m_document || !m_document->currentStudyId()) {
        showError(tr("There is no study to export: time one first (Ctrl+T)."));
        return;
    }
    const QString path = QFileDialog::getSaveFileName(this, tr("Export Study as CSV"), QDir::homePath(),
                                                      tr("CSV files (*.csv)"));
    if (!path.isEmpty())
        exportStudyCsvTo(path);
}

bool MainWindow::exportStudyCsvTo(const QString& path)
{
    if (!m_document || !m_document->currentStudyId())
        return false;
    std::optional<Expected<std::int64_t>> ok;
    const bool cancelled = BackgroundTask::run(
        this, tr("Exporting to %1…").arg(QDir::toNativeSeparators(path)),
        [&, &project = m_document->project(), studyId = m_document->currentStudyId(),
         target = path.toStdString()](BackgroundTask::Progress& progress) {
            auto reader = store::Project::openSibling(project, store::OpenMode::ReadOnly);
            if (!reader) {
                ok = reader.error();
                return;
            }
            ok = store::exportObservationsCsv(**reader, studyId, target,
                                              [&](std::int64_t d, std::int64_t t) { return progress.report(d, t); });
        });
    if (*ok) {
        statusBar()->showMessage(tr("Exported to %1").arg(QDir::toNativeSeparators(path)), 5000);
        return true;
    }
    if (cancelled)
        statusBar()->showMessage(tr("Cancelled: nothing was exported."), 5000);
    else
        showError(tr("Could not export:\n%1").arg(QString::fromStdString(ok->error().message)));
    return false;
}

void MainWindow::importCsv()
{
    if (!m_document || m_document->readOnly() || !m_document->currentProcessId()) {
        showError(tr("Open a writable project and choose the process to import into."));
        return;
    }
    const QString path = QFileDialog::getOpenFileName(this, tr("Import Observations"), QDir::homePath(),
                                                      tr("CSV files (*.csv *.txt);;All files (*)"));
    if (path.isEmpty())
        return;
    auto head = io::readCsv(path.toStdString(), {});
    if (!head) {
        showError(QString::fromStdString(head.error().message));
        return;
    }
    QStringList header;
    for (const auto& h : head->header)
        header << QString::fromStdString(h);
    ImportDialog dialog(path, header, this);
    if (dialog.exec() == QDialog::Accepted)
        importCsvFile(path, dialog.options());
}

bool MainWindow::importCsvFile(const QString& path, const store::ObservationCsvImportOptions& options)
{
    if (!m_document || m_document->readOnly() || !m_document->currentProcessId())
        return false;
    study::Study s;
    s.processId = m_document->currentProcessId();
    s.date = QDate::currentDate().toString(Qt::ISODate).toStdString();
    s.observer = qEnvironmentVariable("USER").toStdString();
    s.notes = tr("Imported from %1").arg(QFileInfo(path).fileName()).toStdString();
    // On a connection of its own on a worker thread, in one transaction as ever: all or nothing.
    std::optional<Expected<store::ObservationCsvImportResult>> imported;
    const bool cancelled = BackgroundTask::run(
        this, tr("Importing %1…").arg(QFileInfo(path).fileName()),
        [&, &project = m_document->project(), source = path.toStdString(),
         withProgress = options](BackgroundTask::Progress& progress) mutable {
            auto writer = store::Project::openSibling(project, store::OpenMode::ReadWrite);
            if (!writer) {
                imported = writer.error();
                return;
            }
            withProgress.progress = [&](std::int64_t d, std::int64_t t) { return progress.report(d, t); };
            imported = store::importObservationsCsv(**writer, source, s, withProgress);
        });
    const auto& result = *imported;
    if (!result) {
        if (cancelled)
            statusBar()->showMessage(tr("Cancelled: nothing was imported."), 5000);
        else
            showError(tr("Nothing was imported:\n%1").arg(QString::fromStdString(result.error().message)));
        return false;
    }
    m_document->setCurrentProcess(m_document->currentProcessId());   // new steps may have come in
    m_document->setCurrentStudy(result->studyId);
    fillStudyBox();
    m_tabs->setCurrentWidget(m_observationsPage);
    statusBar()->showMessage(tr("Imported %1 observations in %2 cycles").arg(result->observations).arg(result->cycles), 5000);
    return true;
}

void MainWindow::closeProject() { setDocument(nullptr); }

void MainWindow::newProcess()
{
    if (!m_document || m_document->readOnly())
        return;
    bool ok = false;
    const QString name = QInputDialog::getText(this, tr("New Process"), tr("Name of the process:"), QLineEdit::Normal,
                                               QString(), &ok)
                             .trimmed();
    if (!ok || name.isEmpty())
        return;
    study::Process p;
    p.name = name.toStdString();
    // The stack deletes a command that failed (became obsolete), so look at the document.
    const study::Id before = m_document->currentProcessId();
    m_document->undoStack()->push(new AddProcessCommand(m_document.get(), p));
    if (m_document->currentProcessId() != before) {
        fillProcessBox();
        m_tabs->setCurrentWidget(m_processEditor);
        m_processEditor->addStep();
    }
}

void MainWindow::renameProcess()
{
    if (!m_document || !m_document->currentProcess() || m_document->readOnly())
        return;
    const study::Process before = *m_document->currentProcess();
    bool ok = false;
    const QString name = QInputDialog::getText(this, tr("Rename Process"), tr("New name of the process:"),
                                               QLineEdit::Normal, QString::fromStdString(before.name), &ok)
                             .trimmed();
    if (ok && !name.isEmpty() && name.toStdString() != before.name)
        m_document->undoStack()->push(new RenameProcessCommand(m_document.get(), before, name.toStdString()));
}

void MainWindow::editStudyDetails()
{
    if (!m_document || !m_document->currentStudy() || m_document->readOnly())
        return;
    const study::Study before = *m_document->currentStudy();
    StudyDialog dialog(before, this);
    if (dialog.exec() == QDialog::Accepted)
        m_document->undoStack()->push(new ChangeStudyCommand(m_document.get(), before, dialog.study()));
}

void MainWindow::startTiming()
{
    if (!m_document || m_timingView)
        return;
    if (m_document->readOnly()) {
        showError(tr("This project is open read-only; timing needs a writable project."));
        return;
    }
    if (m_document->steps().empty()) {
        showError(tr("The process has no steps yet. Add them first (Ctrl+Return in the step list)."));
        return;
    }
    // A new study takes over the observer, place and allowances of the process's last study.
    study::Study s;
    if (!m_document->studies().empty()) {
        s = m_document->studies().back();
        s.id = 0;
        s.notes.clear();
        s.endedWallUs.reset();
    } else {
        s.observer = qEnvironmentVariable("USER", tr("observer")).toStdString();
        s.allowancePercent = 15;   // a common PF&D default; Ctrl+D edits it
    }
    s.date = QDate::currentDate().toString(Qt::ISODate).toStdString();
    s.startedWallUs = 0;   // set by the first lap
    const study::Id id = m_document->insertStudy(s);
    if (!id)
        return;
    m_document->setCurrentStudy(id);
    s.id = id;
    s.processId = m_document->currentProcessId();
    m_timingView = new TimingView(m_document.get(), s, this);
    connect(m_timingView, &TimingView::finished, this, &MainWindow::finishTiming);
    m_stack->addWidget(m_timingView);
    m_stack->setCurrentWidget(m_timingView);
    m_timingView->setFocus();
    m_startTimingAction->setEnabled(false);
    statusBar()->showMessage(tr("Timing: Space or Enter = lap, P pause, S skip, F foreign element, A abnormal, "
                                "N note, Backspace undo, digits = rating, Esc = end study"));
}

void MainWindow::finishTiming()
{
    if (!m_timingView)
        return;
    m_stack->removeWidget(m_timingView);
    m_timingView->deleteLater();
    m_timingView = nullptr;
    m_startTimingAction->setEnabled(true);
    if (m_tabs) {
        m_stack->setCurrentWidget(m_tabs);
        m_tabs->setCurrentWidget(m_observationsPage);
    }
    if (m_document) {
        m_document->reloadStudies();
        m_document->notifyObservationsChanged();
    }
    statusBar()->showMessage(tr("Study saved"), 5000);
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    if (m_timingView)
        m_timingView->endStudy();
    kGeometry.set(saveGeometry());
    kWindowState.set(saveState());
    event->accept();
}

void MainWindow::showAbout()
{
    QMessageBox::about(this, tr("About Gemba Workbench"),
                       tr("<h3>Gemba Workbench %1</h3>"
                          "<p>Process studies and Six Sigma analysis.</p>"
                          "<p>Qt %2 · SQLite %3 · Boost %4.%5.%6</p>")
                           .arg(QStringLiteral(GEMBA_VERSION), QString::fromLatin1(qVersion()),
                                QString::fromLatin1(sqlite3_libversion()))
                           .arg(BOOST_VERSION / 100000)
                           .arg(BOOST_VERSION / 100 % 1000)
                           .arg(BOOST_VERSION % 100));
}

} // namespace gemba::ui
