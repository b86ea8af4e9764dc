// Everything a study or a process holds in a project file, read before it is deleted so that
// undo can write it back with the same ids (later commands on the undo stack refer to them).
#pragma once

#include "study/model.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace gemba::store {

// A row of the `analyses` table (kept as stored: the kinds live in later work).
struct AnalysisRow {
    study::Id id = 0;
    std::string kind;
    std::optional<study::Id> processId;
    std::optional<study::Id> studyId;
    std::optional<study::Id> dataSetId;   // a data set's chart (file format 3)
    std::string title;
    std::string json;
    std::int64_t updatedWallUs = 0;
};

struct StudySnapshot {
    study::Study study;
    std::vector<study::Cycle> cycles;
    std::vector<study::Observation> observations;
    std::vector<AnalysisRow> analyses;   // attached to the study
    std::vector<study::Id> elementSteps; // the steps it was timed against, in order (study_steps)
};

struct ProcessSnapshot {
    study::Process process;
    std::vector<study::Step> steps;       // in position order
    std::vector<StudySnapshot> studies;
    std::vector<AnalysisRow> analyses;    // attached to the process but to none of its studies
    std::vector<study::Id> charterIds;    // charters that name the process (SET NULL on delete)
};

} // namespace gemba::store
