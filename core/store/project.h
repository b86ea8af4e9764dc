// One project = one SQLite file (.gemba): processes, steps, studies, cycles, observations.
#pragma once

#include "error.h"
#include "study/lapsink.h"
#include "study/model.h"

#include <memory>
#include <string>
#include <vector>

struct sqlite3;

namespace gemba::store {

class Database;
using study::Id;

inline constexpr int kApplicationId = 0x47454D42;   // "GEMB"
inline constexpr int kSchemaVersion = 1;            // user_version this build writes

enum class OpenMode {
    ReadWrite,   // create the file if it does not exist
    ReadOnly,
};

// A project file. All writes go through prepared statements in transactions; observation
// writes commit with synchronous=FULL before they return. One thread at a time (the
// connection is opened without SQLite's mutex); open a second Project for another thread.
class Project final : public study::LapSink {
public:
    // Opens (or, in ReadWrite mode, creates) a project. Refused with a clear message: a file
    // that is not SQLite or not ours (application_id), a file newer than this build
    // (user_version). A file that fails quick_check after an unclean exit is opened read-only
    // with warning() set; it is never modified.
    //
    // Refusals are decided from the file's 100-byte header (after an unclean exit: by a
    // read-only connection) before anything is written, so a refused file is byte-for-byte
    // unchanged; WAL mode and migrations are applied only to a file recognised as ours. An
    // empty (0-byte) file becomes a new project. Error codes: ParseError = not a Gemba project
    // (not SQLite, or another application_id); OutOfRange = newer file format; IoError =
    // cannot be opened or read (missing, unreadable, corrupt beyond reading).
    //
    // Unclean exit = a "<path>-wal" file exists when we open. SQLite deletes it when the last
    // connection closes cleanly, so it survives exactly a crash, a kill or a power cut (or
    // another instance still having the file open, where the check is merely redundant). It
    // costs nothing to test and needs no write at open, unlike a "clean shutdown" flag row.
    // Only then is quick_check run (it reads the whole file: about 0.3 s for a million
    // observations), on a read-only connection, before WAL recovery could write anything into
    // the file.
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
    const std::string& warning() const;   // empty unless opened read-only for a reason

    // Processes and steps.
    Expected<Id> addProcess(study::Process& process);
    Expected<bool> updateProcess(const study::Process& process);
    Expected<bool> removeProcess(Id id);   // with its steps, studies and observations
    Expected<std::vector<study::Process>> processes() const;
    // Inserted at step.position (the steps from there move down one); a position < 0 or past
    // the end appends. Sets step.id and step.position. A step with an id (undo of its removal)
    // is stored with that id again.
    Expected<Id> addStep(study::Step& step);
    Expected<bool> updateStep(const study::Step& step);   // not position or process: reorderSteps
    Expected<bool> removeStep(Id id);          // refused while observations refer to it
    Expected<bool> reorderSteps(Id processId, const std::vector<Id>& order);   // every step id once
    Expected<std::vector<study::Step>> steps(Id processId) const;   // in position order

    // Studies, cycles, observations.
    Expected<Id> addStudy(study::Study& s);
    Expected<bool> updateStudy(const study::Study& s) override;
    Expected<std::vector<study::Study>> studies(Id processId) const;
    Expected<Id> addCycle(study::Cycle& cycle) override;
    Expected<std::vector<study::Cycle>> cycles(Id studyId) const;
    Expected<Id> addObservation(study::Observation& obs) override;
    Expected<bool> updateObservation(const study::Observation& obs) override;
    Expected<bool> removeObservation(Id id) override;
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

    sqlite3* handle() const;   // for tests and the import code in this module
    Database& database();      // the connection, for the import/export code in this module

private:
    Project();
    struct Impl;
    std::unique_ptr<Impl> m_d;
};

} // namespace gemba::store
