// Command-line options of one subcommand, parsed by CLI11 (see args.h).
#include "args.h"

#include "clierror.h"
#include "io/csvreader.h"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>

namespace gemba::cli {
namespace {

constexpr const char* kDurationHint = "write it like 8h, 30m, 45s, 1h30m, 2.5s or plain seconds";

// The value checks run by CLI11 while it parses. They throw UsageError themselves (CLI11 only
// catches its own ValidationError), so the message is exactly ours and parsing stops there.
// A number option's value, read as a CSV cell is; the errors name the option.
double numberValue(const std::string& name, const std::string& v)
{
    double out = 0;
    switch (io::readNumber(v, out)) {
    case io::NumberResult::Ok:
        return out;
    case io::NumberResult::Ambiguous:
        throw UsageError("option --" + name + ": '" + v +
                         "' could have a decimal mark or a thousands separator; write it without the separator or "
                         "with a decimal point");
    case io::NumberResult::OutOfRange:
        throw UsageError("option --" + name + ": '" + v + "' is out of range");
    case io::NumberResult::NotANumber:
        break;
    }
    throw UsageError("option --" + name + ": '" + v + "' is not a number");
}

void checkValue(const std::string& name, OptionType type, const std::string& value)
{
    double number = 0;
    switch (type) {
    case OptionType::Text:
        return;
    case OptionType::Number:
        numberValue(name, value);
        return;
    case OptionType::Integer:
        number = numberValue(name, value);
        if (number != std::floor(number) || std::fabs(number) > 9e15)
            throw UsageError("option --" + name + ": '" + value + "' is not a whole number");
        return;
    case OptionType::Duration:
        if (!parseDuration(value))
            throw UsageError("option --" + name + ": '" + value + "' is not a duration (" + kDurationHint + ")");
        return;
    case OptionType::NumberOrPercent: {
        std::string t = value;
        if (!t.empty() && t.back() == '%')
            t.pop_back();
        if (!io::parseNumber(t, number))
            throw UsageError("option --" + name + ": '" + value + "' is not a number");
        return;
    }
    }
}

const char* defaultValueName(OptionType type)
{
    switch (type) {
    case OptionType::Number: return "X";
    case OptionType::Integer: return "N";
    case OptionType::Duration: return "D";
    case OptionType::NumberOrPercent: return "PCT";
    case OptionType::Text: break;
    }
    return "TEXT";
}

} // namespace

const char* const kCsvFooter =
    "FILE is a CSV file with a header row (UTF-8, quoted fields); the delimiter and the decimal mark are "
    "guessed unless --delimiter and --decimal give them. Exit status: 0 success, 1 bad data, 2 bad usage.";
const char* const kDurationFooter =
    "A duration D is written like 8h, 30m, 45s, 1h30m, 2.5s or plain seconds. Exit status: 0 success, 1 bad data, "
    "2 bad usage.";
const char* const kExitFooter = "Exit status: 0 success, 1 bad data, 2 bad usage.";

struct Args::Impl {
    struct Positional {
        CLI::Option* option = nullptr;
        std::string missing;
    };
    struct Named {
        CLI::Option* option = nullptr;
        OptionType type = OptionType::Text;
        bool isFlag = false;
    };

    explicit Impl(const std::string& command, const std::string& description)
        : app(description, "gemba " + command)
    {
        app.allow_extras();   // reported by parse() in our words
        app.option_defaults()->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
        app.set_help_flag("-h,--help", "Print this help and exit");
        app.get_formatter()->column_width(28);
    }

    const Named& named(const std::string& name) const
    {
        const auto it = options.find(name);
        if (it == options.end())   // a programming error: the command reads an option it did not declare
            throw std::logic_error("option --" + name + " is not declared");
        return it->second;
    }

    // An option CLI11 did not know, or a stray argument, in the words of the old parser.
    void rejectExtras() const
    {
        const auto extras = app.remaining();
        for (const std::string& e : extras)
            if (e.size() > 2 && e.compare(0, 2, "--") == 0)
                throw UsageError("unknown option " + e.substr(0, e.find('=')));
        for (const std::string& e : extras)
            if (e.size() > 1 && e[0] == '-')
                throw UsageError("unknown option " + e);
        if (!extras.empty())
            throw UsageError("unexpected argument '" + extras.front() + "'");
    }

    // The first required item left out, in declaration order.
    void rejectMissing() const
    {
        for (const auto& p : positionals)
            if (p.option->count() == 0)
                throw UsageError("missing " + p.missing);
        for (const auto& name : order) {
            const Named& n = options.at(name);
            if (n.option->get_required() && n.option->count() == 0)
                throw UsageError("missing option --" + name);
        }
    }

