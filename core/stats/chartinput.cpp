// From table columns (one entry per data row) to the points of a control chart analysis.
#include "stats/chartinput.h"

#include <unordered_map>

namespace gemba::stats {
namespace {

Expected<PointFlags> pointFlags(std::vector<std::uint8_t> phaseOfPoint, const std::vector<std::size_t>& excluded,
                                std::size_t points)
{
    PointFlags flags;
    flags.phase = std::move(phaseOfPoint);
    if (!excluded.empty()) {
        flags.excluded.assign(points, 0);
        for (std::size_t p : excluded) {
            if (p >= points)
                return makeError(ErrorCode::OutOfRange, "cannot exclude point " + std::to_string(p + 1) +
                                                            ": the chart has " + std::to_string(points) +
                                                            " points");
            flags.excluded[p] = 1;
        }
    }
    return flags;
}

std::vector<std::uint8_t> phasesFromTrial(const std::vector<std::uint8_t>& trial)
{
    std::vector<std::uint8_t> phase;
    if (trial.empty())
        return phase;
    phase.resize(trial.size());
    for (std::size_t i = 0; i < trial.size(); ++i)
        phase[i] = trial[i] ? 1 : 2;
    return phase;
}

} // namespace

Expected<PreparedChart> analyzeChart(ChartType type, ChartColumns columns, const ChartOptions& options)
{
    PreparedChart prepared;
    const bool subgrouped = type == ChartType::XbarR || type == ChartType::XbarS;
    const std::size_t rows = isAttributeChart(type) ? columns.counts.size() : columns.values.size();
    if (!columns.trial.empty() && columns.trial.size() != rows)
        return makeError(ErrorCode::InvalidArgument, "the trial column does not match the data rows");
    if (!columns.labels.empty() && columns.labels.size() != rows)
        return makeError(ErrorCode::InvalidArgument, "the label column does not match the data rows");

    if (!subgrouped) {
        auto flags = pointFlags(phasesFromTrial(columns.trial), columns.excludedPoints, rows);
        if (!flags)
            return flags.error();
        prepared.pointLabels = std::move(columns.labels);
        Expected<ChartAnalysis> analysis =
            type == ChartType::IMR ? individualsCharts(std::move(columns.values), *flags, options)
                                   : attributeChart(type, columns.counts, columns.sizes, *flags, options);
        if (!analysis)
            return analysis.error();
        prepared.analysis = std::move(analysis).value();
        return prepared;
    }

    if (columns.labels.empty())
        return makeError(ErrorCode::InvalidArgument, "X-bar charts need a subgroup label for every row");

    // Subgroups in order of first appearance; rows of one subgroup need not be adjacent.
    std::unordered_map<std::string, std::size_t> groupOf;
    std::vector<std::vector<std::size_t>> members;
    for (std::size_t r = 0; r < rows; ++r) {
        auto [it, inserted] = groupOf.try_emplace(columns.labels[r], members.size());
        if (inserted) {
            members.emplace_back();
            prepared.pointLabels.push_back(columns.labels[r]);
        }
        members[it->second].push_back(r);
    }
    std::vector<double> values;
    values.reserve(rows);
    std::vector<std::size_t> offsets{0};
    std::vector<std::uint8_t> phase;
    if (!columns.trial.empty())
        phase.reserve(members.size());
    for (std::size_t g = 0; g < members.size(); ++g) {
        for (std::size_t r : members[g])
            values.push_back(columns.values[r]);
        offsets.push_back(values.size());
        if (!columns.trial.empty()) {
            const std::uint8_t first = columns.trial[members[g].front()];
            for (std::size_t r : members[g])
                if (columns.trial[r] != first)
                    return makeError(ErrorCode::InvalidArgument, "subgroup '" + prepared.pointLabels[g] +
                                                                     "' mixes phase I and phase II rows");
            phase.push_back(first ? 1 : 2);
        }
    }
    auto flags = pointFlags(std::move(phase), columns.excludedPoints, members.size());
    if (!flags)
        return flags.error();
    auto analysis = subgroupCharts(type, values, offsets, *flags, options);
    if (!analysis) {
        Error e = analysis.error();
        // Name the subgroup by its label rather than its position. The index comes from the
        // error's item (the subgroup's position among all of them), not from the text.
        const std::string prefix = "subgroup ";
        if (e.item && e.field == "subgroup" && *e.item < prepared.pointLabels.size()) {
            const std::string number = prefix + std::to_string(*e.item + 1);
            if (e.message.rfind(number, 0) == 0)
                e.message = prefix + "'" + prepared.pointLabels[*e.item] + "'" + e.message.substr(number.size());
        }
        return e;
    }
    prepared.analysis = std::move(analysis).value();
    return prepared;
}

} // namespace gemba::stats
