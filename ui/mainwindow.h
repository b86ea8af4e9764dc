// The main window: project file handling, the process editor, the observations and the
// stopwatch, with every action on the keyboard.
#pragma once

#include <QList>
#include <QMainWindow>
#include <QPair>
#include <QString>

#include "study/model.h"

#include <memory>
#include <optional>

class QAction;
class QComboBox;
class QMenu;
class QStackedWidget;
class QUndoGroup;

namespace gemba::store {
struct ObservationCsvImportOptions;
}

namespace gemba::ui {

class ProjectDocument;
class ProcessEditor;
class ObservationsPage;
class TimingView;
class ViewActions;
class ViewHost;
class WindowContext;

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
    // What a start without arguments opens: the last project, if it still exists, else the
    // default (demo) project.
    bool openStartupProject();
    // Open Recent: a file that is gone is reported (with an offer to drop it from the list),
    // never created anew.
    void openRecent(const QString& path);
    // Writes a copy of the project to `path`, replacing an existing file (the caller has
    // asked), on a worker thread behind a progress dialog with Cancel; returns an error
    // message, empty on success (`cancelled` says whether the user stopped it).
    QString saveCopyTo(const QString& path, bool* cancelled = nullptr);
    QString suggestedExportName() const;   // "<process> <study start>.csv"
    // Every action with its keys, built from the actions (the F1 reference).
    QList<QPair<QString, QString>> shortcutList() const;
    static QString defaultProjectPath();

    ProjectDocument* document() const { return m_document.get(); }
    // What this window looks at (its current process and study); null when no project is open.
    WindowContext* context() const { return m_context; }
    // The tabs, made from the view registry; null when no project is open.
    ViewHost* viewHost() const { return m_views; }
    ViewActions* viewActions() const { return m_viewActions; }
    ProcessEditor* processEditor() const;
    ObservationsPage* observationsPage() const;
    TimingView* timingView() const { return m_timingView; }

    // How a study is named in lists: date and time of its start, observer, place.
    static QString studyLabel(const study::Study& s);
    // "1 observation", "120 observations" (English plurals without a translation file).
    static QString countText(qint64 n, const QString& one, const QString& many);
    // Export and import once the file is chosen: each runs on a worker thread with a connection
    // of its own, behind a progress dialog with Cancel. Export shows its error in a message box
    // and returns whether it succeeded; import (all or nothing) returns what happened, for the
    // caller to show, into `study` (default: a new study by study::newStudy).
    bool exportStudyCsvTo(const QString& path);   // the current study
    struct ImportOutcome {
        bool ok = false;
        bool cancelled = false;
        QString error;   // why nothing was imported
        QString field;   // Error::field: "decimal" or "delimiter" when that choice settles it
    };
    ImportOutcome importCsvFile(const QString& path, const store::ObservationCsvImportOptions& options,
                                std::optional<study::Study> study = std::nullopt);

    void startTiming();    // Ctrl+T: a new study of the current process, in the timing view
    void finishTiming();   // back from the timing view

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void createActions();
    void createMenus();
    void setDocument(std::unique_ptr<ProjectDocument> document);
    void updateTitle();
    void updatePage();   // the tabs, or the "no process yet" page
    void updateRecentMenu();
    void rememberRecent(const QString& path);
    void fillProcessBox();
    void fillStudyBox();
    void showError(const QString& message);
    study::Study newStudy() const;   // the details a new study of the current process starts with
    // While a study is being timed the document belongs to the capture: what would edit it,
    // replace it or change what is being timed is disabled (see startTiming).
    void lockWhileTiming(bool timing);

    void newProject();
    void openProjectDialog();
    void saveCopyAs();
    void exportStudyCsv();
    void importCsv();
    void closeProject();
    void newProcess();
    void editStudyDetails();
    void renameProcess();
    void deleteProcess();
    void deleteStudy();
    void showAbout();
    void showShortcuts();

    std::unique_ptr<ProjectDocument> m_document;
    WindowContext* m_context = nullptr;   // the document's primary context: what this window shows
    QStackedWidget* m_stack = nullptr;
    ViewHost* m_views = nullptr;
    ViewActions* m_viewActions = nullptr;
    QWidget* m_emptyPage = nullptr;
    QWidget* m_noProcessPage = nullptr;
    TimingView* m_timingView = nullptr;
    QComboBox* m_processBox = nullptr;
    QComboBox* m_studyBox = nullptr;
    QMenu* m_recentMenu = nullptr;
    QAction* m_undoAction = nullptr;
    QAction* m_redoAction = nullptr;
    QAction* m_startTimingAction = nullptr;
    QUndoGroup* m_undoGroup = nullptr;
    QList<QAction*> m_lockedWhileTiming;
};

} // namespace gemba::ui