    CLI::App app;
    std::vector<Positional> positionals;
    std::map<std::string, Named> options;
    std::vector<std::string> order;
};

Args::Args(const std::string& command, const std::string& description)
    : m_d(std::make_unique<Impl>(command, description))
{
}

Args::~Args() = default;

void Args::positional(const std::string& name, const std::string& help, const std::string& missing)
{
    CLI::Option* o = m_d->app.add_option(name, help);
    o->required()->type_name("");
    m_d->positionals.push_back({o, missing});
}

void Args::option(const std::string& name, OptionType type, const std::string& value, const std::string& help,
                  bool required)
{
    option(name, '\0', type, value, help, required);
}

void Args::option(const std::string& name, char shortName, OptionType type, const std::string& value,
                  const std::string& help, bool required)
{
    CLI::Option* o =
        m_d->app.add_option(shortName ? std::string{'-', shortName} + ",--" + name : "--" + name, help);
    o->type_name(value.empty() ? defaultValueName(type) : value);
    if (type != OptionType::Text)
        o->check(CLI::Validator(
            [name, type](std::string& v) {
                checkValue(name, type, v);
                return std::string();
            },
            ""));
    if (required)
        o->required();
    m_d->options[name] = {o, type, false};
    m_d->order.push_back(name);
}

void Args::flagOption(const std::string& name, const std::string& help)
{
    CLI::Option* o = m_d->app.add_flag("--" + name, help);
    m_d->options[name] = {o, OptionType::Text, true};
    m_d->order.push_back(name);
}

void Args::footer(const std::string& text) { m_d->app.footer(text); }

std::string Args::help() const { return m_d->app.help(); }

bool Args::parse(const Arguments& arguments, std::FILE* out)
{
    // CLI11 takes the arguments backwards. "--name=" is passed as "--name" and an empty value:
    // CLI11 would otherwise take the next argument as the value, where an empty one was meant.
    std::vector<std::string> reversed;
    reversed.reserve(arguments.size() + 1);
    for (auto it = arguments.rbegin(); it != arguments.rend(); ++it) {
        if (it->size() > 3 && it->compare(0, 2, "--") == 0 && it->back() == '=' &&
            it->find('=') == it->size() - 1) {
            reversed.emplace_back();
            reversed.push_back(it->substr(0, it->size() - 1));
        } else {
            reversed.push_back(*it);
        }
    }
    try {
        m_d->app.parse(reversed);
    } catch (const CLI::CallForHelp&) {
        std::fputs(m_d->app.help().c_str(), out);
        return false;
    } catch (const CLI::RequiredError&) {
        // An unknown option or stray argument is reported before a missing one, as it always was.
        m_d->rejectExtras();
        m_d->rejectMissing();
        throw UsageError("missing a required argument; see --help");
    } catch (const CLI::ArgumentMismatch& e) {
        // "--demand: 1 required D missing": the option ended the line without its value.
        const std::string what = e.what();
        const auto colon = what.find(':');
        if (what.compare(0, 2, "--") == 0 && colon != std::string::npos)
            throw UsageError("option " + what.substr(0, colon) + " needs a value");
        throw UsageError(what);
    } catch (const CLI::ParseError& e) {
        throw UsageError(e.what());
    }
    m_d->rejectExtras();
    m_d->rejectMissing();
    for (const auto& p : m_d->positionals)
        m_positionals.push_back(p.option->results().back());
    return true;
}

std::string Args::positional(std::size_t index, const char* what) const
{
    if (index >= m_positionals.size())
        throw UsageError(std::string("missing ") + what);
    return m_positionals[index];
}

bool Args::flag(const std::string& name) const { return has(name); }

bool Args::has(const std::string& name) const { return m_d->named(name).option->count() > 0; }

std::optional<std::string> Args::text(const std::string& name) const
{
    const CLI::Option* o = m_d->named(name).option;
    if (o->count() == 0 || o->results().empty())
        return std::nullopt;
    return o->results().back();   // the last occurrence wins, as in most tools
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
    return numberValue(name, *v);
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
        throw UsageError("option --" + name + ": '" + *v + "' is not a duration (" + kDurationHint + ")");
    return seconds;
}

double Args::requiredDuration(const std::string& name) const
{
    if (!has(name))
        throw UsageError("missing option --" + name);
    return *duration(name);
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
