// `gemba stats`: descriptive statistics, confidence intervals and the Anderson-Darling test of
// one column.
#include "args.h"
#include "clierror.h"
#include "commands.h"
#include "csvinput.h"
#include "jsonwriter.h"
#include "texttable.h"

#include "stats/descriptive.h"
#include "stats/normality.h"

#include <cmath>
#include <optional>
#include <string>

namespace gemba::cli {
namespace {

stats::QuantileMethod parseQuantileMethod(const std::optional<std::string>& text)
{
    if (!text || *text == "type6")
        return stats::QuantileMethod::Type6;
    if (*text == "type7")
        return stats::QuantileMethod::Type7;
    throw UsageError("option --quantiles: '" + *text + "' is not a quantile method (use type6 or type7)");
}

const char* quantileMethodName(stats::QuantileMethod method)
{
    return method == stats::QuantileMethod::Type6 ? "type6" : "type7";
}

std::string percentText(double confidence) { return formatReadable(confidence * 100, 6) + "%"; }

void writeInterval(JsonWriter& json, std::string_view name, const stats::Interval& interval, double confidence)
{
    json.key(name);
    json.beginObject();
    json.field("lower", interval.lower);
    json.field("upper", interval.upper);
    json.field("confidence", confidence);
    json.endObject();
}

} // namespace

// gemba stats FILE --value COL [--confidence 0.95] [--quantiles type6|type7] [--json]
// Empty cells of the column are skipped and counted as missing. Fewer than 2 values, or a
// column without values, is bad data (exit 1); the Anderson-Darling test is reported as null
// with its reason when it cannot be computed (n < 3 or no variation).
int runStats(const Arguments& arguments, std::FILE* out)
{
    Args args("stats", "Descriptive statistics of one CSV column: n, mean, SD, variance, range, quartiles, lag-1 "
                       "autocorrelation, confidence intervals for the mean (t) and sigma (chi-square), and the "
                       "Anderson-Darling normality test.");
    args.positional("FILE", "CSV file with a header row", "input FILE");
    args.option("value", OptionType::Text, "COL", "the column to describe", true);
    args.option("confidence", OptionType::Number, "X", "confidence level of the intervals, strictly between 0 and 1 "
                                                       "(default 0.95)");
    args.option("quantiles", OptionType::Text, "METHOD", "type6 (default, Minitab) or type7 (R's default)");
    args.flagOption("json", "machine-readable output");
    declareCsvOptions(args);
    args.footer(kCsvFooter);
    if (!args.parse(arguments, out))
        return kExitOk;
    const std::string path = args.positional(0, "input FILE");
    const std::string column = args.requiredText("value");
    const double confidence = args.number("confidence").value_or(0.95);
    if (!(confidence > 0 && confidence < 1))
        throw UsageError("option --confidence: must lie strictly between 0 and 1 (e.g. 0.95)");
    const stats::QuantileMethod method = parseQuantileMethod(args.text("quantiles"));

    const io::CsvData data = loadCsv(path, {{column, io::ColumnKind::Number}}, csvOptions(args));
    const std::vector<double> values = presentValues(data.columns.front());
    const std::size_t missing = data.rows - values.size();
    const std::string where = path + ": column '" + column + "'";
    if (values.empty())
        throw DataError(where + ": no values (" + std::to_string(data.rows) + " rows, all empty)");

    const auto d = stats::describe(values, confidence, method);
    if (!d)
        throw DataError(where + ": " + d.error().message);
    const auto ad = stats::andersonDarling(values);

    if (args.flag("json")) {
        JsonWriter json(out);
        json.beginObject();
        json.field("n", d->n);
        json.field("missing", missing);
        json.field("mean", d->mean);
        json.field("sd", d->sd);
        json.field("variance", d->variance);
        json.field("min", d->min);
        json.field("max", d->max);
        json.field("range", d->range);
        json.field("median", d->median);
        json.field("q1", d->q1);
        json.field("q3", d->q3);
        json.field("autocorrelation_lag1", d->autocorrelationLag1);   // null when all values are equal
        writeInterval(json, "mean_interval", d->meanInterval, confidence);
        writeInterval(json, "sd_interval", d->sdInterval, confidence);
        json.key("anderson_darling");
        if (ad) {
            json.beginObject();
            json.field("a2", ad->a2);
            json.field("a2_adjusted", ad->a2Adjusted);
            json.field("p_value", ad->pValue);
            json.endObject();
        } else {
            json.null();
            json.field("anderson_darling_reason", ad.error().message);
        }
        json.field("quantile_method", quantileMethodName(method));
        json.endObject();
        json.finish();
        return kExitOk;
    }

    std::fprintf(out, "%s, column '%s'\n\n", path.c_str(), column.c_str());
    const std::string ci = percentText(confidence) + " CI";
    TextTable table;
    table.addRow({"N", std::to_string(d->n)});
    table.addRow({"Missing", std::to_string(missing)});
    table.addRow({"Mean", formatReadable(d->mean, 8)});
    table.addRow({"  " + ci, formatReadable(d->meanInterval.lower, 8) + " to " +
                                 formatReadable(d->meanInterval.upper, 8)});
    table.addRow({"StDev", formatReadable(d->sd, 8)});
    table.addRow({"  " + ci, formatReadable(d->sdInterval.lower, 8) + " to " +
                                 formatReadable(d->sdInterval.upper, 8)});
    table.addRow({"Variance", formatReadable(d->variance, 8)});
    table.addRow({"Minimum", formatReadable(d->min, 8)});
    table.addRow({std::string("Q1 (") + quantileMethodName(method) + ")", formatReadable(d->q1, 8)});
    table.addRow({"Median", formatReadable(d->median, 8)});
    table.addRow({std::string("Q3 (") + quantileMethodName(method) + ")", formatReadable(d->q3, 8)});
    table.addRow({"Maximum", formatReadable(d->max, 8)});
    table.addRow({"Range", formatReadable(d->range, 8)});
    table.addRow({"Lag-1 autocorrelation", formatReadable(d->autocorrelationLag1, 6)});
    table.print(out);

    std::fprintf(out, "\nAnderson-Darling normality test\n");
    if (ad) {
        TextTable normal;
        normal.addRow({"A-squared", formatReadable(ad->a2, 6)});
        normal.addRow({"A-squared adjusted", formatReadable(ad->a2Adjusted, 6)});
        normal.addRow({"P-value", ad->pValue < 0.005 ? std::string("< 0.005 (") + formatReadable(ad->pValue, 3) + ")"
                                                     : formatReadable(ad->pValue, 3)});
        normal.print(out);
    } else {
        std::fprintf(out, "not computed: %s\n", ad.error().message.c_str());
    }
    return kExitOk;
}

} // namespace gemba::cli
