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

double median(std::vector<double> values)
{
    if (values.empty())
        return kNaN;
    for (double v : values)
        if (std::isnan(v))
            return kNaN;   // as the mean: one unusable levelled time leaves no basic time
    std::sort(values.begin(), values.end());
    return stats::quantileSorted(values, 0.5, stats::QuantileMethod::Type6);
}

// The figures of one step from its counted times (seconds), the ratings applied to them (100 for
// an unrated one) and their normal times (NaN where a rating cannot level a time).
void summarizeTimes(StepSummary& s, const std::vector<double>& times, const std::vector<double>& ratings,
                    const std::vector<double>& normals, const Study& study, double confidence, double accuracy)
{
    s.n = times.size();
    if (times.empty()) {
        s.meanSeconds = s.sdSeconds = s.cv = s.minSeconds = s.maxSeconds = kNaN;
        s.medianSeconds = s.selectedSeconds = kNaN;
        s.normalSeconds = s.standardSeconds = kNaN;
        s.basicPerCycleSeconds = s.standardPerCycleSeconds = kNaN;
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
    s.medianSeconds = median(times);
    const bool byMedian = study.selectedTime == SelectedTimeRule::Median;
    s.selectedSeconds = byMedian ? s.medianSeconds : s.meanSeconds;

    // Rated per observation, then averaged (see the header): NaN in any normal time makes the
    // mean NaN, so one unusable rating leaves the step without a normal time rather than a wrong one.
    s.normalSeconds = byMedian ? median(normals) : stats::mean(normals);
    const auto standard = std::isfinite(s.normalSeconds)
                              ? standardFromNormal(s.normalSeconds, s.allowancePercent, study.allowanceBasis)
                              : Expected<double>(kNaN);
    s.standardSeconds = standard ? *standard : kNaN;
    s.basicPerCycleSeconds = s.normalSeconds * s.occurrencesPerCycle;
    s.standardPerCycleSeconds = s.standardSeconds * s.occurrencesPerCycle;

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

Allowances allowancesFor(const Step& step, const Study& study)
{
    Allowances a = study.allowances;
    if (step.allowances)
        a = *step.allowances;
    else if (const auto byType = study.typeAllowances.find(step.type); byType != study.typeAllowances.end())
        a = byType->second;
    if (step.kind == ElementKind::MachineControlled)
        a = Allowances{.delay = a.delay};
    return a;
}

double allowancePercentFor(const Step& step, const Study& study)
{
    const double notSplit = step.kind == ElementKind::MachineControlled ? 0 : study.allowancePercent;
    return allowancesFor(step, study).total() + notSplit;
}

double occurrencesPerCycle(const Step& step, const Study& study)
{
    if (step.kind != ElementKind::Occasional)
        return 1;
    if (!(step.every > 0) || !std::isfinite(step.every))
        return kNaN;
    const double perEvery = step.everyBasis == FrequencyBasis::Units ? study.unitsPerCycle : 1;
    return perEvery / step.every;
}

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
    for (const Step& step : steps)
        if (const auto check = standardFromNormal(1, allowancePercentFor(step, study), study.allowanceBasis); !check)
            return makeError(check.error().code, "step summary: the allowance of step \"" + step.name + "\": " +
                                                     check.error().message);
    if (const auto check = standardFromNormal(1, study.allowances.total() + study.allowancePercent,
                                              study.allowanceBasis);
        !check)
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
        if (steps[found->second].kind == ElementKind::MachineControlled) {
            s.ratingIgnored = s.ratingIgnored || (rated && o.ratingPercent && *o.ratingPercent != 100);
        } else if (rated && o.ratingPercent) {
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
    cycle.unitsPerCycle = study.unitsPerCycle;
    for (std::size_t i = 0; i < steps.size(); ++i) {
        StepSummary& s = summary.steps[i];
        s.stepId = steps[i].id;
        s.kind = steps[i].kind;
        s.occurrencesPerCycle = occurrencesPerCycle(steps[i], study);
        s.allowances = allowancesFor(steps[i], study);
        s.allowancePercent = allowancePercentFor(steps[i], study);
        summarizeTimes(s, times[i], ratings[i], normals[i], study, confidence, accuracy);
        cycle.studyComplete = cycle.studyComplete && s.consistent;
    }

    // Internal work: manual elements inside a machine-controlled one add only beyond its time.
    // NaN propagates, so the totals stay NaN until every step has been timed once.
    struct Inside { double observed = 0, basic = 0, standard = 0; };
    std::map<std::size_t, Inside> internalOf;   // machine step index → its internal work
    for (std::size_t i = 0; i < steps.size(); ++i) {
        const StepSummary& s = summary.steps[i];
        const auto host = steps[i].insideStepId != 0 ? indexOf.find(steps[i].insideStepId) : indexOf.end();
        const bool internal = host != indexOf.end() && host->second != i &&
                              steps[host->second].kind == ElementKind::MachineControlled &&
                              steps[i].kind != ElementKind::MachineControlled;
        summary.steps[i].insideStepId = internal ? steps[i].insideStepId : 0;
        const double observed = s.selectedSeconds * s.occurrencesPerCycle;
        if (internal) {
            Inside& in = internalOf[host->second];
            in.observed += observed;
            in.basic += s.basicPerCycleSeconds;
            in.standard += s.standardPerCycleSeconds;
            continue;
        }
        cycle.meanSeconds += observed;
        cycle.normalSeconds += s.basicPerCycleSeconds;
        cycle.standardSeconds += s.standardPerCycleSeconds;
    }
    for (const auto& [machine, in] : internalOf) {
        const StepSummary& m = summary.steps[machine];
        const double machineObserved = m.selectedSeconds * m.occurrencesPerCycle;
        // max() of NaN is order-dependent: keep NaN explicitly.
        const auto longer = [](double a, double b) { return std::isnan(a) || std::isnan(b) ? kNaN : std::max(a, b); };
        cycle.meanSeconds += longer(in.observed, machineObserved) - machineObserved;
        cycle.normalSeconds += longer(in.basic, m.basicPerCycleSeconds) - m.basicPerCycleSeconds;
        const double extra = longer(in.standard, m.standardPerCycleSeconds) - m.standardPerCycleSeconds;
        cycle.standardSeconds += extra;
        cycle.hiddenStandardSeconds += in.standard - extra;
    }
    for (StepSummary& s : summary.steps) {
        s.piecesPerHour = s.standardPerCycleSeconds > 0 ? 3600 * study.unitsPerCycle / s.standardPerCycleSeconds : kNaN;
        s.standardHoursPer100Units =
            study.unitsPerCycle > 0 ? s.standardPerCycleSeconds / study.unitsPerCycle * 100 / 3600 : kNaN;
    }
    cycle.piecesPerHour = cycle.standardSeconds > 0 ? 3600 * study.unitsPerCycle / cycle.standardSeconds : kNaN;
    cycle.standardHoursPer100Units =
        study.unitsPerCycle > 0 ? cycle.standardSeconds / study.unitsPerCycle * 100 / 3600 : kNaN;

    std::size_t everyCycleSteps = 0;
    std::vector<bool> expectedEachCycle(steps.size());
    for (std::size_t i = 0; i < steps.size(); ++i) {
        expectedEachCycle[i] = steps[i].kind != ElementKind::Occasional;
        everyCycleSteps += expectedEachCycle[i] ? 1 : 0;
    }
    for (const auto& [cycleId, covered] : stepsInCycle) {
        std::size_t expected = 0;
        for (std::size_t i : covered)
            expected += expectedEachCycle[i] ? 1 : 0;
        if (everyCycleSteps > 0 && expected == everyCycleSteps)
            ++cycle.completeCycles;
    }
    return summary;
}

} // namespace gemba::study
