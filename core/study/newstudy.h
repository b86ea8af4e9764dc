// The details a new study starts with, decided in one place for every way a study begins.
#pragma once

#include "study/model.h"

#include <span>
#include <string>

namespace gemba::study {

// A common PF&D allowance (personal, fatigue and delay) when a process has no study yet; the
// ILO's Introduction to Work Study gives 10-20 % for light bench work. Ctrl+D edits it.
inline constexpr double kDefaultAllowancePercent = 15;

// A new study of `processId`, begun on `date` (ISO 8601) by `observer` (who uses the program
// now). Timing and import both start here, so a study never depends on how it began.
// - The study conventions (rating method, allowance basis and percentage) come from the
//   process's latest study in `earlier` (the last element), so the figures of successive studies
//   compare; with no earlier study: pace rating, allowance of normal time,
//   kDefaultAllowancePercent.
// - Who observed, where, on which shift and the notes belong to one study: they start empty
//   (the observer is `observer`) and are never copied from an earlier study.
// The start time is left 0 (the first lap or the import sets it); the study is open (no end).
Study newStudy(Id processId, std::span<const Study> earlier, std::string observer, std::string date);

} // namespace gemba::study
