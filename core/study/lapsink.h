// Where the stopwatch puts what it times: the project file in the app, a list in tests.
#pragma once

#include "error.h"
#include "study/model.h"

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
};

} // namespace gemba::study
