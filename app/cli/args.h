// Command-line options of one subcommand: positionals and `--name value` / `--flag` options.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

namespace gemba::cli {

class Args {
public:
    // `flags` are the options that take no value (e.g. "json"); every other `--name` takes one.
    // `--name=value` is accepted too. Throws UsageError on a malformed list.
    Args(const std::vector<std::string>& arguments, std::set<std::string> flags);

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

    // Throws UsageError naming the first option given that is not in `known`.
    void rejectUnknown(const std::set<std::string>& known) const;

private:
    std::vector<std::string> m_positionals;
    std::vector<std::pair<std::string, std::string>> m_options;
    std::set<std::string> m_flags;
};

// Parses a duration written like 8h, 30m, 45s, 1h30m, 2.5s, 1h30m15s or plain seconds (90, 2.5).
// Returns nullopt for anything else (negative values, unknown units, units out of order).
std::optional<double> parseDuration(const std::string& text);

} // namespace gemba::cli
