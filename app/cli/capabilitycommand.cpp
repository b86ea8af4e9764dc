// `gemba capability`: process capability of one column against specification limits.
#include "args.h"
#include "clierror.h"
#include "commands.h"
#include "csvinput.h"
#include "jsonwriter.h"
#include "texttable.h"

#include "stats/capability.h"

#include <cmath>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace gemba::cli {
namespace {

// The values of the --value column (empty cells skipped) and their subgroups: rows with the
// same label in the --subgroup column form one subgroup, in order of first appearance.
// Without --subgroup every value is its own subgroup, in file order.
struct CapabilityInput {
    std::vector<double> values;
    std::vector<std::vector<double>> subgroups;
    std::size_t missing = 0;
};

CapabilityInput readInput(const std::string& path, const std::string& valueColumn,
                          const std::optional<std::string>& subgroupColumn, const io::CsvOptions& options)
{
    std::vector<io::ColumnRequest> requests = {{valueColumn, io::ColumnKind::Number}};
    if (subgroupColumn)
        requests.push_back({*subgroupColumn, io::ColumnKind::Text});
    const io::CsvData data = loadCsv(path, requests, options);

    CapabilityInput in;
    std::map<std::string, std::size_t> index;
    const auto& numbers = data.columns[0].numbers;
    for (std::size_t row = 0; row < data.rows; ++row) {
        const double v = numbers[row];
        if (std::isnan(v)) {
            ++in.missing;
            continue;
        }
        in.values.push_back(v);
        if (!subgroupColumn) {
            in.subgroups.push_back({v});
            continue;
        }
        const std::string& label = data.columns[1].texts[row];
        if (label.empty())
            throw DataError(path + ":" + std::to_string(data.lineOfRow(row)) + ": column '" + *subgroupColumn +
                            "': the row has a value but no subgroup label");
        const auto [it, added] = index.emplace(label, in.subgroups.size());
        if (added)
            in.subgroups.emplace_back();
        in.subgroups[it->second].push_back(v);
    }
    return in;
}

void writeIndex(JsonWriter& json, std::string_view name, const std::optional<stats::IndexEstimate>& index)
{
    json.key(name);
    if (!index) {
        json.null();
        return;
    }
    json.beginObject();
    json.field("value", index->value);
    json.field("lower", index->lower);
    json.field("upper", index->upper);
    json.endObject();
}

void writeJson(std::FILE* out, const stats::Capability& c)
{
    JsonWriter json(out);
    json.beginObject();
    json.field("mean", c.mean);
    json.field("sigma_within", c.sigmaWithin);
    json.field("sigma_overall", c.sigmaOverall);
    json.field("sigma_method", c.sigmaMethod);
    json.field("lsl", c.lsl);
    json.field("usl", c.usl);
    json.field("target", c.target);
    json.field("n", c.n);
    writeIndex(json, "cp", c.cp);
    writeIndex(json, "cpl", c.cpl);
    writeIndex(json, "cpu", c.cpu);
    writeIndex(json, "cpk", c.cpk);
    writeIndex(json, "cpm", c.cpm);
    writeIndex(json, "pp", c.pp);
    writeIndex(json, "ppl", c.ppl);
    writeIndex(json, "ppu", c.ppu);
    writeIndex(json, "ppk", c.ppk);
    writeIndex(json, "ppm", c.ppm);
    json.field("ppm_within", c.ppmWithin.total);
    json.field("ppm_overall", c.ppmOverall.total);
    json.field("ppm_observed", c.ppmObserved.total);
    // z_bench is the potential (within) benchmark Z, the process sigma Six Sigma quotes; both
    // are also given by name.
    json.field("z_bench", c.zBenchWithin);
    json.field("z_bench_within", c.zBenchWithin);
    json.field("z_bench_overall", c.zBenchOverall);
    json.endObject();
    json.finish();
}

std::string readable(const std::optional<double>& v, int digits = 6)
{
    return v ? formatReadable(*v, digits) : std::string("-");
}

void writeText(std::FILE* out, const std::string& path, const std::string& column, const stats::Capability& c,
               std::size_t subgroups, std::size_t missing)
{
    std::fprintf(out, "%s, column '%s'\n\n", path.c_str(), column.c_str());
    TextTable head;
    head.addRow({"N", std::to_string(c.n) + (missing ? " (" + std::to_string(missing) + " missing)" : "")});
    head.addRow({"Subgroups", std::to_string(subgroups)});
    head.addRow({"LSL", readable(c.lsl, 8)});
    head.addRow({"Target", readable(c.target, 8)});
    head.addRow({"USL", readable(c.usl, 8)});
    head.addRow({"Mean", formatReadable(c.mean, 8)});
    head.addRow({"StDev (within, " + c.sigmaMethod + ")", formatReadable(c.sigmaWithin, 8)});
    head.addRow({"StDev (overall)", formatReadable(c.sigmaOverall, 8)});
    head.print(out);

    const std::string level = formatReadable(c.confidenceLevel * 100, 6) + "%";
    std::fprintf(out, "\n");
    TextTable indices;
    indices.addRow({"Index", "Value", "Lower " + level, "Upper " + level});
    const std::pair<const char*, const std::optional<stats::IndexEstimate>*> rows[] = {
        {"Cp", &c.cp},   {"Cpl", &c.cpl}, {"Cpu", &c.cpu}, {"Cpk", &c.cpk}, {"Cpm", &c.cpm},
        {"Pp", &c.pp},   {"Ppl", &c.ppl}, {"Ppu", &c.ppu}, {"Ppk", &c.ppk}, {"Ppm", &c.ppm},
    };
    for (const auto& [name, index] : rows) {
        if (*index)
            indices.addRow({name, formatReadable((*index)->value, 4), formatReadable((*index)->lower, 4),
                            formatReadable((*index)->upper, 4)});
        else
            indices.addRow({name, "-", "-", "-"});
    }
    indices.print(out);
    // Minitab computes Cpm (and Ppm) only when a target is specified; say why the row is empty.
    if (!c.target && c.lsl && c.usl)
        std::fprintf(out, "Cpm, Ppm: not computed; Cpm needs a target (Minitab): give --target\n");

    std::fprintf(out, "\n");
    TextTable ppm;
    ppm.addRow({"PPM", "< LSL", "> USL", "Total"});
    ppm.addRow({"Observed", readable(c.ppmObserved.belowLsl), readable(c.ppmObserved.aboveUsl),
                formatReadable(c.ppmObserved.total)});
    ppm.addRow({"Expected within", readable(c.ppmWithin.belowLsl), readable(c.ppmWithin.aboveUsl),
                formatReadable(c.ppmWithin.total)});
    ppm.addRow({"Expected overall", readable(c.ppmOverall.belowLsl), readable(c.ppmOverall.aboveUsl),
                formatReadable(c.ppmOverall.total)});
    ppm.print(out);
    std::fprintf(out, "\nZ.bench within %s, overall %s\n", formatReadable(c.zBenchWithin, 4).c_str(),
                 formatReadable(c.zBenchOverall, 4).c_str());
}

} // namespace

