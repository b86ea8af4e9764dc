// The main window: project file handling, the process editor, the observations and the
// stopwatch, with every action on the keyboard.
#include "mainwindow.h"

#include "commands/addprocesscommand.h"
#include "commands/changestudycommand.h"
#include "commands/removeprocesscommand.h"
#include "commands/removestudycommand.h"
#include "commands/renameprocesscommand.h"
#include "data/backgroundtask.h"
#include "datasets/datasetimportdialog.h"
#include "demoproject.h"
#include "dialogs/importdialog.h"
#include "dialogs/shortcutsdialog.h"
#include "dialogs/studydialog.h"
#include "observationspage.h"
#include "processeditor.h"
#include "projectdocument.h"
#include "settings.h"
#include "timing/timingview.h"
#include "views/view.h"
#include "report/studysheetactions.h"
#include "dialogs/studyfileactions.h"
#include "views/viewactions.h"
#include "views/viewhost.h"
#include "windowcontext.h"

#include "io/csvreader.h"
#include "store/observationcsv.h"
#include "study/newstudy.h"

#include <QApplication>
#include <QDialog>
#include <QPushButton>
#include <QRegularExpression>
#include <QVBoxLayout>
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
#include <QToolBar>
#include <QUndoGroup>

#include <optional>

#include <boost/version.hpp>
#include <sqlite3.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

// Resources live in the static gemba_ui library, so they must be registered explicitly
// (outside any namespace, as Q_INIT_RESOURCE requires).
static void initUiResources() { Q_INIT_RESOURCE(resources); }

namespace gemba::ui {
namespace {
const Preference<QStringList> kRecentFiles(QStringLiteral("files/recent"));
const Preference<QByteArray> kGeometry(QStringLiteral("window/geometry"));
const Preference<QByteArray> kWindowState(QStringLiteral("window/state"));
constexpr int kMaxRecent = 9;
// Marks the actions that change the project: a read-only project disables them (updateTitle).
constexpr char kEditsProject[] = "gembaEditsProject";
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

    // A project without processes would otherwise show an empty step list with nowhere to go.
    m_noProcessPage = new QWidget(this);
    m_noProcessPage->setObjectName(QStringLiteral("noProcessPage"));
    {
        auto* label = new QLabel(tr("<h2>This project has no process yet</h2>"
                                    "<p>A process is the work you study: its steps, then timed studies of them.</p>"),
                                 m_noProcessPage);
        label->setAlignment(Qt::AlignCenter);
        auto* button = new QPushButton(tr("New Process... (%1)")
                                           .arg(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N)
                                                    .toString(QKeySequence::NativeText)),
                                       m_noProcessPage);
        button->setObjectName(QStringLiteral("newProcessButton"));
        connect(button, &QPushButton::clicked, this, [this] { newProcess(); });
        auto* layout = new QVBoxLayout(m_noProcessPage);
        layout->addStretch();
        layout->addWidget(label);
        layout->addWidget(button, 0, Qt::AlignHCenter);
        layout->addStretch();
    }
    m_stack->addWidget(m_noProcessPage);
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
    m_studyBox->setMinimumContentsLength(36);
    bar->addWidget(m_studyBox);
    connect(m_processBox, &QComboBox::activated, this, [this](int i) {
        if (m_document)
            m_context->setProcess(m_processBox->itemData(i).toLongLong());
    });
    connect(m_studyBox, &QComboBox::activated, this, [this](int i) {
        if (m_document)
            m_context->setStudy(m_studyBox->itemData(i).toLongLong());
    });

    createActions();
    statusBar()->showMessage(tr("Ready"));
    resize(1200, 720);
    restoreGeometry(kGeometry.get());
    restoreState(kWindowState.get());
    updateTitle();
}

MainWindow::~MainWindow()
{
    // The views (saving their state) and the context go before the document they look at.
    m_viewActions->setHost(nullptr);
    delete m_views;
    m_views = nullptr;
    m_context = nullptr;
}

