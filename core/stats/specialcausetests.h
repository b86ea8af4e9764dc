// The special-cause tests (Nelson 1984, Minitab numbering 1-8) and the rule sets that pick them.
#pragma once

#include "error.h"

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace gemba::stats {

inline constexpr int kTestCount = 8;

// Which tests run, and the K of each (Minitab's "editable K").
//   1: one point beyond the control limits (K is shown as the chart's sigma width; see below)
//   2: K points in a row on one side of the center line                 (Nelson K = 9)
//   3: K points in a row, all increasing or all decreasing              (K = 6)
//   4: K points in a row, alternating up and down                       (K = 14)
//   5: K out of K+1 points more than 2σ from the center, same side      (K = 2)
//   6: K out of K+1 points more than 1σ from the center, same side      (K = 4)
//   7: K points in a row within 1σ of the center line, either side      (K = 15)
//   8: K points in a row more than 1σ from the center, points on both sides (K = 8)
struct RuleSet {
    std::string name;                   // "nelson", "western-electric", "custom", "none"
    std::array<bool, kTestCount> enabled{};
    std::array<int, kTestCount> k{};    // K per test; test 1 ignores its K (the limits decide)

    bool isEnabled(int test) const { return enabled[static_cast<std::size_t>(test - 1)]; }
    int kOf(int test) const { return k[static_cast<std::size_t>(test - 1)]; }

    // The enabled tests in order, e.g. {1, 2, 5, 6}.
    std::vector<int> enabledTests() const;
    // The same set with every test after `lastTest` turned off (K kept); see below for why.
    RuleSet upTo(int lastTest) const;

    static std::array<int, kTestCount> classicK() { return {3, 9, 6, 14, 2, 4, 15, 8}; }
    // All eight tests with the classic K.
    static RuleSet nelson();
    // Tests 1, 5, 6 and 2 with K = 8: the Western Electric Handbook's four rules.
    static RuleSet westernElectric();
    static RuleSet none();
    // "nelson", "western-electric" (or "we"), "none", or a list like "1,2,5" or "1,2:8,7"
    // (test:K). Unknown tests, repeated tests and K out of range are InvalidArgument errors.
    static Expected<RuleSet> parse(std::string_view spec);
};

// Which tests apply to which chart (Minitab's convention, "Tests for special causes" in the
// help of each chart): tests 5-8, and the zones of 1σ and 2σ behind them, assume a statistic
// that is symmetric and normal about its center line. The X̄ and I charts plot such a
// statistic and run the whole chosen set. Ranges, moving ranges, standard deviations and
// counts are skewed, so R, S, MR, p, np, c and u charts run only the chosen set's tests 1-4
// (Minitab: "only tests 1-4 are available for R, S, and moving range charts", and the same
// for attribute charts); on in-control normal data the default set would otherwise flag
// about 5 % of MR points against 1.6 % of I points. The MR chart runs only test 1 unless
// asked for more: successive moving ranges share a value and are correlated, so runs on them
// mislead (D. J. Wheeler, "Understanding Statistical Process Control"). A caller may ask
// for more tests on the MR chart (ChartOptions::movingRangeRules); they stay capped to 1-4.
// The sets themselves are picked in controlchart.cpp; each ControlChart reports its own.
inline constexpr int kLastTestForSkewedCharts = 4;
inline constexpr int kLastTestForMovingRangeByDefault = 1;

// One point as the tests see it. `sd` is σ of the plotted statistic at that point: zones are
// center ± 1σ and ± 2σ in those units whatever the width of the control limits.
struct TestInput {
    std::span<const double> values;
    // Each of these has either one entry (the same for every point) or one per point.
    std::span<const double> center;
    std::span<const double> sd;
    std::span<const double> lcl;
    std::span<const double> ucl;
};

// Runs the enabled tests over all points in order (phase I and II together) and returns, for
// each point, a bit mask: bit (t-1) is set when test t flags the point.
// Conventions, as Minitab documents them and qcc implements them:
//  - zones come from each point's own center and σ (z-scores), as Minitab does; qcc instead
//    compares a whole window with the zones of its last point, so where limits vary,
//    tests 5 and 6 may differ from qcc;
//  - a point exactly on the center line is on neither side and breaks a run (test 2);
//  - a point exactly on a limit or a zone boundary is not beyond it (tests 1, 5, 6, 8) and
//    counts as within it (test 7); equal neighbours break tests 3 and 4;
//  - a run test (2, 3, 4, 7) flags its K-th point and every later point of the same run;
//  - a window test (5, 6, 8) flags the last point of a qualifying window; for 5 and 6 that
//    point must itself be beyond the zone, on the same side;
//  - a NaN value breaks every run and is never flagged.
std::vector<std::uint16_t> runSpecialCauseTests(const TestInput& input, const RuleSet& rules);

// Short description of a test with its K, e.g. "9 points in a row on one side of the center line".
std::string describeTest(int test, int k);

} // namespace gemba::stats
