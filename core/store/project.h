// One project = one SQLite file (.gemba): processes, steps, studies, cycles, observations.
#pragma once

#include "error.h"
#include "io/csvreader.h"
#include "store/chartspec.h"
#include "store/dataset.h"
#include "store/snapshot.h"
#include "study/lapsink.h"
#include "study/model.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

struct sqlite3;

namespace gemba::store {

class Database;
using study::Id;

inline constexpr int kApplicationId = 0x47454D42;   // "GEMB"
inline constexpr int kSchemaVersion = 4;            // user_version this build writes

enum class OpenMode {
    ReadWrite,   // create the file if it does not exist
    ReadOnly,
};

// A project file. All writes go through prepared statements in transactions; observation
// writes commit with synchronous=FULL before they return. One thread at a time (the
// connection is opened without SQLite's mutex); open a second Project for another thread.
class Project final : public study::LapSink {
public:
    // Opens (or, in ReadWrite mode, creates) a project. The open rules, in order; nothing is
    // written to the file before all of 1-3 have passed, so a refused file, and the -journal
    // beside it, are left byte for byte as found:
    //  1. The 100-byte header, read with read(2): not SQLite, another application_id, or a
    //     newer user_version is refused. Without a -wal or -journal the header is the whole
    //     truth; a header that promises more pages than the file has is a damaged file. With a
    //     non-empty "<path>-journal" (a rollback journal, perhaps hot: another program's
    //     transaction that never finished) only our application_id goes on; SQLite would roll
    //     a hot journal back on the first read, so another program's file is never opened.
    //  2. A read-only connection decides the rest: immutable (no locks, no -wal/-shm created)
    //     when there is neither a -wal nor a -journal, else a plain read-only one. It checks
    //     the identity again (page 1 may be newer in the -wal), that sqlite_schema is exactly
    //     the schema the file's user_version promises (store/migrations.h checkSchema: an extra
    //     trigger, view, table or index, a changed column or a missing index is refused,
    //     whatever trusted_schema says, because a trigger would act on the user's own later
    //     edits), and that each table's root page reads. A hot journal of our own file makes
    //     this connection fail (SQLITE_READONLY_ROLLBACK); then SQLite's rollback on the
    //     working connection comes first and the same checks follow it.
    //  3. Unclean exit = a "<path>-wal" that no connection holds. SQLite deletes the -wal when
    //     the last connection closes cleanly, so one that nobody holds survives exactly a crash,
    //     a kill or a power cut; one that is held is another window, thread or instance at work
    //     (walInUse: the POSIX lock every connection keeps on the -shm, read from /proc/locks;
    //     where that cannot be read, every -wal counts as a crash, the safe side). Only then is
    //     quick_check run (it reads the whole file: about 0.3 s per million observations), on
    //     the read-only connection, before WAL recovery could write anything into the file. A
    //     file that fails it is opened read-only with warning() set; it is never modified.
    //  4. A file the user may not change opens read-only with warning() "'<path>' is read-only:
    //     <why>": no write permission bits (honoured even for root, who could write it anyway:
    //     the file was marked read-only on purpose), access(W_OK) refused (permissions,
    //     read-only media), or a folder where the -wal and -shm cannot be created. When nobody
    //     may write it (no write bits, read-only media, no -wal) it keeps the immutable
    //     connection, so it leaves no -wal or -shm behind; a file that others may write (write
    //     bits, but not for this user) is read with locks like any reader of a shared file.
    //  5. Only then the working connection: read-write (WAL mode and migrations applied) or,
    //     for OpenMode::ReadOnly on a writable file, query-only (removes its -wal/-shm on close).
    // An empty (0-byte) file becomes a new project. Error codes: ParseError = not a Gemba
    // project (not SQLite, another application_id, a schema changed outside the program);
    // OutOfRange = newer file format; IoError = cannot be opened or read, or damaged ("'<path>':
    // the file is damaged: <plain reason>. Restore it from a backup. It has not been changed.").
    static Expected<std::unique_ptr<Project>> open(const std::string& path, OpenMode mode = OpenMode::ReadWrite);
    // Another connection to a project this process has open, for another thread (a reader
    // behind the window, an import). `open` has already judged the file and brought it up to
    // date, so this neither runs quick_check nor migrates: the "<path>-wal" beside the file is
    // `open`'s own, live, not the trace of a crash, and the check would read the whole file for
    // nothing (0.4 s at a million observations). ReadOnly: an SQLITE_OPEN_READONLY connection,
    // which cannot write the file at all (not even a checkpoint) yet can VACUUM INTO a copy; it
    // must be closed before `open` is, since a read-only connection that closes last leaves the
    // -wal and -shm behind. ReadWrite is refused when `open` is read-only. Only `open`'s path and
    // flags are read, so this may be called on any thread. Errors as open() for a file that has
    // since gone or changed owner.
    static Expected<std::unique_ptr<Project>> openSibling(const Project& open, OpenMode mode);
    ~Project() override;