ProcessEditor* MainWindow::processEditor() const { return m_views ? m_views->find<ProcessEditor>() : nullptr; }
ObservationsPage* MainWindow::observationsPage() const { return m_views ? m_views->find<ObservationsPage>() : nullptr; }

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
    auto& locked = m_lockedWhileTiming;
    locked << add(file, tr("&New Project..."), QKeySequence(Qt::CTRL | Qt::Key_N), [this] { newProject(); });
    locked << add(file, tr("&Open Project..."), QKeySequence(Qt::CTRL | Qt::Key_O), [this] { openProjectDialog(); });
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    file->addSeparator();
    add(file, tr("Save a Copy &As..."), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S), [this] { saveCopyAs(); });
    locked << add(file, tr("&Import Observations from CSV..."), QKeySequence(Qt::CTRL | Qt::Key_I), [this] { importCsv(); });
    locked << add(file, tr("Import &Data Set..."), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_I), [this] {
        if (DataSetImportDialog::importInto(m_document.get(), this))
            m_views->showView(QStringLiteral("dataSets"));
    });
    add(file, tr("&Export Study as CSV..."), QKeySequence(Qt::CTRL | Qt::Key_E), [this] { exportStudyCsv(); });
    file->addSeparator();
    m_viewActions = new ViewActions(this);   // the View menu, the view's own actions, Print/Export
    m_viewActions->addPrintActions(file);
    (new StudySheetActions(this, [this] { return m_context; }))->addTo(file);   // File > Print Study Sheet
    locked << (new StudyFileActions(this, [this] { return m_context; }))->addTo(file);   // Excel export, element list import
    file->addSeparator();
    locked << add(file, tr("&Close Project"), QKeySequence(Qt::CTRL | Qt::Key_W), [this] { closeProject(); });
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
    locked << add(edit, tr("New &Process..."), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N), [this] { newProcess(); });
    locked << add(edit, tr("Re&name Process..."), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R), [this] { renameProcess(); });
    locked << add(edit, tr("&Delete Process..."), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Backspace),
                  [this] { deleteProcess(); });
    locked << add(edit, tr("Delete &Study..."), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Delete), [this] { deleteStudy(); });
    locked << add(edit, tr("E&xclude/Include Observation..."), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_X), [this] {
        if (auto* page = observationsPage())
            page->toggleExcludeSelected();
    });

    auto* studyMenu = menuBar()->addMenu(tr("&Study"));
    m_startTimingAction = add(studyMenu, tr("Start &Timing"), QKeySequence(Qt::CTRL | Qt::Key_T), [this] { startTiming(); });
    m_startTimingAction->setShortcutContext(Qt::ApplicationShortcut);
    locked << add(studyMenu, tr("Study &Details..."), QKeySequence(Qt::CTRL | Qt::Key_D), [this] { editStudyDetails(); });

    m_viewActions->addMenus(studyMenu->menuAction());

    auto* help = menuBar()->addMenu(tr("&Help"));
    add(help, tr("&Keyboard Shortcuts"), QKeySequence(Qt::Key_F1), [this] { showShortcuts(); });
    add(help, tr("&About Gemba Workbench"), QKeySequence(Qt::SHIFT | Qt::Key_F1), [this] { showAbout(); });

    // Import, New/Rename Process, Exclude/Include, Start Timing, Study Details, Delete Process,
    // Delete Study; found by their
    // shortcuts, which tst_readonlywindow checks. Undo and Redo follow the (empty) undo stack.
    const QList<QKeySequence> edits{QKeySequence(Qt::CTRL | Qt::Key_I),
                                    QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_I),
                                    QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_I),   // Import Element List
                                    QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N),
                                    QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R),
                                    QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_X),
                                    QKeySequence(Qt::CTRL | Qt::Key_T),
                                    QKeySequence(Qt::CTRL | Qt::Key_D),
                                    QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Backspace),
                                    QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Delete)};
    for (QAction* a : menuBar()->findChildren<QAction*>())
        if (edits.contains(a->shortcut()))
            a->setProperty(kEditsProject, true);
}

