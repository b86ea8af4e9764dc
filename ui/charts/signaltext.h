// The words for what a control chart shows, shared by the side list, the tooltips and the line
// under the chart: which tests a point failed, the rule set, the σ method and k.
#pragma once

#include "stats/controlchart.h"

#include <QString>
#include <QStringList>

#include <cstdint>

namespace gemba::ui::signaltext {

// The lowest test set in `mask` (bit t-1 = test t), or 0 when none.
int lowestTest(std::uint16_t mask);
// One line per failed test, in order: "Test 6: 4 out of 5 points more than 1 sigma from the
// center line (same side)", in core's words (stats::describeTest) with the rule set's K.
QStringList failedTests(std::uint16_t mask, const stats::RuleSet& rules);
// "Tests 1–8 (Nelson)", "Tests 1, 2, 5, 6 (Western Electric)", "No tests".
QString testsUsed(const stats::RuleSet& rules);
QString ruleSetName(const std::string& name);   // "Nelson", "Western Electric", "custom", "none"
// "σ by average moving range (MR̄/d2)"
QString sigmaMethod(stats::SigmaMethod method);
// The line under the chart: "Tests 1–8 (Nelson), σ by average moving range (MR̄/d2), k = 3".
QString usedLine(const stats::ChartAnalysis& analysis);
// The chart's name for a panel title: "Individuals (I)", "Moving range (MR)", ...
QString chartTitle(const std::string& name);

} // namespace gemba::ui::signaltext