    const std::string& path() const;
    bool readOnly() const;
    const std::string& warning() const;   // empty unless opened read-only for a reason (rules 3, 4)

    // Processes and steps.
    // A process with an id (redo of its creation) is stored with that id again; refused if
    // the id is taken.
    Expected<Id> addProcess(study::Process& process);
    Expected<bool> updateProcess(const study::Process& process);
    Expected<bool> removeProcess(Id id);   // with its steps, studies and observations
    Expected<std::vector<study::Process>> processes() const;
    // Inserted at step.position (the steps from there move down one); a position < 0 or past
    // the end appends. Sets step.id and step.position. A step with an id (undo of its removal)
    // is stored with that id again.
    Expected<Id> addStep(study::Step& step);
    Expected<bool> updateStep(const study::Step& step);   // not position or process: reorderSteps
    Expected<bool> removeStep(Id id);   // refused while observations refer to it; leaves study lists too
    Expected<bool> reorderSteps(Id processId, const std::vector<Id>& order);   // every step id once
    Expected<std::vector<study::Step>> steps(Id processId) const;   // in position order

    // Studies, cycles, observations.
    // Sets s.id. The study keeps the element list it is timed against: its process's steps as
    // they are now, in their order, stored with it (migration 2). Editing the process afterwards
    // (adding, reordering) changes future studies only; see studySteps().
    Expected<Id> addStudy(study::Study& s);
    // The steps a study was timed against, in the study's order (Step::position = the index in
    // this list), with their current names and classes. What summaries and complete-cycle
    // counts of the study go by; steps(processId) is for the process editor and new studies.
    Expected<std::vector<study::Step>> studySteps(Id studyId) const;
    // Adds a step at the end of a study's list (a step created while importing that study).
    Expected<bool> appendStudyStep(Id studyId, Id stepId);
    // Where a step stands in the studies' element lists: removing the step removes it from them,
    // and undoing the removal puts it back in the same places.
    struct StudyStepPlace {
        Id studyId = 0;
        std::int64_t position = 0;
    };
    Expected<std::vector<StudyStepPlace>> studyStepPlaces(Id stepId) const;
    Expected<bool> restoreStudyStepPlaces(Id stepId, const std::vector<StudyStepPlace>& places);   // one transaction
    // Internal work (file format 4): the steps that run inside a step (Step::insideStepId), by
    // id. Removing that step makes them external (ON DELETE SET NULL); undoing the removal puts
    // them back inside it with restoreStepsInside (one transaction; ids no longer there are
    // skipped, as a later removal of theirs is undone separately).
    Expected<std::vector<Id>> stepsInside(Id stepId) const;
    Expected<bool> restoreStepsInside(Id stepId, const std::vector<Id>& insideSteps);
    Expected<bool> updateStudy(const study::Study& s) override;
    Expected<std::vector<study::Study>> studies(Id processId) const;
    Expected<Id> addCycle(study::Cycle& cycle) override;
    Expected<std::vector<study::Cycle>> cycles(Id studyId) const;
    Expected<Id> addObservation(study::Observation& obs) override;
    Expected<bool> updateObservation(const study::Observation& obs) override;
    Expected<bool> removeObservation(Id id) override;
    // Updates `reattributed` and removes `removedId` in one transaction (LapSink).
    Expected<bool> undoLap(std::span<const study::Observation> reattributed, Id removedId) override;
    Expected<std::vector<study::Observation>> observations(Id studyId) const;   // in start order
    // A page of a study's observations in start order, for views over millions of rows.
    Expected<std::vector<study::Observation>> observations(Id studyId, std::int64_t offset,
                                                           std::int64_t limit) const;
    // The next page after the row (afterStartUs, afterId) in start order; (INT64_MIN, 0) starts
    // at the beginning. Costs the same at any depth, unlike an offset.
    Expected<std::vector<study::Observation>> observationsAfter(Id studyId, std::int64_t afterStartUs, Id afterId,
                                                                std::int64_t limit) const;
    Expected<study::Observation> observation(Id id) const;
    Expected<std::int64_t> observationCount(Id studyId) const;
    Expected<std::int64_t> observationCount() const;   // in the whole project
    // A study's observations in start order with every field but the free texts (note and
    // excludedReason stay empty): what a summary over all of them needs, read at a fraction of
    // the cost of observations(studyId) (no string per row).
    Expected<std::vector<study::Observation>> observationsWithoutTexts(Id studyId) const;

