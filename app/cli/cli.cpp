// Dispatch of `gemba <subcommand>`, help and version text, and error reporting.
#include "commands.h"

#include "clierror.h"

#include <cstring>
#include <exception>
#include <map>

namespace gemba::cli {
namespace {

constexpr const char* kHelp = R"(Usage: gemba [--help | --version | <command> [options]]

Without a command, gemba starts the Gemba Workbench window.

Commands (each reads a CSV file with a header row; comma, semicolon or tab separated;
quoted fields; decimal point or decimal comma; UTF-8). Add --json for machine-readable output.
Commands that read a file also take:
  --decimal point|comma    the decimal mark. By default the file settles it: "2,5" has a
                           comma, "2.5" a point; "1,234" alone could be either and is an error.
                           With it settled, the other mark may group thousands (1,234.5).
  --delimiter comma|semicolon|tab|CHAR   by default guessed from the first lines.

  stats FILE --value COL [--confidence 0.95] [--quantiles type6|type7]
      n, mean, SD, variance, range, quartiles, lag-1 autocorrelation, confidence intervals
      for the mean (t) and sigma (chi-square), Anderson-Darling normality test.

  chart TYPE FILE   TYPE: imr xbar-r xbar-s p np c u
      --value COL          measurements (imr, xbar-r, xbar-s)
      --subgroup COL       rows with the same label form one subgroup (xbar-r, xbar-s);
                           for imr and attribute charts it labels the points
      --count COL          defectives (p, np) or defects (c, u)
      --size COL           sample size (p, np) or inspection units (u; optional for c)
      --trial COL          true/TRUE/1/yes marks phase I rows; limits come from them only
      --exclude LIST       1-based point numbers left out of the estimates but still plotted
      --sigma METHOD       mr | mr-median | sd (imr);  rbar | sbar | pooled | mvlue-r | mvlue-s
                           (xbar-r, xbar-s). Defaults: mr, rbar, sbar.
      --nsigmas K          width of the limits in sigmas (default 3)
      --tests SET          western-electric (default: 1, 2 with K=8, 5, 6), nelson (1-8),
                           none, or a list like 1,2,5 or 1,2:8,7 (test:K). R, S, MR and
                           attribute charts run only tests 1-4 of the set; MR only test 1
      --mr-tests SET       the MR chart's tests (imr; same syntax, capped to tests 1-4)
      --center X --sd Y    known (historical) center and sigma instead of estimates
                           (attribute charts take --center only: pbar, cbar or ubar)

  capability FILE --value COL [--subgroup COL] [--lsl X] [--usl Y] [--target T]
             [--sigma pooled|rbar|sbar|mr] [--confidence 0.95]
      Cp, Cpl, Cpu, Cpk, Cpm, Pp, Ppl, Ppu, Ppk, Ppm with confidence intervals, expected
      and observed PPM, Z.bench. Within sigma: pooled SD (default with subgroups) or
      average moving range (default without). Cpm and Ppm only with --target
      (Minitab; no midpoint default), else null in --json.

  takt --shift D [--breaks D] [--shifts N] --demand N
  oee --planned D --downtime D --ideal-cycle D --total N --good N
  standard-time --observed D --rating PCT --allowance PCT --allowance-of normal|work
  sample-size FILE --value COL [--confidence 0.95] [--accuracy 0.05]

Projects (.gemba files), without the window:

  import PROJECT FILE [--process NAME] [--study NAME] [column options]
      a CSV file of observations into a new study; creates the project, the process and the
      steps when missing; all or nothing. Reads the columns 'gemba export' writes.
  import PROJECT --steps FILE --process NAME [--replace]
      a process's element list (name, type, kind, every, value_class, description, ...);
      creates the process when missing; all or nothing.
  summary PROJECT [--process NAME] [--study NAME|ID]
      per step: kind, frequency, n, mean, SD, CV, min, max, observations needed, selected,
      basic and standard time, allowances, per-cycle contributions; the observations left
      out and why; the cycle totals, pieces per hour and the study's validity.
  export PROJECT [--process NAME] [--study NAME|ID] -o FILE | --xlsx FILE
      a study's observations as CSV, or the study (elements, observations, summary) as an
      .xlsx workbook. Without --study: the latest study of the process.
  import PROJECT --dataset FILE --name NAME [--delimiter ..] [--decimal ..]
      any CSV file into the project as a named data set (numbers, or text where a cell is
      not a number); all or nothing. Creates the project when missing.
  datasets PROJECT
      the project's data sets: name, rows, columns, source file, when imported.
  chart TYPE PROJECT --dataset NAME --column COL [--sizes COL] [chart options]
      a control chart of a data set's column, as 'chart TYPE FILE' charts a CSV column
      (--column: the values, or the counts of p, np, c, u; --sizes: their sample sizes).
  report PROJECT [--study NAME|ID] [--page-size a4|letter] -o FILE.pdf
      the review report as a PDF: header, summary, an I-MR chart of every step with its
      signals, the saved charts with their signal notes, capability where spec limits are
      saved; for every study (or the one named); drawn without a display.
  sheet PROJECT [--study NAME|ID] [--page-size a4|letter] -o FILE.pdf
      the time study sheet of one study (default: the latest) as a PDF to sign: header,
      one line per element, standard time per cycle, pieces per hour, validity, signatures.

A duration D is written like 8h, 30m, 45s, 1h30m, 2.5s or plain seconds.
Run 'gemba COMMAND --help' (or 'gemba help COMMAND') for the options of one command.
Exit status: 0 success, 1 bad data, 2 bad usage.
)";

using CommandFn = int (*)(const Arguments&, std::FILE*);

const std::map<std::string, CommandFn>& commands()
{
    static const std::map<std::string, CommandFn> table = {
        {"stats", runStats},
        {"chart", runChart},
        {"capability", runCapability},
        {"takt", runTakt},
        {"oee", runOee},
        {"standard-time", runStandardTime},
        {"sample-size", runSampleSize},
        {"import", runImport},
        {"summary", runSummary},
        {"export", runExport},
        {"datasets", runDataSets},
        {"report", runReport},
        {"sheet", runSheet},
    };
    return table;
}

} // namespace

bool isCliInvocation(const std::string& arg)
{
    return arg == "--help" || arg == "-h" || arg == "help" || arg == "--version" || arg == "-v" ||
           commands().count(arg) > 0 || (!arg.empty() && arg[0] != '-');
}

int run(const Arguments& args, std::FILE* out, std::FILE* err)
{
    if (args.empty() || args[0] == "--help" || args[0] == "-h" || (args[0] == "help" && args.size() == 1)) {
        std::fputs(kHelp, out);
        return kExitOk;
    }
    if (args[0] == "--version" || args[0] == "-v") {
        std::fprintf(out, "gemba %s\n", GEMBA_VERSION);
        return kExitOk;
    }
    // `gemba help chart` is `gemba chart --help`.
    if (args[0] == "help" && args.size() > 1 && commands().count(args[1]))
        return run({args[1], "--help"}, out, err);
    const auto it = commands().find(args[0]);
    if (it == commands().end()) {
        std::fprintf(err, "gemba: unknown command '%s'; run 'gemba --help' for the list\n", args[0].c_str());
        return kExitUsage;
    }
    const Arguments rest(args.begin() + 1, args.end());
    try {
        return it->second(rest, out);
    } catch (const UsageError& e) {
        std::fprintf(err, "gemba %s: %s\n", args[0].c_str(), e.what());
        return kExitUsage;
    } catch (const DataError& e) {
        std::fprintf(err, "gemba %s: %s\n", args[0].c_str(), e.what());
        return kExitBadData;
    } catch (const std::bad_alloc&) {
        std::fprintf(err, "gemba %s: out of memory\n", args[0].c_str());
        return kExitBadData;
    } catch (const std::exception& e) {
        std::fprintf(err, "gemba %s: internal error: %s\n", args[0].c_str(), e.what());
        return kExitBadData;
    }
}

} // namespace gemba::cli
