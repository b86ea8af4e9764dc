// The main window: project file handling, the process editor, the observations and the
// stopwatch, with every action on the keyboard.
#pragma once

#include <QMainWindow>

#include <memory>

class QAction;
class QComboBox;
class QMenu;
class QStackedWidget;
class QTabWidget;
class QUndoGroup;

namespace gemba::store {
struct ObservationCsvImportOptions;
}

namespace gemba::ui {

class ProjectDocument;
class ProcessEditor;
class ObservationsPage;
class TimingView;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    // Opens a project file (creating it if missing); shows a dialog and returns false on failure.
    bool openProject(const QString& path);
    // The project a first launch opens: the default project in the user's data folder,
    // created with a demo process when it does not exist yet.
    bool openDefaultProject();
    static QString defaultProjectPath();

    ProjectDocument* document() const { return m_document.get(); }
    ProcessEditor* processEditor() const { return m_processEditor; }
    ObservationsPage* observationsPage() const { return m_observationsPage; }
    TimingView* timingView() const { return m_timingView; }

    // The File menu's long operations once the file is chosen: each runs on a worker thread
    // with a connection of its own, behind a progress dialog with Cancel, and returns whether it
    // succeeded. An error is shown in a message box; a cancellation only in the status bar.
    bool saveCopyTo(const QString& path);
    bool exportStudyCsvTo(const QString& path);   // the current study
    bool importCsvFile(const QString& path, const store::ObservationCsvImportOptions& options);   // all or nothing

    void startTiming();    // Ctrl+T: a new study of the current process, in the timing view
    void finishTiming();   // back from the timing view

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void createActions();
    void createMenus();
    void setDocument(std::unique_ptr<ProjectDocument> document);
    void updateTitle();
    void updateRecentMenu();
    void rememberRecent(const QString& path);
    void fillProcessBox();
    void fillStudyBox();
    void showError(const QString& message);

    void newProject();
    void openProjectDialog();
    void saveCopyAs();
    void exportStudyCsv();
    void importCsv();
    void closeProject();
    void newProcess();
    void editStudyDetails();
    void renameProcess();
    void showAbout();

    std::unique_ptr<ProjectDocument> m_document;
    QStackedWidget* m_stack = nullptr;
    QTabWidget* m_tabs = nullptr;
    QWidget* m_emptyPage = nullptr;
    ProcessEditor* m_processEditor = nullptr;
    ObservationsPage* m_observationsPage = nullptr;
    TimingView* m_timingView = nullptr;
    QComboBox* m_processBox = nullptr;
    QComboBox* m_studyBox = nullptr;
    QMenu* m_recentMenu = nullptr;
    QAction* m_undoAction = nullptr;
    QAction* m_redoAction = nullptr;
    QAction* m_startTimingAction = nullptr;
    QUndoGroup* m_undoGroup = nullptr;
};

} // namespace gemba::ui
