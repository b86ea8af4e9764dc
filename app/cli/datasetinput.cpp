// Reading the columns of a data set stored in a project for a subcommand.
#include "datasetinput.h"

#include "clierror.h"

#include <charconv>
#include <cmath>

namespace gemba::cli {

std::unique_ptr<store::Project> openExistingProject(const std::string& path)
{
    auto project = store::Project::open(path, store::OpenMode::ReadOnly);
    if (!project)
        throw DataError(project.error().message);
    return std::move(project).value();
}

store::DataSetInfo dataSetNamed(const store::Project& project, const std::string& name)
{
    auto found = project.findDataSet(name);
    if (!found)
        throw DataError(found.error().message);
    if (*found)
        return std::move(**found);
    auto all = project.dataSets();
    if (!all)
        throw DataError(all.error().message);
    std::string names;
    for (const auto& info : *all)
        names += (names.empty() ? "'" : ", '") + info.name + "'";
    throw UsageError("the project has no data set named '" + name + "'" +
                     (names.empty() ? "; it has none (import one with 'gemba import PROJECT --dataset FILE --name NAME')"
                                    : "; its data sets are " + names));
}

io::CsvData loadDataSetColumns(const store::Project& project, const store::DataSetInfo& info,
                               const std::vector<io::ColumnRequest>& requests)
{
    io::CsvData data;
    data.path = "data set '" + info.name + "'";
    data.rows = static_cast<std::size_t>(info.rowCount);
    for (const auto& c : info.columns)
        data.header.push_back(c.name);
    for (const auto& request : requests) {
        auto stored = project.dataSetColumn(info.id, request.name);
        if (!stored) {
            if (stored.error().code == ErrorCode::InvalidArgument)
                throw UsageError(stored.error().message);
            throw DataError(stored.error().message);
        }
        io::Column column;
        column.name = request.name;
        for (std::size_t i = 0; i < info.columns.size(); ++i)
            if (info.columns[i].name == request.name)
                column.index = static_cast<int>(i);
        if (request.kind == io::ColumnKind::Number) {
            if (!stored->numeric) {
                std::size_t row = 0;
                double ignored = 0;
                while (row < stored->texts.size() &&
                       (stored->texts[row].empty() || io::parseNumber(stored->texts[row], ignored)))
                    ++row;
                throw DataError(data.path + ": column '" + request.name + "' holds text, not numbers (row " +
                                std::to_string(row + 1) + ": '" +
                                (row < stored->texts.size() ? stored->texts[row] : std::string()) + "')");
            }
            column.numbers = std::move(stored->numbers);
        } else if (stored->numeric) {
            column.texts.reserve(stored->numbers.size());
            for (const double v : stored->numbers) {
                if (std::isnan(v)) {
                    column.texts.emplace_back();
                    continue;
                }
                char buf[32];
                const auto r = std::to_chars(buf, buf + sizeof buf, v);
                column.texts.emplace_back(buf, r.ptr);
            }
        } else {
            column.texts = std::move(stored->texts);
        }
        data.columns.push_back(std::move(column));
    }
    return data;
}

} // namespace gemba::cli
