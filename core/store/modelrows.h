// The columns of file format 4 (migration 4) that steps and studies gained, read and written in
// one place for every path that stores them: Project's add/update/list (project.cpp) and undo's
// restore of whole rows (projectsnapshot.cpp). Internal to core/store.
#pragma once

#include "error.h"
#include "study/model.h"

#include <map>
#include <string>

namespace gemba::store {

class Database;
class Statement;

namespace rows {

// "kind, every, every_basis, inside_step_id, allow_personal, allow_basic_fatigue,
// allow_variable_fatigue, allow_delay" (8 columns), optionally each prefixed ("steps.").
std::string stepExtraColumns(const std::string& prefix = {});
inline constexpr int kStepExtraCount = 8;
// Binds them from parameter `first` on: inside_step_id 0 as NULL, no allowance override as
// four NULLs.
void bindStepExtras(Statement& s, int first, const study::Step& step);
// Reads them from result column `first` on. An override is present when any of its four
// columns is set (a NULL among set ones reads as 0). ParseError for an unknown kind or basis.
Expected<bool> readStepExtras(const Statement& s, int first, study::Step& step, const std::string& path);

// "allow_personal, allow_basic_fatigue, allow_variable_fatigue, allow_delay, selected_time,
// units_per_cycle, operator_name, conditions" (8 columns).
std::string studyExtraColumns();
inline constexpr int kStudyExtraCount = 8;
void bindStudyExtras(Statement& s, int first, const study::Study& st);
Expected<bool> readStudyExtras(const Statement& s, int first, study::Study& st, const std::string& path);

// A study's per-step-type categories (study_type_allowances): replaced as a whole (inside the
// caller's transaction), and read for one study or for every study of a process.
Expected<bool> writeTypeAllowances(Database& db, study::Id studyId,
                                   const std::map<study::StepType, study::Allowances>& byType);
Expected<std::map<study::Id, std::map<study::StepType, study::Allowances>>>
readTypeAllowancesOfProcess(Database& db, study::Id processId, const std::string& path);

// Checks the new step fields before they are stored: `every` a positive finite number, and
// the step it runs inside (if any) another step of the same process. InvalidArgument otherwise.
Expected<bool> checkStep(Database& db, const study::Step& step);

} // namespace rows
} // namespace gemba::store
