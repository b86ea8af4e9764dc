#include "analysis/distributionanalysis.h"

#include <QCoreApplication>

namespace gemba::ui {
namespace {

QString tr(const char* text) { return QCoreApplication::translate("gemba::ui::DistributionAnalysis", text); }

} // namespace

DistributionAnalysis analyseDistribution(const std::vector<double>& values, double confidence)
{
    DistributionAnalysis a;
    a.n = values.size();
    if (values.empty()) {
        a.error = tr("There are no times to show.");
        return a;
    }
    if (auto h = stats::histogram(values))
        a.histogram = std::move(*h);
    if (auto d = stats::describe(values, confidence))
        a.descriptive = std::move(*d);
    else
        a.error = tr("Statistics need at least two times.");
    if (auto ad = stats::andersonDarling(values))
        a.andersonDarling = *ad;
    if (auto p = stats::normalProbabilityPlot(values, confidence)) {
        stats::ProbabilityPlot plot = std::move(*p);
        if (plot.values.size() > 4 * kPlotCells) {
            const auto kept = stats::visiblePoints(plot.values, plot.score, kPlotCells);
            std::vector<double> v, pr, z;
            v.reserve(kept.size());
            pr.reserve(kept.size());
            z.reserve(kept.size());
            for (std::size_t i : kept) {
                v.push_back(plot.values[i]);
                pr.push_back(plot.probability[i]);
                z.push_back(plot.score[i]);
            }
            plot.values = std::move(v);
            plot.probability = std::move(pr);
            plot.score = std::move(z);
        }
        a.probabilityPlot = std::move(plot);
    } else if (a.error.isEmpty() && p.error().code == ErrorCode::ZeroSigma) {
        a.error = tr("All times are equal: there is no spread to show.");
    }
    return a;
}

} // namespace gemba::ui
