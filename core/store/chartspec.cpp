// A saved control chart and its JSON text (see chartspec.h).
#include "store/chartspec.h"

#include "stats/sigmaestimator.h"
#include "stats/specialcausetests.h"

#include <nlohmann/json.hpp>

#include <array>
#include <cmath>
#include <utility>

namespace gemba::store {
namespace {

using nlohmann::json;

constexpr std::array<std::pair<ChartSourceKind, std::string_view>, 3> kSourceKinds{{
    {ChartSourceKind::StepDurations, "step-durations"},
    {ChartSourceKind::CycleTotal, "cycle-total"},
    {ChartSourceKind::DataSetColumn, "dataset-column"},
}};

constexpr std::array<std::pair<SubgroupBy, std::string_view>, 6> kSubgroupBys{{
    {SubgroupBy::None, "none"},
    {SubgroupBy::CycleRange, "cycle-range"},
    {SubgroupBy::Study, "study"},
    {SubgroupBy::Day, "day"},
    {SubgroupBy::Shift, "shift"},
    {SubgroupBy::Column, "column"},
}};

template <typename E, std::size_t N>
std::string_view nameOf(const std::array<std::pair<E, std::string_view>, N>& table, E value)
{
    for (const auto& [v, name] : table)
        if (v == value)
            return name;
    return {};
}

template <typename E, std::size_t N>
std::optional<E> valueOf(const std::array<std::pair<E, std::string_view>, N>& table, std::string_view text)
{
    for (const auto& [v, name] : table)
        if (name == text)
            return v;
    return std::nullopt;
}

json optionalNumber(const std::optional<double>& v) { return v ? json(*v) : json(nullptr); }

// Reading with a message that names the field, and no exception past this file.
struct Reader {
    std::string error;

    bool fail(const std::string& where, const std::string& what)
    {
        if (error.empty())
            error = "chart spec: '" + where + "' " + what;
        return false;
    }

    const json* member(const json& object, const char* name, const std::string& where, bool required)
    {
        const auto it = object.find(name);
        if (it == object.end()) {
            if (required)
                fail(where.empty() ? name : where + "." + name, "is missing");
            return nullptr;
        }
        return &*it;
    }

    static std::string path(const std::string& where, const char* name)
    {
        return where.empty() ? name : where + "." + name;
    }

    bool text(const json& object, const char* name, std::string& out, const std::string& where = {},
              bool required = true)
    {
        const json* v = member(object, name, where, required);
        if (!v)
            return !required;
        if (!v->is_string())
            return fail(path(where, name), "must be text");
        out = v->get<std::string>();
        return true;
    }

    bool number(const json& object, const char* name, double& out, const std::string& where = {},
                bool required = true)
    {
        const json* v = member(object, name, where, required);
        if (!v)
            return !required;
        if (!v->is_number() || !std::isfinite(v->get<double>()))
            return fail(path(where, name), "must be a finite number");
        out = v->get<double>();
        return true;
    }

    bool optionalNumberField(const json& object, const char* name, std::optional<double>& out,
                             const std::string& where)
    {
        const json* v = member(object, name, where, false);
        if (!v || v->is_null()) {
            out.reset();
            return true;
        }
        double d = 0;
        if (!number(object, name, d, where))
            return false;
        out = d;
        return true;
    }

    bool integer(const json& object, const char* name, std::int64_t& out, const std::string& where = {},
                 bool required = true)
    {
        const json* v = member(object, name, where, required);
        if (!v)
            return !required;
        return integerValue(*v, out, path(where, name));
    }

    bool integerValue(const json& v, std::int64_t& out, const std::string& where)
    {
        if (v.is_number_integer()) {
            out = v.get<std::int64_t>();
            // An unsigned value past INT64_MAX does not fit.
            if (v.is_number_unsigned() && v.get<std::uint64_t>() > static_cast<std::uint64_t>(INT64_MAX))
                return fail(where, "is too large");
            return true;
        }
        return fail(where, "must be a whole number");
    }