    // Writes a consistent copy of the whole project to `path` (VACUUM INTO); refuses to
    // overwrite an existing file.
    Expected<bool> saveCopy(const std::string& path) const;

    // Deleting and restoring whole rows, for undo (projectsnapshot.cpp). A snapshot holds
    // every row and field the deletion removes; restore() writes them back in one transaction
    // with their original ids and returns the study's / process's id. SQLite hands out the
    // largest rowid again after it is deleted, so data added since may hold one of the ids:
    // then every row of the snapshot gets a new id (consistently: its cycles, observations,
    // steps and analyses follow) rather than being merged into someone else's rows.
    Expected<StudySnapshot> studySnapshot(Id studyId);
    Expected<ProcessSnapshot> processSnapshot(Id processId);
    Expected<bool> removeStudy(Id id);   // with its cycles and observations
    Expected<Id> restore(const StudySnapshot& snapshot);
    Expected<Id> restore(const ProcessSnapshot& snapshot);
    Expected<std::vector<study::Observation>> observationsOf(const std::vector<Id>& ids);   // in the given order
    Expected<bool> removeObservations(const std::vector<Id>& ids);   // all or none
    // Into the studies and cycles they came from, with their ids (new ones if any is taken);
    // returns the ids as stored, in the given order.
    Expected<std::vector<Id>> restoreObservations(const std::vector<study::Observation>& observations);
    Expected<std::vector<Id>> observationIdsOfStep(Id stepId);
    // Moves observations to another step of the same process (all or none).
    Expected<bool> moveObservations(const std::vector<Id>& ids, Id stepId);
    Expected<study::Study> findStudy(Id id);

    // Data sets (file format 3; dataset.h, projectdataset.cpp): a CSV file imported as a named
    // table of columns. importDataSet reads every column (io::readAllColumns: a column is
    // numeric unless a cell is not a number; the dialects, options and errors of every CSV
    // read, naming the file, line and column), then stores it in one transaction: all or
    // nothing. Refused: a name that is empty or already a data set's (InvalidArgument, "a data
    // set named 'x' already exists ..."), a file without data rows (EmptyData).
    Expected<Id> importDataSet(const std::string& csvPath, const std::string& name,
                               const io::CsvOptions& options = {});
    Expected<std::vector<DataSetInfo>> dataSets() const;   // by name
    Expected<DataSetInfo> dataSet(Id id) const;
    Expected<std::optional<DataSetInfo>> findDataSet(const std::string& name) const;
    // A column's values, read back exactly as imported. An unknown column is InvalidArgument
    // listing the columns there are.
    Expected<DataColumn> dataSetColumn(Id id, const std::string& columnName) const;
    Expected<bool> renameDataSet(Id id, const std::string& name);   // unique, as at import
    Expected<bool> removeDataSet(Id id);   // with its columns and its charts
    // For undo of removeDataSet: everything it deletes, and writing it back bit for bit with
    // the same id (a new one if taken since). A name taken since gets " (2)", " (3)", ...
    Expected<DataSetSnapshot> dataSetSnapshot(Id id);
    Expected<Id> restore(const DataSetSnapshot& snapshot);

    // Saved control charts (chartspec.h, projectchart.cpp): analyses rows of kind
    // "control-chart". The row is tied to what the chart shows, so it goes with it and comes
    // back with it on undo (the study, process and data set snapshots hold their analyses):
    //  - a chart of exactly one study is that study's (study_id): deleting the study deletes it;
    //  - a chart of several studies is its process's (process_id only): deleting one of the
    //    studies keeps it (it shows the others), deleting the process deletes it;
    //  - a data set's chart is the data set's (dataset_id) and no process's (its processId is
    //    stored as none).
    // addChart stores spec.id again when set (redo, undo of a removal), else a new id.
    Expected<Id> addChart(const ChartSpec& spec);
    Expected<bool> updateChart(const ChartSpec& spec);   // by spec.id
    Expected<bool> removeChart(Id id);
    Expected<ChartSpec> chart(Id id) const;
    Expected<std::vector<ChartSpec>> charts(Id processId) const;   // of a process's studies, by id
    Expected<std::vector<ChartSpec>> dataSetCharts(Id dataSetId) const;
    Expected<std::vector<ChartSpec>> charts() const;               // every chart in the project, by id

    sqlite3* handle() const;   // for tests and the import code in this module
    Database& database();      // the connection, for the import/export code in this module

private:
    Project();
    struct Impl;
    std::unique_ptr<Impl> m_d;
};

} // namespace gemba::store
