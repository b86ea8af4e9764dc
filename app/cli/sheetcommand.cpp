// gemba sheet: the time study sheet of one study as a PDF, drawn by the GUI build's sheet hook
// (renderhooks.h) on the offscreen platform. This file only reads the arguments.
#include "args.h"
#include "clierror.h"
#include "commands.h"
#include "renderhooks.h"

#include <string>

namespace gemba::cli {

// gemba sheet PROJECT [--study NAME] [--page-size a4|letter] -o FILE
int runSheet(const Arguments& arguments, std::FILE* out)
{
    Args args("sheet",
              "Writes the time study sheet of one study as a PDF to sign: the header (operation, operator, observer, "
              "date and time, conditions, method, rating scheme, allowance categories, selected-time rule), one line "
              "per element (kind, frequency, n, observed time, rating, basic time, allowance, standard time), the "
              "standard time per cycle, pieces per hour, standard hours per 100 units, the study's recording error "
              "and signature lines. Draws without a display.");
    args.positional("PROJECT", "the project file (.gemba), opened read-only", "PROJECT file");
    args.option("study", OptionType::Text, "NAME",
                "the study: its id, notes, date or 'date - observer' (default: the latest study of the project)");
    args.option("page-size", OptionType::Text, "SIZE", "a4 (default) or letter");
    args.option("output", 'o', OptionType::Text, "FILE", "the PDF to write (replaced)", true);
    args.footer(std::string("Figures as 'gemba summary' computes them; recording error flagged above 2 % (ILO). ") +
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
    if (!renderHooks().renderSheet)
        throw DataError("this gemba was built without the window, which draws the study sheet");
    const std::string error = renderHooks().renderSheet(request);
    if (!error.empty())
        throw DataError(error);
    return kExitOk;
}

} // namespace gemba::cli
