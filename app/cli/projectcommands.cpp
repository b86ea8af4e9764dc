// The project subcommands: import a CSV file of observations into a project, summarise a study
// and export it, without the window. They drive the same core code as the window (the import
// of store/observationcsv as the import dialog does, the summary of study/stepsummary as the
// summary tab shows it).
#include "args.h"
#include "clierror.h"
#include "commands.h"
#include "csvinput.h"
#include "jsonwriter.h"
#include "texttable.h"

#include "io/csvreader.h"
#include "store/database.h"
#include "store/observationcsv.h"
#include "store/project.h"
#include "store/studyxlsx.h"
#include "store/transaction.h"
#include "study/newstudy.h"
#include "study/stepsummary.h"
#include "study/validity.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace gemba::cli {
namespace {

using study::Id;

std::unique_ptr<store::Project> openProject(const std::string& path, store::OpenMode mode)
{
    auto project = store::Project::open(path, mode);
    if (!project)   // refused (not ours, newer, damaged beyond reading) or unreadable: bad data
        throw DataError(project.error().message);
    return std::move(*project);
}

template <typename T>
T valueOr(Expected<T> e)
{
    if (!e)
        throw DataError(e.error().message);
    return std::move(e).value();
}

std::string quotedList(const std::vector<std::string>& names)
{
    std::string out;
    for (const auto& n : names)
        out += (out.empty() ? "'" : ", '") + n + "'";
    return out;
}

bool isWholeNumber(const std::string& s)
{
    return !s.empty() && s.size() < 19 && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// How a study is named on the command line: as the window's study box shows it.
std::string studyLabel(const study::Study& s)
{
    std::string label = s.date + " - " + s.observer;
    if (!s.location.empty())
        label += " (" + s.location + ")";
    return label;
}

std::string describeStudy(const study::Study& s)
{
    std::string text = std::to_string(s.id) + " (" + studyLabel(s);
    if (!s.notes.empty())
        text += ", " + s.notes;
    return text + ")";
}

// --process NAME: the process of that name (or id).
std::optional<study::Process> findProcess(const std::vector<study::Process>& processes, const std::string& name)
{
    for (const auto& p : processes)
        if (p.name == name)
            return p;
    if (isWholeNumber(name))
        for (const auto& p : processes)
            if (std::to_string(p.id) == name)
                return p;
    return std::nullopt;
}

struct Selection {
    study::Process process;
    study::Study study;
};

// The PROJECT argument and the --process/--study options that selectStudy reads, worded alike
// in every command that picks one study of a project opened read-only.
void addStudySelection(Args& args)
{
    args.positional("PROJECT", "the project file (.gemba), opened read-only", "PROJECT file");
    args.option("process", OptionType::Text, "NAME", "the process (by name or id)");
    args.option("study", OptionType::Text, "NAME|ID",
                "the study: its id, notes, date or 'date - observer' (default: the latest study of the process)");
}

// The study of --study NAME|ID (within --process NAME when given). Without --study: the latest
// study (the one added last) of the only process that has studies; when several processes
// have studies the choice is the user's, and the message lists them.
// NAME matches a study's notes (an import's --study NAME), its label "date - observer" or its date.
Selection selectStudy(store::Project& project, const std::optional<std::string>& processName,
                      const std::optional<std::string>& studyName)
{
    const auto processes = valueOr(project.processes());
    if (processes.empty())
        throw DataError("'" + project.path() + "' has no processes yet");
    std::vector<study::Process> candidates = processes;
    if (processName) {
        const auto p = findProcess(processes, *processName);
        if (!p) {
            std::vector<std::string> names;
            for (const auto& q : processes)
                names.push_back(q.name);
            throw UsageError("no process named '" + *processName + "'; the project has " + quotedList(names));
        }
        candidates = {*p};
    }

    std::vector<Selection> found;
    std::vector<std::string> processesWithStudies;
    for (const auto& p : candidates) {
        auto studies = valueOr(project.studies(p.id));
        if (!studies.empty())
            processesWithStudies.push_back(p.name);
        if (!studyName) {
            if (!studies.empty()) {
                const auto latest = std::max_element(studies.begin(), studies.end(),
                                                     [](const auto& a, const auto& b) { return a.id < b.id; });
                found.push_back({p, *latest});
            }
            continue;
        }
        for (const auto& s : studies)
            if ((isWholeNumber(*studyName) && std::to_string(s.id) == *studyName) || s.notes == *studyName ||
                studyLabel(s) == *studyName || s.date == *studyName)
                found.push_back({p, s});
    }
    if (found.size() == 1)
        return found.front();
    if (found.empty()) {
        if (studyName)
            throw UsageError("no study '" + *studyName + "'" +
                             (processName ? " in process '" + *processName + "'" : std::string()) +
                             "; give its id, notes, date or 'date - observer'");
        throw DataError("'" + project.path() + "' has no studies yet" +
                        (processName ? " in process '" + *processName + "'" : std::string()));
    }
    std::string list;
    for (const auto& f : found)
        list += "\n  --process '" + f.process.name + "' --study " + describeStudy(f.study);
    if (!studyName)
        throw UsageError("the processes " + quotedList(processesWithStudies) +
                         " have studies; choose one with --process NAME (latest study) or --study ID:" + list);
    throw UsageError("--study '" + *studyName + "' matches " + std::to_string(found.size()) +
                     " studies; choose one by its id:" + list);
}

// The header of a CSV file, read from its first lines only.
std::vector<std::string> csvHeader(const std::string& path, const io::CsvOptions& options)
{
    std::FILE* f = std::fopen(path.c_str(), "rb");
    if (!f)
        return {};   // the import reports it
    std::string head(64 * 1024, '\0');
    head.resize(std::fread(head.data(), 1, head.size(), f));
    const bool whole = std::feof(f) != 0;
    std::fclose(f);
    if (!whole)
        head.resize(head.rfind('\n') == std::string::npos ? 0 : head.rfind('\n') + 1);
    auto data = io::parseCsv(head, path, {}, options);
    return data ? data->header : std::vector<std::string>();
}

std::string today()
{
    const std::time_t now = std::time(nullptr);
    std::tm local{};
    localtime_r(&now, &local);
    char buf[16];
    std::strftime(buf, sizeof buf, "%Y-%m-%d", &local);
    return buf;
}

// Removes a project file this command created, with SQLite's side files.
void removeProjectFile(const std::string& path)
{
    std::error_code ec;
    for (const char* suffix : {"", "-wal", "-shm", "-journal"})
        std::filesystem::remove(path + suffix, ec);
}

std::string seconds(double v) { return formatReadable(v, 6); }

// How often an element occurs, in words: "every cycle", "every 20 cycles", "every 50 units".
std::string frequencyText(const study::Step& step)
{
    if (step.kind != study::ElementKind::Occasional)
        return "every cycle";
    const bool units = step.everyBasis == study::FrequencyBasis::Units;
    if (step.every == 1)
        return units ? "every unit" : "every cycle";
    return "every " + formatReadable(step.every) + (units ? " units" : " cycles");
}

void writeAllowances(JsonWriter& json, const study::Allowances& a)
{
    json.beginObject();
    json.field("personal", a.personal);
    json.field("basic_fatigue", a.basicFatigue);
    json.field("variable_fatigue", a.variableFatigue);
    json.field("delay", a.delay);
    json.field("total", a.total());
    json.endObject();
}

} // namespace

// gemba import PROJECT FILE [--process NAME] [--study NAME] [column options] [--json]
int runImport(const Arguments& arguments, std::FILE* out)
{
    if (isDataSetImport(arguments))
        return runDataSetImport(arguments, out);
    if (isStepsImport(arguments))
        return runStepsImport(arguments, out);
    Args args("import",
              "Imports a CSV file of observations into a new study of a project. The project, the process and "
              "the steps are created when missing; the import lands whole or not at all. By default it reads "
              "the columns 'gemba export' writes (step, cycle, duration_s, start_s, end_s, wall_start, "
              "rating_percent, foreign_element, abnormal, excluded, excluded_reason, spans_suspend, note, paused_s) that "
              "the file has, so an export imports back as it was.");
    args.positional("PROJECT", "the project file (.gemba); created when it does not exist", "PROJECT file");
    args.positional("FILE", "CSV file with a header row, one observation per row", "CSV file");
    args.option("process", OptionType::Text, "NAME",
                "the process to import into, created when missing (default: the project's only process; a new "
                "project gets one named after FILE)");
    args.option("study", OptionType::Text, "NAME", "notes of the new study (default 'Imported from FILE')");
    args.option("allowance", OptionType::NumberOrPercent, "PCT",
                "the study's allowance in % (default: as the process's latest study, else 15)");
    args.option("allowance-of", OptionType::Text, "BASIS",
                "normal (a % of normal time) or work (a % of working time); default: as the process's latest "
                "study, else normal");
    args.option("step-column", OptionType::Text, "COL", "the step (default step)");
    args.option("steps-by", OptionType::Text, "HOW", "name (default) or position: the step column holds 1-based "
                                                    "positions in the process");
    args.flagOption("no-new-steps", "an unknown step name is an error instead of a new step");
    args.option("cycle-column", OptionType::Text, "COL", "the cycle number (default cycle)");
    args.option("duration-column", OptionType::Text, "COL", "the element's own time in seconds (default duration_s)");
    args.option("start-column", OptionType::Text, "COL", "start: seconds or ISO 8601 timestamps (default start_s)");
    args.option("end-column", OptionType::Text, "COL", "end, as the start (default end_s)");
    args.option("wall-start-column", OptionType::Text, "COL", "ISO 8601 wall-clock start (default wall_start)");
    args.option("rating-column", OptionType::Text, "COL", "performance rating in % (default rating_percent)");
    args.option("foreign-column", OptionType::Text, "COL", "foreign element flag (default foreign_element)");
    args.option("abnormal-column", OptionType::Text, "COL", "abnormal flag (default abnormal)");
    args.option("excluded-column", OptionType::Text, "COL", "excluded flag (default excluded)");
    args.option("reason-column", OptionType::Text, "COL", "why it is excluded (default excluded_reason)");
    args.option("suspend-column", OptionType::Text, "COL", "spans-suspend flag (default spans_suspend)");
    args.option("note-column", OptionType::Text, "COL", "note (default note)");
    args.flagOption("json", "machine-readable output");
    declareCsvOptions(args);
    args.footer("A column option names a column of FILE; an empty COL (--note-column=) leaves that field out. "
                "To store any CSV file as a data set instead: gemba import PROJECT --dataset FILE --name NAME "
                "(see gemba import --dataset x --help). "
                "Without a duration column the time is end - start. Flags are 1/0, true/false, yes/no or x. A file "
                "with ratings makes a rated study (pace rating); without, an unrated one. " +
                std::string(kExitFooter));
    if (!args.parse(arguments, out))
        return kExitOk;
    const std::string projectPath = args.positional(0, "PROJECT file");
    const std::string csvPath = args.positional(1, "CSV file");

    std::optional<double> allowance;
    if (auto text = args.text("allowance")) {
        std::string t = *text;
        if (!t.empty() && t.back() == '%')
            t.pop_back();
        double v = 0;
        if (!io::parseNumber(t, v) || !(v >= 0) || !std::isfinite(v))
            throw UsageError("option --allowance: '" + *text + "' must be a percentage of 0 or more");
        allowance = v;
    }
    std::optional<study::AllowanceBasis> basis;
    if (auto text = args.text("allowance-of")) {
        if (*text == "normal")
            basis = study::AllowanceBasis::NormalTime;
        else if (*text == "work")
            basis = study::AllowanceBasis::WorkingTime;
        else
            throw UsageError("option --allowance-of: '" + *text + "' must be 'normal' or 'work'");
    }

    store::ObservationCsvImportOptions options;
    options.readExportedStatusColumns = false;   // every column is mapped here, by default or by option
    options.csv = csvOptions(args);
    options.createMissingSteps = !args.flag("no-new-steps");
    if (auto how = args.text("steps-by")) {
        if (*how == "position")
            options.stepMatch = store::StepMatch::ByPosition;
        else if (*how != "name")
            throw UsageError("option --steps-by: '" + *how + "' must be 'name' or 'position'");
    }
    const std::vector<std::string> header = csvHeader(csvPath, options.csv);
    auto hasColumn = [&](const std::string& name) {
        return std::find(header.begin(), header.end(), name) != header.end();
    };
    store::ObservationCsvColumns& c = options.columns;
    const store::ObservationCsvColumns exported = store::ObservationCsvColumns::exported();
    // A field is read from its option's column, else from the exported name when the file has it.
    auto map = [&](std::string& field, const char* option, const std::string& exportedName, bool always) {
        if (auto given = args.text(option))
            field = *given;
        else
            field = always || hasColumn(exportedName) ? exportedName : std::string();
    };
    map(c.step, "step-column", exported.step, true);
    map(c.cycle, "cycle-column", exported.cycle, true);
    map(c.start, "start-column", exported.start, false);
    map(c.end, "end-column", exported.end, false);
    // duration_s is asked for (and missing from the file, named in the error) unless start and
    // end are there to give the time.
    map(c.duration, "duration-column", exported.duration, c.start.empty() || c.end.empty());
    map(c.wallStart, "wall-start-column", exported.wallStart, false);
    map(c.rating, "rating-column", exported.rating, false);
    map(c.foreignElement, "foreign-column", exported.foreignElement, false);
    map(c.abnormal, "abnormal-column", exported.abnormal, false);
    map(c.excluded, "excluded-column", exported.excluded, false);
    map(c.excludedReason, "reason-column", exported.excludedReason, false);
    map(c.spansSuspend, "suspend-column", exported.spansSuspend, false);
    map(c.note, "note-column", exported.note, false);
    if (c.step.empty() || c.cycle.empty())
        throw UsageError("the step and cycle columns cannot be left out");
    if (c.duration.empty() && (c.start.empty() || c.end.empty()))
        throw UsageError("give a duration column, or start and end columns");

    std::error_code ec;
    const bool created = !std::filesystem::exists(projectPath, ec) && !ec;
    std::unique_ptr<store::Project> project = openProject(projectPath, store::OpenMode::ReadWrite);
    // Anything that fails from here removes a project this command created, so a failed import
    // leaves no trace.
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

    auto tx = store::Transaction::begin(project->database());
    if (!tx)
        throw DataError(tx.error().message);

    const auto processes = valueOr(project->processes());
    study::Process process;
    bool newProcess = false;
    if (auto name = args.text("process")) {
        if (name->empty())
            throw UsageError("option --process: the name is empty");
        if (auto p = findProcess(processes, *name)) {
            process = *p;
        } else {
            process.name = *name;
            newProcess = true;
        }
    } else if (processes.size() == 1) {
        process = processes.front();
    } else if (processes.empty()) {
        process.name = std::filesystem::path(csvPath).stem().string();
        newProcess = true;
    } else {
        std::vector<std::string> names;
        for (const auto& p : processes)
            names.push_back(p.name);
        throw UsageError("the project has " + std::to_string(processes.size()) +
                         " processes; choose one with --process NAME: " + quotedList(names));
    }
    if (newProcess)
        valueOr(project->addProcess(process));

    // The window's rule for every new study (study/newstudy.h): the conventions of the process's
    // latest study, or the defaults; the observer is whoever runs the command.
    const std::vector<study::Study> earlier =
        newProcess ? std::vector<study::Study>() : valueOr(project->studies(process.id));
    const char* user = std::getenv("USER");
    study::Study study = study::newStudy(process.id, earlier, user && *user ? user : "observer", today());
    // --allowance is the whole allowance, not split by category: it replaces the categories a
    // new study starts with (study/newstudy.h), rather than adding to them.
    if (allowance) {
        study.allowancePercent = *allowance;
        study.allowances = {};
        study.typeAllowances.clear();
    }
    if (basis)
        study.allowanceBasis = *basis;
    if (study.allowanceBasis == study::AllowanceBasis::WorkingTime && study.allowancePercent >= 100)
        throw UsageError("option --allowance: a share of working time must be below 100 %");
    study.notes = args.text("study").value_or("Imported from " + std::filesystem::path(csvPath).filename().string());

    auto result = store::importObservationsCsv(*project, csvPath, study, options);
    if (!result) {
        const Error& e = result.error();
        if (e.code == ErrorCode::InvalidArgument)   // a column the file does not have
            throw UsageError(e.message);
        if (e.field == "decimal")
            throw DataError(e.message + " (--decimal point|comma)");
        if (e.field == "delimiter")
            throw DataError(e.message + " (--delimiter comma|semicolon|tab)");
        throw DataError(e.message);
    }
    // A file with ratings makes a rated study, one without an unrated one, whatever the
    // process's earlier studies used.
    const auto method = result->rated ? study::RatingMethod::PaceRating : study::RatingMethod::None;
    if (study.ratingMethod != method) {
        study.ratingMethod = method;
        valueOr(project->updateStudy(study));
    }
    valueOr(tx->commit());
    cleanup.armed = false;

    if (args.flag("json")) {
        JsonWriter json(out);
        json.beginObject();
        json.field("project", projectPath);
        json.field("project_created", created);
        json.field("process", process.name);
        json.field("process_id", process.id);
        json.field("process_created", newProcess);
        json.field("study_id", result->studyId);
        json.field("observations", result->observations);
        json.field("cycles", result->cycles);
        json.field("steps_created", result->stepsCreated);
        json.field("rated", result->rated);
        json.endObject();
        json.finish();
        return kExitOk;
    }
    std::fprintf(out, "Imported %lld observations in %lld cycles from %s into %s%s\n",
                 static_cast<long long>(result->observations), static_cast<long long>(result->cycles),
                 csvPath.c_str(), projectPath.c_str(), created ? " (new project)" : "");
    std::fprintf(out, "process '%s'%s, study %lld; %lld new steps; %s\n", process.name.c_str(),
                 newProcess ? " (new)" : "", static_cast<long long>(result->studyId),
                 static_cast<long long>(result->stepsCreated),
                 result->rated ? "rated (pace rating)" : "not rated");
    return kExitOk;
}

// gemba summary PROJECT [--process NAME] [--study NAME|ID] [--json]
int runSummary(const Arguments& arguments, std::FILE* out)
{
    Args args("summary",
              "The per-step summary of a study, as the window's summary shows it: n, mean, SD, CV, min, max, "
              "observations needed (95 % confidence, ±5 %), normal and standard time, the observations left out "
              "and why, and the cycle totals. Per element also its kind, frequency, selected time (the study's "
              "rule: mean or median), basic time, allowance, standard time and what it adds per cycle; per cycle "
              "basic and standard time, pieces per hour, standard hours per 100 units and the internal work "
              "hidden inside machine time; and the study's validity (elapsed against recorded time, flagged "
              "above 2 %).");
    addStudySelection(args);
    args.flagOption("json", "machine-readable output");
    args.footer(std::string("Times are in seconds. ") + kExitFooter);
    if (!args.parse(arguments, out))
        return kExitOk;
    const std::string path = args.positional(0, "PROJECT file");

    auto project = openProject(path, store::OpenMode::ReadOnly);
    const Selection sel = selectStudy(*project, args.text("process"), args.text("study"));
    // The element list the study was timed against, as the window's summary uses it.
    const auto steps = valueOr(project->studySteps(sel.study.id));
    const auto observations = valueOr(project->observations(sel.study.id));
    const auto cycles = valueOr(project->cycles(sel.study.id));
    auto summary = study::summarizeSteps(steps, observations, sel.study);
    if (!summary)
        throw DataError("study " + std::to_string(sel.study.id) + ": " + summary.error().message);
    const std::optional<study::StudyValidity> validity = study::studyValidity(observations);
    const std::string rule(study::toString(sel.study.selectedTime));

    std::map<Id, int> cycleNumber;
    for (const auto& c : cycles)
        cycleNumber[c.id] = c.number;
    std::map<Id, std::string> stepName;
    for (const auto& s : steps)
        stepName[s.id] = s.name;
    std::vector<const study::Observation*> leftOut;
    for (const auto& o : observations)
        if (o.excluded || o.foreignElement)
            leftOut.push_back(&o);
    auto why = [](const study::Observation& o) {
        if (o.foreignElement)
            return std::string(o.excluded ? "foreign element (also excluded)" : "foreign element");
        return o.excludedReason.empty() ? std::string("excluded (no reason given)")
                                        : "excluded: " + o.excludedReason;
    };
    // A project damaged by an unclean exit is opened read-only with a warning: say so.
    const std::string& warning = project->warning();

    if (args.flag("json")) {
        JsonWriter json(out);
        json.beginObject();
        json.field("project", path);
        json.key("warning");
        if (warning.empty())
            json.null();
        else
            json.value(warning);
        json.key("process");
        json.beginObject();
        json.field("id", sel.process.id);
        json.field("name", sel.process.name);
        json.endObject();
        json.key("study");
        json.beginObject();
        json.field("id", sel.study.id);
        json.field("date", sel.study.date);
        json.field("observer", sel.study.observer);
        json.field("location", sel.study.location);
        json.field("notes", sel.study.notes);
        json.field("rating_method", study::toString(sel.study.ratingMethod));
        json.field("allowance_percent", sel.study.allowancePercent);   // the PF&D not split by category
        // What a manual element takes unless its type or the step has its own categories.
        json.field("allowance_total_percent", sel.study.allowances.total() + sel.study.allowancePercent);
        json.field("allowance_of", study::toString(sel.study.allowanceBasis));
        json.key("allowances");
        writeAllowances(json, sel.study.allowances);
        json.field("selected_time", rule);
        json.field("units_per_cycle", sel.study.unitsPerCycle);
        json.field("observations", observations.size());
        json.field("cycles", cycles.size());
        json.endObject();
        auto count = [](const std::optional<std::size_t>& v) {
            return v ? std::optional<double>(static_cast<double>(*v)) : std::nullopt;
        };
        json.key("steps");
        json.beginArray();
        for (std::size_t i = 0; i < summary->steps.size(); ++i) {
            const auto& s = summary->steps[i];
            json.beginObject();
            json.field("step_id", s.stepId);
            json.field("name", i < steps.size() ? steps[i].name : std::string());
            json.field("n", s.n);
            json.field("mean_seconds", s.meanSeconds);
            json.field("sd_seconds", s.sdSeconds);
            json.field("cv", s.cv);
            json.field("min_seconds", s.minSeconds);
            json.field("max_seconds", s.maxSeconds);
            json.field("needed", count(s.needed));
            json.field("needed_classic", count(s.neededClassic));
            json.field("needed_t", count(s.neededT));
            json.field("still_needed", s.stillNeeded);
            json.field("consistent", s.consistent);
            json.field("mean_rating_percent", s.meanRatingPercent);
            json.field("rated", s.ratedCount);
            json.field("normal_seconds", s.normalSeconds);
            json.field("standard_seconds", s.standardSeconds);
            const study::Step* step = i < steps.size() ? &steps[i] : nullptr;
            json.field("kind", study::toString(s.kind));
            json.field("every", step ? step->every : 1.0);
            json.field("every_basis", step ? study::toString(step->everyBasis) : std::string_view("cycles"));
            json.field("frequency", step ? frequencyText(*step) : std::string("every cycle"));
            json.field("occurrences_per_cycle", s.occurrencesPerCycle);
            json.field("median_seconds", s.medianSeconds);
            json.field("selected_seconds", s.selectedSeconds);
            json.field("basic_seconds", s.normalSeconds);
            json.field("allowance_percent", s.allowancePercent);
            json.key("allowances");
            writeAllowances(json, s.allowances);
            json.field("basic_per_cycle_seconds", s.basicPerCycleSeconds);
            json.field("standard_per_cycle_seconds", s.standardPerCycleSeconds);
            json.field("pieces_per_hour", s.piecesPerHour);
            json.field("standard_hours_per_100_units", s.standardHoursPer100Units);
            json.key("inside");
            if (s.insideStepId != 0 && stepName.count(s.insideStepId))
                json.value(stepName[s.insideStepId]);
            else
                json.null();
            json.field("internal_work", s.insideStepId != 0);
            json.field("rating_ignored", s.ratingIgnored);
            json.field("abnormal", s.abnormalCount);
            json.field("excluded", s.excludedCount);
            json.field("foreign_elements", s.foreignCount);
            json.field("foreign_seconds", s.foreignSeconds);
            json.endObject();
        }
        json.endArray();
        json.key("left_out");
        json.beginArray();
        for (const auto* o : leftOut) {
            json.beginObject();
            json.field("observation_id", o->id);
            json.field("cycle", cycleNumber[o->cycleId]);
            json.field("step", stepName[o->stepId]);
            json.field("seconds", o->seconds());
            json.field("foreign_element", o->foreignElement);
            json.field("excluded", o->excluded);
            json.field("excluded_reason", o->excludedReason);
            json.field("why", why(*o));
            json.endObject();
        }
        json.endArray();
        const auto& c = summary->cycle;
        json.key("cycle");
        json.beginObject();
        json.field("mean_seconds", c.meanSeconds);
        json.field("normal_seconds", c.normalSeconds);
        json.field("standard_seconds", c.standardSeconds);
        json.field("basic_seconds", c.normalSeconds);
        json.field("hidden_internal_seconds", c.hiddenStandardSeconds);
        json.field("units_per_cycle", c.unitsPerCycle);
        json.field("pieces_per_hour", c.piecesPerHour);
        json.field("standard_hours_per_100_units", c.standardHoursPer100Units);
        json.field("complete_cycles", c.completeCycles);
        json.field("study_complete", c.studyComplete);
        json.endObject();
        json.key("validity");
        if (validity) {
            json.beginObject();
            json.field("elapsed_seconds", validity->elapsedSeconds);
            json.field("recorded_seconds", validity->recordedSeconds);
            json.field("recording_error", validity->recordingError);
            json.field("limit", study::kRecordingErrorLimit);
            json.field("flagged", validity->flagged);
            json.field("readings", validity->readings);
            json.endObject();
        } else {
            json.null();
        }
        json.endObject();
        json.finish();
        return kExitOk;
    }

    std::fprintf(out, "%s: process '%s', study %s\n", path.c_str(), sel.process.name.c_str(),
                 describeStudy(sel.study).c_str());
    if (!warning.empty())
        std::fprintf(out, "Read-only: %s\n", warning.c_str());
    std::fprintf(out, "%zu observations in %zu cycles; rating: %s; allowance %s %% of %s time (manual work)\n\n",
                 observations.size(), cycles.size(),
                 sel.study.ratingMethod == study::RatingMethod::None ? "none (100 %)" : "pace rating",
                 formatReadable(sel.study.allowances.total() + sel.study.allowancePercent).c_str(),
                 sel.study.allowanceBasis == study::AllowanceBasis::WorkingTime ? "working" : "normal");
    TextTable table;
    table.addRow({"step", "n", "mean", "SD", "CV %", "min", "max", "needed", "normal", "standard"});
    for (std::size_t i = 0; i < summary->steps.size(); ++i) {
        const auto& s = summary->steps[i];
        std::string needed;
        if (!s.needed)
            needed = std::to_string(s.stillNeeded) + " more";
        else if (s.consistent)
            needed = std::to_string(*s.needed) + " ok";
        else
            needed = std::to_string(*s.needed) + " (" + std::to_string(s.stillNeeded) + " more)";
        table.addRow({i < steps.size() ? steps[i].name : std::string(), std::to_string(s.n), seconds(s.meanSeconds),
                      seconds(s.sdSeconds), s.n > 1 ? formatReadable(100 * s.cv, 3) : "-", seconds(s.minSeconds),
                      seconds(s.maxSeconds), needed, seconds(s.normalSeconds), seconds(s.standardSeconds)});
    }
    table.print(out);

    // The elements as the study sheet lists them: what each adds to the cycle.
    std::fprintf(out, "\nSelected time: the %s. Allowances: personal %s %%, basic fatigue %s %%, variable fatigue "
                 "%s %%, delay %s %%.\n\n",
                 rule.c_str(), formatReadable(sel.study.allowances.personal).c_str(),
                 formatReadable(sel.study.allowances.basicFatigue).c_str(),
                 formatReadable(sel.study.allowances.variableFatigue).c_str(),
                 formatReadable(sel.study.allowances.delay).c_str());
    TextTable elements;
    elements.addRow({"step", "kind", "frequency", "per cycle", "selected", "basic", "allowance %", "standard",
                     "basic/cycle", "standard/cycle", "pcs/h", "std h/100", "internal"});
    for (std::size_t i = 0; i < summary->steps.size() && i < steps.size(); ++i) {
        const auto& s = summary->steps[i];
        std::string internal;
        if (s.insideStepId != 0)
            internal = "inside " + (stepName.count(s.insideStepId) ? stepName[s.insideStepId] : std::string("?"));
        if (s.ratingIgnored)
            internal += std::string(internal.empty() ? "" : "; ") + "ratings not used";
        elements.addRow({steps[i].name, std::string(study::toString(s.kind)), frequencyText(steps[i]),
                         formatReadable(s.occurrencesPerCycle, 4), seconds(s.selectedSeconds),
                         seconds(s.normalSeconds), formatReadable(s.allowancePercent, 4),
                         seconds(s.standardSeconds), seconds(s.basicPerCycleSeconds),
                         seconds(s.standardPerCycleSeconds), formatReadable(s.piecesPerHour, 5),
                         formatReadable(s.standardHoursPer100Units, 4), internal});
    }
    elements.print(out);
    const auto& c = summary->cycle;
    std::fprintf(out, "\nCycle: observed %s s, normal %s s, standard %s s; %zu complete cycles.\n",
                 seconds(c.meanSeconds).c_str(), seconds(c.normalSeconds).c_str(), seconds(c.standardSeconds).c_str(),
                 c.completeCycles);
    std::fprintf(out, "Per cycle (%s units per cycle): basic %s s, standard %s s; %s pieces per hour; %s standard hours per "
                 "100 units; internal work hidden inside machine time %s s.\n",
                 formatReadable(c.unitsPerCycle).c_str(), seconds(c.normalSeconds).c_str(),
                 seconds(c.standardSeconds).c_str(), formatReadable(c.piecesPerHour, 5).c_str(),
                 formatReadable(c.standardHoursPer100Units, 5).c_str(), seconds(c.hiddenStandardSeconds).c_str());
    if (validity)
        std::fprintf(out, "Validity: elapsed %s s, recorded %s s, recording error %s %%%s\n",
                     seconds(validity->elapsedSeconds).c_str(), seconds(validity->recordedSeconds).c_str(),
                     formatReadable(100 * validity->recordingError, 3).c_str(),
                     validity->flagged ? " - above 2 %: repeat the study" : " (within 2 %)");
    else
        std::fprintf(out, "Validity: no clock times to check (durations only).\n");
    std::fprintf(out, "%s\n", c.studyComplete ? "Every step is consistent: the study is complete."
                                              : "Keep timing until every step is consistent (95 % confidence, ±5 %).");
    if (!leftOut.empty()) {
        std::fprintf(out, "\nLeft out of the step times (%zu):\n", leftOut.size());
        TextTable left;
        left.addRow({"cycle", "step", "time", "why"});
        for (const auto* o : leftOut)
            left.addRow({std::to_string(cycleNumber[o->cycleId]), stepName[o->stepId], seconds(o->seconds()), why(*o)});
        left.print(out);
    }
    return kExitOk;
}

// gemba export PROJECT [--process NAME] [--study NAME|ID] -o FILE | --xlsx FILE
int runExport(const Arguments& arguments, std::FILE* out)
{
    Args args("export",
              "Writes a study's observations to a CSV file, one row per observation in start order: study, cycle, "
              "step, position, duration_s, start_s, end_s, wall_start, rating_percent, foreign_element, abnormal, "
              "excluded, excluded_reason, spans_suspend, note, paused_s. 'gemba import' reads it back as it was. With "
              "--xlsx instead: the study as a workbook with one sheet per table (Elements, Observations, Summary).");
    addStudySelection(args);
    args.option("output", 'o', OptionType::Text, "FILE", "the CSV file to write (replaced when it exists)");
    args.option("xlsx", OptionType::Text, "FILE",
                "write an .xlsx workbook instead: the elements, every observation and the summary with the "
                "study's validity (replaced when it exists)");
    args.footer(std::string("RFC 4180: comma-separated, CRLF line ends, UTF-8. In the workbook times are in "
                            "seconds and numbers are numbers. ") +
                kExitFooter);
    if (!args.parse(arguments, out))
        return kExitOk;
    const std::string path = args.positional(0, "PROJECT file");
    const std::optional<std::string> xlsx = args.text("xlsx");
    if (xlsx && args.has("output"))
        throw UsageError("give either --output (CSV) or --xlsx, not both");
    if (xlsx && xlsx->empty())
        throw UsageError("option --xlsx: the file name is empty");
    const std::string output = xlsx ? *xlsx : args.requiredText("output");
    if (output.empty())
        throw UsageError("option --output: the file name is empty");

    auto project = openProject(path, store::OpenMode::ReadOnly);
    const Selection sel = selectStudy(*project, args.text("process"), args.text("study"));
    if (xlsx) {
        const auto written = store::exportStudyXlsx(*project, sel.study.id, output);
        if (!written)
            throw DataError(written.error().message);
        std::fprintf(out, "Exported %lld steps and %lld observations of process '%s', study %s to %s\n",
                     static_cast<long long>(written->steps), static_cast<long long>(written->observations),
                     sel.process.name.c_str(), describeStudy(sel.study).c_str(), output.c_str());
        return kExitOk;
    }
    const auto rows = store::exportObservationsCsv(*project, sel.study.id, output);
    if (!rows)
        throw DataError(rows.error().message);
    std::fprintf(out, "Exported %lld observations of process '%s', study %s to %s\n", static_cast<long long>(*rows),
                 sel.process.name.c_str(), describeStudy(sel.study).c_str(), output.c_str());
    return kExitOk;
}

} // namespace gemba::cli
