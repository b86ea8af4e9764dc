// gemba report and gemba sheet: a project's review report, or one study's time study sheet, as a
// PDF drawn by the GUI build's hooks (renderhooks.h) on the offscreen platform. This file only
// reads the arguments; both commands take the same ones.
#include "args.h"
#include "clierror.h"
#include "commands.h"
#include "renderhooks.h"

#include <functional>
#include <string>

namespace gemba::cli {
namespace {

using PdfHook = std::function<std::string(const ReportRenderRequest&)>;

// PROJECT [--study NAME] [--page-size a4|letter] -o FILE, then the hook draws `what`.
int runPdfCommand(Args& args, const std::string& studyHelp, const std::string& footer, const PdfHook& hook,
                  const std::string& what, const Arguments& arguments, std::FILE* out)
{
    args.positional("PROJECT", "the project file (.gemba), opened read-only", "PROJECT file");
    args.option("study", OptionType::Text, "NAME", studyHelp);
    args.option("page-size", OptionType::Text, "SIZE", "a4 (default) or letter");
    args.option("output", 'o', OptionType::Text, "FILE", "the PDF to write (replaced)", true);
    args.footer(footer + kExitFooter);
    if (!args.parse(arguments, out))
        return kExitOk;

    ReportRenderRequest request;
    request.projectPath = args.positional(0, "PROJECT file");
    request.study = args.text("study");
    request.outputPath = args.requiredText("output");
    request.pageSize = args.text("page-size").value_or("a4");
    if (request.pageSize != "a4" && request.pageSize != "letter")
        throw UsageError("option --page-size: '" + request.pageSize + "' is not a4 or letter");
    if (request.outputPath.empty())
        throw UsageError("option --output: the file name is empty");
    if (!hook)
        throw DataError("this gemba was built without the window, which draws " + what);
    const std::string error = hook(request);
    if (!error.empty())
        throw DataError(error);
    return kExitOk;
}

} // namespace

// gemba report PROJECT [--study NAME] [--page-size a4|letter] -o FILE
int runReport(const Arguments& arguments, std::FILE* out)
{
    Args args("report",
              "Writes the review report of a project as a PDF: for each study a header (process, observer, place, "
              "dates, rating and allowance, the chart methods), the per-step summary as the window shows it, an "
              "I-MR control chart of each step's times with every signal listed, and the study's saved charts with "
              "their signal notes; then the saved charts of the project's data sets (not with --study). Draws "
              "without a display.");
    return runPdfCommand(
        args, "only this study: its id, notes, date or 'date - observer' (default: every study of the project)",
        "Charts: western-electric tests, sigma by the average moving range, limits at 3 sigma. ",
        renderHooks().renderReport, "the report", arguments, out);
}

// gemba sheet PROJECT [--study NAME] [--page-size a4|letter] -o FILE
int runSheet(const Arguments& arguments, std::FILE* out)
{
    Args args("sheet",
              "Writes the time study sheet of one study as a PDF to sign: the header (operation, operator, observer, "
              "date and time, conditions, method, rating scheme, allowance categories, selected-time rule), one line "
              "per element (kind, frequency, n, observed time, rating, basic time, allowance, standard time), the "
              "standard time per cycle, pieces per hour, standard hours per 100 units, the study's recording error "
              "and signature lines. Draws without a display.");
    return runPdfCommand(
        args, "the study: its id, notes, date or 'date - observer' (default: the latest study of the project)",
        "Figures as 'gemba summary' computes them; recording error flagged above 2 % (ILO). ",
        renderHooks().renderSheet, "the study sheet", arguments, out);
}

} // namespace gemba::cli
