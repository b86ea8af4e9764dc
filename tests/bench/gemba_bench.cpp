// Benchmark: CSV parse rate and `gemba chart imr` end to end on generated data.
// Prints wall time and peak memory (the child's maximum resident set size).
// Usage: gemba_bench [--sizes 1000000,10000000] [--dir /tmp]
#include "io/csvreader.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

namespace {

using Clock = std::chrono::steady_clock;

double seconds(Clock::time_point a, Clock::time_point b) { return std::chrono::duration<double>(b - a).count(); }

// A process-like series: mean 50, σ 2, with 6 significant digits as a stopwatch would give.
std::string writeSeries(const std::string& dir, std::size_t n)
{
    const std::string path = dir + "/gemba_bench_" + std::to_string(n) + ".csv";
    std::FILE* f = std::fopen(path.c_str(), "w");
    if (!f) {
        std::perror(path.c_str());
        std::exit(1);
    }
    std::mt19937_64 rng(42);
    std::normal_distribution<double> dist(50.0, 2.0);
    std::fputs("value\n", f);
    for (std::size_t i = 0; i < n; ++i)
        std::fprintf(f, "%.4f\n", dist(rng));
    std::fclose(f);
    return path;
}

struct Run {
    double wall = 0;
    long maxRssKb = 0;
    int status = 0;
};

Run runCli(const std::vector<std::string>& args)
{
    std::vector<char*> argv;
    argv.push_back(const_cast<char*>(GEMBA_CLI_PATH));
    for (const auto& a : args)
        argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    const auto t0 = Clock::now();
    const pid_t pid = fork();
    if (pid == 0) {
        const int devnull = open("/dev/null", O_WRONLY);
        dup2(devnull, STDOUT_FILENO);
        execv(argv[0], argv.data());
        _exit(127);
    }
    int status = 0;
    struct rusage usage {};
    wait4(pid, &status, 0, &usage);
    Run r;
    r.wall = seconds(t0, Clock::now());
    r.maxRssKb = usage.ru_maxrss;
    r.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return r;
}

} // namespace

int main(int argc, char** argv)
{
    std::vector<std::size_t> sizes{1000000, 10000000};
    std::string dir = "/tmp";
    for (int i = 1; i + 1 < argc; i += 2) {
        if (std::strcmp(argv[i], "--dir") == 0)
            dir = argv[i + 1];
        else if (std::strcmp(argv[i], "--sizes") == 0) {
            sizes.clear();
            for (char* tok = std::strtok(argv[i + 1], ","); tok; tok = std::strtok(nullptr, ","))
                sizes.push_back(std::strtoull(tok, nullptr, 10));
        }
    }

    std::printf("%-12s %-28s %10s %12s %10s\n", "values", "what", "wall s", "rate", "peak MB");
    for (const std::size_t n : sizes) {
        const std::string path = writeSeries(dir, n);
        struct stat st {};
        stat(path.c_str(), &st);
        const double mb = static_cast<double>(st.st_size) / 1e6;

        const auto t0 = Clock::now();
        auto data = gemba::io::readCsv(path, {{"value", gemba::io::ColumnKind::Number}});
        const double parse = seconds(t0, Clock::now());
        if (!data || data->rows != n) {
            std::fprintf(stderr, "parse failed\n");
            return 1;
        }
        std::printf("%-12zu %-28s %10.3f %9.0f MB/s %10s\n", n, "CSV parse (in process)", parse, mb / parse, "-");

        for (const bool json : {false, true}) {
            std::vector<std::string> args{"chart", "imr", path, "--value", "value"};
            if (json)
                args.push_back("--json");
            const Run r = runCli(args);
            if (r.status != 0) {
                std::fprintf(stderr, "gemba exited with %d\n", r.status);
                return 1;
            }
            std::printf("%-12zu %-28s %10.3f %8.1f M/s %10.1f\n", n,
                        json ? "gemba chart imr --json" : "gemba chart imr (table)", r.wall,
                        static_cast<double>(n) / r.wall / 1e6, static_cast<double>(r.maxRssKb) / 1024.0);
        }
        std::remove(path.c_str());
    }
    return 0;
}
