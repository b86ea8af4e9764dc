// From a time study's observations to the points of a control chart.
#include "analysis/chartseries.h"

#include "store/project.h"

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <map>
#include <set>
#include <unordered_map>

namespace gemba::analysis {
namespace {

using study::Id;
using study::Observation;

// The studies, in the order given, checked to be of one process.
Expected<std::vector<study::Study>> loadStudies(store::Project& project, const std::vector<Id>& studyIds)
{
    if (studyIds.empty())
        return makeError(ErrorCode::InvalidArgument, "no study chosen to chart");
    std::vector<study::Study> studies;
    studies.reserve(studyIds.size());
    for (Id id : studyIds) {
        auto s = project.findStudy(id);
        if (!s)
            return s.error();
        if (!studies.empty() && s->processId != studies.front().processId)
            return makeError(ErrorCode::InvalidArgument,
                             "the studies to chart together must be of one process; study " + std::to_string(id) +
                                 " is of another");
        studies.push_back(std::move(s).value());
    }
    return studies;
}

std::string stageName(const study::Study& s)
{
    std::string name = s.date.empty() ? "study " + std::to_string(s.id) : s.date;
    if (!s.observer.empty())
        name += " " + s.observer;
    return name;
}

// The series' stage names, and whether points get a stage (only with more than one study).
void nameStages(ChartSeries& series, const std::vector<study::Study>& studies)
{
    for (const auto& s : studies)
        series.stageNames.push_back(stageName(s));
}

Expected<std::unordered_map<Id, int>> cycleNumbers(store::Project& project, Id studyId)
{
    auto cycles = project.cycles(studyId);
    if (!cycles)
        return cycles.error();
    std::unordered_map<Id, int> numbers;
    for (const auto& c : *cycles)
        numbers.emplace(c.id, c.number);
    return numbers;
}

std::string cycleLabel(const std::unordered_map<Id, int>& numbers, const Observation& o)
{
    const auto found = numbers.find(o.cycleId);
    if (found == numbers.end())
        return "observation " + std::to_string(o.id);
    return "cycle " + std::to_string(found->second);
}

// Whether an observation is a time of the step (stepsummary.h's counted observations, with the
// excluded ones kept for the caller to flag).
bool isStepTime(const Observation& o, Id stepId) { return o.stepId == stepId && !o.foreignElement; }

// Civil dates from and to a day count (H. Hinnant, "chrono-Compatible Low-Level Date
// Algorithms"), so that "the day before" needs no time zone arithmetic.
std::int64_t daysFromCivil(std::int64_t y, unsigned m, unsigned d)
{
    y -= m <= 2;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const auto yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

std::string isoDate(std::int64_t days)
{
    days += 719468;
    const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
    const auto doe = static_cast<unsigned>(days - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned d = doy - (153 * mp + 2) / 5 + 1;
    const unsigned m = mp < 10 ? mp + 3 : mp - 9;
    const std::int64_t y = static_cast<std::int64_t>(yoe) + era * 400 + (m <= 2);
    char text[32];
    std::snprintf(text, sizeof text, "%04lld-%02u-%02u", static_cast<long long>(y), m, d);
    return text;
}

// The local date (as a day count) and minute of the day of a wall-clock time.
struct LocalTime {
    std::int64_t day = 0;
    int minute = 0;
};

LocalTime localTime(std::int64_t wallUs)
{
    std::int64_t secs = wallUs / 1'000'000;
    if (wallUs % 1'000'000 < 0)
        --secs;
    const auto t = static_cast<std::time_t>(secs);
    std::tm tm{};
    localtime_r(&t, &tm);
    return {daysFromCivil(tm.tm_year + 1900, static_cast<unsigned>(tm.tm_mon + 1), static_cast<unsigned>(tm.tm_mday)),
            tm.tm_hour * 60 + tm.tm_min};
}

// One subgroup being collected.
struct Group {
    std::vector<double> values;
    std::int64_t firstKey = 0;
    std::string label;
};

} // namespace

Expected<FlaggedSeries> stepSeries(store::Project& project, const std::vector<Id>& studyIds, Id stepId)
{
    auto studies = loadStudies(project, studyIds);
    if (!studies)
        return studies.error();
    FlaggedSeries out;
    ChartSeries& series = out.series;
    nameStages(series, *studies);
    const bool staged = studies->size() > 1;
    for (std::size_t k = 0; k < studies->size(); ++k) {
        const Id studyId = (*studies)[k].id;
        auto numbers = cycleNumbers(project, studyId);
        if (!numbers)
            return numbers.error();
        auto observations = project.observationsWithoutTexts(studyId);
        if (!observations)
            return observations.error();
        for (const Observation& o : *observations) {
            if (!isStepTime(o, stepId))
                continue;
            series.values.push_back(o.seconds());
            series.pointKeys.push_back(o.id);
            series.pointLabels.push_back(cycleLabel(*numbers, o));
            out.flags.excluded.push_back(o.excluded ? 1 : 0);
            if (staged)
                series.stage.push_back(static_cast<int>(k));
        }
    }
    return out;
}

Expected<FlaggedSeries> cycleTotalSeries(store::Project& project, const std::vector<Id>& studyIds)
{
    auto studies = loadStudies(project, studyIds);
    if (!studies)
        return studies.error();
    FlaggedSeries out;
    ChartSeries& series = out.series;
    nameStages(series, *studies);
    const bool staged = studies->size() > 1;
    for (std::size_t k = 0; k < studies->size(); ++k) {
        const Id studyId = (*studies)[k].id;
        auto steps = project.studySteps(studyId);
        if (!steps)
            return steps.error();
        std::unordered_map<Id, std::size_t> stepIndex;
        for (std::size_t i = 0; i < steps->size(); ++i)
            stepIndex.emplace((*steps)[i].id, i);
        auto cycles = project.cycles(studyId);   // in cycle-number order
        if (!cycles)
            return cycles.error();
        auto observations = project.observationsWithoutTexts(studyId);
        if (!observations)
            return observations.error();

        struct Total {
            std::int64_t us = 0;
            std::set<std::size_t> steps;
            bool excluded = false;
        };
        std::unordered_map<Id, Total> totals;
        for (const Observation& o : *observations) {
            if (o.foreignElement || o.cycleId == 0)
                continue;
            // An observation of a step outside the study's list is not counted, as in summarizeSteps.
            const auto step = stepIndex.find(o.stepId);
            if (step == stepIndex.end())
                continue;
            Total& t = totals[o.cycleId];
            t.us += o.durationUs;
            t.steps.insert(step->second);
            t.excluded = t.excluded || o.excluded;
        }
        for (const study::Cycle& c : *cycles) {
            const auto found = totals.find(c.id);
            if (found == totals.end())
                continue;   // a cycle nothing was recorded in yet: not a cycle to show
            if (steps->empty() || found->second.steps.size() != steps->size()) {
                ++series.omittedPoints;
                continue;
            }
            series.values.push_back(static_cast<double>(found->second.us) / 1e6);
            series.pointKeys.push_back(c.id);
            series.pointLabels.push_back("cycle " + std::to_string(c.number));
            out.flags.excluded.push_back(found->second.excluded ? 1 : 0);
            if (staged)
                series.stage.push_back(static_cast<int>(k));
        }
    }
    return out;
}

Expected<FlaggedSeries> subgroupSeries(store::Project& project, const std::vector<Id>& studyIds, Id stepId,
                                       const Subgrouping& subgrouping)
{
    using Kind = Subgrouping::Kind;
    if (subgrouping.kind == Kind::CycleRange && subgrouping.cyclesPerSubgroup < 1)
        return makeError(ErrorCode::OutOfRange, "a subgroup must span at least one cycle");
    std::vector<int> starts = subgrouping.shiftStartsMinutes;
    if (subgrouping.kind == Kind::Shift) {
        if (starts.empty())
            return makeError(ErrorCode::InvalidArgument, "subgroups by shift need the shifts' start times");
        std::sort(starts.begin(), starts.end());
        for (std::size_t i = 0; i < starts.size(); ++i) {
            if (starts[i] < 0 || starts[i] >= 24 * 60)
                return makeError(ErrorCode::OutOfRange, "a shift start must be a time of day, 00:00 to 23:59");
            if (i > 0 && starts[i] == starts[i - 1])
                return makeError(ErrorCode::InvalidArgument, "two shifts start at the same time");
        }
    }
    auto studies = loadStudies(project, studyIds);
    if (!studies)
        return studies.error();

    FlaggedSeries out;
    ChartSeries& series = out.series;
    nameStages(series, *studies);
    series.offsets.push_back(0);
    const bool staged = studies->size() > 1 && subgrouping.kind != Kind::Study;
    const auto n = static_cast<std::int64_t>(subgrouping.cyclesPerSubgroup);

    for (std::size_t k = 0; k < studies->size(); ++k) {
        const Id studyId = (*studies)[k].id;
        auto numbers = cycleNumbers(project, studyId);
        if (!numbers)
            return numbers.error();
        int lastCycle = 0;
        for (const auto& [id, number] : *numbers)
            lastCycle = std::max(lastCycle, number);
        auto observations = project.observationsWithoutTexts(studyId);
        if (!observations)
            return observations.error();

        // Groups by a key that sorts in time order within the study.
        std::map<std::int64_t, Group> groups;
        for (const Observation& o : *observations) {
            if (!isStepTime(o, stepId))
                continue;
            std::int64_t key = 0;
            std::string label;
            switch (subgrouping.kind) {
            case Kind::CycleRange: {
                const auto found = numbers->find(o.cycleId);
                if (found == numbers->end())
                    continue;   // in no cycle: no range to put it in
                key = (found->second - 1) / n;
                const std::int64_t first = key * n + 1;
                const std::int64_t last = std::min<std::int64_t>(first + n - 1, std::max<std::int64_t>(lastCycle, first));
                label = first == last ? "cycle " + std::to_string(first)
                                      : "cycles " + std::to_string(first) + "\u2013" + std::to_string(last);
                break;
            }
            case Kind::Study: label = series.stageNames[k]; break;
            case Kind::Day: {
                const LocalTime t = localTime(o.wallStartUs);
                key = t.day;
                label = isoDate(t.day);
                break;
            }
            case Kind::Shift: {
                const LocalTime t = localTime(o.wallStartUs);
                std::int64_t day = t.day;
                const auto after = std::upper_bound(starts.begin(), starts.end(), t.minute);
                std::size_t shift = 0;
                if (after == starts.begin()) {   // before the first start: the previous day's last shift
                    day -= 1;
                    shift = starts.size() - 1;
                } else {
                    shift = static_cast<std::size_t>(after - starts.begin()) - 1;
                }
                key = day * static_cast<std::int64_t>(starts.size()) + static_cast<std::int64_t>(shift);
                label = "shift " + std::to_string(shift + 1) + " " + isoDate(day);
                break;
            }
            }
            auto [it, inserted] = groups.try_emplace(key);
            if (inserted)
                it->second.label = std::move(label);
            if (o.excluded)
                continue;   // a missing value of its subgroup (see the header)
            if (it->second.values.empty())
                it->second.firstKey = o.id;
            it->second.values.push_back(o.seconds());
        }
        for (auto& [key, g] : groups) {
            if (g.values.size() < 2) {
                ++series.omittedPoints;
                continue;
            }
            series.values.insert(series.values.end(), g.values.begin(), g.values.end());
            series.offsets.push_back(series.values.size());
            series.pointKeys.push_back(g.firstKey);
            series.pointLabels.push_back(std::move(g.label));
            out.flags.excluded.push_back(0);
            if (staged)
                series.stage.push_back(static_cast<int>(k));
        }
    }
    if (series.offsets.size() == 1)
        series.offsets.clear();   // no subgroups: an empty series
    return out;
}

void excludeKeys(FlaggedSeries& data, const std::vector<std::int64_t>& keys)
{
    const std::set<std::int64_t> wanted(keys.begin(), keys.end());
    const std::size_t n = data.series.pointKeys.size();
    data.flags.excluded.resize(n, 0);
    for (std::size_t i = 0; i < n; ++i)
        if (wanted.count(data.series.pointKeys[i]))
            data.flags.excluded[i] = 1;
}

void splitStages(ChartSeries& series, const std::vector<std::int64_t>& stageStartKeys)
{
    const std::size_t n = series.pointKeys.size();
    if (n == 0 || stageStartKeys.empty())
        return;
    const std::set<std::int64_t> starts(stageStartKeys.begin(), stageStartKeys.end());
    auto nameOf = [&](int stage) {
        if (stage >= 0 && static_cast<std::size_t>(stage) < series.stageNames.size())
            return series.stageNames[static_cast<std::size_t>(stage)];
        return "stage " + std::to_string(stage + 1);
    };
    std::vector<int> stage(n);
    std::vector<std::string> names;
    for (std::size_t i = 0; i < n; ++i) {
        const int original = series.stage.size() == n ? series.stage[i] : 0;
        const bool newOriginal = i == 0 || (series.stage.size() == n && original != series.stage[i - 1]);
        if (newOriginal) {
            names.push_back(nameOf(original));
        } else if (starts.count(series.pointKeys[i])) {
            const std::string label = i < series.pointLabels.size() ? series.pointLabels[i] : std::to_string(i + 1);
            // Without names (a data set) the stages are simply numbered.
            names.push_back(series.stageNames.empty() ? "stage " + std::to_string(names.size() + 1)
                                                      : nameOf(original) + ", from " + label);
        }
        stage[i] = static_cast<int>(names.size()) - 1;
    }
    if (names.size() == 1 && series.stage.empty())
        return;   // no split took effect: keep "one stage" as it was
    series.stage = std::move(stage);
    series.stageNames = std::move(names);
}

} // namespace gemba::analysis
