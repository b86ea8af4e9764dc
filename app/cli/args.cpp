// Command-line options of one subcommand: positionals and `--name value` / `--flag` options.
#include "args.h"

#include "clierror.h"
#include "io/csvreader.h"

#include <charconv>
#include <cmath>

namespace gemba::cli {

Args::Args(const std::vector<std::string>& arguments, std::set<std::string> flags) : m_flags(std::move(flags))
{
    for (std::size_t i = 0; i < arguments.size(); ++i) {
        const std::string& a = arguments[i];
        if (a.size() > 2 && a.compare(0, 2, "--") == 0) {
            std::string name = a.substr(2), value;
            const auto eq = name.find('=');
            if (eq != std::string::npos) {
                value = name.substr(eq + 1);
                name.resize(eq);
            } else if (!m_flags.count(name)) {
                if (i + 1 >= arguments.size())
                    throw UsageError("option --" + name + " needs a value");
                value = arguments[++i];
            }
            m_options.emplace_back(name, value);
        } else {
            m_positionals.push_back(a);
        }
    }
}

std::string Args::positional(std::size_t index, const char* what) const
{
    if (index >= m_positionals.size())
        throw UsageError(std::string("missing ") + what);
    return m_positionals[index];
}

bool Args::flag(const std::string& name) const { return has(name); }

bool Args::has(const std::string& name) const
{
    for (const auto& [n, v] : m_options)
        if (n == name)
            return true;
    return false;
}

std::optional<std::string> Args::text(const std::string& name) const
{
    std::optional<std::string> found;
    for (const auto& [n, v] : m_options)
        if (n == name)
            found = v;   // the last occurrence wins, as in most tools
    return found;
}

std::string Args::requiredText(const std::string& name) const
{
    auto v = text(name);
    if (!v)
        throw UsageError("missing option --" + name);
    return *v;
}

std::optional<double> Args::number(const std::string& name) const
{
    const auto v = text(name);
    if (!v)
        return std::nullopt;
    double out = 0;
    switch (io::readNumber(*v, out)) {
    case io::NumberResult::Ok:
        return out;
    case io::NumberResult::Ambiguous:
        throw UsageError("option --" + name + ": '" + *v +
                         "' could have a decimal mark or a thousands separator; write it without the separator or "
                         "with a decimal point");
    case io::NumberResult::OutOfRange:
        throw UsageError("option --" + name + ": '" + *v + "' is out of range");
    case io::NumberResult::NotANumber:
        break;
    }
    throw UsageError("option --" + name + ": '" + *v + "' is not a number");
}

double Args::requiredNumber(const std::string& name) const
{
    if (!has(name))
        throw UsageError("missing option --" + name);
    return *number(name);
}

std::optional<long long> Args::integer(const std::string& name) const
{
    const auto v = number(name);
    if (!v)
        return std::nullopt;
    if (*v != std::floor(*v) || std::fabs(*v) > 9e15)
        throw UsageError("option --" + name + ": '" + *text(name) + "' is not a whole number");
    return static_cast<long long>(*v);
}

std::optional<double> Args::duration(const std::string& name) const
{
    const auto v = text(name);
    if (!v)
        return std::nullopt;
    const auto seconds = parseDuration(*v);
    if (!seconds)
        throw UsageError("option --" + name + ": '" + *v +
                         "' is not a duration (write it like 8h, 30m, 45s, 1h30m, 2.5s or plain seconds)");
    return seconds;
}

double Args::requiredDuration(const std::string& name) const
{
    if (!has(name))
        throw UsageError("missing option --" + name);
    return *duration(name);
}

void Args::rejectUnknown(const std::set<std::string>& known) const
{
    for (const auto& [n, v] : m_options)
        if (!known.count(n))
            throw UsageError("unknown option --" + n);
}

std::optional<double> parseDuration(const std::string& text)
{
    if (text.empty())
        return std::nullopt;
    double plain = 0;
    const char* begin = text.data();
    const char* end = begin + text.size();
    if (auto [p, ec] = std::from_chars(begin, end, plain); ec == std::errc() && p == end)
        return plain >= 0 && std::isfinite(plain) ? std::optional<double>(plain) : std::nullopt;

    // Unit parts must come in the order h, m, s, each at most once.
    double total = 0;
    int lastRank = -1;
    const char* p = begin;
    while (p < end) {
        double part = 0;
        auto [q, ec] = std::from_chars(p, end, part);
        if (ec != std::errc() || q == end || part < 0 || !std::isfinite(part))
            return std::nullopt;
        int rank = 0;
        double scale = 1;
        switch (*q) {
        case 'h': rank = 0; scale = 3600; break;
        case 'm': rank = 1; scale = 60; break;
        case 's': rank = 2; scale = 1; break;
        default: return std::nullopt;
        }
        if (rank <= lastRank)
            return std::nullopt;
        lastRank = rank;
        total += part * scale;
        p = q + 1;
    }
    return total;
}

} // namespace gemba::cli
