// `gemba import PROJECT --steps FILE --process NAME`: a process's element list from a CSV file
// (store/stepscsv), written all or nothing.
#include "args.h"
#include "clierror.h"
#include "commands.h"
#include "csvinput.h"
#include "jsonwriter.h"

#include "store/project.h"
#include "store/stepscsv.h"

#include <filesystem>
#include <memory>
#include <string>

namespace gemba::cli {
namespace {

// Removes a project file this command created, with SQLite's side files.
void removeProjectFile(const std::string& path)
{
    std::error_code ec;
    for (const char* suffix : {"", "-wal", "-shm", "-journal"})
        std::filesystem::remove(path + suffix, ec);
}

} // namespace

bool isStepsImport(const Arguments& arguments)
{
    for (const auto& a : arguments)
        if (a == "--steps" || a.rfind("--steps=", 0) == 0)
            return true;
    return false;
}

// gemba import PROJECT --steps FILE --process NAME [--replace] [--delimiter ..] [--decimal ..] [--json]
int runStepsImport(const Arguments& arguments, std::FILE* out)
{
    Args args("import",
              "Imports a process's element list (its steps) from a CSV file, one step per row in process order. "
              "The process is created when missing; the import lands whole or not at all.");
    args.positional("PROJECT", "the project file (.gemba); created when it does not exist", "PROJECT file");
    args.option("steps", OptionType::Text, "FILE", "CSV file with a header row, one step per row", true);
    args.option("process", OptionType::Text, "NAME", "the process whose steps these are", true);
    args.flagOption("replace", "replace the steps of a process that has some (only while it has no studies)");
    args.flagOption("json", "machine-readable output");
    declareCsvOptions(args);
    args.footer("Columns: name, type (manual|machine|walk), kind (cyclic|occasional|machine), every (occasional: "
                "once every N cycles; otherwise empty or 1), value_class (value-adding|necessary-non-value-adding|"
                "waste; empty = value-adding), description; optional: every_basis (cycles|units), inside (the "
                "machine-controlled step this step runs inside), personal, basic_fatigue, variable_fatigue, delay "
                "(the step's own allowances in %, 0-100; all empty = the study's). " +
                std::string(kExitFooter));
    if (!args.parse(arguments, out))
        return kExitOk;
    const std::string projectPath = args.positional(0, "PROJECT file");
    const std::string csvPath = args.requiredText("steps");
    const std::string processName = args.requiredText("process");
    if (processName.empty())
        throw UsageError("option --process: the name is empty");
    store::StepsCsvImportOptions options;
    options.csv = csvOptions(args);
    options.replace = args.flag("replace");

    std::error_code ec;
    const bool created = !std::filesystem::exists(projectPath, ec) && !ec;
    auto opened = store::Project::open(projectPath, store::OpenMode::ReadWrite);
    if (!opened)
        throw DataError(opened.error().message);
    std::unique_ptr<store::Project> project = std::move(opened).value();
    // A failed import leaves no project this command created.
    struct Cleanup {
        std::unique_ptr<store::Project>& project;
        std::string path;
        bool armed;
        ~Cleanup()
        {
            if (armed) {
                project.reset();
                removeProjectFile(path);
            }
        }
    } cleanup{project, projectPath, created};
    if (project->readOnly())
        throw DataError(project->warning().empty() ? "'" + projectPath + "' is open read-only" : project->warning());

    auto result = store::importStepsCsv(*project, csvPath, processName, options);
    if (!result) {
        const Error& e = result.error();
        if (e.field == "replace")
            throw DataError(e.message + " (--replace replaces them while the process has no studies)");
        if (e.field == "studies")
            throw DataError(e.message);
        throwCsvError(e);
    }
    cleanup.armed = false;

    if (args.flag("json")) {
        JsonWriter json(out);
        json.beginObject();
        json.field("project", projectPath);
        json.field("project_created", created);
        json.field("process", processName);
        json.field("process_id", result->processId);
        json.field("process_created", result->processCreated);
        json.field("steps", result->steps);
        json.field("steps_replaced", result->stepsReplaced);
        json.endObject();
        json.finish();
        return kExitOk;
    }
    std::fprintf(out, "Imported %lld steps from %s into process '%s'%s of %s%s\n",
                 static_cast<long long>(result->steps), csvPath.c_str(), processName.c_str(),
                 result->processCreated ? " (new)" : "", projectPath.c_str(), created ? " (new project)" : "");
    if (result->stepsReplaced > 0)
        std::fprintf(out, "replaced its %lld earlier steps\n", static_cast<long long>(result->stepsReplaced));
    return kExitOk;
}

} // namespace gemba::cli
