// The lean and time-study subcommands: takt, oee, standard-time and sample-size.
#include "args.h"
#include "clierror.h"
#include "commands.h"
#include "csvinput.h"
#include "jsonwriter.h"
#include "texttable.h"

#include "io/csvreader.h"
#include "lean/oee.h"
#include "lean/takttime.h"
#include "study/samplesize.h"
#include "study/standardtime.h"

#include <climits>
#include <cmath>
#include <cstdint>
#include <optional>
#include <string>

namespace gemba::cli {

namespace {

// A number option that may carry a trailing '%' ("110" and "110%" are the same rating).
// Returns the number as written, without dividing by 100; `hadPercent` says whether '%' was there.
std::optional<double> numberWithPercent(const Args& args, const std::string& name, bool* hadPercent = nullptr)
{
    auto text = args.text(name);
    if (!text)
        return std::nullopt;
    std::string t = *text;
    const bool percent = !t.empty() && t.back() == '%';
    if (percent)
        t.pop_back();
    double v = 0;
    if (!io::parseNumber(t, v))
        throw UsageError("option --" + name + ": '" + *text + "' is not a number");
    if (hadPercent)
        *hadPercent = percent;
    return v;
}

// A percentage option (rating, allowance): "15" or "15%" both mean 15 %.
double requiredPercent(const Args& args, const std::string& name)
{
    if (!args.has(name))
        throw UsageError("missing option --" + name);
    return *numberWithPercent(args, name);
}

// A fraction option (confidence, accuracy): "0.95" or "95%"; must lie strictly between 0 and 1.
double fractionOption(const Args& args, const std::string& name, double fallback, const char* example)
{
    bool percent = false;
    const auto v = numberWithPercent(args, name, &percent);
    if (!v)
        return fallback;
    const double f = percent ? *v / 100 : *v;
    if (!(f > 0 && f < 1))
        throw UsageError("option --" + name + ": '" + *args.text(name) + "' must be between 0 and 1 (write it like " +
                         example + ")");
    return f;
}

// A duration option that must be longer than zero (parseDuration already refuses negatives).
double positiveDuration(const Args& args, const std::string& name, const char* what)
{
    const double v = args.requiredDuration(name);
    if (!(v > 0))
        throw UsageError("option --" + name + ": " + what + " must be longer than 0");
    return v;
}

// A unit count: a whole number ≥ 0.
std::int64_t countOption(const Args& args, const std::string& name)
{
    if (!args.has(name))
        throw UsageError("missing option --" + name);
    const long long v = *args.integer(name);
    if (v < 0)
        throw UsageError("option --" + name + ": '" + *args.text(name) + "' cannot be negative (it is a count)");
    return static_cast<std::int64_t>(v);
}

// Core errors that reach the CLI are inconsistencies between options that each look fine on
// their own (breaks ≥ shift, good > total): bad data, exit status 1.
[[noreturn]] void throwData(const Error& e) { throw DataError(e.message); }

std::string seconds(double v) { return formatReadable(v, 8); }
std::string percent(double fraction) { return formatReadable(100 * fraction, 6); }   // NaN as "-"

} // namespace

// gemba takt --shift D [--breaks D] [--shifts N] --demand N [--json]
int runTakt(const Arguments& arguments, std::FILE* out)
{
    Args args("takt", "Takt time: the available time divided by the customer demand.");
    args.option("shift", OptionType::Duration, "D", "length of one shift", true);
    args.option("breaks", OptionType::Duration, "D", "planned breaks per shift (default 0)");
    args.option("shifts", OptionType::Integer, "N", "number of shifts (default 1)");
    args.option("demand", OptionType::Number, "N", "units the customer needs in that time", true);
    args.flagOption("json", "machine-readable output");
    args.footer(kDurationFooter);
    if (!args.parse(arguments, out))
        return kExitOk;

    const double shift = positiveDuration(args, "shift", "the shift length");
    const double breaks = args.duration("breaks").value_or(0);
    const long long shiftCount = args.integer("shifts").value_or(1);
    if (shiftCount < 1 || shiftCount > INT_MAX)
        throw UsageError("option --shifts: '" + *args.text("shifts") + "' must be a whole number of at least 1");
    const double demand = args.requiredNumber("demand");
    if (!(demand > 0))
        throw UsageError("option --demand: '" + *args.text("demand") + "' must be a positive number of units");

    const auto takt = lean::taktTime(shift, breaks, static_cast<int>(shiftCount), demand);
    if (!takt)
        throwData(takt.error());

    if (args.flag("json")) {
        JsonWriter json(out);
        json.beginObject();
        json.field("shift_seconds", takt->shiftSeconds);
        json.field("breaks_seconds", takt->breakSeconds);
        json.field("shifts", takt->shifts);
        json.field("demand", takt->demand);
        json.field("available_seconds", takt->availableSeconds);
        json.field("takt_seconds", takt->taktSeconds);
        json.endObject();
        json.finish();
        return kExitOk;
    }
    TextTable table;
    table.addRow({"shift length (s)", seconds(takt->shiftSeconds)});
    table.addRow({"planned breaks per shift (s)", seconds(takt->breakSeconds)});
    table.addRow({"shifts", std::to_string(takt->shifts)});
    table.addRow({"available time (s)", seconds(takt->availableSeconds)});
    table.addRow({"demand (units)", formatReadable(takt->demand, 10)});
    table.addRow({"takt time (s)", seconds(takt->taktSeconds)});
    table.print(out);
    return kExitOk;
}

// gemba oee --planned D --downtime D --ideal-cycle D --total N --good N [--json]
int runOee(const Arguments& arguments, std::FILE* out)
{
    Args args("oee", "Overall equipment effectiveness: availability × performance × quality.");
    args.option("planned", OptionType::Duration, "D", "planned production time", true);
    args.option("downtime", OptionType::Duration, "D", "unplanned stops within it", true);
    args.option("ideal-cycle", OptionType::Duration, "D", "ideal cycle time of one unit", true);
    args.option("total", OptionType::Integer, "N", "units made", true);
    args.option("good", OptionType::Integer, "N", "good units among them", true);
    args.flagOption("json", "machine-readable output");
    args.footer(kDurationFooter);
    if (!args.parse(arguments, out))
        return kExitOk;

    lean::OeeInputs in;
    in.plannedSeconds = positiveDuration(args, "planned", "the planned production time");
    in.downtimeSeconds = args.requiredDuration("downtime");
    in.idealCycleSeconds = positiveDuration(args, "ideal-cycle", "the ideal cycle time");
    in.totalCount = countOption(args, "total");
    in.goodCount = countOption(args, "good");

    const auto r = lean::oee(in);
    if (!r)
        throwData(r.error());

    if (args.flag("json")) {
        JsonWriter json(out);
        json.beginObject();
        json.field("planned_seconds", in.plannedSeconds);
        json.field("downtime_seconds", in.downtimeSeconds);
        json.field("run_seconds", r->runSeconds);
        json.field("ideal_cycle_seconds", in.idealCycleSeconds);
        json.field("total_count", in.totalCount);
        json.field("good_count", in.goodCount);
        json.field("availability", r->availability);
        json.field("performance", r->performance);
        json.field("quality", r->quality);
        json.field("oee", r->oee);
        json.key("warnings");
        json.beginArray();
        for (const auto& w : r->warnings)
            json.value(w);
        json.endArray();
        json.endObject();
        json.finish();
        return kExitOk;
    }
    TextTable table;
    table.addRow({"planned production time (s)", seconds(in.plannedSeconds)});
    table.addRow({"downtime (s)", seconds(in.downtimeSeconds)});
    table.addRow({"run time (s)", seconds(r->runSeconds)});
    table.addRow({"ideal cycle time (s)", seconds(in.idealCycleSeconds)});
    table.addRow({"total count", std::to_string(in.totalCount)});
    table.addRow({"good count", std::to_string(in.goodCount)});
    table.addRow({"availability (%)", percent(r->availability)});
    table.addRow({"performance (%)", percent(r->performance)});
    table.addRow({"quality (%)", percent(r->quality)});
    table.addRow({"OEE (%)", percent(r->oee)});
    table.print(out);
    for (const auto& w : r->warnings)
        std::fprintf(out, "warning: %s\n", w.c_str());
    return kExitOk;
}

// gemba standard-time --observed D --rating PCT --allowance PCT --allowance-of normal|work [--json]
int runStandardTime(const Arguments& arguments, std::FILE* out)
{
    Args args("standard-time", "Normal and standard time of one element from its observed time, the performance "
                               "rating and the allowance.");
    args.option("observed", OptionType::Duration, "D", "observed (mean) time", true);
    args.option("rating", OptionType::NumberOrPercent, "PCT", "performance rating in % (100 = normal pace)", true);
    args.option("allowance", OptionType::NumberOrPercent, "PCT", "allowance in %", true);
    args.option("allowance-of", OptionType::Text, "BASIS",
                "normal (a % of normal time: standard = normal × (1 + a)) or work (a % of working time: "
                "standard = normal / (1 − a))",
                true);
    args.flagOption("json", "machine-readable output");
    args.footer(kDurationFooter);
    if (!args.parse(arguments, out))
        return kExitOk;

    const double observed = args.requiredDuration("observed");
    const double rating = requiredPercent(args, "rating");
    if (!(rating > 0))
        throw UsageError("option --rating: '" + *args.text("rating") +
                         "' must be a positive percentage (100 = normal pace)");
    const double allowance = requiredPercent(args, "allowance");
    if (allowance < 0)
        throw UsageError("option --allowance: '" + *args.text("allowance") + "' cannot be negative");
    const std::string of = args.requiredText("allowance-of");
    study::AllowanceBasis basis = study::AllowanceBasis::NormalTime;
    if (of == "normal")
        basis = study::AllowanceBasis::NormalTime;
    else if (of == "work")
        basis = study::AllowanceBasis::WorkingTime;
    else
        throw UsageError("option --allowance-of: '" + of +
                         "' must be 'normal' (a % of normal time: standard = normal × (1 + a)) or 'work' "
                         "(a % of working time: standard = normal / (1 − a))");

    const auto st = study::standardTime(observed, rating, allowance, basis);
    if (!st)
        throwData(st.error());

    if (args.flag("json")) {
        JsonWriter json(out);
        json.beginObject();
        json.field("observed_seconds", st->observedSeconds);
        json.field("rating_percent", st->ratingPercent);
        json.field("allowance_percent", st->allowancePercent);
        json.field("allowance_of", of);
        json.field("normal_seconds", st->normalSeconds);
        json.field("allowance_factor", st->allowanceFactor);
        json.field("standard_seconds", st->standardSeconds);
        json.endObject();
        json.finish();
        return kExitOk;
    }
    TextTable table;
    table.addRow({"observed time (s)", seconds(st->observedSeconds)});
    table.addRow({"performance rating (%)", formatReadable(st->ratingPercent)});
    table.addRow({"normal time (s)", seconds(st->normalSeconds)});
    table.addRow({basis == study::AllowanceBasis::WorkingTime ? "allowance (% of working time)"
                                                               : "allowance (% of normal time)",
                  formatReadable(st->allowancePercent)});
    table.addRow({"allowance factor", formatReadable(st->allowanceFactor, 8)});
    table.addRow({"standard time (s)", seconds(st->standardSeconds)});
    table.print(out);
    return kExitOk;
}

// gemba sample-size FILE --value COL [--confidence 0.95] [--accuracy 0.05] [--json]
int runSampleSize(const Arguments& arguments, std::FILE* out)
{
    Args args("sample-size", "Observations a time study needs so the mean lies within ±accuracy of the true mean "
                             "at the given confidence, from a pilot sample in one CSV column.");
    args.positional("FILE", "CSV file with a header row", "the CSV file");
    args.option("value", OptionType::Text, "COL", "the column of pilot times", true);
    args.option("confidence", OptionType::NumberOrPercent, "X", "0.95 or 95% (default 0.95)");
    args.option("accuracy", OptionType::NumberOrPercent, "X", "0.05 or 5% for ±5 % (default 0.05)");
    args.flagOption("json", "machine-readable output");
    declareCsvOptions(args);
    args.footer(kCsvFooter);
    if (!args.parse(arguments, out))
        return kExitOk;
    const std::string path = args.positional(0, "the CSV file");
    const std::string column = args.requiredText("value");
    const double confidence = fractionOption(args, "confidence", 0.95, "0.95 or 95%");
    const double accuracy = fractionOption(args, "accuracy", 0.05, "0.05 or 5% for ±5 %");

    const auto data = loadCsv(path, {{column, io::ColumnKind::Number}}, csvOptions(args));
    const auto times = presentValues(data.columns.front());
    const auto r = study::observationsNeeded(times, confidence, accuracy);
    if (!r)
        throw DataError(path + ": column '" + column + "': " + r.error().message);

    if (args.flag("json")) {
        JsonWriter json(out);
        json.beginObject();
        json.field("file", path);
        json.field("column", column);
        json.field("n", r->n);
        json.field("mean", r->mean);
        json.field("sd", r->sd);
        json.field("confidence", r->confidence);
        json.field("accuracy", r->accuracy);
        json.field("z_classic", r->zClassic);
        json.field("observations_needed", r->observationsNeeded);
        json.field("observations_needed_unrounded", r->observationsNeededUnrounded);
        json.field("additional_needed", r->additionalNeeded());
        json.field("z_exact", r->zExact);
        json.field("observations_needed_exact_z", r->observationsNeededExactZ);
        json.field("observations_needed_exact_z_unrounded", r->observationsNeededExactZUnrounded);
        json.field("observations_needed_t", r->observationsNeededT);
        json.field("t_quantile", r->tQuantile);
        json.field("additional_needed_t", r->additionalNeededT());
        json.endObject();
        json.finish();
        return kExitOk;
    }
    std::fprintf(out, "%s, column '%s': within ±%s %% of the mean at %s %% confidence\n", path.c_str(),
                 column.c_str(), formatReadable(100 * accuracy).c_str(), formatReadable(100 * confidence).c_str());
    TextTable table;
    table.addRow({"n", std::to_string(r->n)});
    table.addRow({"mean", formatReadable(r->mean)});
    table.addRow({"SD", formatReadable(r->sd)});
    table.addRow({"observations needed (classic, z = " + formatReadable(r->zClassic, 4) + ")",
                  std::to_string(r->observationsNeeded)});
    table.addRow({"  N' before rounding up", formatReadable(r->observationsNeededUnrounded)});
    table.addRow({"  still to take", std::to_string(r->additionalNeeded())});
    table.addRow({"observations needed (exact z = " + formatReadable(r->zExact, 4) + ")",
                  std::to_string(r->observationsNeededExactZ)});
    table.addRow({"  N' before rounding up", formatReadable(r->observationsNeededExactZUnrounded)});
    table.addRow({"observations needed (Student t)", std::to_string(r->observationsNeededT)});
    table.addRow({"  t at " + std::to_string(r->observationsNeededT - 1) + " df", formatReadable(r->tQuantile, 4)});
    table.addRow({"  still to take", std::to_string(r->additionalNeededT())});
    table.print(out);
    return kExitOk;
}

} // namespace gemba::cli
