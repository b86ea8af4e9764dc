// A saved control chart (issue 7 §1: "A chart is a saved object of the project"): what it
// charts, how, and what the analyst decided about its points. Stored as JSON text in the
// `analyses` table under kind "control-chart" (see migrations.cpp); Project::addChart & co.
#pragma once

#include "error.h"
#include "stats/controlchart.h"
#include "study/model.h"

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace gemba::store {

inline constexpr std::string_view kChartKind = "control-chart";   // analyses.kind
inline constexpr int kChartSpecVersion = 1;                         // the JSON's "version"

// A point key names a point for good, whatever is added, removed or reordered around it:
//  - study sources: the id of the point's observation (step durations), the cycle id (cycle
//    totals), the first observation id of a subgroup (subgroups of a step);
//  - data sets: the 0-based row number (a data set never changes after its import).
using PointKey = std::int64_t;

enum class ChartSourceKind {
    StepDurations,   // "step-durations": one step's durations (individuals in capture order)
    CycleTotal,      // "cycle-total": the sum of each complete cycle
    DataSetColumn,   // "dataset-column": a column of an imported data set
};

enum class SubgroupBy {
    None,         // "none": individuals
    CycleRange,   // "cycle-range": consecutive cycles, subgroupSize of them per subgroup
    Study,        // "study": one subgroup per study
    Day,          // "day": by the calendar day of the observation (local time)
    Shift,        // "shift": by shift; shifts start at shiftStartMinutes
    Column,       // "column": a data set's rows with the same value of subgroupColumn
};

std::string_view toString(ChartSourceKind kind);
std::optional<ChartSourceKind> chartSourceKindFromString(std::string_view text);
std::string_view toString(SubgroupBy by);
std::optional<SubgroupBy> subgroupByFromString(std::string_view text);

struct ChartSource {
    ChartSourceKind kind = ChartSourceKind::StepDurations;
    // Study sources: one study, or several of one process (a baseline and a later one: each
    // study a stage, in this order).
    std::vector<study::Id> studyIds;
    study::Id stepId = 0;      // StepDurations (and subgroups of a step); 0 = none
    study::Id dataSetId = 0;   // DataSetColumn; 0 = none
    std::string valueColumn;   // DataSetColumn: the values, or the counts of an attribute chart
    std::string sizeColumn;    // DataSetColumn, attribute charts: the sample sizes ("" = none)
    SubgroupBy subgroupBy = SubgroupBy::None;
    int subgroupSize = 0;                  // CycleRange: cycles per subgroup
    std::string subgroupColumn;            // Column: the column whose equal values group rows
    std::vector<int> shiftStartMinutes;    // Shift: minutes after midnight each shift starts

    bool operator==(const ChartSource&) const = default;
};

// "Lock limits": the phase I limits kept, so later points are judged against them (phase II).
struct LockedLimits {
    double center = 0;
    double sigma = 0;
    std::int64_t pointCount = 0;   // how many points they were computed from
    // The last point of phase I, when the view records it (ui ChartSettings::LockedLimits):
    // points after it are phase II until the next stage start.
    std::optional<PointKey> lastPhaseOnePoint;

    bool operator==(const LockedLimits&) const = default;
};

struct SpecLimits {
    std::optional<double> lsl;
    std::optional<double> usl;
    std::optional<double> target;

    bool operator==(const SpecLimits&) const = default;
};

// The record a review asks for at a signal: what caused it and what was done.
struct SignalNote {
    PointKey pointKey = 0;
    std::string assignableCause;
    std::string actionTaken;
    std::int64_t wallUs = 0;   // when it was written (Unix epoch)

    bool operator==(const SignalNote&) const = default;
};

struct ChartSpec {
    study::Id id = 0;                        // the analyses row; 0 = not stored yet
    std::optional<study::Id> processId;      // study sources: the process; data sets: none
    std::string title;
    ChartSource source;
    stats::ChartType type = stats::ChartType::IMR;
    std::string rules = "western-electric";  // stats::RuleSet::parse text
    std::string sigmaMethod;                 // stats::sigmaMethodName; "" = the type's default
    double nsigmas = 3;                      // k: width of the limits in sigmas
    std::set<PointKey> exclusions;           // left out of the estimates, still plotted
    std::set<PointKey> stageStarts;          // a new stage (phase) begins at each of these
    std::optional<LockedLimits> lockedLimits;
    SpecLimits specLimits;
    std::vector<SignalNote> notes;

    bool operator==(const ChartSpec&) const = default;
};

// JSON text of every field, with "version": kChartSpecVersion. Numbers keep every bit (the
// JSON library writes the shortest text that reads back as the same double).
std::string toJson(const ChartSpec& spec);
// The spec from toJson's text. A ParseError names what is wrong and where: "chart spec:
// 'type': 'pie' is not a chart type", "chart spec: not JSON (syntax error at byte 12 ...)",
// "chart spec: version 2 is newer than this program reads (1)"; the rule set and the σ method
// are checked with stats::RuleSet::parse and stats::parseSigmaMethod.
Expected<ChartSpec> chartSpecFromJson(std::string_view json);

} // namespace gemba::store
