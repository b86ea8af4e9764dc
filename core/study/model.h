// The time-study model: processes, their steps, studies, cycles and observations.
#pragma once

#include "study/rating.h"   // the plausible rating range, used wherever a rating is entered
#include "study/allowances.h"
#include "study/standardtime.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace gemba::study {

using Id = std::int64_t;   // SQLite rowid; 0 = not stored yet

enum class StepType { Manual, Machine, Walk };
enum class ValueClass { ValueAdding, NecessaryNonValueAdding, Waste };
// The classic wastes (muda) plus unused talent; None unless the step is classed as waste.
enum class WasteKind { None, Overproduction, Waiting, Transport, OverProcessing, Inventory, Motion, Defects, UnusedTalent };
// How the observer rates pace: not at all (100 % assumed) or a percentage per observation.
enum class RatingMethod { None, PaceRating };
// How often an element occurs (Kanawaty, ILO "Introduction to Work Study", 4th ed., ch. 19,
// "types of element"): every cycle; now and then (once every N cycles or N units, like a reel
// change); or machine-controlled, its time set by the machine (not rated, no fatigue allowance).
enum class ElementKind { Cyclic, Occasional, MachineControlled };
// What an occasional element's "every N" counts.
enum class FrequencyBasis { Cycles, Units };
// The time a study selects per element from its readings: the mean (ILO's usual choice) or the
// median (robust to the odd long reading some practitioners prefer).
enum class SelectedTimeRule { Mean, Median };

// Stable text names, used in the project file and in CSV files ("manual", "value-adding", ...).
std::string_view toString(StepType v);
std::string_view toString(ValueClass v);
std::string_view toString(WasteKind v);
std::string_view toString(RatingMethod v);
std::string_view toString(AllowanceBasis v);   // "normal", "work"
std::string_view toString(ElementKind v);      // "cyclic", "occasional", "machine"
std::string_view toString(FrequencyBasis v);   // "cycles", "units"
std::string_view toString(SelectedTimeRule v); // "mean", "median"
std::optional<StepType> stepTypeFromString(std::string_view s);
std::optional<ValueClass> valueClassFromString(std::string_view s);
std::optional<WasteKind> wasteKindFromString(std::string_view s);
std::optional<RatingMethod> ratingMethodFromString(std::string_view s);
std::optional<AllowanceBasis> allowanceBasisFromString(std::string_view s);
std::optional<ElementKind> elementKindFromString(std::string_view s);
std::optional<FrequencyBasis> frequencyBasisFromString(std::string_view s);
std::optional<SelectedTimeRule> selectedTimeRuleFromString(std::string_view s);

struct Process {
    Id id = 0;
    std::string name;
    std::string description;
};

// One step (element) of a process, in its order.
struct Step {
    Id id = 0;
    Id processId = 0;
    int position = 0;   // 0-based order within the process
    std::string name;
    std::string description;
    StepType type = StepType::Manual;
    ValueClass valueClass = ValueClass::ValueAdding;
    WasteKind wasteKind = WasteKind::None;
    ElementKind kind = ElementKind::Cyclic;
    double every = 1;                            // occasional: occurs once every `every` cycles or units
    FrequencyBasis everyBasis = FrequencyBasis::Cycles;
    Id insideStepId = 0;                         // internal work: the machine-controlled step this
                                                 // manual step runs inside (0 = external work)
    std::optional<Allowances> allowances;        // this step's own categories (overrides the study's)
};

struct Study {
    Id id = 0;
    Id processId = 0;
    std::string date;       // ISO 8601 date, e.g. "2026-11-23"
    std::string observer;
    std::string location;
    std::string shift;
    std::string notes;
    RatingMethod ratingMethod = RatingMethod::PaceRating;
    AllowanceBasis allowanceBasis = AllowanceBasis::NormalTime;
    double allowancePercent = 0;                // PF&D not split by category (files before format 4);
                                                // added to the categories below for every element
    Allowances allowances;                      // the study's allowance categories
    std::map<StepType, Allowances> typeAllowances;   // per step type, override the study's
    SelectedTimeRule selectedTime = SelectedTimeRule::Mean;
    double unitsPerCycle = 1;                   // units (pieces) one cycle makes: pieces per hour,
                                                // and occasional elements counted per N units
    std::string operatorName;                   // who was timed
    std::string conditions;                     // working conditions, for the study sheet
    std::int64_t startedWallUs = 0;             // Unix epoch, microseconds
    std::optional<std::int64_t> endedWallUs;    // set when the study is ended
};

struct Cycle {
    Id id = 0;
    Id studyId = 0;
    int number = 0;   // 1-based, as the observer counts them
};

// One timed element. Times are integer microseconds: startUs/endUs on the monotonic clock
// that keeps counting through suspend (CLOCK_BOOTTIME); wallStartUs on the Unix epoch.
// durationUs is the element's own time: end - start less pauses and foreign elements inside it.
struct Observation {
    Id id = 0;
    Id studyId = 0;
    Id cycleId = 0;
    Id stepId = 0;                    // the step this time belongs to (for a foreign element:
                                      // the step it interrupted)
    std::int64_t startUs = 0;
    std::int64_t endUs = 0;
    std::int64_t wallStartUs = 0;
    std::int64_t durationUs = 0;
    std::optional<double> ratingPercent;   // performance rating; nullopt = not rated (100 %)
    bool foreignElement = false;      // a foreign element, timed separately from its step
    bool abnormal = false;
    bool excluded = false;
    std::string excludedReason;
    bool spansSuspend = false;        // the laptop slept during this element
    std::int64_t pausedUs = 0;        // the stopwatch was paused for this long inside the element
    std::string note;

    double seconds() const { return static_cast<double>(durationUs) / 1e6; }
};

} // namespace gemba::study
