// The normal probability plot (Minitab's conventions; see probabilityplot.h).
#include "stats/probabilityplot.h"

#include "stats/descriptive.h"

#include <boost/math/distributions/normal.hpp>

#include <algorithm>
#include <cmath>

namespace gemba::stats {

double benardMedianRank(std::size_t i, std::size_t n)
{
    return (static_cast<double>(i) - 0.3) / (static_cast<double>(n) + 0.4);
}

Expected<ProbabilityPlot> normalProbabilityPlot(std::span<const double> values, double confidence,
                                               std::size_t bandPoints)
{
    if (values.empty())
        return makeError(ErrorCode::EmptyData, "a probability plot needs values");
    if (values.size() < 2)
        return makeError(ErrorCode::TooFewValues, "a probability plot needs at least two values");
    if (!(confidence > 0 && confidence < 1))
        return makeError(ErrorCode::OutOfRange, "the confidence level must lie between 0 and 1");
    if (bandPoints < 2)
        return makeError(ErrorCode::OutOfRange, "the band needs at least two points");
    for (std::size_t i = 0; i < values.size(); ++i)
        if (!std::isfinite(values[i]))
            return makeItemError(ErrorCode::NotFinite, "the values must be finite numbers", i, "value");

    ProbabilityPlot plot;
    plot.n = values.size();
    plot.confidenceLevel = confidence;
    plot.mean = mean(values);
    plot.sd = sampleSd(values);
    if (!(plot.sd > 0))
        return makeError(ErrorCode::ZeroSigma, "all values are equal: there is no distribution to plot");

    plot.values.assign(values.begin(), values.end());
    std::sort(plot.values.begin(), plot.values.end());
    const boost::math::normal normal;
    plot.probability.resize(plot.n);
    plot.score.resize(plot.n);
    for (std::size_t i = 0; i < plot.n; ++i) {
        plot.probability[i] = benardMedianRank(i + 1, plot.n);
        plot.score[i] = boost::math::quantile(normal, plot.probability[i]);
    }

    const double zAlpha = boost::math::quantile(boost::math::complement(normal, (1 - confidence) / 2));
    const double n = static_cast<double>(plot.n);
    const double zLo = std::min(plot.score.front(), boost::math::quantile(normal, 0.01));
    const double zHi = std::max(plot.score.back(), boost::math::quantile(normal, 0.99));
    PercentileBand& band = plot.band;
    band.z.resize(bandPoints);
    band.probability.resize(bandPoints);
    band.fitted.resize(bandPoints);
    band.lower.resize(bandPoints);
    band.upper.resize(bandPoints);
    for (std::size_t k = 0; k < bandPoints; ++k) {
        const double z = k + 1 == bandPoints
            ? zHi
            : zLo + (zHi - zLo) * static_cast<double>(k) / static_cast<double>(bandPoints - 1);
        const double fitted = plot.mean + z * plot.sd;
        const double half = zAlpha * plot.sd * std::sqrt(1 / n + z * z / (2 * n));
        band.z[k] = z;
        band.probability[k] = boost::math::cdf(normal, z);
        band.fitted[k] = fitted;
        band.lower[k] = fitted - half;
        band.upper[k] = fitted + half;
    }
    return plot;
}

std::vector<std::size_t> visiblePoints(std::span<const double> x, std::span<const double> y, std::size_t cells)
{
    const std::size_t n = std::min(x.size(), y.size());
    std::vector<std::size_t> kept;
    if (n == 0)
        return kept;
    if (cells == 0 || n <= 2 * cells) {
        kept.resize(n);
        for (std::size_t i = 0; i < n; ++i)
            kept[i] = i;
        return kept;
    }
    const auto cellOf = [cells](double v, double lo, double hi) {
        if (!(hi > lo))
            return std::size_t{0};
        const double t = (v - lo) / (hi - lo) * static_cast<double>(cells);
        return static_cast<std::size_t>(std::clamp(t, 0.0, static_cast<double>(cells - 1)));
    };
    const double xLo = x[0], xHi = x[n - 1], yLo = y[0], yHi = y[n - 1];
    kept.push_back(0);
    std::size_t lastX = cellOf(x[0], xLo, xHi), lastY = cellOf(y[0], yLo, yHi);
    for (std::size_t i = 1; i + 1 < n; ++i) {
        const std::size_t cx = cellOf(x[i], xLo, xHi), cy = cellOf(y[i], yLo, yHi);
        if (cx != lastX || cy != lastY) {
            kept.push_back(i);
            lastX = cx;
            lastY = cy;
        }
    }
    kept.push_back(n - 1);
    return kept;
}

} // namespace gemba::stats
