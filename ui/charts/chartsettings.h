// What one control chart of a study is made of, as the control chart view edits it: its
// source, type and options, and the user's decisions on its points (exclusions, stage starts,
// locked limits, signal notes). Points are named by a stable key (the observation id for a
// step's individuals, the cycle id for the cycle total, the first cycle's id for a subgroup),
// never by their position, so a note stays on its point when observations come and go.
#pragma once

#include "stats/controlchart.h"
#include "study/model.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace gemba::ui {

using PointKey = std::int64_t;

// An assignable cause found for a point and the action taken (issue 7 §2: the record a
// review asks for).
struct SignalNote {
    std::string cause;
    std::string action;
    bool operator==(const SignalNote&) const = default;
};

// "Lock limits" (phase II of a control plan): the last point of phase I, and the center and σ
// core estimated from phase I (the stage's points up to that one), kept as numbers so that
// later edits cannot move them. Points after it are judged against these limits (core:
// ChartOptions::knownCenter/knownSigma, phase 2 flags) until a new stage starts. Without the
// numbers, core estimates them from phase I at each computation (PointFlags::phase).
struct LockedLimits {
    PointKey lastPhaseOnePoint = 0;
    std::optional<double> center;
    std::optional<double> sigma;
    bool operator==(const LockedLimits&) const = default;
};

struct ChartSettings {
    study::Id studyId = 0;
    study::Id stepId = 0;   // 0: the cycle total
    stats::ChartType type = stats::ChartType::IMR;
    std::string rules = "western-electric";        // a stats::RuleSet::parse spec
    std::optional<stats::SigmaMethod> sigmaMethod; // default: stats::defaultSigmaMethod(type)
    double k = 3;
    int subgroupSize = 5;   // X̄ charts: consecutive cycles per subgroup

    std::vector<PointKey> excluded;      // sorted
    std::vector<PointKey> stageStarts;   // sorted; a stage starts at each (the first stage is implicit)
    std::optional<LockedLimits> locked;
    std::map<PointKey, SignalNote> notes;

    bool operator==(const ChartSettings&) const = default;

    bool isExcluded(PointKey key) const;
    bool startsStage(PointKey key) const;
    // A text naming everything the computed chart depends on (not the notes): the cache key.
    std::string computationKey() const;
};

} // namespace gemba::ui
