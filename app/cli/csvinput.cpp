// Loading CSV columns for a subcommand, turning core errors into CLI errors.
#include "csvinput.h"

#include "args.h"
#include "clierror.h"

#include <algorithm>
#include <cctype>
#include <cmath>

namespace gemba::cli {

void declareCsvOptions(Args& args)
{
    args.option("decimal", OptionType::Text, "MARK",
                "point or comma: the decimal mark. By default the file settles it (\"2,5\" has a comma, \"2.5\" "
                "a point; \"1,234\" alone could be either and is an error). With it settled, the other mark may "
                "group thousands (1,234.5)");
    args.option("delimiter", OptionType::Text, "SEP",
                "comma, semicolon, tab or one character (default: guessed from the first lines)");
}

io::CsvOptions csvOptions(const Args& args)
{
    io::CsvOptions options;
    if (const auto d = args.text("decimal")) {
        if (*d == "point" || *d == ".")
            options.decimal = io::DecimalMark::Point;
        else if (*d == "comma" || *d == ",")
            options.decimal = io::DecimalMark::Comma;
        else if (*d != "auto")
            throw UsageError("option --decimal: '" + *d + "' is not a decimal mark (use point or comma)");
    }
    if (const auto d = args.text("delimiter")) {
        if (*d == "comma" || *d == ",")
            options.delimiter = ',';
        else if (*d == "semicolon" || *d == ";")
            options.delimiter = ';';
        else if (*d == "tab" || *d == "\\t" || *d == "\t")
            options.delimiter = '\t';
        else if (d->size() == 1 && *d != "\"" && *d != "\n" && *d != "\r")
            options.delimiter = (*d)[0];
        else if (*d != "auto")
            throw UsageError("option --delimiter: '" + *d +
                             "' is not a delimiter (use comma, semicolon, tab or a single character)");
    }
    return options;
}

void throwCsvError(const Error& e)
{
    if (e.code == ErrorCode::InvalidArgument)
        throw UsageError(e.message);
    if (e.field == "decimal")
        throw DataError(e.message + " (--decimal point|comma)");
    if (e.field == "delimiter")
        throw DataError(e.message + " (--delimiter comma|semicolon|tab)");
    throw DataError(e.message);
}

io::CsvData loadCsv(const std::string& path, const std::vector<io::ColumnRequest>& requests,
                    const io::CsvOptions& options)
{
    auto data = io::readCsv(path, requests, options);
    if (!data)
        throwCsvError(data.error());
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
