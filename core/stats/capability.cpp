// Process capability indices with confidence intervals, expected and observed PPM, Z.bench,
// and the within-subgroup sigma estimators.
// Sources: Montgomery, "Introduction to Statistical Quality Control", 7th ed., §8.3;
// Minitab "Methods and Formulas: Capability Analysis (Normal)"; qcc 3.0 processCapability()
// (L. Scrucca), whose interval formulas are followed exactly: Chou, Owen & Borrego (1990) for
// Cp/Pp, Bissell (1990) for Cpl/Cpu/Cpk, Boyles (1991) for Cpm/Ppm.
#include "stats/capability.h"

#include "stats/constants.h"
#include "stats/descriptive.h"

#include <boost/math/distributions/chi_squared.hpp>
#include <boost/math/distributions/normal.hpp>

#include <algorithm>
#include <cmath>
#include <exception>
#include <limits>

namespace gemba::stats {
namespace {

constexpr double kPpm = 1e6;
constexpr double kSigmas = 3;   // indices compare the spec width with ±3σ

double notDefined() { return std::numeric_limits<double>::quiet_NaN(); }

// Chi-square interval of Cp, Pp (Chou, Owen & Borrego 1990) and of Cpm, Ppm (Boyles 1991):
// index·√(χ²(α/2, df)/df) .. index·√(χ²(1-α/2, df)/df); df may be fractional (Cpm).
IndexEstimate chiSquareInterval(double index, double df, double alpha)
{
    const boost::math::chi_squared chi(df);
    const double low = boost::math::quantile(chi, alpha / 2);
    const double high = boost::math::quantile(boost::math::complement(chi, alpha / 2));
    return {index, index * std::sqrt(low / df), index * std::sqrt(high / df)};
}

// Normal-approximation interval of Cpl, Cpu, Cpk (Bissell 1990), as qcc computes it:
// index·(1 ∓ z·√(1/(9n·index²) + 1/(2(n-1)))). Not defined for index = 0 (NaN). For a negative
// index (mean outside the limits) the two ends swap; they are returned in ascending order.
IndexEstimate waldInterval(double index, double z, double n)
{
    if (index == 0)
        return {index, notDefined(), notDefined()};
    const double w = z * std::sqrt(1 / (9 * n * index * index) + 1 / (2 * (n - 1)));
    const double a = index * (1 - w), b = index * (1 + w);
    return {index, std::min(a, b), std::max(a, b)};
}

// The ten-index family for one sigma (σw for Cp…, σo for Pp…), as in qcc processCapability():
//   Cp = (USL-LSL)/(6σ)   interval chiSquareInterval(df = n-1)
//   Cpu = (USL-x̄)/(3σ)   Cpl = (x̄-LSL)/(3σ)   interval waldInterval(z = Φ⁻¹(confidence)),
//                        i.e. qcc's one-sided quantile although both ends are reported
//   Cpk = min(available)  interval waldInterval(z = Φ⁻¹(1-α/2))
//   Cpm = Cp/√(1+ξ²), ξ = (x̄-T)/σ   interval chiSquareInterval(df = n(1+ξ²)/(1+2ξ²))
struct IndexFamily {
    std::optional<IndexEstimate> p, pl, pu, pk, pm;
};

IndexFamily indexFamily(double mean, double sigma, double n, const std::optional<double>& lsl,
                        const std::optional<double>& usl, const std::optional<double>& target, double confidence)
{
    const double alpha = 1 - confidence;
    const boost::math::normal normal;
    const double zOneSided = boost::math::quantile(normal, confidence);
    const double zTwoSided = boost::math::quantile(boost::math::complement(normal, alpha / 2));

    IndexFamily f;
    if (lsl && usl)
        f.p = chiSquareInterval((*usl - *lsl) / (2 * kSigmas * sigma), n - 1, alpha);
    if (usl)
        f.pu = waldInterval((*usl - mean) / (kSigmas * sigma), zOneSided, n);
    if (lsl)
        f.pl = waldInterval((mean - *lsl) / (kSigmas * sigma), zOneSided, n);
    if (f.pl || f.pu) {
        const double k = f.pl && f.pu ? std::min(f.pl->value, f.pu->value) : (f.pl ? f.pl->value : f.pu->value);
        f.pk = waldInterval(k, zTwoSided, n);
    }
    if (f.p && target) {
        const double xi = (mean - *target) / sigma;
        const double xi2 = xi * xi;
        const double df = n * (1 + xi2) / (1 + 2 * xi2);
        f.pm = chiSquareInterval(f.p->value / std::sqrt(1 + xi2), df, alpha);
    }
    return f;
}

// Expected parts per million outside the limits under N(mean, σ²): Φ((LSL-x̄)/σ)·10⁶ and
// (1-Φ((USL-x̄)/σ))·10⁶, the upper tail from the complement so it keeps its precision
// (Minitab "Expected performance").
PartsPerMillion expectedPpm(double mean, double sigma, const std::optional<double>& lsl,
                            const std::optional<double>& usl)
{
    const boost::math::normal normal;
    PartsPerMillion ppm;
    if (lsl)
        ppm.belowLsl = boost::math::cdf(normal, (*lsl - mean) / sigma) * kPpm;
    if (usl)
        ppm.aboveUsl = boost::math::cdf(boost::math::complement(normal, (*usl - mean) / sigma)) * kPpm;
    ppm.total = ppm.belowLsl.value_or(0) + ppm.aboveUsl.value_or(0);
    return ppm;
}

// Z.bench = Φ⁻¹(1 - P), P the expected fraction outside both limits (Minitab "Benchmark Z"),
// computed as the upper-tail quantile of P so small P keeps its precision. When P underflows
// to 0 (every limit more than about 37.5σ away) the nearest limit's Z = min(Z.LSL, Z.USL) is
// returned: the exact value is below it by at most ln 2/Z.min < 0.02.
double zBench(double mean, double sigma, const std::optional<double>& lsl, const std::optional<double>& usl)
{
    const boost::math::normal normal;
    const PartsPerMillion ppm = expectedPpm(mean, sigma, lsl, usl);
    const double p = ppm.total / kPpm;
    if (p >= 1)
        return -std::numeric_limits<double>::infinity();
    if (p > 0)
        return boost::math::quantile(boost::math::complement(normal, p));
    double z = std::numeric_limits<double>::infinity();
    if (lsl)
        z = std::min(z, (mean - *lsl) / sigma);
    if (usl)
        z = std::min(z, (*usl - mean) / sigma);
    return z;
}

Error tooFew(std::size_t n, const char* what, std::size_t needed)
{
    return makeError(ErrorCode::TooFewValues,
                     std::string(what) + " needs at least " + std::to_string(needed) + " values, got " +
                         std::to_string(n));
}

} // namespace

// See capability.h. Edge cases: one-sided limits leave the other side's indices and Cp, Pp,
// Cpm, Ppm empty and make Cpk = Cpl or Cpu; without a given target Cpm/Ppm are empty (no midpoint
// default, as in Minitab); a target
// outside the limits is accepted (as qcc does, which only warns).
Expected<Capability> processCapability(std::span<const double> values, double sigmaWithin, std::string sigmaMethod,
                                       const SpecLimits& spec, double confidence)
{
    if (values.empty())
        return makeError(ErrorCode::EmptyData, "no values");
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (!std::isfinite(values[i]))
            return makeError(ErrorCode::NotFinite,
                             "value " + std::to_string(i + 1) + " is not a finite number (NaN or infinity)");
    }
    if (values.size() < 2)
        return tooFew(values.size(), "capability analysis", 2);
    if (!spec.lsl && !spec.usl)
        return makeError(ErrorCode::InvalidArgument, "give at least one specification limit (LSL or USL)");
    if ((spec.lsl && !std::isfinite(*spec.lsl)) || (spec.usl && !std::isfinite(*spec.usl)) ||
        (spec.target && !std::isfinite(*spec.target)))
        return makeError(ErrorCode::InvalidArgument, "specification limits and target must be finite numbers");
    if (spec.lsl && spec.usl && !(*spec.lsl < *spec.usl))
        return makeError(ErrorCode::InvalidArgument, "the lower specification limit must be below the upper one");
    if (!(confidence > 0 && confidence < 1))
        return makeError(ErrorCode::OutOfRange, "the confidence level must lie strictly between 0 and 1");
    if (std::isnan(sigmaWithin) || sigmaWithin < 0 || std::isinf(sigmaWithin))
        return makeError(ErrorCode::InvalidArgument, "the within sigma must be a finite number >= 0");