    bool keyList(const json& object, const char* name, std::set<PointKey>& out)
    {
        const json* v = member(object, name, {}, false);
        if (!v)
            return true;
        if (!v->is_array())
            return fail(name, "must be a list of point keys");
        for (std::size_t i = 0; i < v->size(); ++i) {
            std::int64_t key = 0;
            if (!integerValue((*v)[i], key, std::string(name) + "[" + std::to_string(i) + "]"))
                return false;
            out.insert(key);
        }
        return true;
    }
};

} // namespace

std::string_view toString(ChartSourceKind kind) { return nameOf(kSourceKinds, kind); }
std::optional<ChartSourceKind> chartSourceKindFromString(std::string_view text) { return valueOf(kSourceKinds, text); }
std::string_view toString(SubgroupBy by) { return nameOf(kSubgroupBys, by); }
std::optional<SubgroupBy> subgroupByFromString(std::string_view text) { return valueOf(kSubgroupBys, text); }

std::string toJson(const ChartSpec& spec)
{
    const ChartSource& src = spec.source;
    json source = {
        {"kind", toString(src.kind)},
        {"studyIds", src.studyIds},
        {"stepId", src.stepId},
        {"dataSetId", src.dataSetId},
        {"valueColumn", src.valueColumn},
        {"sizeColumn", src.sizeColumn},
        {"subgroupBy", toString(src.subgroupBy)},
        {"subgroupSize", src.subgroupSize},
        {"subgroupColumn", src.subgroupColumn},
        {"shiftStartMinutes", src.shiftStartMinutes},
    };
    json notes = json::array();
    for (const auto& n : spec.notes)
        notes.push_back({{"pointKey", n.pointKey},
                         {"assignableCause", n.assignableCause},
                         {"actionTaken", n.actionTaken},
                         {"wallUs", n.wallUs}});
    json j = {
        {"version", kChartSpecVersion},
        {"id", spec.id},
        {"processId", spec.processId ? json(*spec.processId) : json(nullptr)},
        {"title", spec.title},
        {"source", std::move(source)},
        {"type", stats::chartTypeName(spec.type)},
        {"rules", spec.rules},
        {"sigmaMethod", spec.sigmaMethod},
        {"nsigmas", spec.nsigmas},
        {"exclusions", spec.exclusions},
        {"stageStarts", spec.stageStarts},
        {"lockedLimits", spec.lockedLimits ? json{{"center", spec.lockedLimits->center},
                                                  {"sigma", spec.lockedLimits->sigma},
                                                  {"pointCount", spec.lockedLimits->pointCount},
                                                  {"lastPhaseOnePoint", spec.lockedLimits->lastPhaseOnePoint
                                                                            ? json(*spec.lockedLimits->lastPhaseOnePoint)
                                                                            : json(nullptr)}}
                                           : json(nullptr)},
        {"specLimits", {{"lsl", optionalNumber(spec.specLimits.lsl)},
                        {"usl", optionalNumber(spec.specLimits.usl)},
                        {"target", optionalNumber(spec.specLimits.target)}}},
        {"notes", std::move(notes)},
    };
    // Invalid UTF-8 in a title or note is replaced rather than thrown about (error_handler).
    return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

Expected<ChartSpec> chartSpecFromJson(std::string_view text)
{
    json j;
    try {
        j = json::parse(text.begin(), text.end());
    } catch (const json::exception& e) {
        return makeError(ErrorCode::ParseError, std::string("chart spec: not JSON (") + e.what() + ")");
    }
    if (!j.is_object())
        return makeError(ErrorCode::ParseError, "chart spec: not a JSON object");

    Reader r;
    ChartSpec spec;
    std::int64_t version = 0;
    if (!r.integer(j, "version", version))
        return makeError(ErrorCode::ParseError, r.error);
    if (version > kChartSpecVersion || version < 1)
        return makeError(ErrorCode::ParseError, "chart spec: version " + std::to_string(version) +
                                                    (version > kChartSpecVersion ? " is newer than" : " is not one") +
                                                    " this program reads (" + std::to_string(kChartSpecVersion) + ")");
    std::int64_t id = 0;
    r.integer(j, "id", id, {}, false);
    spec.id = id;
    if (const auto it = j.find("processId"); it != j.end() && !it->is_null()) {
        std::int64_t process = 0;
        if (r.integerValue(*it, process, "processId"))
            spec.processId = process;
    }
    r.text(j, "title", spec.title, {}, false);

    std::string typeName;
    if (r.text(j, "type", typeName)) {
        if (const auto type = stats::parseChartType(typeName))
            spec.type = *type;
        else
            r.fail("type", "'" + typeName + "' is not a chart type (imr, xbar-r, xbar-s, p, np, c, u)");
    }
    if (r.text(j, "rules", spec.rules, {}, false))
        if (auto rules = stats::RuleSet::parse(spec.rules); !rules)
            r.fail("rules", "'" + spec.rules + "': " + rules.error().message);
    if (r.text(j, "sigmaMethod", spec.sigmaMethod, {}, false) && !spec.sigmaMethod.empty() &&
        !stats::parseSigmaMethod(spec.sigmaMethod))
        r.fail("sigmaMethod", "'" + spec.sigmaMethod + "' is not a sigma method");
    if (r.number(j, "nsigmas", spec.nsigmas, {}, false) && !(spec.nsigmas > 0))
        r.fail("nsigmas", "must be positive");
    r.keyList(j, "exclusions", spec.exclusions);
    r.keyList(j, "stageStarts", spec.stageStarts);

    if (const json* source = r.member(j, "source", {}, true)) {
        ChartSource& src = spec.source;
        if (!source->is_object()) {
            r.fail("source", "must be an object");
        } else {
            std::string kind;
            if (r.text(*source, "kind", kind, "source")) {
                if (const auto k = chartSourceKindFromString(kind))
                    src.kind = *k;
                else
                    r.fail("source.kind", "'" + kind + "' is not a source (step-durations, cycle-total, dataset-column)");
            }
            if (const json* ids = r.member(*source, "studyIds", "source", false)) {
                if (!ids->is_array())
                    r.fail("source.studyIds", "must be a list of study ids");
                else
                    for (std::size_t i = 0; i < ids->size(); ++i) {
                        std::int64_t study = 0;
                        if (r.integerValue((*ids)[i], study, "source.studyIds[" + std::to_string(i) + "]"))
                            src.studyIds.push_back(study);
                    }
            }
            std::int64_t value = 0;
            if (r.integer(*source, "stepId", value, "source", false))
                src.stepId = value;
            value = 0;
            if (r.integer(*source, "dataSetId", value, "source", false))
                src.dataSetId = value;
            r.text(*source, "valueColumn", src.valueColumn, "source", false);
            r.text(*source, "sizeColumn", src.sizeColumn, "source", false);
            std::string by = "none";
            if (r.text(*source, "subgroupBy", by, "source", false)) {
                if (const auto b = subgroupByFromString(by))
                    src.subgroupBy = *b;
                else
                    r.fail("source.subgroupBy",
                           "'" + by + "' is not a subgrouping (none, cycle-range, study, day, shift, column)");
            }
            value = 0;
            if (r.integer(*source, "subgroupSize", value, "source", false)) {
                if (value < 0 || value > 1000000)
                    r.fail("source.subgroupSize", "must be between 0 and 1000000");
                else
                    src.subgroupSize = static_cast<int>(value);
            }
            r.text(*source, "subgroupColumn", src.subgroupColumn, "source", false);
            if (const json* shifts = r.member(*source, "shiftStartMinutes", "source", false)) {
                if (!shifts->is_array())
                    r.fail("source.shiftStartMinutes", "must be a list of minutes after midnight");
                else
                    for (std::size_t i = 0; i < shifts->size(); ++i) {
                        std::int64_t minute = 0;
                        const std::string where = "source.shiftStartMinutes[" + std::to_string(i) + "]";
                        if (!r.integerValue((*shifts)[i], minute, where))
                            break;
                        if (minute < 0 || minute >= 24 * 60) {
                            r.fail(where, "must be between 0 and 1439 (minutes after midnight)");
                            break;
                        }
                        src.shiftStartMinutes.push_back(static_cast<int>(minute));
                    }
            }
        }
    }

    if (const auto it = j.find("lockedLimits"); it != j.end() && !it->is_null()) {
        if (!it->is_object()) {
            r.fail("lockedLimits", "must be an object or null");
        } else {
            LockedLimits locked;
            r.number(*it, "center", locked.center, "lockedLimits");
            if (r.number(*it, "sigma", locked.sigma, "lockedLimits") && locked.sigma < 0)
                r.fail("lockedLimits.sigma", "must not be negative");
            if (r.integer(*it, "pointCount", locked.pointCount, "lockedLimits") && locked.pointCount < 0)
                r.fail("lockedLimits.pointCount", "must not be negative");
            if (const auto last = it->find("lastPhaseOnePoint"); last != it->end() && !last->is_null()) {
                std::int64_t key = 0;
                if (r.integerValue(*last, key, "lockedLimits.lastPhaseOnePoint"))
                    locked.lastPhaseOnePoint = key;
            }
            spec.lockedLimits = locked;
        }
    }
    if (const auto it = j.find("specLimits"); it != j.end() && !it->is_null()) {
        if (!it->is_object()) {
            r.fail("specLimits", "must be an object or null");
        } else {
            r.optionalNumberField(*it, "lsl", spec.specLimits.lsl, "specLimits");
            r.optionalNumberField(*it, "usl", spec.specLimits.usl, "specLimits");
            r.optionalNumberField(*it, "target", spec.specLimits.target, "specLimits");
        }
    }
    if (const json* notes = r.member(j, "notes", {}, false)) {
        if (!notes->is_array()) {
            r.fail("notes", "must be a list");
        } else {
            for (std::size_t i = 0; i < notes->size(); ++i) {
                const json& n = (*notes)[i];
                const std::string where = "notes[" + std::to_string(i) + "]";
                if (!n.is_object()) {
                    r.fail(where, "must be an object");
                    break;
                }
                SignalNote note;
                r.integer(n, "pointKey", note.pointKey, where);
                r.text(n, "assignableCause", note.assignableCause, where, false);
                r.text(n, "actionTaken", note.actionTaken, where, false);
                r.integer(n, "wallUs", note.wallUs, where, false);
                spec.notes.push_back(std::move(note));
            }
        }
    }
    if (!r.error.empty())
        return makeError(ErrorCode::ParseError, r.error);
    return spec;
}

} // namespace gemba::store