void MainWindow::updateRecentMenu()
{
    m_recentMenu->clear();
    const QStringList files = kRecentFiles.get();
    int n = 0;
    for (const QString& path : files) {
        ++n;
        QAction* a = m_recentMenu->addAction(QStringLiteral("&%1 %2").arg(n).arg(QDir::toNativeSeparators(path)),
                                             this, [this, path] { openRecent(path); });
        a->setShortcut(QKeySequence(Qt::CTRL | Qt::ALT | static_cast<Qt::Key>(Qt::Key_0 + n)));
    }
    m_recentMenu->setEnabled(!files.isEmpty());
}

void MainWindow::openRecent(const QString& path)
{
    // Opening a missing path would create an empty project there; a moved or deleted file is
    // reported instead, and may leave the list.
    if (!QFileInfo::exists(path)) {
        QMessageBox box(QMessageBox::Warning, tr("Open Recent"),
                        tr("%1 was not found. It may have been moved, renamed or deleted.")
                            .arg(QDir::toNativeSeparators(path)),
                        QMessageBox::NoButton, this);
        QPushButton* remove = box.addButton(tr("&Remove from List"), QMessageBox::DestructiveRole);
        box.addButton(tr("&Keep"), QMessageBox::RejectRole);
        box.exec();
        if (box.clickedButton() == remove) {
            QStringList files = kRecentFiles.get();
            files.removeAll(path);
            kRecentFiles.set(files);
            updateRecentMenu();
        }
        return;
    }
    openProject(path);
}

bool MainWindow::openStartupProject()
{
    // The project the user last had open, if it is still there; the demo only on a first launch.
    const QStringList files = kRecentFiles.get();
    if (!files.isEmpty() && QFileInfo::exists(files.front()) && openProject(files.front()))
        return true;
    return openDefaultProject();
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
    if (m_timingView) {
        // Replacing the document would abandon the study without ending it.
        showError(tr("A study is being timed. End it first (Esc, then E)."));
        return false;
    }
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
            m_views->showView(QStringLiteral("observations"));
    }
    return true;
}

void MainWindow::setDocument(std::unique_ptr<ProjectDocument> document)
{
    if (m_timingView)
        finishTiming();
    if (m_document)
        m_undoGroup->removeStack(m_document->undoStack());
    m_viewActions->setHost(nullptr);
    if (m_views) {
        m_stack->removeWidget(m_views);
        delete m_views;   // saves each view's state
        m_views = nullptr;
    }
    m_context = nullptr;
    m_document = std::move(document);
    if (m_document) {
        m_undoGroup->addStack(m_document->undoStack());
        m_undoGroup->setActiveStack(m_document->undoStack());
        m_context = &m_document->primaryContext();
        m_views = new ViewHost(*m_context, this);   // one tab per registered view
        m_stack->addWidget(m_views);
        m_stack->setCurrentWidget(m_views);
        m_viewActions->setHost(m_views);
        // Queued: a refused undo reports from inside QUndoStack::undo(), which must not run a
        // nested event loop (the message box) half-way.
        connect(m_document.get(), &ProjectDocument::errorOccurred, this, &MainWindow::showError, Qt::QueuedConnection);
        connect(m_document.get(), &ProjectDocument::processesChanged, this, &MainWindow::fillProcessBox);
        connect(m_document.get(), &ProjectDocument::processesChanged, this, &MainWindow::updatePage);
        connect(m_context, &WindowContext::processChanged, this, &MainWindow::fillProcessBox);
        connect(m_context, &WindowContext::studyChanged, this, &MainWindow::fillStudyBox);
        connect(m_document.get(), &ProjectDocument::studiesChanged, this, &MainWindow::fillStudyBox);
        if (!m_context->studies().empty())
            m_views->showView(QStringLiteral("observations"));
    } else {
        m_stack->setCurrentWidget(m_emptyPage);
    }
    fillProcessBox();
    fillStudyBox();
    updateTitle();
    updatePage();
}

