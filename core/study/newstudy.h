// The details a new study starts with, decided in one place for every way a study begins.
#pragma once

#include "study/model.h"

#include <span>
#include <string>

namespace gemba::study {

// A common PF&D allowance (personal, fatigue and delay) when a process has no study yet; the
// ILO's Introduction to Work Study gives 10-20 % for light bench work. A new study gets it split
// by category (kDefaultAllowances); Ctrl+D edits them.
inline constexpr double kDefaultAllowancePercent = 15;
// The same 15 % by category (Kanawaty, ILO "Introduction to Work Study", 4th ed., ch. 23 and its
// table of relaxation allowances): the fixed allowances, personal needs 5 % and basic fatigue
// 4 %; variable fatigue 2 % (standing work); contingency 4 % (the ILO keeps it under 5 %).
inline constexpr Allowances kDefaultAllowances{.personal = 5, .basicFatigue = 4, .variableFatigue = 2, .delay = 4};
static_assert(kDefaultAllowances.personal + kDefaultAllowances.basicFatigue + kDefaultAllowances.variableFatigue +
                  kDefaultAllowances.delay ==
              kDefaultAllowancePercent);

// A new study of `processId`, begun on `date` (ISO 8601) by `observer` (who uses the program
// now). Timing and import both start here, so a study never depends on how it began.
// - The study conventions (rating method, allowance basis, categories and per-type overrides,
//   the PF&D not split by category, the selected-time rule, units per cycle) come from the
//   process's latest study in `earlier` (the last element), so the figures of successive studies
//   compare; with no earlier study: pace rating, allowance of normal time, kDefaultAllowances
//   by category, the mean.
// - Who observed, where, on which shift and the notes belong to one study: they start empty
//   (the observer is `observer`) and are never copied from an earlier study.
// The start time is left 0 (the first lap or the import sets it); the study is open (no end).
Study newStudy(Id processId, std::span<const Study> earlier, std::string observer, std::string date);

} // namespace gemba::study
