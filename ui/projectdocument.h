// The open project: the store, its processes, steps and studies as last read, and the undo
// stack every edit goes through. It is the only write path (edits, imports, the stopwatch's
// acknowledgements, undo) and announces every change with a signal naming what changed.
// What a window looks at (its current process and study) is not here but in its
// WindowContext (windowcontext.h), so two windows, a chart pinned to one study or a report
// spanning several can look at different parts of one project.
#pragma once

#include "store/project.h"
#include "study/model.h"

#include <QObject>
#include <QList>
#include <QString>
#include <QUndoStack>

#include <map>
#include <memory>
#include <optional>
#include <unordered_map>
#include <vector>

class QWidget;

namespace gemba::ui {

class DataService;
class WindowContext;

class ProjectDocument : public QObject {
    Q_OBJECT
public:
    // Opens or creates the project file; on failure returns null and sets `error`.
    static std::unique_ptr<ProjectDocument> open(const QString& path, QString* error);
    ~ProjectDocument() override;

    store::Project& project() { return *m_project; }
    QUndoStack* undoStack() { return &m_undo; }
    QString path() const;
    bool readOnly() const;
    QString warning() const;
    // Counts every change the document announces (any of the signals below but errorOccurred).
    quint64 revision() const { return m_revision; }
    // Changes with every change to that study (its observations, its details, the steps of its
    // process) and with nothing else, so (study, studyRevision) names one state of the study's
    // data: the key of DataService's cache, and a view of study B ignores an edit of study A.
    // Drawn from the same counter as revision(), so it never repeats.
    quint64 studyRevision(study::Id studyId) const;
    // The worker thread for reads proportional to the project's size (summaries, charts).
    DataService* dataService() const { return m_dataService.get(); }

    const std::vector<study::Process>& processes() const { return m_processes; }
    const study::Process* process(study::Id id) const;   // null if unknown
    // Of one process, in order; read at the first use and kept up to date by every edit.
    const std::vector<study::Step>& steps(study::Id processId) const;
    const std::vector<study::Study>& studies(study::Id processId) const;
    const study::Study* study(study::Id studyId) const;   // any process's; null if unknown
    int stepIndex(study::Id stepId) const;                 // within its process; -1 if unknown
    QString stepName(study::Id stepId) const;

    // The context of the window that has no other (the first window, tests, a page made with a
    // document alone). New views take their own window's context instead.
    WindowContext& primaryContext();
    // Forwarders to primaryContext(), for the callers of the single-window document of
    // before (tests); ui code reads its own WindowContext. setCurrentProcess also reads the
    // process's steps and studies again, as it always did.
    study::Id currentProcessId() const;
    const study::Process* currentProcess() const;
    void setCurrentProcess(study::Id id);
    const std::vector<study::Step>& steps() const;     // of the current process
    const std::vector<study::Study>& studies() const;  // of the current process
    study::Id currentStudyId() const;
    const study::Study* currentStudy() const;
    void setCurrentStudy(study::Id id);

    // Mutations for undo commands and the stopwatch. They report failures through
    // errorOccurred() and return false / 0, leaving the document as it was. Every one names
    // the rows it acts on by id (commands capture them when they are made), never "whatever
    // is current", so undo after switching process still hits the right rows.
    study::Id insertProcess(study::Process process);   // keeps process.id when set (redo)
    bool updateProcess(const study::Process& process);
    bool removeProcess(study::Id id);
    study::Id restoreProcess(const store::ProcessSnapshot& snapshot);   // the id it has now
    study::Id insertStep(study::Step step);   // into step.processId (the primary context's when 0)
    bool updateStep(const study::Step& step);
    bool removeStep(study::Id id);
    bool reorderSteps(study::Id processId, const std::vector<study::Id>& order);
    study::Id insertStudy(study::Study s);    // into s.processId (the primary context's when 0)
    bool updateStudy(const study::Study& s);
    bool removeStudy(study::Id id);
    study::Id restoreStudy(const store::StudySnapshot& snapshot);   // the id it has now
    bool updateObservation(const study::Observation& obs);
    bool removeObservations(const std::vector<study::Id>& ids);
    std::vector<study::Id> restoreObservations(const std::vector<study::Observation>& observations);   // ids as stored
    bool moveObservations(const std::vector<study::Id>& ids, study::Id stepId);

