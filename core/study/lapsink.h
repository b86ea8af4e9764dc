// Where the stopwatch puts what it times: the project file in the app, a list in tests.
#pragma once

#include "error.h"
#include "study/model.h"

#include <span>

namespace gemba::study {

// Every call must be durable when it returns successfully (the store commits with
// synchronous=FULL): the stopwatch acknowledges a lap to the user only after that.
class LapSink {
public:
    virtual ~LapSink() = default;
    virtual Expected<Id> addCycle(Cycle& cycle) = 0;                 // sets cycle.id
    virtual Expected<Id> addObservation(Observation& obs) = 0;       // sets obs.id
    virtual Expected<bool> updateObservation(const Observation& obs) = 0;
    virtual Expected<bool> removeObservation(Id id) = 0;
    virtual Expected<bool> updateStudy(const Study& study) = 0;
    // Undoing a lap is one change: the observations in `reattributed` are updated (the foreign
    // elements timed since the lap go back to the restored step) and observation `removedId` is
    // removed. All or nothing: when it fails, nothing has changed (the store uses one
    // transaction), so the stopwatch never has to repair a half-applied undo.
    virtual Expected<bool> undoLap(std::span<const Observation> reattributed, Id removedId) = 0;
};

} // namespace gemba::study
