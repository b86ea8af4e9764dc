// Reading and writing the step and study columns of file format 4 (see modelrows.h).
#include "store/modelrows.h"

#include "store/database.h"
#include "store/rowreader.h"
#include "store/statement.h"

#include <cmath>
#include <optional>

namespace gemba::store::rows {

using namespace gemba::study;

namespace {

Error badValue(const std::string& path, std::string_view table, Id id, std::string_view column, std::string_view value)
{
    return makeError(ErrorCode::ParseError, "'" + path + "': " + std::string(table) + " " + std::to_string(id) +
                                                " has an unknown " + std::string(column) + " '" + std::string(value) +
                                                "'");
}

} // namespace

std::string stepExtraColumns(const std::string& prefix)
{
    std::string out;
    for (const char* c : {"kind", "every", "every_basis", "inside_step_id", "allow_personal", "allow_basic_fatigue",
                          "allow_variable_fatigue", "allow_delay"})
        out += (out.empty() ? "" : ", ") + prefix + c;
    return out;
}

void bindStepExtras(Statement& s, int first, const Step& step)
{
    s.bind(first, toString(step.kind));
    s.bind(first + 1, step.every);
    s.bind(first + 2, toString(step.everyBasis));
    s.bind(first + 3, step.insideStepId != 0 ? std::optional<std::int64_t>(step.insideStepId) : std::nullopt);
    const auto part = [&](double Allowances::*m) {
        return step.allowances ? std::optional<double>((*step.allowances).*m) : std::nullopt;
    };
    s.bind(first + 4, part(&Allowances::personal));
    s.bind(first + 5, part(&Allowances::basicFatigue));
    s.bind(first + 6, part(&Allowances::variableFatigue));
    s.bind(first + 7, part(&Allowances::delay));
}

Expected<bool> readStepExtras(const Statement& s, int first, Step& step, const std::string& path)
{
    const auto kind = elementKindFromString(s.textView(first));
    if (!kind)
        return badValue(path, "step", step.id, "element kind", s.textView(first));
    const auto basis = frequencyBasisFromString(s.textView(first + 2));
    if (!basis)
        return badValue(path, "step", step.id, "frequency basis", s.textView(first + 2));
    step.kind = *kind;
    step.every = s.real(first + 1);
    step.everyBasis = *basis;
    step.insideStepId = s.optionalInt64(first + 3).value_or(0);
    bool any = false;
    for (int i = 4; i < 8; ++i)
        any = any || !s.isNull(first + i);
    if (any) {
        Allowances a;
        a.personal = s.optionalReal(first + 4).value_or(0);
        a.basicFatigue = s.optionalReal(first + 5).value_or(0);
        a.variableFatigue = s.optionalReal(first + 6).value_or(0);
        a.delay = s.optionalReal(first + 7).value_or(0);
        step.allowances = a;
    } else {
        step.allowances.reset();
    }
    return true;
}

std::string studyExtraColumns()
{
    return "allow_personal, allow_basic_fatigue, allow_variable_fatigue, allow_delay, selected_time, "
           "units_per_cycle, operator_name, conditions";
}

void bindStudyExtras(Statement& s, int first, const Study& st)
{
    s.bind(first, st.allowances.personal);
    s.bind(first + 1, st.allowances.basicFatigue);
    s.bind(first + 2, st.allowances.variableFatigue);
    s.bind(first + 3, st.allowances.delay);
    s.bind(first + 4, toString(st.selectedTime));
    s.bind(first + 5, st.unitsPerCycle);
    s.bind(first + 6, st.operatorName);
    s.bind(first + 7, st.conditions);
}

Expected<bool> readStudyExtras(const Statement& s, int first, Study& st, const std::string& path)
{
    const auto rule = selectedTimeRuleFromString(s.textView(first + 4));
    if (!rule)
        return badValue(path, "study", st.id, "selected time", s.textView(first + 4));
    st.allowances.personal = s.real(first);
    st.allowances.basicFatigue = s.real(first + 1);
    st.allowances.variableFatigue = s.real(first + 2);
    st.allowances.delay = s.real(first + 3);
    st.selectedTime = *rule;
    st.unitsPerCycle = s.real(first + 5);
    st.operatorName = s.text(first + 6);
    st.conditions = s.text(first + 7);
    return true;
}

Expected<bool> writeTypeAllowances(Database& db, Id studyId, const std::map<StepType, Allowances>& byType)
{
    auto del = db.cached("DELETE FROM study_type_allowances WHERE study_id = ?");
    if (!del)
        return del.error();
    {
        Statement::Reset reset(**del);
        (*del)->bind(1, studyId);
        if (auto ok = (*del)->run(); !ok)
            return ok;
    }
    if (byType.empty())
        return true;
    auto ins = db.cached("INSERT INTO study_type_allowances (study_id, step_type, allow_personal, allow_basic_fatigue, "
                         "allow_variable_fatigue, allow_delay) VALUES (?, ?, ?, ?, ?, ?)");
    if (!ins)
        return ins.error();
    for (const auto& [type, a] : byType) {
        Statement::Reset reset(**ins);
        (*ins)->bind(1, studyId);
        (*ins)->bind(2, toString(type));
        (*ins)->bind(3, a.personal);
        (*ins)->bind(4, a.basicFatigue);
        (*ins)->bind(5, a.variableFatigue);
        (*ins)->bind(6, a.delay);
        if (auto ok = (*ins)->run(); !ok)
            return ok;
    }
    return true;
}

Expected<std::map<Id, std::map<StepType, Allowances>>> readTypeAllowancesOfProcess(Database& db, Id processId,
                                                                                  const std::string& path)
{
    auto s = db.cached("SELECT t.study_id, t.step_type, t.allow_personal, t.allow_basic_fatigue, "
                       "t.allow_variable_fatigue, t.allow_delay FROM study_type_allowances AS t "
                       "JOIN studies ON studies.id = t.study_id WHERE studies.process_id = ?");
    if (!s)
        return s.error();
    Statement::Reset reset(**s);
    (*s)->bind(1, processId);
    std::map<Id, std::map<StepType, Allowances>> out;
    for (;;) {
        auto row = (*s)->step();
        if (!row)
            return row.error();
        if (!*row)
            return out;
        const Statement& q = **s;
        const auto type = stepTypeFromString(q.textView(1));
        if (!type)
            return badValue(path, "study", q.int64(0), "step type of its allowances", q.textView(1));
        out[q.int64(0)][*type] = Allowances{q.real(2), q.real(3), q.real(4), q.real(5)};
    }
}

Expected<bool> checkStep(Database& db, const Step& step)
{
    if (!std::isfinite(step.every) || step.every <= 0)
        return makeError(ErrorCode::InvalidArgument, "the step '" + step.name +
                                                         "': its frequency (once every N) must be a positive number");
    if (step.insideStepId == 0)
        return true;
    if (step.insideStepId == step.id)
        return makeError(ErrorCode::InvalidArgument, "the step '" + step.name + "' cannot run inside itself");
    // The process as stored (updateStep need not be given it), else the one the step joins.
    auto s = db.cached("SELECT count(*) FROM steps WHERE id = ?1 AND process_id = "
                       "coalesce((SELECT process_id FROM steps WHERE id = ?2), ?3)");
    if (!s)
        return s.error();
    Statement::Reset reset(**s);
    (*s)->bind(1, step.insideStepId);
    (*s)->bind(2, step.id);
    (*s)->bind(3, step.processId);
    auto row = (*s)->step();
    if (!row)
        return row.error();
    if (!*row || (*s)->int64(0) == 0)
        return makeError(ErrorCode::InvalidArgument, "the step '" + step.name + "' runs inside step " +
                                                         std::to_string(step.insideStepId) +
                                                         ", which is not a step of its process");
    return true;
}

} // namespace gemba::store::rows
