#include "analysis/studyvalues.h"

#include "store/project.h"

#include <algorithm>
#include <cstdint>
#include <unordered_map>
#include <unordered_set>

namespace gemba::ui {
namespace {

bool counts(const study::Observation& o) { return !o.excluded && !o.foreignElement; }

} // namespace

std::vector<double> stepSeconds(std::span<const study::Observation> observations, study::Id stepId)
{
    std::vector<double> values;
    for (const auto& o : observations)
        if (o.stepId == stepId && counts(o))
            values.push_back(o.seconds());
    return values;
}

std::vector<double> cycleTotalSeconds(std::span<const study::Step> steps,
                                      std::span<const study::Observation> observations)
{
    std::unordered_set<study::Id> stepIds;
    for (const auto& s : steps)
        stepIds.insert(s.id);
    if (stepIds.empty())
        return {};
    struct CycleTotal {
        std::int64_t us = 0;
        std::unordered_set<study::Id> steps;
    };
    std::vector<study::Id> order;
    std::unordered_map<study::Id, CycleTotal> totals;
    for (const auto& o : observations) {
        if (!counts(o) || !stepIds.contains(o.stepId))
            continue;
        auto [it, added] = totals.try_emplace(o.cycleId);
        if (added)
            order.push_back(o.cycleId);
        it->second.us += o.durationUs;
        it->second.steps.insert(o.stepId);
    }
    std::vector<double> values;
    values.reserve(order.size());
    for (study::Id id : order) {
        const CycleTotal& t = totals[id];
        if (t.steps.size() == stepIds.size())
            values.push_back(static_cast<double>(t.us) / 1e6);
    }
    return values;
}

Expected<std::vector<double>> readValues(const store::Project& project, const ValueSource& source)
{
    auto observations = project.observationsWithoutTexts(source.studyId);
    if (!observations)
        return observations.error();
    if (!source.isCycleTotal())
        return stepSeconds(*observations, source.stepId);
    auto steps = project.studySteps(source.studyId);
    if (!steps)
        return steps.error();
    return cycleTotalSeconds(*steps, *observations);
}

} // namespace gemba::ui