    Capability c;
    c.n = values.size();
    c.mean = mean(values);
    c.sigmaWithin = sigmaWithin;
    c.sigmaOverall = sampleSd(values);
    c.sigmaMethod = std::move(sigmaMethod);
    c.lsl = spec.lsl;
    c.usl = spec.usl;
    // Only a given target (Minitab computes Cpm only when a target is specified); qcc's
    // midpoint default is deliberately not applied, so the CLI and the views agree.
    c.target = spec.target;
    c.confidenceLevel = confidence;

    if (!std::isfinite(c.mean) || !std::isfinite(c.sigmaOverall))
        return makeError(ErrorCode::OutOfRange, "the values are too large to be summed in double precision");
    if (c.sigmaOverall == 0)
        return makeError(ErrorCode::ZeroSigma,
                         "all values are equal (overall sigma is 0), so capability indices are not defined");
    if (sigmaWithin == 0)
        return makeError(ErrorCode::ZeroSigma,
                         "the within-subgroup sigma is 0 (no variation inside subgroups), so Cp and Cpk are "
                         "not defined");

    const double n = static_cast<double>(c.n);
    try {
        const IndexFamily within = indexFamily(c.mean, c.sigmaWithin, n, c.lsl, c.usl, c.target, confidence);
        c.cp = within.p;
        c.cpl = within.pl;
        c.cpu = within.pu;
        c.cpk = within.pk;
        c.cpm = within.pm;
        const IndexFamily overall = indexFamily(c.mean, c.sigmaOverall, n, c.lsl, c.usl, c.target, confidence);
        c.pp = overall.p;
        c.ppl = overall.pl;
        c.ppu = overall.pu;
        c.ppk = overall.pk;
        c.ppm = overall.pm;

        c.ppmWithin = expectedPpm(c.mean, c.sigmaWithin, c.lsl, c.usl);
        c.ppmOverall = expectedPpm(c.mean, c.sigmaOverall, c.lsl, c.usl);
        c.zBenchWithin = zBench(c.mean, c.sigmaWithin, c.lsl, c.usl);
        c.zBenchOverall = zBench(c.mean, c.sigmaOverall, c.lsl, c.usl);
    } catch (const std::exception& e) {
        return makeError(ErrorCode::OutOfRange, std::string("capability: ") + e.what());
    }

