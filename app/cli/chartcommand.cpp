// `gemba chart TYPE FILE`: control charts with special-cause tests, as a table or JSON.
#include "clierror.h"
#include "commands.h"
#include "csvinput.h"
#include "chartjson.h"
#include "texttable.h"
#include "args.h"
#include "renderhooks.h"

#include "stats/chartinput.h"
#include "datasetinput.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>
#include <functional>
#include <map>
#include <memory>
#include <optional>

namespace gemba::cli {
namespace {

using stats::ChartType;

std::vector<std::size_t> parsePointList(const std::string& text)
{
    std::vector<std::size_t> out;
    std::size_t pos = 0;
    while (pos <= text.size()) {
        const std::size_t comma = std::min(text.find(',', pos), text.size());
        const std::string item = text.substr(pos, comma - pos);
        std::size_t value = 0;
        auto [p, ec] = std::from_chars(item.data(), item.data() + item.size(), value);
        if (item.empty() || ec != std::errc() || p != item.data() + item.size() || value == 0)
            throw UsageError("--exclude: '" + item + "' is not a point number (use 1-based numbers like 3,7,12)");
        out.push_back(value - 1);
        pos = comma + 1;
    }
    return out;
}

stats::ChartOptions readOptions(const Args& args, ChartType type)
{
    stats::ChartOptions options;
    if (auto sigma = args.text("sigma")) {
        const auto method = stats::parseSigmaMethod(*sigma);
        if (!method)
            throw UsageError("--sigma: unknown method '" + *sigma +
                             "'; use mr, mr-median or sd (imr) or rbar, sbar, pooled, mvlue-r, mvlue-s (xbar-r, xbar-s)");
        if (stats::isAttributeChart(type))
            throw UsageError("--sigma does not apply to attribute charts: sigma follows from the binomial or Poisson "
                             "model");
        const bool individuals = type == ChartType::IMR;
        if (individuals != stats::isIndividualsMethod(*method))
            throw UsageError("--sigma " + *sigma + " does not apply to " +
                             std::string(stats::chartTypeName(type)) + " charts; use " +
                             (individuals ? "mr, mr-median or sd" : "rbar, sbar, pooled, mvlue-r or mvlue-s"));
        options.sigmaMethod = method;
    }
    if (auto k = args.number("nsigmas")) {
        if (!(*k > 0))
            throw UsageError("--nsigmas must be a positive number");
        options.nsigmas = *k;
    }
    if (auto tests = args.text("tests")) {
        auto rules = stats::RuleSet::parse(*tests);
        if (!rules)
            throw UsageError("--tests: " + rules.error().message);
        options.rules = *rules;
    }
    // The MR chart runs test 1 of --tests unless told otherwise; core caps it to tests 1-4.
    if (auto tests = args.text("mr-tests")) {
        if (type != ChartType::IMR)
            throw UsageError("--mr-tests applies to imr charts only (it picks the moving range chart's tests)");
        auto rules = stats::RuleSet::parse(*tests);
        if (!rules)
            throw UsageError("--mr-tests: " + rules.error().message);
        options.movingRangeRules = *rules;
    }
    options.knownCenter = args.number("center");
    options.knownSigma = args.number("sd");
    if (options.knownSigma && stats::isAttributeChart(type))
        throw UsageError("--sd does not apply to attribute charts: give the known p, c or u with --center");
    if (options.knownSigma && !(*options.knownSigma > 0))
        throw UsageError("--sd must be a positive number");
    return options;
}

struct Loaded {
    stats::ChartColumns columns;
    std::size_t skippedRows = 0;
    // Where an attribute chart's sample i came from: its line, and the columns read for
    // "count" and "size" (name and 1-based position), for error messages.
    std::vector<std::uint64_t> lines;
    std::map<std::string, std::string> columnOf;
};

// The columns a chart reads, by role. From a CSV file they are named by --value, --count and
// --size; from a data set by --column (the values, or the counts of an attribute chart) and
// --sizes. --subgroup and --trial name columns either way.
struct ColumnNames {
    std::string value, count, size, subgroup, trial;
};

ColumnNames columnNames(const Args& args, ChartType type, bool dataSet)
{
    const bool attribute = stats::isAttributeChart(type);
    const bool subgrouped = type == ChartType::XbarR || type == ChartType::XbarS;
    ColumnNames names;
    if (dataSet) {
        for (const char* option : {"value", "count", "size"})
            if (args.has(option))
                throw UsageError(std::string("with --dataset, name the column with --column (and the sample sizes "
                                             "with --sizes), not --") +
                                 option);
        for (const char* option : {"decimal", "delimiter"})
            if (args.has(option))
                throw UsageError(std::string("--") + option +
                                 " applies to CSV files; a data set's numbers were read when it was imported");
        const std::string column = args.requiredText("column");
        (attribute ? names.count : names.value) = column;
        if (auto sizes = args.text("sizes")) {
            if (!attribute)
                throw UsageError("--sizes is for attribute charts (p, np, c, u): the sample sizes");
            names.size = *sizes;
        } else if (attribute && type != ChartType::C) {
            throw UsageError(std::string(stats::chartTypeName(type)) +
                             " charts need --sizes COL: the sample size of each row");
        }
    } else {
        if (args.has("column") || args.has("sizes"))
            throw UsageError("--column and --sizes name a data set's columns (with --dataset NAME); for a CSV file "
                             "use --value, or --count and --size");
        if (attribute) {
            if (args.has("value"))
                throw UsageError("attribute charts read --count (and --size), not --value");
            names.count = args.requiredText("count");
            if (type != ChartType::C)
                names.size = args.requiredText("size");
            else if (args.has("size"))
                names.size = *args.text("size");
        } else {
            if (args.has("count") || args.has("size"))
                throw UsageError("--count and --size are for attribute charts (p, np, c, u); use --value");
            names.value = args.requiredText("value");
        }
    }
    // --subgroup-column is --subgroup in the words of --column, for a data set's chart.
    if (args.has("subgroup") && args.has("subgroup-column"))
        throw UsageError("give --subgroup or --subgroup-column, not both (they are the same option)");
    const auto subgroup = args.has("subgroup") ? args.text("subgroup") : args.text("subgroup-column");
    if (subgrouped && !subgroup)
        throw UsageError(std::string(stats::chartTypeName(type)) +
                         " charts need --subgroup COL: rows with the same label form one subgroup");
    names.subgroup = subgroup.value_or("");
    names.trial = args.text("trial").value_or("");
    return names;
}

using ReadColumns = std::function<io::CsvData(const std::vector<io::ColumnRequest>&)>;

// `path` names the source in messages: the CSV file, or the data set.
Loaded loadColumns(const ColumnNames& names, const ReadColumns& read, const std::string& path, ChartType type)
{
    const bool attribute = stats::isAttributeChart(type);
    std::vector<io::ColumnRequest> req;
    int valueCol = -1, countCol = -1, sizeCol = -1, labelCol = -1, trialCol = -1;
    auto add = [&](const std::string& name, io::ColumnKind kind) {
        req.push_back({name, kind});
        return static_cast<int>(req.size() - 1);
    };
    if (attribute) {
        countCol = add(names.count, io::ColumnKind::Number);
        if (!names.size.empty())
            sizeCol = add(names.size, io::ColumnKind::Number);
    } else {
        valueCol = add(names.value, io::ColumnKind::Number);
    }
    if (!names.subgroup.empty())
        labelCol = add(names.subgroup, io::ColumnKind::Text);
    if (!names.trial.empty())
        trialCol = add(names.trial, io::ColumnKind::Text);

    io::CsvData data = read(req);
    if (data.rows == 0)
        throw DataError(path + ": the file has a header but no data rows");

    Loaded out;
    auto& cols = out.columns;
    const std::size_t rows = data.rows;
    auto col = [&](int i) -> io::Column& { return data.columns[static_cast<std::size_t>(i)]; };

    // Rows without a measurement are skipped (as Minitab's missing '*'); a missing count is an error.
    std::vector<std::size_t> kept;
    if (!attribute) {
        auto& v = col(valueCol).numbers;
        std::size_t missing = 0;
        for (double x : v)
            missing += std::isnan(x);
        if (missing == 0) {
            cols.values = std::move(v);
        } else {
            kept.reserve(rows - missing);
            for (std::size_t r = 0; r < rows; ++r)
                if (!std::isnan(v[r]))
                    kept.push_back(r);
            cols.values.reserve(kept.size());
            for (std::size_t r : kept)
                cols.values.push_back(v[r]);
            out.skippedRows = missing;
        }
    } else {
        for (int c : {countCol, sizeCol}) {
            if (c < 0)
                continue;
            const auto& v = col(c).numbers;
            for (std::size_t r = 0; r < rows; ++r)
                if (std::isnan(v[r]))
                    throw DataError(path + ":" + std::to_string(data.lineOfRow(r)) + ": column '" + col(c).name +
                                    "' is empty");
        }
        cols.counts = std::move(col(countCol).numbers);
        out.columnOf["count"] = "column '" + col(countCol).name + "' (" + std::to_string(col(countCol).index + 1) + ")";
        if (sizeCol >= 0) {
            cols.sizes = std::move(col(sizeCol).numbers);
            out.columnOf["size"] = "column '" + col(sizeCol).name + "' (" + std::to_string(col(sizeCol).index + 1) + ")";
        }
        out.lines.reserve(rows);
        for (std::size_t r = 0; r < rows; ++r)
            out.lines.push_back(data.lineOfRow(r));
    }
    auto keptRows = [&](auto&& fn) {
        if (kept.empty() && out.skippedRows == 0)
            for (std::size_t r = 0; r < rows; ++r)
                fn(r);
        else
            for (std::size_t r : kept)
                fn(r);
    };
    if (labelCol >= 0) {
        auto& labels = col(labelCol).texts;
        if (out.skippedRows == 0) {
            cols.labels = std::move(labels);
        } else {
            keptRows([&](std::size_t r) { cols.labels.push_back(std::move(labels[r])); });
        }
    }
    if (trialCol >= 0) {
        const auto& cells = col(trialCol).texts;
        keptRows([&](std::size_t r) {
            cols.trial.push_back(isTrialCell(data, r, cells[r], col(trialCol).name) ? 1 : 0);
        });
    }
    return out;
}

std::string pointList(const stats::PreparedChart& prepared, const stats::ControlChart& chart, int test)
{
    constexpr std::size_t kShown = 30;
    std::string list;
    std::size_t count = 0;
    for (std::size_t i = 0; i < chart.size(); ++i) {
        if (!(chart.tests[i] & (1u << (test - 1))))
            continue;
        if (count < kShown)
            list += (count ? ", " : "") + prepared.pointLabel(i + chart.firstObservation);
        ++count;
    }
    if (count > kShown)
        list += ", ... (" + std::to_string(count) + " points in all)";
    return list;
}

// "1, 2=8, 5=2" (test 1's K is the limits' width, so it is not shown), or "none".
std::string testList(const stats::RuleSet& rules)
{
    std::string text;
    for (int t : rules.enabledTests())
        text += (text.empty() ? "" : ", ") + std::to_string(t) + (t > 1 ? "=" + std::to_string(rules.kOf(t)) : "");
    return text.empty() ? "none" : text;
}

void writeTable(std::FILE* out, const std::string& path, const stats::PreparedChart& prepared, std::size_t skipped)
{
    const auto& a = prepared.analysis;
    std::fprintf(out, "%s chart of %s: %zu points", std::string(stats::chartTypeName(a.type)).c_str(), path.c_str(),
                 a.pointCount);
    if (skipped)
        std::fprintf(out, " (%zu rows without a value skipped)", skipped);
    if (!a.flags.phase.empty()) {
        const auto phase1 = static_cast<std::size_t>(std::count(a.flags.phase.begin(), a.flags.phase.end(), 1));
        if (phase1 == 0)
            std::fprintf(out, "\nPhase II: all %zu points, judged against the known values", a.pointCount);
        else
            std::fprintf(out, "\nPhase I: %zu points (the limits are estimated from them); phase II: %zu points",
                         phase1, a.pointCount - phase1);
    }
    if (!a.flags.excluded.empty())
        std::fprintf(out, "\nExcluded from the estimates: %zu points",
                     static_cast<std::size_t>(std::count(a.flags.excluded.begin(), a.flags.excluded.end(), 1)));
    std::fprintf(out, "\nTests: %s (K: %s)\n", a.rules.name.c_str(), testList(a.rules).c_str());
    constexpr std::size_t kMaxRows = 200;
    for (const auto& chart : a.charts) {
        std::fprintf(out, "\n== %s chart ==\n", chart.name.c_str());
        auto line = [&](const char* name, const std::string& value) {
            std::fprintf(out, "  %-7s %s\n", name, value.c_str());
        };
        line("center", chart.centerLine.isConstant() ? formatReadable(chart.centerLine.at(0), 8) : "varies with n");
        line("sigma", formatReadable(chart.sigma, 8) + "  (" + std::string(stats::sigmaMethodName(chart.sigmaMethod)) +
                          ": " + std::string(stats::sigmaMethodDescription(chart.sigmaMethod)) + ")");
        line("LCL", chart.lcl.isConstant() ? formatReadable(chart.lcl.at(0), 8) : "varies with n");
        line("UCL", chart.ucl.isConstant() ? formatReadable(chart.ucl.at(0), 8) : "varies with n");
        line("tests run", testList(chart.rules));
        bool anyFailed = false;
        for (int t : chart.rules.enabledTests()) {
            const std::string list = pointList(prepared, chart, t);
            if (list.empty())
                continue;
            anyFailed = true;
            std::fprintf(out, "Test %d failed (%s) at points: %s\n", t,
                         stats::describeTest(t, chart.rules.kOf(t)).c_str(), list.c_str());
        }
        if (!anyFailed)
            std::fprintf(out, "No test failed.\n");
        if (chart.size() > kMaxRows) {
            std::fprintf(out, "(%zu points; use --json to list them all)\n", chart.size());
            continue;
        }
        TextTable table;
        table.addRow({"point", "phase", "n", "value", "center", "LCL", "UCL", "tests"});
        for (std::size_t i = 0; i < chart.size(); ++i) {
            const std::size_t point = i + chart.firstObservation;
            std::string tests;
            for (int t = 1; t <= stats::kTestCount; ++t)
                if (chart.tests[i] & (1u << (t - 1)))
                    tests += (tests.empty() ? "" : ",") + std::to_string(t);
            table.addRow({prepared.pointLabel(point), a.phaseOf(point) == 1 ? "I" : "II",
                          formatReadable(chart.sizeAt(i)), formatReadable(chart.values[i], 7),
                          formatReadable(chart.centerLine.at(i), 7), formatReadable(chart.lcl.at(i), 7),
                          formatReadable(chart.ucl.at(i), 7), tests});
        }
        table.print(out);
    }
}

// --pdf/--png/--svg OUT with --width, --height, --dpi: the figure to draw, or nullopt for the
// table/JSON output. Checked before the data is read, so a typo costs no parsing time.
std::optional<ChartRenderRequest> readFigureRequest(const Args& args, ChartType type, const std::string& path)
{
    ChartRenderRequest request;
    int formats = 0;
    for (const auto& [name, format] : {std::pair{"pdf", FigureFormat::Pdf}, std::pair{"png", FigureFormat::Png},
                                       std::pair{"svg", FigureFormat::Svg}})
        if (auto out = args.text(name)) {
            ++formats;
            request.format = format;
            request.path = *out;
        }
    if (formats == 0) {
        for (const char* name : {"width", "height", "dpi", "title", "unit"})
            if (args.has(name))
                throw UsageError(std::string("--") + name + " applies to a figure: give --pdf, --png or --svg OUT");
        return std::nullopt;
    }
    if (formats > 1)
        throw UsageError("give one of --pdf, --png and --svg (one figure per run)");
    if (request.path.empty())
        throw UsageError("--" + std::string(request.format == FigureFormat::Pdf   ? "pdf"
                                            : request.format == FigureFormat::Png ? "png"
                                                                                  : "svg") +
                         " needs a file name");
    auto dimension = [&](const char* name, int fallback, int lo, int hi) {
        const auto v = args.integer(name);
        if (!v)
            return fallback;
        if (*v < lo || *v > hi)
            throw UsageError(std::string("--") + name + " must be between " + std::to_string(lo) + " and " +
                             std::to_string(hi));
        return static_cast<int>(*v);
    };
    request.width = dimension("width", request.width, 100, 20000);
    request.height = dimension("height", request.height, 100, 20000);
    request.dpi = dimension("dpi", request.dpi, 24, 2400);
    if (args.has("dpi") && request.format != FigureFormat::Png)
        throw UsageError("--dpi applies to --png only (PDF and SVG are vector)");
    std::string file = path;
    if (const auto slash = file.find_last_of('/'); slash != std::string::npos)
        file = file.substr(slash + 1);
    static const std::map<ChartType, std::string> names = {
        {ChartType::IMR, "I-MR"}, {ChartType::XbarR, "X\u0304-R"}, {ChartType::XbarS, "X\u0304-S"},
        {ChartType::P, "P"},      {ChartType::NP, "NP"},           {ChartType::C, "C"},
        {ChartType::U, "U"}};
    request.title = args.text("title").value_or(names.at(type) + " chart of " + file);
    request.valueUnit = args.text("unit").value_or("");
    if (!renderHooks().renderChart)
        throw DataError("this gemba was built without the GUI, so it cannot draw figures; use --json or the table");
    return request;
}

} // namespace

int runChart(const Arguments& arguments, std::FILE* out)
{
    Args args("chart", "Control chart of a CSV file with special-cause tests, as a table or JSON. TYPE: imr, "
                       "xbar-r, xbar-s, p, np, c or u.");
    args.positional("TYPE", "imr | xbar-r | xbar-s | p | np | c | u",
                    "chart type (imr, xbar-r, xbar-s, p, np, c or u)");
    args.positional("FILE", "CSV file with a header row, or with --dataset the project (.gemba)", "CSV file");
    args.option("value", OptionType::Text, "COL", "measurements (imr, xbar-r, xbar-s)");
    args.option("subgroup", OptionType::Text, "COL",
                "rows with the same label form one subgroup (xbar-r, xbar-s); for imr and attribute charts it "
                "labels the points");
    args.option("count", OptionType::Text, "COL", "defectives (p, np) or defects (c, u)");
    args.option("size", OptionType::Text, "COL", "sample size (p, np) or inspection units (u; optional for c)");
    args.option("trial", OptionType::Text, "COL",
                "true/TRUE/1/yes marks phase I rows; the limits come from them only");
    args.option("exclude", OptionType::Text, "LIST",
                "1-based point numbers (3,7,12) left out of the estimates but still plotted");
    args.option("sigma", OptionType::Text, "METHOD",
                "mr | mr-median | sd (imr); rbar | sbar | pooled | mvlue-r | mvlue-s (xbar-r, xbar-s). Defaults: "
                "mr, rbar, sbar");
    args.option("nsigmas", OptionType::Number, "K", "width of the limits in sigmas (default 3)");
    args.option("tests", OptionType::Text, "SET",
                "western-electric (default: 1, 2 with K=8, 5, 6), nelson (1-8), none, or a list like 1,2,5 or "
                "1,2:8,7 (test:K). R, S, MR and attribute charts run only tests 1-4 of it");
    args.option("mr-tests", OptionType::Text, "SET",
                "the moving range chart's tests (imr only; default: test 1 of --tests), as --tests; at most 1-4");
    args.option("center", OptionType::Number, "X",
                "known (historical) center instead of the estimate (attribute charts: pbar, cbar or ubar)");
    args.option("sd", OptionType::Number, "Y", "known (historical) sigma instead of the estimate (variables charts)");
    args.option("dataset", OptionType::Text, "NAME",
                "chart a data set stored in the project FILE (gemba import PROJECT --dataset CSV --name NAME) "
                "instead of a CSV file");
    args.option("column", OptionType::Text, "COL",
                "with --dataset: the values (imr, xbar-r, xbar-s) or the counts (p, np, c, u)");
    args.option("sizes", OptionType::Text, "COL",
                "with --dataset: the sample sizes (p, np) or inspection units (u; optional for c)");
    args.option("subgroup-column", OptionType::Text, "COL", "the same as --subgroup (e.g. a batch column)");
    args.flagOption("json", "machine-readable output");
    args.option("pdf", OptionType::Text, "OUT", "draw the chart into a PDF file (vector) instead of printing a table");
    args.option("png", OptionType::Text, "OUT", "draw the chart into a PNG image instead of printing a table");
    args.option("svg", OptionType::Text, "OUT", "draw the chart into an SVG file instead of printing a table");
    args.option("width", OptionType::Integer, "W", "figure width: pixels (PNG) or points (PDF, SVG); default 1600");
    args.option("height", OptionType::Integer, "H", "figure height: pixels (PNG) or points (PDF, SVG); default 900");
    args.option("dpi", OptionType::Integer, "D", "PNG resolution text and lines are sized for (default 96)");
    args.option("title", OptionType::Text, "TEXT", "the figure's title (default: the chart type and file name)");
    args.option("unit", OptionType::Text, "UNIT", "the values' unit for the axis titles, e.g. s");
    declareCsvOptions(args);
    args.footer(kCsvFooter);
    if (!args.parse(arguments, out))
        return kExitOk;
    const std::string typeName = args.positional(0, "chart type (imr, xbar-r, xbar-s, p, np, c or u)");
    const auto type = stats::parseChartType(typeName);
    if (!type)
        throw UsageError("unknown chart type '" + typeName + "'; use imr, xbar-r, xbar-s, p, np, c or u");
    const auto dataSetName = args.text("dataset");
    const std::string file = args.positional(1, dataSetName ? "PROJECT file" : "CSV file");

    const stats::ChartOptions options = readOptions(args, *type);
    const ColumnNames names = columnNames(args, *type, dataSetName.has_value());
    std::unique_ptr<store::Project> project;
    store::DataSetInfo dataSet;
    ReadColumns read;
    std::string path = file;   // the source as messages and the output name it
    if (dataSetName) {
        project = openExistingProject(file);
        dataSet = dataSetNamed(*project, *dataSetName);
        path = "data set '" + dataSet.name + "' in " + file;
        read = [&](const std::vector<io::ColumnRequest>& req) { return loadDataSetColumns(*project, dataSet, req); };
    } else {
        const io::CsvOptions csv = csvOptions(args);
        read = [&file, csv](const std::vector<io::ColumnRequest>& req) { return loadCsv(file, req, csv); };
    }
    const std::optional<ChartRenderRequest> figure = readFigureRequest(args, *type, path);
    Loaded loaded = loadColumns(names, read, path, *type);
    if (auto ex = args.text("exclude"))
        loaded.columns.excludedPoints = parsePointList(*ex);

    auto prepared = stats::analyzeChart(*type, std::move(loaded.columns), options);
    if (!prepared) {
        const Error& e = prepared.error();
        // A bad count or size names its line and column, like a parse error does.
        if (e.item && *e.item < loaded.lines.size() && loaded.columnOf.count(e.field))
            throw DataError(path + ":" + std::to_string(loaded.lines[*e.item]) + ": " + loaded.columnOf[e.field] +
                            ": " + e.message);
        throw DataError(path + ": " + e.message);
    }
    if (figure) {
        // The figure replaces the table; --json still writes the JSON beside it.
        const std::string error = renderHooks().renderChart(prepared->analysis, *figure);
        if (!error.empty())
            throw DataError(figure->path + ": " + error);
        if (args.flag("json"))
            writeChartJson(out, path, *prepared, options.nsigmas, loaded.skippedRows);
        return kExitOk;
    }
    if (args.flag("json"))
        writeChartJson(out, path, *prepared, options.nsigmas, loaded.skippedRows);
    else
        writeTable(out, path, *prepared, loaded.skippedRows);
    return kExitOk;
}

} // namespace gemba::cli
