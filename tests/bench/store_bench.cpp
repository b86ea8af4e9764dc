// Benchmark of the project file: durable lap commit latency, importing a million observations
// (against the sqlite3 shell's own .import of the same CSV), and opening a big project.
// Usage: gemba_store_bench [--rows 1000000] [--laps 500] [--repeat 2] [--dir /tmp] [--sqlite3 sqlite3]
// Put --dir on the disk the app will use: on tmpfs a "durable" commit costs nothing.
#include "store/database.h"
#include "store/observationcsv.h"
#include "store/project.h"

#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include <sys/statfs.h>
#include <sys/wait.h>
#include <unistd.h>

namespace {

using namespace gemba;
using namespace gemba::store;
using namespace gemba::study;
using Clock = std::chrono::steady_clock;

double seconds(Clock::time_point a, Clock::time_point b) { return std::chrono::duration<double>(b - a).count(); }

constexpr int kSteps = 10;

[[noreturn]] void die(const std::string& what)
{
    std::fprintf(stderr, "store_bench: %s\n", what.c_str());
    std::exit(1);
}

template <typename T>
T need(Expected<T> e, const char* what)
{
    if (!e)
        die(std::string(what) + ": " + e.error().message);
    return std::move(*e);
}

void removeProject(const std::string& path)
{
    for (const char* suffix : {"", "-wal", "-shm", "-journal"})
        std::remove((path + suffix).c_str());
}

std::string fileSystemOf(const std::string& dir)
{
    struct statfs st {};
    if (::statfs(dir.c_str(), &st) != 0)
        return "unknown";
    switch (static_cast<unsigned long>(st.f_type)) {
    case 0xEF53: return "ext2/3/4";
    case 0x01021994: return "tmpfs (commits are not really durable here)";
    case 0x9123683E: return "btrfs";
    case 0x58465342: return "xfs";
    case 0x794C7630: return "overlayfs";
    default: {
        char buf[32];
        std::snprintf(buf, sizeof buf, "f_type 0x%lx", static_cast<unsigned long>(st.f_type));
        return buf;
    }
    }
}

// A process of kSteps steps; returns its id and fills `steps` with their ids.
Id addProcess(Project& p, std::vector<Id>& steps)
{
    Process proc{0, "Bench assembly", ""};
    need(p.addProcess(proc), "addProcess");
    steps.clear();
    for (int i = 0; i < kSteps; ++i) {
        Step s;
        s.processId = proc.id;
        s.position = -1;
        s.name = "Step " + std::to_string(i + 1);
        steps.push_back(need(p.addStep(s), "addStep"));
    }
    return proc.id;
}

void lapLatency(const std::string& dir, int laps)
{
    const std::string path = dir + "/store_bench_laps.gemba";
    removeProject(path);
    auto project = need(Project::open(path), "open");
    std::vector<Id> steps;
    Study study;
    study.processId = addProcess(*project, steps);
    need(project->addStudy(study), "addStudy");
    std::vector<double> ms;
    ms.reserve(static_cast<std::size_t>(laps));
    Cycle cycle;
    std::int64_t t = 0;
    for (int i = 0; i < laps; ++i) {
        if (i % kSteps == 0) {
            cycle = Cycle{0, study.id, i / kSteps + 1};
            need(project->addCycle(cycle), "addCycle");
        }
        Observation o;
        o.studyId = study.id;
        o.cycleId = cycle.id;
        o.stepId = steps[static_cast<std::size_t>(i % kSteps)];
        o.startUs = t;
        o.durationUs = 2'000'000;
        o.endUs = t + o.durationUs;
        t = o.endUs;
        const auto t0 = Clock::now();
        need(project->addObservation(o), "addObservation");
        ms.push_back(seconds(t0, Clock::now()) * 1e3);
    }
    std::sort(ms.begin(), ms.end());
    const auto at = [&](double q) {
        return ms[std::min(ms.size() - 1, static_cast<std::size_t>(q * static_cast<double>(ms.size())))];
    };
    std::printf("durable lap commit (addObservation, WAL + synchronous=FULL), %d laps:\n", laps);
    std::printf("  median %.3f ms   p99 %.3f ms   max %.3f ms   (one frame = 16.7 ms)\n", at(0.5), at(0.99),
                ms.back());
    project.reset();
    removeProject(path);
}

// One row per observation, as a stopwatch export or a spreadsheet would hold them.
std::string writeCsv(const std::string& dir, long rows)
{
    const std::string path = dir + "/store_bench_" + std::to_string(rows) + ".csv";
    std::FILE* f = std::fopen(path.c_str(), "w");
    if (!f)
        die("cannot write " + path);
    std::mt19937_64 rng(42);
    std::lognormal_distribution<double> dist(1.0, 0.4);
    std::fputs("cycle,step,duration_s,start_s,end_s,abnormal,note\n", f);
    std::int64_t t = 0;
    for (long i = 0; i < rows; ++i) {
        const std::int64_t us = static_cast<std::int64_t>(dist(rng) * 1e6) / 1000 * 1000;   // ms resolution
        const char* note = i % 97 == 0 ? "\"operator swapped, restarted\"" : "";
        std::fprintf(f, "%ld,Step %ld,%lld.%03lld,%lld.%03lld,%lld.%03lld,%d,%s\n", i / kSteps + 1, i % kSteps + 1,
                     static_cast<long long>(us / 1'000'000), static_cast<long long>(us % 1'000'000 / 1000),
                     static_cast<long long>(t / 1'000'000), static_cast<long long>(t % 1'000'000 / 1000),
                     static_cast<long long>((t + us) / 1'000'000), static_cast<long long>((t + us) % 1'000'000 / 1000),
                     i % 211 == 0 ? 1 : 0, note);
        t += us;
    }
    std::fclose(f);
    return path;
}

// The sqlite3 shell importing the same file into a table of the CSV's shape, in its defaults
// (rollback journal, synchronous=FULL, one transaction), as a user would run it.
double sqliteShellImport(const std::string& dir, const std::string& csv, const std::string& shell)
{
    const std::string db = dir + "/store_bench_shell.db";
    removeProject(db);
    const std::string script = "CREATE TABLE observations (cycle INTEGER, step TEXT, duration_s REAL, start_s REAL, "
                               "end_s REAL, abnormal INTEGER, note TEXT);\n"
                               ".import --csv --skip 1 '" + csv + "' observations\n";
    const auto t0 = Clock::now();
    std::FILE* p = ::popen((shell + " -bail '" + db + "'").c_str(), "w");
    if (!p)
        die("cannot run " + shell);
    std::fputs(script.c_str(), p);
    const int status = ::pclose(p);
    const double s = seconds(t0, Clock::now());
    if (status != 0)
        die(shell + " .import failed");
    sqlite3* raw = nullptr;
    sqlite3_open(db.c_str(), &raw);
    sqlite3_stmt* st = nullptr;
    sqlite3_prepare_v2(raw, "SELECT count(*) FROM observations", -1, &st, nullptr);
    sqlite3_step(st);
    const auto n = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(raw);
    removeProject(db);
    std::printf("  sqlite3 .import: %.3f s (%lld rows)\n", s, static_cast<long long>(n));
    return s;
}

double gembaImport(const std::string& path, const std::string& csv, bool keep)
{
    removeProject(path);
    auto project = need(Project::open(path), "open");
    std::vector<Id> steps;
    Study study;
    study.processId = addProcess(*project, steps);
    study.date = "2026-11-23";
    ObservationCsvImportOptions options;
    options.columns.start = "start_s";
    options.columns.end = "end_s";
    options.columns.abnormal = "abnormal";
    options.columns.note = "note";
    const auto t0 = Clock::now();
    auto r = need(importObservationsCsv(*project, csv, study, options), "import");
    const double s = seconds(t0, Clock::now());
    project.reset();
    std::printf("  Gemba import:    %.3f s (%lld observations, %lld cycles)\n", s,
                static_cast<long long>(r.observations), static_cast<long long>(r.cycles));
    if (!keep)
        removeProject(path);
    return s;
}

// A data set of `rows` rows x 3 columns (two of numbers, one of text), as a measurement log.
double dataSetImport(const std::string& dir, long rows)
{
    const std::string csv = dir + "/store_bench_dataset_" + std::to_string(rows) + ".csv";
    std::FILE* f = std::fopen(csv.c_str(), "w");
    if (!f)
        die("cannot write " + csv);
    std::mt19937_64 rng(7);
    std::normal_distribution<double> width(25.0, 0.05);
    std::fputs("width_mm,defects,operator\n", f);
    for (long i = 0; i < rows; ++i)
        std::fprintf(f, "%.4f,%ld,op%ld\n", width(rng), static_cast<long>(rng() % 5), i % 7);
    std::fclose(f);
    const std::string path = dir + "/store_bench_dataset.gemba";
    removeProject(path);
    auto project = need(Project::open(path), "open");
    const auto t0 = Clock::now();
    need(project->importDataSet(csv, "measurements"), "importDataSet");
    const double s = seconds(t0, Clock::now());
    const auto t1 = Clock::now();
    auto column = need(project->dataSetColumn(1, "width_mm"), "dataSetColumn");
    const double read = seconds(t1, Clock::now());
    std::printf("  data set import: %.3f s (%ld rows x 3 columns); reading one column back: %.1f ms (%zu values)\n",
                s, rows, read * 1e3, column.numbers.size());
    project.reset();
    removeProject(path);
    std::remove(csv.c_str());
    return s;
}

void openProject(const std::string& path)
{
    std::printf("open a project of 1 study with its observations and read what a window needs first:\n");
    for (int run = 0; run < 3; ++run) {
        const auto t0 = Clock::now();
        auto project = need(Project::open(path), "open");
        const auto t1 = Clock::now();
        auto processes = need(project->processes(), "processes");
        auto steps = need(project->steps(processes.front().id), "steps");
        auto studies = need(project->studies(processes.front().id), "studies");
        const auto t2 = Clock::now();
        const auto count = need(project->observationCount(studies.front().id), "observationCount");
        const auto t3 = Clock::now();
        auto first = need(project->observations(studies.front().id, 0, 100), "observations");
        const auto t4 = Clock::now();
        std::printf("  run %d: total %.1f ms = open %.1f + processes/steps/studies %.1f + count %.1f (%lld) + "
                    "first %zu observations %.1f\n",
                    run + 1, seconds(t0, t4) * 1e3, seconds(t0, t1) * 1e3, seconds(t1, t2) * 1e3,
                    seconds(t2, t3) * 1e3, static_cast<long long>(count), first.size(), seconds(t3, t4) * 1e3);
    }
    // What the first open after a crash adds (the quick_check of the whole file).
    auto db = need(Database::open(path, Database::Access::ReadOnly), "open read-only");
    const auto t0 = Clock::now();
    const std::string verdict = need(db.queryText("PRAGMA quick_check"), "quick_check");
    std::printf("  quick_check (only after an unclean exit): %.1f ms (%s)\n", seconds(t0, Clock::now()) * 1e3,
                verdict.c_str());
}

} // namespace

