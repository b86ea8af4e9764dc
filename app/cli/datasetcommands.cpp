// The data set subcommands (issue 7 §1): `gemba import PROJECT --dataset FILE --name NAME`
// stores any CSV file in a project as a named data set, `gemba datasets PROJECT` lists them.
// `gemba chart TYPE PROJECT --dataset NAME --column COL` charts one (chartcommand.cpp).
#include "args.h"
#include "clierror.h"
#include "commands.h"
#include "csvinput.h"
#include "datasetinput.h"
#include "jsonwriter.h"
#include "texttable.h"

#include "store/project.h"

#include <ctime>
#include <filesystem>

namespace gemba::cli {
namespace {

// "2026-12-03 10:22" in local time.
std::string localTime(std::int64_t wallUs)
{
    const std::time_t t = static_cast<std::time_t>(wallUs / 1'000'000);
    std::tm local{};
    localtime_r(&t, &local);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M", &local);
    return buf;
}

std::string columnList(const store::DataSetInfo& info)
{
    std::string text;
    for (const auto& c : info.columns)
        text += (text.empty() ? "" : ", ") + c.name + (c.numeric ? "" : " (text)");
    return text;
}

void removeProjectFile(const std::string& path)
{
    std::error_code ec;
    for (const char* suffix : {"", "-wal", "-shm", "-journal"})
        std::filesystem::remove(path + suffix, ec);
}

} // namespace

bool isDataSetImport(const Arguments& arguments)
{
    for (const auto& a : arguments)
        if (a == "--dataset" || a.rfind("--dataset=", 0) == 0)
            return true;
    return false;
}

// gemba import PROJECT --dataset FILE --name NAME [--delimiter ..] [--decimal ..] [--json]
int runDataSetImport(const Arguments& arguments, std::FILE* out)
{
    Args args("import", "Imports a CSV file into a project as a named data set: every column, as numbers "
                        "(an empty cell is missing) or, when a cell is not a number, as text. The import lands "
                        "whole or not at all.");
    args.positional("PROJECT", "the project file (.gemba); created when it does not exist", "PROJECT file");
    args.option("dataset", OptionType::Text, "FILE", "CSV file with a header row", true);
    args.option("name", OptionType::Text, "NAME", "the data set's name, unique in the project", true);
    args.flagOption("json", "machine-readable output");
    declareCsvOptions(args);
    args.footer("Chart a column with 'gemba chart TYPE PROJECT --dataset NAME --column COL'. " +
                std::string(kExitFooter));
    if (!args.parse(arguments, out))
        return kExitOk;
    const std::string projectPath = args.positional(0, "PROJECT file");
    const std::string csvPath = args.requiredText("dataset");
    const std::string name = args.requiredText("name");
    const io::CsvOptions options = csvOptions(args);

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

    auto id = project->importDataSet(csvPath, name, options);
    if (!id)
        throwCsvError(id.error());   // a taken or empty name is InvalidArgument: a usage error
    auto info = project->dataSet(*id);
    if (!info)
        throw DataError(info.error().message);
    cleanup.armed = false;

    if (args.flag("json")) {
        JsonWriter json(out);
        json.beginObject();
        json.field("project", projectPath);
        json.field("project_created", created);
        json.field("dataset_id", info->id);
        json.field("name", info->name);
        json.field("rows", info->rowCount);
        json.key("columns");
        json.beginArray();
        for (const auto& c : info->columns) {
            json.beginObject();
            json.field("name", c.name);
            json.field("numeric", c.numeric);
            json.endObject();
        }
        json.endArray();
        json.endObject();
        json.finish();
        return kExitOk;
    }
    std::fprintf(out, "Imported data set '%s' (%lld rows; columns: %s) from %s into %s%s\n", info->name.c_str(),
                 static_cast<long long>(info->rowCount), columnList(*info).c_str(), csvPath.c_str(),
                 projectPath.c_str(), created ? " (new project)" : "");
    return kExitOk;
}

// gemba datasets PROJECT [--json]
int runDataSets(const Arguments& arguments, std::FILE* out)
{
    Args args("datasets", "Lists the data sets stored in a project: name, rows, columns, source file and "
                          "when it was imported.");
    args.positional("PROJECT", "the project file (.gemba)", "PROJECT file");
    args.flagOption("json", "machine-readable output");
    args.footer(kExitFooter);
    if (!args.parse(arguments, out))
        return kExitOk;
    const std::string projectPath = args.positional(0, "PROJECT file");
    auto project = openExistingProject(projectPath);
    auto list = project->dataSets();
    if (!list)
        throw DataError(list.error().message);

    if (args.flag("json")) {
        JsonWriter json(out);
        json.beginObject();
        json.field("project", projectPath);
        json.key("datasets");
        json.beginArray();
        for (const auto& info : *list) {
            json.beginObject();
            json.field("id", info.id);
            json.field("name", info.name);
            json.field("rows", info.rowCount);
            json.field("source_file", info.sourceFile);
            json.field("imported_wall_us", info.importedWallUs);
            json.key("columns");
            json.beginArray();
            for (const auto& c : info.columns) {
                json.beginObject();
                json.field("name", c.name);
                json.field("numeric", c.numeric);
                json.endObject();
            }
            json.endArray();
            json.endObject();
        }
        json.endArray();
        json.endObject();
        json.finish();
        return kExitOk;
    }
    if (list->empty()) {
        std::fprintf(out, "%s has no data sets (import one with 'gemba import %s --dataset FILE --name NAME')\n",
                     projectPath.c_str(), projectPath.c_str());
        return kExitOk;
    }
    TextTable table;
    table.addRow({"name", "rows", "imported", "columns", "source"});
    for (const auto& info : *list)
        table.addRow({info.name, std::to_string(info.rowCount), localTime(info.importedWallUs), columnList(info),
                      info.sourceFile});
    table.print(out);
    return kExitOk;
}

} // namespace gemba::cli
