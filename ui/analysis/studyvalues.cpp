#include "analysis/studyvalues.h"

#include "store/project.h"

namespace gemba::ui {

std::vector<double> includedValues(const gemba::analysis::FlaggedSeries& series)
{
    const auto& values = series.series.values;
    const auto& excluded = series.flags.excluded;
    if (excluded.empty())
        return values;
    std::vector<double> kept;
    kept.reserve(values.size());
    for (std::size_t i = 0; i < values.size(); ++i)
        if (i >= excluded.size() || excluded[i] == 0)
            kept.push_back(values[i]);
    return kept;
}

Expected<std::vector<double>> readValues(store::Project& project, const ValueSource& source)
{
    auto series = source.isCycleTotal() ? gemba::analysis::cycleTotalSeries(project, {source.studyId})
                                        : gemba::analysis::stepSeries(project, {source.studyId}, source.stepId);
    if (!series)
        return series.error();
    return includedValues(*series);
}

} // namespace gemba::ui