int main(int argc, char** argv)
{
    long rows = 1'000'000;
    int laps = 500;
    int repeat = 2;
    std::string dir = std::getenv("TMPDIR") ? std::getenv("TMPDIR") : "/tmp";
    std::string shell = "sqlite3";
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string a = argv[i];
        if (a == "--rows")
            rows = std::atol(argv[i + 1]);
        else if (a == "--laps")
            laps = std::atoi(argv[i + 1]);
        else if (a == "--repeat")
            repeat = std::max(1, std::atoi(argv[i + 1]));
        else if (a == "--dir")
            dir = argv[i + 1];
        else if (a == "--sqlite3")
            shell = argv[i + 1];
        else
            die("unknown option " + a);
    }
    std::printf("SQLite %s, directory %s (%s)\n\n", sqlite3_libversion(), dir.c_str(), fileSystemOf(dir).c_str());

    lapLatency(dir, laps);

    std::printf("\nimport of %ld observation rows (one transaction; best of %d):\n", rows, repeat);
    const std::string csv = writeCsv(dir, rows);
    const std::string project = dir + "/store_bench_big.gemba";
    double shellBest = 1e300, oursBest = 1e300;
    for (int r = 0; r < repeat; ++r) {   // alternated, so neither gets a warmer cache
        shellBest = std::min(shellBest, sqliteShellImport(dir, csv, shell));
        oursBest = std::min(oursBest, gembaImport(project, csv, r + 1 == repeat));
    }
    std::printf("  ratio Gemba / sqlite3 .import: %.2f (target <= 1.5)\n", oursBest / shellBest);
    double dataSetBest = 1e300;
    for (int r = 0; r < repeat; ++r)
        dataSetBest = std::min(dataSetBest, dataSetImport(dir, rows));
    std::printf("  data set import best: %.3f s\n\n", dataSetBest);

    openProject(project);
    removeProject(project);
    std::remove(csv.c_str());
    return 0;
}