    // Observed: share of values strictly below LSL / above USL (qcc obs.LSL, obs.USL).
    std::size_t below = 0, above = 0;
    for (double x : values) {
        if (c.lsl && x < *c.lsl)
            ++below;
        if (c.usl && x > *c.usl)
            ++above;
    }
    if (c.lsl)
        c.ppmObserved.belowLsl = static_cast<double>(below) / n * kPpm;
    if (c.usl)
        c.ppmObserved.aboveUsl = static_cast<double>(above) / n * kPpm;
    c.ppmObserved.total = static_cast<double>(below + above) / n * kPpm;
    return c;
}

Expected<double> estimateWithinSigma(std::span<const std::vector<double>> subgroups, SigmaMethod method)
{
    if (isIndividualsMethod(method)) {
        std::vector<double> series;
        for (const auto& g : subgroups)
            series.insert(series.end(), g.begin(), g.end());
        if (series.empty())
            return makeError(ErrorCode::EmptyData, "no values");
        return estimateSigmaFromIndividuals(method, series);
    }
    std::vector<SubgroupSummary> summaries;
    summaries.reserve(subgroups.size());
    for (const auto& g : subgroups) {
        for (double x : g)
            if (!std::isfinite(x))
                return makeError(ErrorCode::NotFinite, "a value is not a finite number (NaN or infinity)");
        summaries.push_back(summarizeSubgroup(g));
    }
    if (summaries.empty())
        return makeError(ErrorCode::EmptyData, "no values");
    return estimateSigmaFromSubgroups(method, summaries);
}

} // namespace gemba::stats