void MainWindow::updatePage()
{
    if (!m_document || !m_views)
        return;
    QWidget* current = m_stack->currentWidget();
    if (current != m_views && current != m_noProcessPage)
        return;   // timing: the page is chosen when it ends
    m_stack->setCurrentWidget(m_document->processes().empty() ? m_noProcessPage : m_views);
}

void MainWindow::fillProcessBox()
{
    m_processBox->clear();
    if (!m_document)
        return;
    for (const auto& p : m_document->processes())
        m_processBox->addItem(QString::fromStdString(p.name), QVariant::fromValue<qint64>(p.id));
    m_processBox->setCurrentIndex(m_processBox->findData(QVariant::fromValue<qint64>(m_context->processId())));
}

void MainWindow::fillStudyBox()
{
    m_studyBox->clear();
    if (!m_document)
        return;
    for (const auto& s : m_context->studies()) {
        const QString label = studyLabel(s);
        m_studyBox->addItem(label, QVariant::fromValue<qint64>(s.id));
        m_studyBox->setItemData(m_studyBox->count() - 1, label, Qt::ToolTipRole);
    }
    m_studyBox->setCurrentIndex(m_studyBox->findData(QVariant::fromValue<qint64>(m_context->studyId())));
    m_studyBox->setToolTip(m_studyBox->currentText());
}

void MainWindow::updateTitle()
{
    // A read-only project (Project::open: marked read-only, read-only media, damaged after a
    // crash) says so in the status bar, with the reason as tooltip, and its edits are off.
    const bool readOnly = m_document && m_document->readOnly();
    for (QAction* a : menuBar()->findChildren<QAction*>())
        if (a->property(kEditsProject).toBool())
            a->setEnabled(!readOnly);
    auto* readOnlyLabel = statusBar()->findChild<QLabel*>(QStringLiteral("readOnlyLabel"));
    if (!readOnlyLabel) {
        readOnlyLabel = new QLabel(tr("Read-only"), statusBar());
        readOnlyLabel->setObjectName(QStringLiteral("readOnlyLabel"));
        statusBar()->addPermanentWidget(readOnlyLabel);
    }
    readOnlyLabel->setVisible(readOnly);
    readOnlyLabel->setToolTip(readOnly ? m_document->warning() : QString());

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
    bool cancelled = false;
    const QString error = saveCopyTo(path, &cancelled);
    if (cancelled)
        statusBar()->showMessage(tr("Cancelled: no copy was saved."), 5000);
    else if (!error.isEmpty())
        showError(tr("Could not save a copy:\n%1").arg(error));
    else
        statusBar()->showMessage(tr("Saved a copy to %1").arg(QDir::toNativeSeparators(path)), 5000);
}

