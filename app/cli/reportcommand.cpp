// gemba report: the review report of a project's studies as a PDF, drawn by the GUI build's
// report hook (renderhooks.h) on the offscreen platform. This file only reads the arguments.
#include "args.h"
#include "clierror.h"
#include "commands.h"
#include "renderhooks.h"

#include <string>

namespace gemba::cli {

// gemba report PROJECT [--study NAME] [--page-size a4|letter] -o FILE
int runReport(const Arguments& arguments, std::FILE* out)
{
    Args args("report",
              "Writes the review report of a project as a PDF: for each study a header (process, observer, place, "
              "dates, rating and allowance, the chart methods), the per-step summary as the window shows it, an "
              "I-MR control chart of each step's times with every signal listed, and the study's saved charts with "
              "their signal notes; then the saved charts of the project's data sets (not with --study). Draws "
              "without a display.");
    args.positional("PROJECT", "the project file (.gemba), opened read-only", "PROJECT file");
    args.option("study", OptionType::Text, "NAME",
                "only this study: its id, notes, date or 'date - observer' (default: every study of the project)");
    args.option("page-size", OptionType::Text, "SIZE", "a4 (default) or letter");
    args.option("output", 'o', OptionType::Text, "FILE", "the PDF to write (replaced)", true);
    args.footer(std::string("Charts: western-electric tests, sigma by the average moving range, limits at 3 sigma. ") +
                kExitFooter);
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
    if (!renderHooks().renderReport)
        throw DataError("this gemba was built without the window, which draws the report");
    const std::string error = renderHooks().renderReport(request);
    if (!error.empty())
        throw DataError(error);
    return kExitOk;
}

} // namespace gemba::cli