// gemba capability FILE --value COL [--subgroup COL] [--lsl X] [--usl Y] [--target T]
//                  [--sigma pooled|rbar|sbar|mr] [--confidence 0.95] [--json]
// Cpm/Ppm need --target (Minitab; core makes up no midpoint target): without one, "target",
// "cpm" and "ppm" stay in the JSON as null (the key set is the same for every run), and the
// text output shows "-" with a note.
// σ within: pooled SD by default with --subgroup, average moving range without (Minitab's
// defaults); rbar/sbar/pooled need --subgroup, mr is for individual values (no --subgroup).
// Usage errors (exit 2): no limit, LSL ≥ USL, an unknown method or a method that does not fit
// the subgrouping. Bad data (exit 1): unreadable values, too few values, no variation.
int runCapability(const Arguments& arguments, std::FILE* out)
{
    Args args("capability",
              "Process capability of one CSV column against specification limits: Cp, Cpl, Cpu, Cpk, Cpm, Pp, Ppl, "
              "Ppu, Ppk, Ppm with confidence intervals, expected and observed PPM, Z.bench.");
    args.positional("FILE", "CSV file with a header row", "input FILE");
    args.option("value", OptionType::Text, "COL", "the measurements", true);
    args.option("subgroup", OptionType::Text, "COL", "rows with the same label form one subgroup");
    args.option("lsl", OptionType::Number, "X", "lower specification limit");
    args.option("usl", OptionType::Number, "Y", "upper specification limit (give at least one limit)");
    args.option("target", OptionType::Number, "T",
                "target; Cpm and Ppm only with one (Minitab), JSON null without");
    args.option("sigma", OptionType::Text, "METHOD",
                "within sigma: pooled (default with --subgroup), rbar, sbar, mvlue-r, mvlue-s; mr (default "
                "without) or mr-median");
    args.option("confidence", OptionType::Number, "X",
                "confidence level of the intervals, strictly between 0 and 1 (default 0.95)");
    args.flagOption("json", "machine-readable output");
    declareCsvOptions(args);
    args.footer(kCsvFooter);
    if (!args.parse(arguments, out))
        return kExitOk;
    const std::string path = args.positional(0, "input FILE");
    const std::string valueColumn = args.requiredText("value");
    const std::optional<std::string> subgroupColumn = args.text("subgroup");
    if (subgroupColumn && *subgroupColumn == valueColumn)
        throw UsageError("--subgroup and --value name the same column '" + valueColumn + "'");

    stats::SpecLimits spec;
    spec.lsl = args.number("lsl");
    spec.usl = args.number("usl");
    spec.target = args.number("target");
    if (!spec.lsl && !spec.usl)
        throw UsageError("give at least one specification limit: --lsl, --usl or both");
    if (spec.lsl && spec.usl && !(*spec.lsl < *spec.usl))
        throw UsageError("--lsl (" + formatReadable(*spec.lsl, 10) + ") must be below --usl (" +
                         formatReadable(*spec.usl, 10) + ")");

    const double confidence = args.number("confidence").value_or(0.95);
    if (!(confidence > 0 && confidence < 1))
        throw UsageError("option --confidence: must lie strictly between 0 and 1 (e.g. 0.95)");

    stats::SigmaMethod method = subgroupColumn ? stats::SigmaMethod::PooledSd : stats::SigmaMethod::AverageMovingRange;
    if (const auto name = args.text("sigma")) {
        const auto parsed = stats::parseSigmaMethod(*name);
        if (!parsed || *parsed == stats::SigmaMethod::SampleSd)
            throw UsageError("option --sigma: '" + *name +
                             "' is not a within-sigma method (use pooled, rbar, sbar, mvlue-r, mvlue-s with "
                             "--subgroup; mr or mr-median without)");
        method = *parsed;
    }
    const bool individuals = stats::isIndividualsMethod(method);
    const std::string methodName(stats::sigmaMethodName(method));
    if (individuals && subgroupColumn)
        throw UsageError("--sigma " + methodName +
                         " is for individual values; leave out --subgroup or choose pooled, rbar or sbar");
    if (!individuals && !subgroupColumn)
        throw UsageError("--sigma " + methodName +
                         " needs subgroups: add --subgroup COL (or use --sigma mr for individual values)");

    const CapabilityInput in = readInput(path, valueColumn, subgroupColumn, csvOptions(args));
    const std::string where = path + ": column '" + valueColumn + "'";
    if (in.values.empty())
        throw DataError(where + ": no values");

    const auto sigma = stats::estimateWithinSigma(in.subgroups, method);
    if (!sigma)
        throw DataError(where + ": within sigma (" + methodName + "): " + sigma.error().message);
    const auto c = stats::processCapability(in.values, *sigma, methodName, spec, confidence);
    if (!c) {
        if (c.error().code == ErrorCode::InvalidArgument)
            throw UsageError(c.error().message);
        throw DataError(where + ": " + c.error().message);
    }

    if (args.flag("json"))
        writeJson(out, *c);
    else
        writeText(out, path, valueColumn, *c, in.subgroups.size(), in.missing);
    return kExitOk;
}

} // namespace gemba::cli
