// Test support: runs a `gemba` subcommand in-process, through the same entry point as the
// executable, and captures what it prints.
#pragma once

#include "cli/commands.h"

#include <QByteArray>
#include <QStringList>

#include <cstdio>
#include <string>
#include <vector>

namespace gemba::test {

struct CliResult {
    int status = 0;
    QByteArray out;
    QByteArray err;
};

inline CliResult runCli(const QStringList& args)
{
    std::vector<std::string> argv;
    for (const auto& a : args)
        argv.push_back(a.toStdString());
    std::FILE* out = std::tmpfile();
    std::FILE* err = std::tmpfile();
    CliResult r;
    r.status = gemba::cli::run(argv, out, err);
    auto slurp = [](std::FILE* f) {
        std::fflush(f);
        std::rewind(f);
        QByteArray data;
        char buf[65536];
        std::size_t got = 0;
        while ((got = std::fread(buf, 1, sizeof buf, f)) > 0)
            data.append(buf, static_cast<qsizetype>(got));
        std::fclose(f);
        return data;
    };
    r.out = slurp(out);
    r.err = slurp(err);
    return r;
}

} // namespace gemba::test
