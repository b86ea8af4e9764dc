// Command-line options of one subcommand, parsed by CLI11: positionals and `--name value` /
// `--flag` options, with per-command --help.
//
// A command declares its positionals and options (with their type and help text), then calls
// parse(). CLI11 does the parsing and the help; the types are checked while parsing, with the
// wording the commands have always used ("option --demand: 'lots' is not a number"), and an
// option CLI11 does not know, a stray argument or a missing required one is a UsageError
// (exit 2) worded as before. After parse() the values are read by name, as text or converted.
// CLI11 stays inside args.cpp, so the command files compile without its headers.
#pragma once

#include "commands.h"

#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace gemba::cli {

// How an option's value is checked while parsing (the accessors below convert it).
enum class OptionType {
    Text,               // any text
    Number,             // a decimal number (point or comma), as in the CSV files
    Integer,            // a whole number
    Duration,           // 8h, 30m, 45s, 1h30m, 2.5s or plain seconds (parseDuration)
    NumberOrPercent,    // a number with an optional trailing '%' ("110" or "110%")
};

class Args {
public:
    // `command` is the subcommand ("stats"); `description` heads its --help.
    Args(const std::string& command, const std::string& description);
    ~Args();
    Args(const Args&) = delete;
    Args& operator=(const Args&) = delete;

    // Declarations, before parse(). `missing` is the message when a required positional is
    // left out (it is worded "missing <missing>").
    void positional(const std::string& name, const std::string& help, const std::string& missing);
    // `name` without the dashes; `value` names the value in the help ("COL", "D", "X").
    // A required option left out is "missing option --name".
    void option(const std::string& name, OptionType type, const std::string& value, const std::string& help,
                bool required = false);
    // The same with a one-letter alias (-o for --output); values are read by the long name.
    void option(const std::string& name, char shortName, OptionType type, const std::string& value,
                const std::string& help, bool required = false);
    void flagOption(const std::string& name, const std::string& help);
    // Text printed after the options in --help (conventions, examples).
    void footer(const std::string& text);

    // Parses the arguments (without the subcommand name). Returns false when --help was asked
    // for: the command's help is then written to `out` and the command does nothing else.
    // Throws UsageError for anything malformed.
    bool parse(const Arguments& arguments, std::FILE* out);

    // The command's help text, as --help prints it.
    std::string help() const;

    // Values after parse(). The last occurrence of a repeated option wins.
    const std::vector<std::string>& positionals() const { return m_positionals; }
    std::string positional(std::size_t index, const char* what) const;   // UsageError if missing

    bool flag(const std::string& name) const;
    bool has(const std::string& name) const;
    std::optional<std::string> text(const std::string& name) const;
    std::string requiredText(const std::string& name) const;
    std::optional<double> number(const std::string& name) const;      // UsageError if not a number
    double requiredNumber(const std::string& name) const;
    std::optional<long long> integer(const std::string& name) const;  // UsageError if not whole
    std::optional<double> duration(const std::string& name) const;    // seconds; see parseDuration
    double requiredDuration(const std::string& name) const;

private:
    struct Impl;
    std::unique_ptr<Impl> m_d;
    std::vector<std::string> m_positionals;
};

// Help footers shared by the commands: how a CSV file or a duration is written, and the exit status.
extern const char* const kCsvFooter;
extern const char* const kDurationFooter;
extern const char* const kExitFooter;

// Parses a duration written like 8h, 30m, 45s, 1h30m, 2.5s, 1h30m15s or plain seconds (90, 2.5).
// Returns nullopt for anything else (negative values, unknown units, units out of order).
std::optional<double> parseDuration(const std::string& text);

} // namespace gemba::cli
