// The JSON of `gemba chart`: rules, charts and every point.
#pragma once

#include "stats/chartinput.h"

#include <cstdio>
#include <string>

namespace gemba::cli {

// Writes {"chart", "file", "points", "skipped_rows", "nsigmas", "rules", ["mr_rules",] "charts": [...]}
// where "rules" is the set as chosen, "mr_rules" (imr only) the MR chart's own, and each chart
// has name, center, sigma, sigma_method, limits_vary, tests_run (the test numbers that ran on
// it) and points (label, phase, n, value, center, lcl, ucl, tests). Numbers are in shortest
// round-trip form.
void writeChartJson(std::FILE* out, const std::string& path, const stats::PreparedChart& prepared, double nsigmas,
                    std::size_t skippedRows);

} // namespace gemba::cli
