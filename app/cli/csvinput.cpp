// Loading CSV columns for a subcommand, turning core errors into CLI errors.
#include "csvinput.h"

#include "clierror.h"

#include <algorithm>
#include <cctype>
#include <cmath>

namespace gemba::cli {

io::CsvData loadCsv(const std::string& path, const std::vector<io::ColumnRequest>& requests)
{
    auto data = io::readCsv(path, requests);
    if (!data) {
        if (data.error().code == ErrorCode::InvalidArgument)
            throw UsageError(data.error().message);
        throw DataError(data.error().message);
    }
    return std::move(data).value();
}

std::vector<double> presentValues(const io::Column& column, std::vector<std::size_t>* rows)
{
    std::vector<double> out;
    out.reserve(column.numbers.size());
    for (std::size_t i = 0; i < column.numbers.size(); ++i) {
        if (std::isnan(column.numbers[i]))
            continue;
        out.push_back(column.numbers[i]);
        if (rows)
            rows->push_back(i);
    }
    return out;
}

bool isTrialCell(const io::CsvData& data, std::size_t row, const std::string& cell, const std::string& column)
{
    std::string v = cell;
    std::transform(v.begin(), v.end(), v.begin(), [](unsigned char c) { return std::tolower(c); });
    if (v == "true" || v == "1" || v == "yes" || v == "t" || v == "y")
        return true;
    if (v == "false" || v == "0" || v == "no" || v == "f" || v == "n" || v.empty())
        return false;
    throw DataError(data.path + ":" + std::to_string(data.lineOfRow(row)) + ": column '" + column + "': '" + cell +
                    "' is not a phase I marker (use true/false, 1/0 or yes/no)");
}

} // namespace gemba::cli