QString MainWindow::saveCopyTo(const QString& path, bool* cancelled)
{
    if (cancelled)
        *cancelled = false;
    if (!m_document)
        return tr("No project is open.");
    if (QFileInfo(path).absoluteFilePath() == QFileInfo(m_document->path()).absoluteFilePath())
        return tr("%1 is the open project itself; choose another name.").arg(QDir::toNativeSeparators(path));
    // The file dialog has already asked whether to replace an existing file. The copy goes to a
    // new name beside it and is renamed over the old file only once complete, so a failed or
    // cancelled copy leaves the old file as it was.
    const QFileInfo target(path);
    QString temp;
    for (int i = 0; temp.isEmpty() || QFileInfo::exists(temp); ++i)
        temp = target.dir().filePath(QStringLiteral(".%1.%2.part").arg(target.fileName()).arg(i));
    // VACUUM INTO reads every page: on a read-only connection of its own, on a worker thread,
    // which can write the copy and cannot touch the project.
    std::optional<Expected<bool>> ok;
    const bool stopped = BackgroundTask::run(
        this, tr("Saving a copy to %1…").arg(QDir::toNativeSeparators(path)),
        [&, &project = m_document->project(), to = temp.toStdString()](BackgroundTask::Progress& progress) {
            auto reader = store::Project::openSibling(project, store::OpenMode::ReadOnly);
            if (!reader) {
                ok = reader.error();
                return;
            }
            // Cancel: SQLite asks every 10,000 steps of its program whether to go on.
            sqlite3_progress_handler(
                (*reader)->handle(), 10000,
                [](void* p) { return static_cast<BackgroundTask::Progress*>(p)->cancelled ? 1 : 0; }, &progress);
            ok = (*reader)->saveCopy(to);
        });
    if (!*ok) {
        QFile::remove(temp);
        if (cancelled)
            *cancelled = stopped;
        return stopped ? tr("Cancelled.") : QString::fromStdString(ok->error().message);
    }
    if (std::rename(QFile::encodeName(temp).constData(), QFile::encodeName(path).constData()) != 0) {
        const QString why = QString::fromLocal8Bit(std::strerror(errno));
        QFile::remove(temp);
        return tr("%1: %2").arg(QDir::toNativeSeparators(path), why);
    }
    return {};
}

QString MainWindow::suggestedExportName() const
{
    // "<process> <study date and time>.csv", with characters file systems dislike replaced.
    if (!m_document || !m_context->study())
        return {};
    const study::Study& s = *m_context->study();
    QString when = QString::fromStdString(s.date);
    if (s.startedWallUs > 0)
        when = QDateTime::fromMSecsSinceEpoch(s.startedWallUs / 1000).toString(QStringLiteral("yyyy-MM-dd HHmm"));
    const QString process = m_context->process() ? QString::fromStdString(m_context->process()->name)
                                                         : tr("study");
    QString name = QStringLiteral("%1 %2").arg(process, when).simplified();
    static const QRegularExpression bad(QStringLiteral("[\\\\/:*?\"<>|]"));
    name.replace(bad, QStringLiteral("-"));
    return name + QStringLiteral(".csv");
}

void MainWindow::exportStudyCsv()
{
    if (!m_document || !m_context->studyId()) {
        showError(tr("There is no study to export: time one first (Ctrl+T)."));
        return;
    }
    QString path = QFileDialog::getSaveFileName(this, tr("Export Study as CSV"),
                                                QDir(QDir::homePath()).filePath(suggestedExportName()),
                                                tr("CSV files (*.csv)"));
    if (path.isEmpty())
        return;
    if (!path.endsWith(QStringLiteral(".csv"), Qt::CaseInsensitive))
        path += QStringLiteral(".csv");
    exportStudyCsvTo(path);
}

