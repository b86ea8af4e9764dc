// The special-cause tests (Nelson 1984, Minitab numbering 1-8) and the rule sets that pick them.
// Sources: L. S. Nelson, "The Shewhart Control Chart - Tests for Special Causes", Journal of
// Quality Technology 16(4), 1984; Minitab "Methods and Formulas: Tests for special causes";
// Western Electric, "Statistical Quality Control Handbook", 1956.
#include "stats/specialcausetests.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <vector>

namespace gemba::stats {
namespace {

// Allowed K per test: wide enough for every published variant, narrow enough to stay meaningful.
constexpr std::array<int, kTestCount> kMinK = {1, 2, 3, 3, 1, 1, 2, 2};
constexpr std::array<int, kTestCount> kMaxK = {6, 100, 100, 100, 10, 10, 100, 100};

inline double at(std::span<const double> s, std::size_t i) { return s.size() == 1 ? s[0] : s[i]; }

inline void flag(std::vector<std::uint16_t>& out, std::size_t i, int test)
{
    out[i] = static_cast<std::uint16_t>(out[i] | (1u << (test - 1)));
}

} // namespace

RuleSet RuleSet::nelson()
{
    RuleSet r;
    r.name = "nelson";
    r.enabled.fill(true);
    r.k = classicK();
    return r;
}

RuleSet RuleSet::westernElectric()
{
    RuleSet r;
    r.name = "western-electric";
    r.k = classicK();
    r.k[1] = 8;
    for (int t : {1, 2, 5, 6})
        r.enabled[static_cast<std::size_t>(t - 1)] = true;
    return r;
}

RuleSet RuleSet::none()
{
    RuleSet r;
    r.name = "none";
    r.k = classicK();
    return r;
}

std::vector<int> RuleSet::enabledTests() const
{
    std::vector<int> out;
    for (int t = 1; t <= kTestCount; ++t)
        if (isEnabled(t))
            out.push_back(t);
    return out;
}

RuleSet RuleSet::upTo(int lastTest) const
{
    RuleSet r = *this;
    for (int t = std::max(lastTest, 0) + 1; t <= kTestCount; ++t)
        r.enabled[static_cast<std::size_t>(t - 1)] = false;
    return r;
}

Expected<RuleSet> RuleSet::parse(std::string_view spec)
{
    if (spec == "nelson")
        return nelson();
    if (spec == "western-electric" || spec == "we")
        return westernElectric();
    if (spec == "none")
        return none();

    RuleSet r;
    r.name = "custom";
    r.k = classicK();
    std::size_t pos = 0;
    while (pos <= spec.size()) {
        const std::size_t comma = std::min(spec.find(',', pos), spec.size());
        const std::string_view item = spec.substr(pos, comma - pos);
        const std::size_t colon = item.find(':');
        const std::string_view testText = item.substr(0, colon);
        int test = 0;
        auto [p, ec] = std::from_chars(testText.data(), testText.data() + testText.size(), test);
        if (item.empty() || ec != std::errc() || p != testText.data() + testText.size() || test < 1 ||
            test > kTestCount)
            return makeError(ErrorCode::InvalidArgument,
                             "'" + std::string(item) +
                                 "' is not a test: use nelson, western-electric, none, or test numbers 1-8 "
                                 "separated by commas, each optionally with :K (e.g. 1,2:8,5)");
        const auto idx = static_cast<std::size_t>(test - 1);
        if (r.enabled[idx])
            return makeError(ErrorCode::InvalidArgument, "test " + std::to_string(test) + " is listed twice");
        r.enabled[idx] = true;
        if (colon != std::string_view::npos) {
            const std::string_view kText = item.substr(colon + 1);
            int k = 0;
            auto [q, ec2] = std::from_chars(kText.data(), kText.data() + kText.size(), k);
            if (ec2 != std::errc() || q != kText.data() + kText.size() || k < kMinK[idx] || k > kMaxK[idx])
                return makeError(ErrorCode::InvalidArgument,
                                 "K for test " + std::to_string(test) + " must be a whole number from " +
                                     std::to_string(kMinK[idx]) + " to " + std::to_string(kMaxK[idx]));
            if (test == 1)
                return makeError(ErrorCode::InvalidArgument,
                                 "test 1 uses the control limits; set their width with --nsigmas instead of K");
            r.k[idx] = k;
        }
        pos = comma + 1;
    }
    return r;
}

std::vector<std::uint16_t> runSpecialCauseTests(const TestInput& in, const RuleSet& rules)
{
    const std::size_t n = in.values.size();
    std::vector<std::uint16_t> out(n, 0);
    if (n == 0)
        return out;
    const auto& v = in.values;

    // Test 1: strictly beyond a limit.
    if (rules.isEnabled(1))
        for (std::size_t i = 0; i < n; ++i)
            if (v[i] > at(in.ucl, i) || v[i] < at(in.lcl, i))
                flag(out, i, 1);

    // Test 2: K in a row on one side; a point on the center line (or NaN) breaks the run.
    if (rules.isEnabled(2)) {
        const auto k = static_cast<std::size_t>(rules.kOf(2));
        int side = 0;
        std::size_t run = 0;
        for (std::size_t i = 0; i < n; ++i) {
            const double c = at(in.center, i);
            const int s = v[i] > c ? 1 : (v[i] < c ? -1 : 0);
            run = (s != 0 && s == side) ? run + 1 : (s != 0 ? 1 : 0);
            side = s;
            if (run >= k)
                flag(out, i, 2);
        }
    }

    // Test 3: K points in a row steadily rising or falling, i.e. K-1 differences of one sign.
    if (rules.isEnabled(3)) {
        const auto k = static_cast<std::size_t>(rules.kOf(3));
        int dir = 0;
        std::size_t steps = 0;
        for (std::size_t i = 1; i < n; ++i) {
            const double d = v[i] - v[i - 1];
            const int s = d > 0 ? 1 : (d < 0 ? -1 : 0);
            steps = (s != 0 && s == dir) ? steps + 1 : (s != 0 ? 1 : 0);
            dir = s;
            if (steps + 1 >= k)
                flag(out, i, 3);
        }
    }

    // Test 4: K points in a row alternating, i.e. K-2 consecutive sign changes of the differences.
    if (rules.isEnabled(4)) {
        const auto k = static_cast<std::size_t>(rules.kOf(4));
        std::size_t flips = 0;
        for (std::size_t i = 2; i < n; ++i) {
            const double d1 = v[i - 1] - v[i - 2];
            const double d2 = v[i] - v[i - 1];
            flips = (d1 * d2 < 0) ? flips + 1 : 0;
            if (flips + 2 >= k)
                flag(out, i, 4);
        }
    }

    // Tests 5 and 6: K of K+1 beyond m σ on one side; the last point must be one of them.
    auto windowTest = [&](int test, double m) {
        const auto k = static_cast<std::size_t>(rules.kOf(test));
        const std::size_t w = k + 1;
        std::vector<signed char> beyond(n);   // +1 above c + mσ, -1 below c - mσ, 0 otherwise
        for (std::size_t i = 0; i < n; ++i) {
            const double c = at(in.center, i), s = at(in.sd, i);
            beyond[i] = v[i] > c + m * s ? 1 : (v[i] < c - m * s ? -1 : 0);
        }
        std::size_t up = 0, down = 0;   // counts inside the sliding window ending at i
        for (std::size_t i = 0; i < n; ++i) {
            up += beyond[i] == 1;
            down += beyond[i] == -1;
            if (i >= w) {
                up -= beyond[i - w] == 1;
                down -= beyond[i - w] == -1;
            }
            if (i + 1 < w)
                continue;
            if ((beyond[i] == 1 && up >= k) || (beyond[i] == -1 && down >= k))
                flag(out, i, test);
        }
    };
    if (rules.isEnabled(5))
        windowTest(5, 2.0);
    if (rules.isEnabled(6))
        windowTest(6, 1.0);

    // Test 7: K in a row within 1σ (a point exactly at 1σ is within).
    if (rules.isEnabled(7)) {
        const auto k = static_cast<std::size_t>(rules.kOf(7));
        std::size_t run = 0;
        for (std::size_t i = 0; i < n; ++i) {
            const double c = at(in.center, i), s = at(in.sd, i);
            const bool within = v[i] >= c - s && v[i] <= c + s;
            run = within ? run + 1 : 0;
            if (run >= k)
                flag(out, i, 7);
        }
    }

    // Test 8: the last K points all beyond 1σ, with points on both sides among them.
    if (rules.isEnabled(8)) {
        const auto k = static_cast<std::size_t>(rules.kOf(8));
        std::size_t run = 0;
        std::size_t lastAbove = 0, lastBelow = 0;   // 1-based index of the latest such point
        for (std::size_t i = 0; i < n; ++i) {
            const double c = at(in.center, i), s = at(in.sd, i);
            const bool above = v[i] > c + s, below = v[i] < c - s;
            run = (above || below) ? run + 1 : 0;
            if (above)
                lastAbove = i + 1;
            if (below)
                lastBelow = i + 1;
            const std::size_t windowStart = i + 2 - std::min(k, i + 1);   // 1-based
            if (run >= k && lastAbove >= windowStart && lastBelow >= windowStart)
                flag(out, i, 8);
        }
    }
    return out;
}

std::string describeTest(int test, int k)
{
    const std::string ks = std::to_string(k);
    switch (test) {
    case 1: return "1 point beyond the control limits";
    case 2: return ks + " points in a row on one side of the center line";
    case 3: return ks + " points in a row, all increasing or all decreasing";
    case 4: return ks + " points in a row, alternating up and down";
    case 5: return ks + " out of " + std::to_string(k + 1) + " points more than 2 sigma from the center line (same side)";
    case 6: return ks + " out of " + std::to_string(k + 1) + " points more than 1 sigma from the center line (same side)";
    case 7: return ks + " points in a row within 1 sigma of the center line (either side)";
    case 8: return ks + " points in a row more than 1 sigma from the center line (either side)";
    default: return "unknown test";
    }
}

} // namespace gemba::stats
