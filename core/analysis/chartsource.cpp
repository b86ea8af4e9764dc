// A saved chart's data: its source read from the project, with its exclusions and stages.
#include "analysis/chartsource.h"

#include "store/project.h"

#include <cmath>
#include <cstdio>
#include <unordered_map>

namespace gemba::analysis {
namespace {

using store::SubgroupBy;

bool isSubgroupChart(stats::ChartType type)
{
    return type == stats::ChartType::XbarR || type == stats::ChartType::XbarS;
}

std::string cellText(const store::DataColumn& column, std::size_t row)
{
    if (!column.numeric)
        return column.texts[row];
    char text[32];
    std::snprintf(text, sizeof text, "%.15g", column.numbers[row]);
    return text;
}

Expected<FlaggedSeries> dataSetSeries(store::Project& project, const store::ChartSpec& spec)
{
    const store::ChartSource& source = spec.source;
    auto values = project.dataSetColumn(source.dataSetId, source.valueColumn);
    if (!values)
        return values.error();
    if (!values->numeric)
        return makeError(ErrorCode::InvalidArgument,
                         "column '" + source.valueColumn + "' holds text, not numbers, so it cannot be charted");
    const std::size_t rows = values->numbers.size();
    std::vector<double> sizes;
    const bool attribute = stats::isAttributeChart(spec.type);
    if (attribute && !source.sizeColumn.empty()) {
        auto column = project.dataSetColumn(source.dataSetId, source.sizeColumn);
        if (!column)
            return column.error();
        if (!column->numeric)
            return makeError(ErrorCode::InvalidArgument, "column '" + source.sizeColumn + "' holds text, not sizes");
        sizes = std::move(column->numbers);
    }

    FlaggedSeries out;
    ChartSeries& series = out.series;
    series.unit.clear();   // a data set's unit is not known
    auto missing = [&](std::size_t r) {
        return std::isnan(values->numbers[r]) || (!sizes.empty() && std::isnan(sizes[r]));
    };

    if (source.subgroupBy == SubgroupBy::None) {
        for (std::size_t r = 0; r < rows; ++r) {
            if (missing(r)) {
                ++series.omittedPoints;
                continue;
            }
            series.values.push_back(values->numbers[r]);
            if (!sizes.empty())
                series.sizes.push_back(sizes[r]);
            series.pointKeys.push_back(static_cast<std::int64_t>(r));
            series.pointLabels.push_back("row " + std::to_string(r + 1));
        }
        out.flags.excluded.assign(series.values.size(), 0);
        return out;
    }

    // Subgroups: each a list of rows.
    std::vector<std::vector<std::size_t>> members;
    std::vector<std::string> labels;
    if (source.subgroupBy == SubgroupBy::Column) {
        auto by = project.dataSetColumn(source.dataSetId, source.subgroupColumn);
        if (!by)
            return by.error();
        std::unordered_map<std::string, std::size_t> groupOf;
        for (std::size_t r = 0; r < rows; ++r) {
            const std::string label = cellText(*by, r);
            auto [it, inserted] = groupOf.try_emplace(label, members.size());
            if (inserted) {
                members.emplace_back();
                labels.push_back(label);
            }
            members[it->second].push_back(r);
        }
    } else if (source.subgroupBy == SubgroupBy::CycleRange) {
        if (source.subgroupSize < 1)
            return makeError(ErrorCode::OutOfRange, "a subgroup must have at least one row");
        const auto n = static_cast<std::size_t>(source.subgroupSize);
        for (std::size_t r = 0; r < rows; r += n) {
            const std::size_t last = std::min(r + n, rows);
            members.emplace_back();
            for (std::size_t i = r; i < last; ++i)
                members.back().push_back(i);
            labels.push_back("rows " + std::to_string(r + 1) + "\u2013" + std::to_string(last));
        }
    } else {
        return makeError(ErrorCode::InvalidArgument,
                         "a data set's rows are grouped by a column or by consecutive rows, not by study, day or shift");
    }
    series.offsets.push_back(0);
    for (std::size_t g = 0; g < members.size(); ++g) {
        std::vector<double> kept;
        std::int64_t key = -1;
        for (std::size_t r : members[g]) {
            if (missing(r))
                continue;
            if (key < 0)
                key = static_cast<std::int64_t>(r);
            kept.push_back(values->numbers[r]);
        }
        if (kept.size() < 2) {
            ++series.omittedPoints;
            continue;
        }
        series.values.insert(series.values.end(), kept.begin(), kept.end());
        series.offsets.push_back(series.values.size());
        series.pointKeys.push_back(key);
        series.pointLabels.push_back(labels[g]);
    }
    if (series.offsets.size() == 1)
        series.offsets.clear();
    out.flags.excluded.assign(series.pointKeys.size(), 0);
    return out;
}

Expected<FlaggedSeries> studySeries(store::Project& project, const store::ChartSpec& spec)
{
    const store::ChartSource& source = spec.source;
    if (source.kind == store::ChartSourceKind::CycleTotal) {
        if (source.subgroupBy != SubgroupBy::None)
            return makeError(ErrorCode::InvalidArgument, "cycle totals are charted as individuals");
        return cycleTotalSeries(project, source.studyIds);
    }
    if (source.subgroupBy == SubgroupBy::None)
        return stepSeries(project, source.studyIds, source.stepId);
    Subgrouping g;
    switch (source.subgroupBy) {
    case SubgroupBy::CycleRange:
        g.kind = Subgrouping::Kind::CycleRange;
        g.cyclesPerSubgroup = source.subgroupSize;
        break;
    case SubgroupBy::Study: g.kind = Subgrouping::Kind::Study; break;
    case SubgroupBy::Day: g.kind = Subgrouping::Kind::Day; break;
    case SubgroupBy::Shift:
        g.kind = Subgrouping::Kind::Shift;
        g.shiftStartsMinutes = source.shiftStartMinutes;
        break;
    default:
        return makeError(ErrorCode::InvalidArgument, "a study's observations are not grouped by a column");
    }
    return subgroupSeries(project, source.studyIds, source.stepId, g);
}

} // namespace

Expected<FlaggedSeries> seriesOf(store::Project& project, const store::ChartSpec& spec)
{
    const bool subgrouped = spec.source.subgroupBy != SubgroupBy::None;
    if (subgrouped != isSubgroupChart(spec.type))
        return makeError(ErrorCode::InvalidArgument,
                         subgrouped ? "subgroups are charted with X-bar charts, not " +
                                          std::string(stats::chartTypeName(spec.type))
                                    : "X-bar charts need subgroups: choose how to group the values");
    if (stats::isAttributeChart(spec.type) && spec.source.kind != store::ChartSourceKind::DataSetColumn)
        return makeError(ErrorCode::InvalidArgument, "attribute charts take counts from a data set");
    auto data = spec.source.kind == store::ChartSourceKind::DataSetColumn ? dataSetSeries(project, spec)
                                                                          : studySeries(project, spec);
    if (!data)
        return data.error();
    excludeKeys(*data, std::vector<std::int64_t>(spec.exclusions.begin(), spec.exclusions.end()));
    splitStages(data->series, std::vector<std::int64_t>(spec.stageStarts.begin(), spec.stageStarts.end()));
    return data;
}

Expected<stats::ChartOptions> optionsOf(const store::ChartSpec& spec)
{
    stats::ChartOptions options;
    auto rules = stats::RuleSet::parse(spec.rules);
    if (!rules)
        return rules.error();
    options.rules = std::move(rules).value();
    if (!spec.sigmaMethod.empty()) {
        const auto method = stats::parseSigmaMethod(spec.sigmaMethod);
        if (!method)
            return makeError(ErrorCode::InvalidArgument, "'" + spec.sigmaMethod + "' is not a sigma method");
        options.sigmaMethod = *method;
    }
    options.nsigmas = spec.nsigmas;
    return options;
}

} // namespace gemba::analysis
