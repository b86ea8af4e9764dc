// The live summary of a time study: per step and per cycle, and whether the study is done.
#include "study/stepsummary.h"

#include "stats/descriptive.h"
#include "study/samplesize.h"
#include "study/standardtime.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <set>
#include <string>
#include <unordered_map>

namespace gemba::study {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// The figures of one step from its counted times (seconds), the ratings applied to them (100 for
// an unrated one) and their normal times (NaN where a rating cannot level a time).
void summarizeTimes(StepSummary& s, const std::vector<double>& times, const std::vector<double>& ratings,
                    const std::vector<double>& normals, const Study& study, double confidence, double accuracy)
{
    s.n = times.size();
    if (times.empty()) {
        s.meanSeconds = s.sdSeconds = s.cv = s.minSeconds = s.maxSeconds = kNaN;
        s.normalSeconds = s.standardSeconds = kNaN;
        s.stillNeeded = 2;
        return;
    }
    s.meanSeconds = stats::mean(times);
    s.sdSeconds = stats::sampleSd(times);   // NaN for n = 1
    s.cv = s.meanSeconds > 0 ? s.sdSeconds / s.meanSeconds : kNaN;
    const auto [lo, hi] = std::minmax_element(times.begin(), times.end());
    s.minSeconds = *lo;
    s.maxSeconds = *hi;
    s.meanRatingPercent = stats::mean(ratings);

    // Rated per observation, then averaged (see the header): NaN in any normal time makes the
    // mean NaN, so one unusable rating leaves the step without a normal time rather than a wrong one.
    s.normalSeconds = stats::mean(normals);
    const auto standard = std::isfinite(s.normalSeconds)
                              ? standardFromNormal(s.normalSeconds, study.allowancePercent, study.allowanceBasis)
                              : Expected<double>(kNaN);
    s.standardSeconds = standard ? *standard : kNaN;

    const auto size = observationsNeeded(times, confidence, accuracy);
    if (!size) {   // n < 2, a mean of 0 or a negative time: the count is undefined
        s.stillNeeded = s.n < 2 ? 2 - s.n : 0;
        return;
    }
    s.neededClassic = size->observationsNeeded;
    s.neededT = size->observationsNeededT;
    s.needed = std::max(size->observationsNeeded, size->observationsNeededT);
    s.stillNeeded = *s.needed > s.n ? *s.needed - s.n : 0;
    s.consistent = s.n >= *s.needed;
}

} // namespace

Expected<StudySummary> summarizeSteps(std::span<const Step> steps, std::span<const Observation> observations,
                                      const Study& study, double confidence, double accuracy)
{
    if (!std::isfinite(confidence) || !std::isfinite(accuracy))
        return makeError(ErrorCode::NotFinite, "step summary: the confidence and accuracy must be numbers");
    if (confidence <= 0 || confidence >= 1)
        return makeError(ErrorCode::OutOfRange, "step summary: the confidence must be between 0 and 1, like 0.95");
    if (accuracy <= 0 || accuracy >= 1)
        return makeError(ErrorCode::OutOfRange, "step summary: the accuracy must be between 0 and 1, like 0.05");
    // Checked once here so that a bad allowance is one clear error, not NaN in every row.
    if (const auto check = standardFromNormal(1, study.allowancePercent, study.allowanceBasis); !check)
        return check.error();

    std::unordered_map<Id, std::size_t> indexOf;
    for (std::size_t i = 0; i < steps.size(); ++i)
        indexOf.emplace(steps[i].id, i);

    StudySummary summary;
    summary.steps.resize(steps.size());
    std::vector<std::vector<double>> times(steps.size());
    std::vector<std::vector<double>> ratings(steps.size());
    std::vector<std::vector<double>> normals(steps.size());
    std::map<Id, std::set<std::size_t>> stepsInCycle;
    const bool rated = study.ratingMethod != RatingMethod::None;

    for (const Observation& o : observations) {
        const auto found = indexOf.find(o.stepId);
        if (found == indexOf.end())
            continue;
        StepSummary& s = summary.steps[found->second];
        if (o.foreignElement) {
            ++s.foreignCount;
            s.foreignSeconds += o.seconds();
            continue;
        }
        if (o.excluded) {
            ++s.excludedCount;
            continue;
        }
        times[found->second].push_back(o.seconds());
        if (o.abnormal)
            ++s.abnormalCount;
        double rating = 100;   // not rated, or a study without rating: normal pace
        if (rated && o.ratingPercent) {
            ++s.ratedCount;
            rating = *o.ratingPercent;
        }
        ratings[found->second].push_back(rating);
        const auto normal = normalTime(o.seconds(), rating);
        normals[found->second].push_back(normal ? *normal : kNaN);
        if (o.cycleId != 0)   // 0: not in a stored cycle (nothing to count it towards)
            stepsInCycle[o.cycleId].insert(found->second);
    }

    CycleSummary& cycle = summary.cycle;
    cycle.studyComplete = !steps.empty();
    for (std::size_t i = 0; i < steps.size(); ++i) {
        StepSummary& s = summary.steps[i];
        s.stepId = steps[i].id;
        summarizeTimes(s, times[i], ratings[i], normals[i], study, confidence, accuracy);
        // NaN propagates, so the totals stay NaN until every step has been timed once.
        cycle.meanSeconds += s.meanSeconds;
        cycle.normalSeconds += s.normalSeconds;
        cycle.standardSeconds += s.standardSeconds;
        cycle.studyComplete = cycle.studyComplete && s.consistent;
    }
    for (const auto& [cycleId, covered] : stepsInCycle) {
        if (!steps.empty() && covered.size() == steps.size())
            ++cycle.completeCycles;
    }
    return summary;
}

} // namespace gemba::study