    // Data sets (store/dataset.h). importDataSet reads and stores the file on a worker thread
    // with a connection of its own (BackgroundTask: a progress dialog over `progressParent`
    // when it takes long), all or nothing, and pushes one undo step (ImportDataSetCommand:
    // undo removes the data set, redo writes its snapshot back bit for bit). A failure changes
    // nothing and is returned, not announced through errorOccurred(), so the import dialog can
    // show it and come back as it was. Cancel: the import runs to its end (core has no
    // progress for it), then what it stored is removed again.
    struct DataSetImport {
        study::Id id = 0;     // the new data set; 0 when nothing was imported
        bool cancelled = false;
        QString error;        // names the file, the line and the column (io::readAllColumns)
        QString field;        // Error::field: "delimiter" or "decimal" when that choice settles it
    };
    DataSetImport importDataSet(const QString& csvPath, const QString& name, const io::CsvOptions& options,
                                QWidget* progressParent = nullptr);
    // `wanted` if no data set has that name, else "wanted (2)", "wanted (3)", ... (as
    // Project::restore names a data set whose name was taken).
    QString uniqueDataSetName(const QString& wanted) const;
    // For the undo commands (commands/*dataset*command.h), like the mutations above.
    bool removeDataSet(study::Id id);                                  // with its charts
    study::Id restoreDataSet(const store::DataSetSnapshot& snapshot);   // the id it has now
    bool renameDataSet(study::Id id, const QString& name);
    // Saved charts added and removed as one undo step each (AddChartCommand). addChart keeps
    // spec.id when set (redo); returns the id, 0 on failure.
    study::Id addChart(const store::ChartSpec& spec);
    bool removeChart(study::Id chartId);

    // Asks the windows to show the process (and study) an undo step touched, so its effect is
    // in view (revealRequested; contexts that follow reveals go there).
    void showProcess(study::Id processId);
    void showStudy(study::Id processId, study::Id studyId);
    // A message for the user (an undo that was refused); shown like an error.
    void warn(const QString& message) { emit errorOccurred(message); }

    // Reload after a write through another connection (the stopwatch, an import).
    void notifyObservationsChanged();   // of the primary context's study
    void notifyObservationsChanged(study::Id studyId);
    void reloadStudies();               // of the primary context's process
    void reloadStudies(study::Id processId);
    void reloadSteps(study::Id processId);
    void reloadProcesses();

signals:
    void processesChanged();
    void stepsChanged(gemba::study::Id processId);
    void studiesChanged(gemba::study::Id processId);
    // Reload the whole study (the stopwatch wrote, a reload).
    void observationsChanged(gemba::study::Id studyId);
    void observationChanged(gemba::study::Id studyId, gemba::study::Id observationId);
    // Finer than observationsChanged, so views keep their current row: observations removed,
    // restored, or with a new step.
    void observationsRemoved(gemba::study::Id studyId, const QList<qint64>& ids);
    void observationsRestored(gemba::study::Id studyId, const QList<qint64>& ids);
    void observationsUpdated(gemba::study::Id studyId, const QList<qint64>& ids);
    void studyDetailsChanged(gemba::study::Id studyId);   // its details (rating, allowances)
    // Show this process (and study, when not 0): see showProcess().
    void revealRequested(gemba::study::Id processId, gemba::study::Id studyId);
    // The primary context's process or study changed (for the callers of before).
    void currentProcessChanged();
    void currentStudyChanged();
    void errorOccurred(const QString& message);
    // A data set was imported, restored, renamed or removed (the id it has now).
    void dataSetsChanged(qint64 id);
    // A saved chart was added (Chart Column of the data sets view, a redo) or removed (an
    // undo, or with its data set), so the control chart view can show or drop it.
    void chartAdded(qint64 chartId);
    void chartRemoved(qint64 chartId);

private:
    explicit ProjectDocument(std::unique_ptr<store::Project> project);
    template <typename T>
    bool check(const Expected<T>& result) const;
    study::Id processOfStep(study::Id stepId) const;
    study::Id processOfStudy(study::Id studyId) const;
    void bumpStudy(study::Id studyId);
    void bumpStudiesOf(study::Id processId);

    std::unique_ptr<store::Project> m_project;
    std::unique_ptr<DataService> m_dataService;   // after m_project: stopped before it closes
    quint64 m_revision = 0;
    std::unordered_map<study::Id, quint64> m_studyRevisions;
    QUndoStack m_undo;
    std::vector<study::Process> m_processes;
    mutable std::map<study::Id, std::vector<study::Step>> m_steps;     // by process, read on demand
    mutable std::map<study::Id, std::vector<study::Study>> m_studies;  // by process, read on demand
    WindowContext* m_primary = nullptr;   // a child: goes with the document
};

} // namespace gemba::ui