bool MainWindow::exportStudyCsvTo(const QString& path)
{
    if (!m_document || !m_context->studyId())
        return false;
    std::optional<Expected<std::int64_t>> ok;
    const bool cancelled = BackgroundTask::run(
        this, tr("Exporting to %1…").arg(QDir::toNativeSeparators(path)),
        [&, &project = m_document->project(), studyId = m_context->studyId(),
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
    if (m_timingView)
        return;
    if (!m_document || m_document->readOnly() || !m_context->processId()) {
        showError(tr("Open a writable project and choose the process to import into."));
        return;
    }
    const QString path = QFileDialog::getOpenFileName(this, tr("Import Observations"), QDir::homePath(),
                                                      tr("CSV files (*.csv *.txt);;All files (*)"));
    if (path.isEmpty())
        return;
    study::Study s = newStudy();
    s.notes = tr("Imported from %1").arg(QFileInfo(path).fileName()).toStdString();
    ImportDialog dialog(path, s, this);
    for (;;) {
        if (dialog.exec() != QDialog::Accepted)
            return;
        const ImportOutcome outcome = importCsvFile(path, dialog.options(), dialog.study());
        if (outcome.ok || outcome.cancelled)
            return;
        QString hint;
        if (outcome.field == QLatin1String("decimal"))
            hint = tr("\n\nChoose the decimal mark in the import dialog and import again.");
        else if (outcome.field == QLatin1String("delimiter"))
            hint = tr("\n\nChoose the delimiter in the import dialog and import again.");
        showError(tr("Nothing was imported:\n%1").arg(outcome.error) + hint);
        if (hint.isEmpty())
            return;
        dialog.focusSetting(outcome.field);   // the dialog comes back as it was, one choice from done
    }
}

MainWindow::ImportOutcome MainWindow::importCsvFile(const QString& path,
                                                    const store::ObservationCsvImportOptions& options,
                                                    std::optional<study::Study> study)
{
    ImportOutcome outcome;
    if (!m_document || m_document->readOnly() || !m_context->processId()) {
        outcome.error = tr("Open a writable project and choose the process to import into.");
        return outcome;
    }
    study::Study s = study ? *study : newStudy();
    if (!study)
        s.notes = tr("Imported from %1").arg(QFileInfo(path).fileName()).toStdString();
    // On a connection of its own on a worker thread, in one transaction as ever: all or nothing.
    std::optional<Expected<store::ObservationCsvImportResult>> imported;
    outcome.cancelled = BackgroundTask::run(
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
        if (outcome.cancelled)
            statusBar()->showMessage(tr("Cancelled: nothing was imported."), 5000);
        outcome.error = QString::fromStdString(result.error().message);
        outcome.field = QString::fromStdString(result.error().field);
        return outcome;
    }
    outcome.cancelled = false;
    outcome.ok = true;
    m_document->reloadSteps(m_context->processId());   // new steps may have come in
    m_document->reloadStudies(m_context->processId());
    m_context->setStudy(result->studyId);
    fillStudyBox();
    m_views->showView(QStringLiteral("observations"));
    statusBar()->showMessage(tr("Imported %1 observations in %2 cycles").arg(result->observations).arg(result->cycles), 5000);
    return outcome;
}

study::Study MainWindow::newStudy() const
{
    // One rule for every study, timed or imported (study/newstudy.h); the observer is whoever
    // uses the program, never the previous study's.
    return study::newStudy(m_context->processId(), m_context->studies(),
                           qEnvironmentVariable("USER", tr("observer")).toStdString(),
                           QDate::currentDate().toString(Qt::ISODate).toStdString());
}

void MainWindow::closeProject()
{
    if (m_timingView) {
        showError(tr("A study is being timed. End it first (Esc, then E)."));
        return;
    }
    setDocument(nullptr);
}

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
    // The process and its first step are one undo step; the step's name is open for typing.
    study::Step first;
    first.name = tr("Step 1").toStdString();
    // The stack deletes a command that failed (became obsolete), so look at the document.
    const study::Id before = m_context->processId();
    m_document->undoStack()->push(new AddProcessCommand(m_document.get(), p, first));
    if (m_context->processId() != before) {
        fillProcessBox();
        m_views->showView(QStringLiteral("process"));
        processEditor()->editStepName(0);
    }
}

void MainWindow::deleteProcess()
{
    if (!m_document || !m_context->process() || m_document->readOnly())
        return;
    const study::Process p = *m_context->process();
    qint64 observations = 0;
    for (const auto& s : m_context->studies())
        if (auto n = m_document->project().observationCount(s.id))
            observations += *n;
    const auto studies = static_cast<int>(m_context->studies().size());
    const QString question =
        studies == 0 ? tr("Delete process '%1' and its %2?")
                           .arg(QString::fromStdString(p.name), countText(static_cast<qint64>(m_context->steps().size()),
                                                                          tr("step"), tr("steps")))
                     : tr("Delete process '%1' with its %2 and %3?")
                           .arg(QString::fromStdString(p.name), countText(studies, tr("study"), tr("studies")),
                                countText(observations, tr("observation"), tr("observations")));
    if (QMessageBox::question(this, tr("Delete Process"), question + tr("\nEdit > Undo brings it back."),
                              QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel) != QMessageBox::Yes)
        return;
    m_document->undoStack()->push(new RemoveProcessCommand(m_document.get(), p.id, QString::fromStdString(p.name)));
}

void MainWindow::deleteStudy()
{
    if (!m_document || !m_context->study() || m_document->readOnly())
        return;
    const study::Study s = *m_context->study();
    const auto n = m_document->project().observationCount(s.id);
    const QString label = studyLabel(s);
    const QString question = tr("Delete study '%1' and its %2?")
                                 .arg(label, countText(n ? *n : 0, tr("observation"), tr("observations")));
    if (QMessageBox::question(this, tr("Delete Study"), question + tr("\nEdit > Undo brings it back."),
                              QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel) != QMessageBox::Yes)
        return;
    m_document->undoStack()->push(new RemoveStudyCommand(m_document.get(), s.processId, s.id, label));
}

QString MainWindow::countText(qint64 n, const QString& one, const QString& many)
{
    return QStringLiteral("%1 %2").arg(QLocale().toString(n), n == 1 ? one : many);
}

QString MainWindow::studyLabel(const study::Study& s)
{
    // Date and time of the first lap (several studies a day are common), then the observer.
    QString when = QString::fromStdString(s.date);
    if (s.startedWallUs > 0)
        when = QDateTime::fromMSecsSinceEpoch(s.startedWallUs / 1000).toString(QStringLiteral("yyyy-MM-dd HH:mm"));
    QString label = tr("%1 - %2").arg(when, QString::fromStdString(s.observer));
    if (!s.location.empty())
        label += tr(" (%1)").arg(QString::fromStdString(s.location));
    return label;
}

void MainWindow::renameProcess()
{
    if (!m_document || !m_context->process() || m_document->readOnly())
        return;
    const study::Process before = *m_context->process();
    bool ok = false;
    const QString name = QInputDialog::getText(this, tr("Rename Process"), tr("New name of the process:"),
                                               QLineEdit::Normal, QString::fromStdString(before.name), &ok)
                             .trimmed();
    if (ok && !name.isEmpty() && name.toStdString() != before.name)
        m_document->undoStack()->push(new RenameProcessCommand(m_document.get(), before, name.toStdString()));
}

void MainWindow::editStudyDetails()
{
    if (!m_document || m_timingView || !m_context->study() || m_document->readOnly())
        return;
    const study::Study before = *m_context->study();
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
    if (m_context->steps().empty()) {
        showError(tr("The process has no steps yet. Add them first (Ctrl+Return in the step list)."));
        return;
    }
    study::Study s = newStudy();   // the start time is set by the first lap
    const study::Id id = m_document->insertStudy(s);
    if (!id)
        return;
    m_context->setStudy(id);
    s.id = id;
    s.processId = m_context->processId();
    m_timingView = new TimingView(m_document.get(), s, this);
    connect(m_timingView, &TimingView::finished, this, &MainWindow::finishTiming);
    m_stack->addWidget(m_timingView);
    m_stack->setCurrentWidget(m_timingView);
    m_timingView->setFocus();
    m_startTimingAction->setEnabled(false);
    lockWhileTiming(true);
    statusBar()->showMessage(tr("Timing: Space or Enter = lap, P pause, S skip, F foreign element, "
                                "O occasional element, A abnormal, "
                                "N note, Backspace undo lap, digits = rating, Esc then E = end study"));
}

void MainWindow::finishTiming()
{
    if (!m_timingView)
        return;
    m_stack->removeWidget(m_timingView);
    m_timingView->deleteLater();
    m_timingView = nullptr;
    lockWhileTiming(false);
    m_startTimingAction->setEnabled(!m_document || !m_document->readOnly());
    if (m_views) {
        m_stack->setCurrentWidget(m_views);
        m_views->showView(QStringLiteral("observations"));
        updatePage();
    }
    bool discarded = false;
    if (m_document) {
        const study::Id timed = m_context->studyId();
        m_document->reloadStudies(m_context->processId());   // the context leaves a study that is gone
        if (!m_document->study(timed)) {
            // The study recorded nothing and was discarded (CaptureWorker): show the last one.
            discarded = true;
            const auto& studies = m_context->studies();
            m_context->setStudy(studies.empty() ? 0 : studies.back().id);
            fillStudyBox();
        }
        m_document->notifyObservationsChanged(m_context->studyId());
    }
    statusBar()->showMessage(discarded ? tr("Nothing was timed; the empty study was discarded") : tr("Study saved"),
                             5000);
}

void MainWindow::lockWhileTiming(bool timing)
{
    // Undo would reach past the laps into earlier edits of other studies (the laps have their
    // own undo, Backspace); study details would overwrite the start time the capture thread
    // wrote; open/close would abandon the study unended; import would hold the write lock until
    // laps time out; the Process and Study boxes would name another study than the one timed.
    for (QAction* a : std::as_const(m_lockedWhileTiming))
        a->setEnabled(!timing);
    m_recentMenu->setEnabled(!timing && !kRecentFiles.get().isEmpty());
    m_processBox->setEnabled(!timing);
    m_studyBox->setEnabled(!timing);
    if (timing)
        m_undoGroup->setActiveStack(nullptr);
    else if (m_document)
        m_undoGroup->setActiveStack(m_document->undoStack());
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    if (m_timingView)
        m_timingView->endStudy();
    kGeometry.set(saveGeometry());
    kWindowState.set(saveState());
    event->accept();
}

QList<QPair<QString, QString>> MainWindow::shortcutList() const
{
    // Built from the actions themselves, so the list cannot drift from what the keys do: the
    // menus, then the actions of the pages (steps, observations) that work where they have focus.
    QList<QPair<QString, QString>> rows;
    auto addAction = [&rows](const QString& where, const QAction* a) {
        if (a->isSeparator() || a->menu() || a->shortcuts().isEmpty())
            return;
        QStringList keys;
        for (const QKeySequence& k : a->shortcuts())
            keys << k.toString(QKeySequence::NativeText);
        QString text = a->text();
        text.remove(QLatin1Char('&'));
        text.remove(QStringLiteral("..."));
        rows.append({where.isEmpty() ? text : tr("%1: %2").arg(where, text), keys.join(tr(" or "))});
    };
    for (const QAction* menuAction : menuBar()->actions()) {
        if (!menuAction->menu())
            continue;
        QString menuName = menuAction->text();
        menuName.remove(QLatin1Char('&'));
        if (menuAction->menu() == m_viewActions->currentViewMenu())
            continue;   // every view's actions follow below, not only the current one's
        for (const QAction* a : menuAction->menu()->actions())
            if (a->menu() != m_recentMenu)
                addAction(menuName, a);
    }
    if (m_views)
        for (View* v : m_views->views())
            for (const QAction* a : v->viewActions())
                addAction(v->viewTitle(), a);
    rows.append({tr("Process steps: Rename step"), QKeySequence(Qt::Key_F2).toString(QKeySequence::NativeText)});
    rows.append({tr("Timing: lap / pause / skip / foreign / occasional / abnormal / note / undo lap / end"),
                 tr("Space or Enter / P / S / F / O / A / N / Backspace / Esc")});
    return rows;
}

void MainWindow::showShortcuts()
{
    ShortcutsDialog dialog(shortcutList(), this);
    dialog.exec();
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
