// The stopwatch of a time study: continuous timing of a process's steps, cycle after cycle.
#include "study/stopwatchsession.h"

#include "study/rating.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <utility>

namespace gemba::study {

namespace {

Error stateError(const char* what, const char* why)
{
    return makeError(ErrorCode::InvalidArgument, std::string(what) + ": " + why);
}

// A rating as typed: "110", or "112.5" when it has a fraction.
std::string formatRating(double percent)
{
    char text[32];
    std::snprintf(text, sizeof text, "%.1f", percent);
    std::string out(text);
    if (out.size() > 2 && out.compare(out.size() - 2, 2, ".0") == 0)
        out.resize(out.size() - 2);
    return out;
}

} // namespace

StopwatchSession::StopwatchSession(Study study, std::vector<Step> steps, LapSink& sink)
    : m_study(std::move(study)), m_steps(std::move(steps)), m_sink(&sink)
{
    m_allOccasional = !m_steps.empty() &&
                      std::all_of(m_steps.begin(), m_steps.end(),
                                  [](const Step& st) { return st.kind == ElementKind::Occasional; });
}

bool StopwatchSession::inLapOrder(std::size_t stepIndex) const
{
    return stepIndex < m_steps.size() &&
           (m_allOccasional || m_steps[stepIndex].kind != ElementKind::Occasional);
}

std::size_t StopwatchSession::firstInLapOrder() const
{
    for (std::size_t i = 0; i < m_steps.size(); ++i)
        if (inLapOrder(i))
            return i;
    return 0;   // no steps at all (checkEvent refuses every event then)
}

std::vector<std::size_t> StopwatchSession::occasionalSteps() const
{
    std::vector<std::size_t> out;
    if (m_allOccasional)
        return out;
    for (std::size_t i = 0; i < m_steps.size(); ++i)
        if (m_steps[i].kind == ElementKind::Occasional)
            out.push_back(i);
    return out;
}

bool StopwatchSession::isOccasionalStep(Id stepId) const
{
    return std::any_of(m_steps.begin(), m_steps.end(), [&](const Step& st) {
        return st.id == stepId && st.kind == ElementKind::Occasional;
    });
}

StopwatchSession::Element& StopwatchSession::activeElement()
{
    if (m_foreign)
        return *m_foreign;
    if (m_occasional)
        return *m_occasional;
    return m_element;
}

const StopwatchSession::Element& StopwatchSession::activeElement() const
{
    if (m_foreign)
        return *m_foreign;
    if (m_occasional)
        return *m_occasional;
    return m_element;
}

// The checks every timed event shares. Readings that go backwards would give negative times:
// they mean the caller reordered events, which must not be papered over.
Expected<bool> StopwatchSession::checkEvent(const ClockReading& at, const char* what) const
{
    if (ended())
        return stateError(what, "the study has ended");
    if (m_steps.empty())
        return stateError(what, "the process has no steps to time");
    if (at.bootUs < m_lastEvent.bootUs || at.monotonicUs < m_lastEvent.monotonicUs)
        return stateError(what, "the clock reading is earlier than the previous event");
    return true;
}

// Makes m_cycles[index] exist, adding it to the sink unless an undo left it there already.
Expected<bool> StopwatchSession::ensureCycle(std::size_t index)
{
    if (index < m_cycles.size())
        return true;
    Cycle cycle;
    cycle.studyId = m_study.id;
    cycle.number = static_cast<int>(index) + 1;
    const auto added = m_sink->addCycle(cycle);
    if (!added)
        return added.error();
    m_cycles.push_back(cycle);
    return true;
}

Expected<StopwatchSession::Position> StopwatchSession::nextPosition()
{
    // After the last step in the lap order the next cycle starts; its cycle row must exist
    // before anything refers to it.
    Position next{m_current + 1, m_cycleIndex};
    while (next.step < m_steps.size() && !inLapOrder(next.step))
        ++next.step;
    if (next.step == m_steps.size()) {
        next.step = firstInLapOrder();
        ++next.cycleIndex;
        if (const auto ok = ensureCycle(next.cycleIndex); !ok)
            return ok.error();
    }
    return next;
}

Observation StopwatchSession::makeObservation(const Element& e, const ClockReading& at, bool foreign,
                                              std::size_t stepIndex) const
{
    Observation obs;
    obs.studyId = m_study.id;
    obs.cycleId = m_cycles[m_cycleIndex].id;
    obs.stepId = m_steps[stepIndex].id;
    obs.startUs = e.start.bootUs;
    obs.endUs = at.bootUs;
    obs.wallStartUs = e.start.wallUs;
    obs.durationUs = at.bootUs - e.start.bootUs - e.excludedBootUs;
    obs.pausedUs = e.pausedBootUs;
    // Suspend inside the counted time only: a laptop closed during a pause does not make the
    // element's time doubtful, since the pause is not counted anyway.
    const std::int64_t countedMonotonicUs = at.monotonicUs - e.start.monotonicUs - e.excludedMonotonicUs;
    obs.spansSuspend = obs.durationUs - countedMonotonicUs > kSuspendThresholdUs;
    if (obs.spansSuspend && !foreign) {
        obs.excluded = true;
        obs.excludedReason = kSuspendReason;
    }
    obs.ratingPercent = e.rating;
    obs.foreignElement = foreign;
    obs.note = e.note;
    return obs;
}

Expected<LapResult> StopwatchSession::lap(const ClockReading& at)
{
    if (const auto ok = checkEvent(at, "lap"); !ok)
        return ok.error();
    if (paused())
        return stateError("lap", "the clock is paused; resume it first");
    if (inForeign())
        return stateError("lap", "a foreign element is being timed; end it first");
    if (inOccasional())
        return stateError("lap", "an occasional element is being timed; end it first");

    if (m_state == SessionState::Ready) {
        Study study = m_study;
        if (study.startedWallUs == 0) {
            study.startedWallUs = at.wallUs;
            if (const auto updated = m_sink->updateStudy(study); !updated)
                return updated.error();
        }
        // Should the cycle fail, the store keeps this press as the start until the retry,
        // which stores its own.
        if (const auto ok = ensureCycle(0); !ok)
            return ok.error();
        m_study = std::move(study);
        m_state = SessionState::Running;
        m_current = firstInLapOrder();
        m_cycleIndex = 0;
        m_element = Element{at, 0, 0, 0, {}, {}};
        m_lastEvent = at;
        LapResult result;
        result.cycleNumber = cycleNumber();
        result.currentStep = m_current;
        result.cycleStarted = true;
        return result;
    }

    Observation obs = makeObservation(m_element, at, false, m_current);
    // The cycle before the observation: a cycle left empty by a failed lap is harmless and
    // reused, while an observation whose lap was refused would have to be taken back.
    const auto next = nextPosition();
    if (!next)
        return next.error();
    const auto [nextStep, nextCycle] = *next;
    if (const auto added = m_sink->addObservation(obs); !added)
        return added.error();

    m_laps.push_back(LapRecord{obs.id, m_current, m_cycleIndex, m_element});
    m_observations.push_back(obs);
    LapResult result;
    result.observation = obs;
    result.observationCycle = cycleNumber();
    result.cycleStarted = nextCycle != m_cycleIndex;
    m_current = nextStep;
    m_cycleIndex = nextCycle;
    m_element = Element{at, 0, 0, 0, {}, {}};
    m_lastEvent = at;
    result.cycleNumber = cycleNumber();
    result.currentStep = m_current;
    return result;
}

Expected<bool> StopwatchSession::pause(const ClockReading& at)
{
    if (const auto ok = checkEvent(at, "pause"); !ok)
        return ok.error();
    if (!running())
        return stateError("pause", paused() ? "the clock is already paused" : "the clock has not started");
    m_pausedAt = at;
    m_state = SessionState::Paused;
    m_lastEvent = at;
    return true;
}

Expected<bool> StopwatchSession::resume(const ClockReading& at)
{
    if (const auto ok = checkEvent(at, "resume"); !ok)
        return ok.error();
    if (!paused())
        return stateError("resume", "the clock is not paused");
    Element& e = activeElement();
    e.excludedBootUs += at.bootUs - m_pausedAt.bootUs;
    e.excludedMonotonicUs += at.monotonicUs - m_pausedAt.monotonicUs;
    e.pausedBootUs += at.bootUs - m_pausedAt.bootUs;
    m_state = SessionState::Running;
    m_lastEvent = at;
    return true;
}

Expected<LapResult> StopwatchSession::skip(const ClockReading& at)
{
    if (const auto ok = checkEvent(at, "skip"); !ok)
        return ok.error();
    if (!started())
        return stateError("skip", "the clock has not started");
    if (inForeign())
        return stateError("skip", "a foreign element is being timed; end it first");
    if (inOccasional())
        return stateError("skip", "an occasional element is being timed; end it first");

    const auto next = nextPosition();
    if (!next)
        return next.error();
    const auto [nextStep, nextCycle] = *next;
    LapResult result;
    result.cycleStarted = nextCycle != m_cycleIndex;
    m_current = nextStep;
    m_cycleIndex = nextCycle;
    m_lastEvent = at;
    result.cycleNumber = cycleNumber();
    result.currentStep = m_current;
    return result;
}

Expected<ForeignToggle> StopwatchSession::toggleForeign(const ClockReading& at)
{
    if (const auto ok = checkEvent(at, "foreign element"); !ok)
        return ok.error();
    if (!started())
        return stateError("foreign element", "the clock has not started");
    if (paused())
        return stateError("foreign element", "the clock is paused; resume it first");
    if (inOccasional())
        return stateError("foreign element", "an occasional element is being timed; end it first");

    ForeignToggle result;
    if (!m_foreign) {
        m_foreign = Element{at, 0, 0, 0, {}, {}};
        m_lastEvent = at;
        result.started = true;
        return result;
    }

    Observation obs = makeObservation(*m_foreign, at, true, m_current);
    if (const auto added = m_sink->addObservation(obs); !added)
        return added.error();
    // The whole span leaves the step, pauses inside the foreign element included: those were
    // already kept out of the foreign element, and they are no part of the step either.
    m_element.excludedBootUs += at.bootUs - m_foreign->start.bootUs;
    m_element.excludedMonotonicUs += at.monotonicUs - m_foreign->start.monotonicUs;
    m_foreign.reset();
    m_observations.push_back(obs);
    m_lastEvent = at;
    result.observation = std::move(obs);
    return result;
}

Expected<bool> StopwatchSession::startOccasional(Id stepId, const ClockReading& at)
{
    if (const auto ok = checkEvent(at, "occasional element"); !ok)
        return ok.error();
    if (!started())
        return stateError("occasional element", "the clock has not started");
    if (paused())
        return stateError("occasional element", "the clock is paused; resume it first");
    if (inForeign())
        return stateError("occasional element", "a foreign element is being timed; end it first");
    if (inOccasional())
        return stateError("occasional element", "an occasional element is already being timed; end it first");
    const auto it = std::find_if(m_steps.begin(), m_steps.end(), [&](const Step& st) { return st.id == stepId; });
    if (it == m_steps.end())
        return stateError("occasional element", "no such step in the process");
    if (it->kind != ElementKind::Occasional)
        return stateError("occasional element", "the step is not an occasional element");
    m_occasional = Element{at, 0, 0, 0, {}, {}};
    m_occasionalStep = static_cast<std::size_t>(it - m_steps.begin());
    m_lastEvent = at;
    return true;
}

Expected<Observation> StopwatchSession::endOccasional(const ClockReading& at)
{
    if (const auto ok = checkEvent(at, "end occasional element"); !ok)
        return ok.error();
    if (!inOccasional())
        return stateError("end occasional element", "no occasional element is being timed");
    if (paused())
        return stateError("end occasional element", "the clock is paused; resume it first");

    // Not foreign: it is a reading of its own step, and it enters that step's figures.
    Observation obs = makeObservation(*m_occasional, at, false, m_occasionalStep);
    if (const auto added = m_sink->addObservation(obs); !added)
        return added.error();
    // The whole span leaves the interrupted step, as a foreign element's does.
    m_element.excludedBootUs += at.bootUs - m_occasional->start.bootUs;
    m_element.excludedMonotonicUs += at.monotonicUs - m_occasional->start.monotonicUs;
    m_occasional.reset();
    m_observations.push_back(obs);
    m_lastEvent = at;
    return obs;
}

Expected<Observation> StopwatchSession::markAbnormal(bool abnormal)
{
    const auto it = std::find_if(m_observations.rbegin(), m_observations.rend(),
                                 [](const Observation& o) { return !o.foreignElement; });
    if (it == m_observations.rend())
        return stateError("mark abnormal", "no step has been timed yet");
    Observation changed = *it;
    changed.abnormal = abnormal;
    if (const auto updated = m_sink->updateObservation(changed); !updated)
        return updated.error();
    *it = changed;
    return changed;
}

Expected<UndoResult> StopwatchSession::undoLastLap()
{
    if (ended())
        return stateError("undo lap", "the study has ended");
    if (m_laps.empty())
        return stateError("undo lap", "there is no lap to undo");

    const LapRecord& record = m_laps.back();
    const auto removedIt = std::find_if(m_observations.begin(), m_observations.end(),
                                        [&](const Observation& o) { return o.id == record.observationId; });
    if (removedIt == m_observations.end())   // cannot happen: every record has its observation
        return stateError("undo lap", "the lap's observation is missing");
    const auto removedIndex = static_cast<std::size_t>(removedIt - m_observations.begin());

    // Foreign and occasional elements recorded since that lap interrupted what is now the
    // restored step again. The removed observation is the latest lap's, so everything after it
    // is one or the other: a foreign element goes to the restored step, an occasional element
    // stays a reading of its own step but moves to the restored step's cycle.
    const Id stepId = m_steps[record.step].id;
    const Id cycleId = m_cycles[record.cycleIndex].id;
    std::vector<Observation> reattributed;
    for (std::size_t i = removedIndex + 1; i < m_observations.size(); ++i) {
        Observation o = m_observations[i];
        const Id newStep = o.foreignElement ? stepId : o.stepId;
        if (o.stepId == newStep && o.cycleId == cycleId)
            continue;
        o.stepId = newStep;
        o.cycleId = cycleId;
        reattributed.push_back(std::move(o));
    }
    // One atomic sink call: a failure leaves the store as the session still is.
    if (const auto undone = m_sink->undoLap(reattributed, record.observationId); !undone)
        return undone.error();

    UndoResult result;
    result.removed = *removedIt;
    for (const Observation& o : reattributed) {
        const auto target = std::find_if(m_observations.begin(), m_observations.end(),
                                         [&](const Observation& x) { return x.id == o.id; });
        *target = o;
    }
    m_observations.erase(m_observations.begin() + static_cast<std::ptrdiff_t>(removedIndex));

    // The restored step runs from its original start; everything kept out of the element since
    // the lap (which started at the lap's press) is kept out of it too.
    Element restored = record.element;
    restored.excludedBootUs += m_element.excludedBootUs;
    restored.excludedMonotonicUs += m_element.excludedMonotonicUs;
    restored.pausedBootUs += m_element.pausedBootUs;
    if (!m_element.note.empty())
        restored.note = restored.note.empty() ? m_element.note : restored.note + "; " + m_element.note;
    if (m_element.rating)
        restored.rating = m_element.rating;
    result.cycleReverted = record.cycleIndex != m_cycleIndex;
    m_element = std::move(restored);
    m_current = record.step;
    m_cycleIndex = record.cycleIndex;
    m_laps.pop_back();
    result.cycleNumber = cycleNumber();
    result.currentStep = m_current;
    return result;
}

Expected<bool> StopwatchSession::setNote(std::string text)
{
    if (!started() || ended())
        return stateError("note", "no element is being timed");
    activeElement().note = std::move(text);
    return true;
}

Expected<bool> StopwatchSession::setRating(std::optional<double> percent)
{
    if (!started() || ended())
        return stateError("rating", "no element is being timed");
    if (percent && !std::isfinite(*percent))
        return makeError(ErrorCode::NotFinite, "rating: the performance rating must be a number");
    if (percent && !isPlausibleRating(*percent))
        return makeError(ErrorCode::OutOfRange, "rating: " + formatRating(*percent) +
                                                    " % is outside the plausible range " +
                                                    formatRating(kMinRatingPercent) + "-" +
                                                    formatRating(kMaxRatingPercent) + " % (100 = normal pace)");
    activeElement().rating = percent;
    return true;
}

Expected<bool> StopwatchSession::end(const ClockReading& at)
{
    if (ended())
        return stateError("end study", "the study has already ended");
    if (at.bootUs < m_lastEvent.bootUs || at.monotonicUs < m_lastEvent.monotonicUs)
        return stateError("end study", "the clock reading is earlier than the previous event");
    Study study = m_study;
    study.endedWallUs = at.wallUs;
    if (const auto updated = m_sink->updateStudy(study); !updated)
        return updated.error();
    m_study = std::move(study);
    m_state = SessionState::Ended;
    m_foreign.reset();
    m_occasional.reset();
    m_element = Element{};
    m_lastEvent = at;
    return true;
}

std::size_t StopwatchSession::nextStepIndex() const
{
    for (std::size_t i = m_current + 1; i < m_steps.size(); ++i)
        if (inLapOrder(i))
            return i;
    return firstInLapOrder();
}

int StopwatchSession::cycleNumber() const
{
    if (m_cycles.empty())
        return 0;
    return m_cycles[m_cycleIndex].number;
}

std::int64_t StopwatchSession::elapsedInStepUs(const ClockReading& at) const
{
    if (m_state == SessionState::Ready || m_state == SessionState::Ended)
        return 0;
    std::int64_t until = at.bootUs;
    if (m_foreign)
        until = m_foreign->start.bootUs;
    else if (m_occasional)
        until = m_occasional->start.bootUs;
    else if (paused())
        until = m_pausedAt.bootUs;
    return std::max<std::int64_t>(0, until - m_element.start.bootUs - m_element.excludedBootUs);
}

std::int64_t StopwatchSession::elapsedInForeignUs(const ClockReading& at) const
{
    if (!m_foreign || ended())
        return 0;
    const std::int64_t until = paused() ? m_pausedAt.bootUs : at.bootUs;
    return std::max<std::int64_t>(0, until - m_foreign->start.bootUs - m_foreign->excludedBootUs);
}

std::int64_t StopwatchSession::elapsedInOccasionalUs(const ClockReading& at) const
{
    if (!m_occasional || ended())
        return 0;
    const std::int64_t until = paused() ? m_pausedAt.bootUs : at.bootUs;
    return std::max<std::int64_t>(0, until - m_occasional->start.bootUs - m_occasional->excludedBootUs);
}

std::int64_t StopwatchSession::elapsedInCycleUs(const ClockReading& at) const
{
    if (m_state == SessionState::Ready || m_state == SessionState::Ended)
        return 0;
    // Observations are in the order recorded, so this cycle's are at the back.
    const Id cycleId = m_cycles[m_cycleIndex].id;
    std::int64_t total = 0;
    for (auto it = m_observations.rbegin(); it != m_observations.rend(); ++it) {
        if (it->cycleId != cycleId)
            break;
        if (it->foreignElement || (!m_allOccasional && isOccasionalStep(it->stepId)))
            continue;
        total += it->durationUs;
    }
    return total + elapsedInStepUs(at);
}

const std::string& StopwatchSession::pendingNote() const
{
    return activeElement().note;
}

std::optional<double> StopwatchSession::pendingRating() const
{
    return activeElement().rating;
}

} // namespace gemba::study
