#include "analysis/capabilityanalysis.h"

#include "stats/sigmaestimator.h"

#include <QCoreApplication>

#include <algorithm>

namespace gemba::ui {
namespace {

QString tr(const char* text) { return QCoreApplication::translate("gemba::ui::CapabilityAnalysis", text); }

constexpr std::size_t kCurvePoints = 201;

} // namespace

CapabilityAnalysis analyseCapability(std::vector<double> values, const stats::SpecLimits& spec, double confidence)
{
    CapabilityAnalysis a;
    a.n = values.size();
    a.spec = spec;
    if (values.empty()) {
        a.error = tr("There are no times to analyse.");
        return a;
    }
    if (auto h = stats::histogram(values))
        a.histogram = std::move(*h);

    stats::ChartOptions options;
    if (auto charts = stats::individualsCharts(values, {}, options)) {
        a.stabilityChecked = true;
        a.rules = QString::fromStdString(charts->rules.name);
        for (const auto& chart : charts->charts)
            a.signalCount += static_cast<std::size_t>(
                std::count_if(chart.tests.begin(), chart.tests.end(), [](std::uint16_t t) { return t != 0; }));
    }

    if (!spec.lsl && !spec.usl) {
        a.error = tr("Enter a lower or an upper specification limit (or both).");
        return a;
    }
    const auto sigmaWithin = stats::estimateSigmaFromIndividuals(stats::SigmaMethod::AverageMovingRange, values);
    if (!sigmaWithin) {
        a.error = tr("The within σ cannot be estimated: %1").arg(QString::fromStdString(sigmaWithin.error().message));
        return a;
    }
    auto c = stats::processCapability(values, *sigmaWithin,
                                      std::string(stats::sigmaMethodName(stats::SigmaMethod::AverageMovingRange)),
                                      spec, confidence);
    if (!c) {
        a.error = QString::fromStdString(c.error().message);
        return a;
    }
    // Core decides Cpm/Ppm (none without a given target, as Minitab); nothing is redone here.
    a.capability = std::move(*c);

    if (a.histogram) {
        const auto& h = *a.histogram;
        const auto& cap = *a.capability;
        const double spread = 4 * std::max(cap.sigmaWithin, cap.sigmaOverall);
        double from = std::min(h.edges.front(), cap.mean - spread);
        double to = std::max(h.edges.back(), cap.mean + spread);
        for (const auto& limit : {spec.lsl, spec.usl, spec.target}) {
            if (limit) {
                from = std::min(from, *limit);
                to = std::max(to, *limit);
            }
        }
        const double scale = static_cast<double>(h.n) * h.binWidth;
        a.withinCurve = stats::normalDensityCurve(cap.mean, cap.sigmaWithin, scale, from, to, kCurvePoints);
        a.overallCurve = stats::normalDensityCurve(cap.mean, cap.sigmaOverall, scale, from, to, kCurvePoints);
    }
    return a;
}

} // namespace gemba::ui
