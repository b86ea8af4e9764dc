// CSV import of existing observations into a new study, and CSV export of any study.
#include "store/observationcsv.h"

#include "io/csvreader.h"
#include "store/database.h"
#include "store/migrations.h"
#include "store/project.h"
#include "store/transaction.h"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <functional>
#include <limits>
#include <optional>
#include <unordered_map>
#include <vector>

#include <unistd.h>

namespace gemba::store {
namespace {

using namespace gemba::study;

// Seconds beyond this do not fit in int64 microseconds with room to subtract.
constexpr double kMaxSeconds = 9.0e12;

std::optional<std::int64_t> secondsToUs(double s)
{
    if (!std::isfinite(s) || std::fabs(s) > kMaxSeconds)
        return std::nullopt;
    return std::llround(s * 1e6);
}

bool isDigit(char c) { return c >= '0' && c <= '9'; }

// Reads exactly `n` digits at `p`.
bool digits(std::string_view s, std::size_t p, std::size_t n, int& out)
{
    if (p + n > s.size())
        return false;
    out = 0;
    for (std::size_t i = p; i < p + n; ++i) {
        if (!isDigit(s[i]))
            return false;
        out = out * 10 + (s[i] - '0');
    }
    return true;
}

// ISO 8601 "YYYY-MM-DD[T ]HH:MM:SS[.fraction][Z|+HH:MM|+HHMM]" to Unix epoch microseconds;
// the fraction may use a point or a comma and is cut after microseconds; no offset means UTC.
std::optional<std::int64_t> parseIsoTimestamp(std::string_view s)
{
    int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
    if (!digits(s, 0, 4, year) || s.size() < 19 || s[4] != '-' || !digits(s, 5, 2, month) || s[7] != '-' ||
        !digits(s, 8, 2, day) || (s[10] != 'T' && s[10] != 't' && s[10] != ' ') || !digits(s, 11, 2, hour) ||
        s[13] != ':' || !digits(s, 14, 2, minute) || s[16] != ':' || !digits(s, 17, 2, second))
        return std::nullopt;
    const std::chrono::year_month_day ymd{std::chrono::year(year), std::chrono::month(static_cast<unsigned>(month)),
                                          std::chrono::day(static_cast<unsigned>(day))};
    if (!ymd.ok() || hour > 23 || minute > 59 || second > 60)   // 60: a leap second, as written
        return std::nullopt;
    std::size_t p = 19;
    std::int64_t fractionUs = 0;
    if (p < s.size() && (s[p] == '.' || s[p] == ',')) {
        ++p;
        std::int64_t scale = 100000;
        const std::size_t first = p;
        while (p < s.size() && isDigit(s[p])) {
            fractionUs += (s[p] - '0') * scale;
            scale /= 10;
            ++p;
        }
        if (p == first)
            return std::nullopt;
    }
    std::int64_t offsetSeconds = 0;
    if (p < s.size()) {
        if (s[p] == 'Z' || s[p] == 'z') {
            ++p;
        } else if (s[p] == '+' || s[p] == '-') {
            const int sign = s[p] == '-' ? -1 : 1;
            int oh = 0, om = 0;
            if (!digits(s, p + 1, 2, oh))
                return std::nullopt;
            p += 3;
            if (p < s.size() && s[p] == ':')
                ++p;
            if (p < s.size()) {
                if (!digits(s, p, 2, om))
                    return std::nullopt;
                p += 2;
            }
            if (oh > 23 || om > 59)
                return std::nullopt;
            offsetSeconds = sign * (oh * 3600 + om * 60);
        }
    }
    if (p != s.size())
        return std::nullopt;
    const std::int64_t days = std::chrono::sys_days(ymd).time_since_epoch().count();
    const std::int64_t seconds = days * 86400 + hour * 3600 + minute * 60 + second - offsetSeconds;
    return seconds * 1'000'000 + fractionUs;
}

// "2026-11-23T09:15:02.123456Z"; the fraction is left out when it is zero.
std::string formatIsoTimestamp(std::int64_t epochUs)
{
    std::int64_t seconds = epochUs / 1'000'000;
    std::int64_t us = epochUs % 1'000'000;
    if (us < 0) {
        us += 1'000'000;
        --seconds;
    }
    std::int64_t days = seconds / 86400;
    std::int64_t secondOfDay = seconds % 86400;
    if (secondOfDay < 0) {
        secondOfDay += 86400;
        --days;
    }
    const std::chrono::year_month_day ymd{std::chrono::sys_days(std::chrono::days(days))};
    char buf[48];
    int n = std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02d", static_cast<int>(ymd.year()),
                          static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                          static_cast<int>(secondOfDay / 3600), static_cast<int>(secondOfDay / 60 % 60),
                          static_cast<int>(secondOfDay % 60));
    if (us != 0)
        n += std::snprintf(buf + n, sizeof buf - static_cast<std::size_t>(n), ".%06d", static_cast<int>(us));
    buf[n++] = 'Z';
    return std::string(buf, static_cast<std::size_t>(n));
}

// Exact seconds from integer microseconds: "12.5", "-0.000001", "3".
void appendSeconds(std::string& out, std::int64_t us)
{
    if (us < 0) {
        out += '-';
        // Negating INT64_MIN would overflow; no real time is that far from zero.
        us = us == std::numeric_limits<std::int64_t>::min() ? std::numeric_limits<std::int64_t>::max() : -us;
    }
    char buf[32];
    auto r = std::to_chars(buf, buf + sizeof buf, us / 1'000'000);
    out.append(buf, r.ptr);
    std::int64_t fraction = us % 1'000'000;
    if (fraction == 0)
        return;
    char f[7] = {'0', '0', '0', '0', '0', '0', 0};
    for (int i = 5; i >= 0; --i) {
        f[i] = static_cast<char>('0' + fraction % 10);
        fraction /= 10;
    }
    int len = 6;
    while (f[len - 1] == '0')
        --len;
    out += '.';
    out.append(f, static_cast<std::size_t>(len));
}

void appendInt(std::string& out, std::int64_t v)
{
    char buf[24];
    auto r = std::to_chars(buf, buf + sizeof buf, v);
    out.append(buf, r.ptr);
}

// RFC 4180: quoted when it holds the delimiter, a quote or a line break; also when it has a
// blank at either end, which many readers (ours included) would otherwise trim.
void appendField(std::string& out, std::string_view text)
{
    const bool quote = text.find_first_of(",\"\r\n") != std::string_view::npos ||
                       (!text.empty() && (text.front() == ' ' || text.front() == '\t' || text.back() == ' ' ||
                                          text.back() == '\t'));
    if (!quote) {
        out += text;
        return;
    }
    out += '"';
    for (char c : text) {
        if (c == '"')
            out += '"';
        out += c;
    }
    out += '"';
}

bool equalsIgnoringCase(std::string_view s, std::string_view lower)
{
    if (s.size() != lower.size())
        return false;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i] >= 'A' && s[i] <= 'Z' ? static_cast<char>(s[i] - 'A' + 'a') : s[i];
        if (c != lower[i])
            return false;
    }
    return true;
}

std::optional<bool> parseFlag(std::string_view s)
{
    if (s.empty() || s == "0")
        return false;
    if (s == "1")
        return true;
    for (std::string_view no : {"false", "no", "n"})
        if (equalsIgnoringCase(s, no))
            return false;
    for (std::string_view yes : {"true", "yes", "y", "x"})
        if (equalsIgnoringCase(s, yes))
            return true;
    return std::nullopt;
}

// Runs `undo` when the scope ends, on every return path.
class ScopeExit {
public:
    explicit ScopeExit(std::function<void()> undo) : m_undo(std::move(undo)) {}
    ScopeExit(const ScopeExit&) = delete;
    ScopeExit& operator=(const ScopeExit&) = delete;
    ~ScopeExit()
    {
        if (m_undo)
            m_undo();
    }

private:
    std::function<void()> m_undo;
};

// At or above this many rows, and when the import is at least as big as what the table holds,
// the observation indexes are dropped and built again after the load (see migrations.h).
constexpr std::size_t kBulkRows = 20'000;
// Page cache during an import (KiB; SQLite's default is 2 MB): index and table pages stay in
// memory instead of being spilled to the WAL and read back.
constexpr int kImportCacheKiB = 64 * 1024;
// Rows between two progress reports: a few milliseconds of work, so Cancel answers at once and
// the callback costs nothing measurable.
constexpr std::size_t kProgressRows = 4096;

std::string formatNumber(double v)
{
    char buf[32];
    auto r = std::to_chars(buf, buf + sizeof buf, v);
    return std::string(buf, r.ptr);
}

std::string quoted(std::string_view s)
{
    constexpr std::size_t kMax = 40;
    return "'" + std::string(s.substr(0, kMax)) + (s.size() > kMax ? "...'" : "'");
}

// Where the requested columns landed in CsvData::columns; -1 when not mapped.
struct Slots {
    int step = -1, cycle = -1, duration = -1, start = -1, end = -1, wallStart = -1, rating = -1;
    int foreignElement = -1, abnormal = -1, excluded = -1, excludedReason = -1, spansSuspend = -1, note = -1;
    int paused = -1;
};

// A time column (start or end): seconds or ISO timestamps, decided by its first cell.
enum class TimeKind { Unknown, Seconds, Timestamp };

class Importer {
public:
    Importer(Project& project, const std::string& path, const ObservationCsvImportOptions& options)
        : m_project(project)
        , m_path(path)
        , m_options(options)
    {
    }

    Expected<ObservationCsvImportResult> run(Study& study);

private:
    Error cellError(std::size_t row, int slot, const std::string& problem) const
    {
        const io::Column& c = m_data.columns[static_cast<std::size_t>(slot)];
        return makeError(ErrorCode::ParseError, m_path + ":" + std::to_string(m_data.lineOfRow(row)) + ":" +
                                                    std::to_string(c.index + 1) + ": " + problem + " (column '" +
                                                    c.name + "')");
    }
    const std::string& text(int slot, std::size_t row) const
    {
        return m_data.columns[static_cast<std::size_t>(slot)].texts[row];
    }
    double number(int slot, std::size_t row) const
    {
        return m_data.columns[static_cast<std::size_t>(slot)].numbers[row];
    }

    Expected<bool> readFile();
    std::string readHead() const;
    void addExportedStatusColumns();
    TimeKind peekTimeKind(const std::string& column) const;
    Expected<bool> loadSteps();
    Expected<Id> stepOf(std::size_t row);
    Expected<Id> cycleOf(std::size_t row);
    Expected<std::int64_t> timeOf(int slot, std::size_t row, TimeKind& kind);
    Expected<bool> flagOf(int slot, std::size_t row);

    Project& m_project;
    std::string m_path;
    const ObservationCsvImportOptions& m_options;
    ObservationCsvColumns m_columns;   // the mapping, with the status columns found by name
    io::CsvData m_data;
    Slots m_slots;
    Id m_processId = 0;
    Id m_studyId = 0;
    std::vector<Id> m_stepByPosition;
    std::vector<std::string> m_stepNames;   // by position, for messages
    std::unordered_map<std::string, Id> m_stepByName;
    std::unordered_map<std::int64_t, Id> m_cycleByNumber;
    std::int64_t m_lastCycleNumber = -1;   // rows of one cycle come together: skip the hash
    Id m_lastCycleId = 0;
    TimeKind m_startKind = TimeKind::Unknown;
    TimeKind m_endKind = TimeKind::Unknown;
    ObservationCsvImportResult m_result;
};

Expected<bool> Importer::readFile()
{
    m_columns = m_options.columns;
    if (m_options.readExportedStatusColumns)
        addExportedStatusColumns();
    const ObservationCsvColumns& c = m_columns;
    if (c.step.empty() || c.cycle.empty())
        return makeError(ErrorCode::InvalidArgument, m_path + ": the step and cycle columns must be given");
    if (c.duration.empty() && (c.start.empty() || c.end.empty()))
        return makeError(ErrorCode::InvalidArgument,
                         m_path + ": a duration column, or start and end columns, must be given");

    std::vector<io::ColumnRequest> requests;
    auto request = [&](const std::string& name, io::ColumnKind kind, int& slot) {
        if (name.empty())
            return;
        slot = static_cast<int>(requests.size());
        requests.push_back({name, kind});
    };
    using io::ColumnKind;
    request(c.step, m_options.stepMatch == StepMatch::ByName ? ColumnKind::Text : ColumnKind::Number, m_slots.step);
    request(c.cycle, ColumnKind::Number, m_slots.cycle);
    request(c.duration, ColumnKind::Number, m_slots.duration);
    // Seconds are read as numbers by the reader (no string per cell), timestamps as text.
    m_startKind = peekTimeKind(c.start);
    m_endKind = peekTimeKind(c.end);
    request(c.start, m_startKind == TimeKind::Seconds ? ColumnKind::Number : ColumnKind::Text, m_slots.start);
    request(c.end, m_endKind == TimeKind::Seconds ? ColumnKind::Number : ColumnKind::Text, m_slots.end);
    request(c.wallStart, ColumnKind::Text, m_slots.wallStart);
    request(c.rating, ColumnKind::Number, m_slots.rating);
    request(c.foreignElement, ColumnKind::Text, m_slots.foreignElement);
    request(c.abnormal, ColumnKind::Text, m_slots.abnormal);
    request(c.excluded, ColumnKind::Text, m_slots.excluded);
    request(c.excludedReason, ColumnKind::Text, m_slots.excludedReason);
    request(c.spansSuspend, ColumnKind::Text, m_slots.spansSuspend);
    request(c.note, ColumnKind::Text, m_slots.note);
    request(c.paused, ColumnKind::Number, m_slots.paused);

    auto data = io::readCsv(m_path, requests, m_options.csv);
    if (!data)
        return data.error();
    m_data = std::move(*data);
    if (m_data.rows == 0)
        return makeError(ErrorCode::EmptyData, m_path + ": the file has a header but no observations");
    return true;
}

// The first 64 KiB of the file, cut after its last complete line; empty when it cannot be read
// (readCsv reports why).
std::string Importer::readHead() const
{
    std::FILE* f = std::fopen(m_path.c_str(), "rb");
    if (!f)
        return {};
    std::string head(64 * 1024, '\0');
    head.resize(std::fread(head.data(), 1, head.size(), f));
    const bool whole = std::feof(f) != 0;
    std::fclose(f);
    if (!whole)
        head.resize(head.rfind('\n') == std::string::npos ? 0 : head.rfind('\n') + 1);
    return head;
}

void Importer::addExportedStatusColumns()
{
    auto data = io::parseCsv(readHead(), m_path, {}, m_options.csv);
    if (!data)
        return;   // readCsv reports what is wrong with the file
    const std::vector<std::string>& header = data->header;
    ObservationCsvColumns& c = m_columns;
    const ObservationCsvColumns exported = ObservationCsvColumns::exported();
    const std::string* mapped[] = {&c.step,      &c.cycle,          &c.duration,       &c.start,
                                   &c.end,       &c.wallStart,      &c.rating,         &c.foreignElement,
                                   &c.abnormal,  &c.excluded,       &c.excludedReason, &c.spansSuspend,
                                   &c.note,      &c.paused};
    auto inUse = [&](const std::string& name) {
        return std::any_of(std::begin(mapped), std::end(mapped), [&](const std::string* m) { return *m == name; });
    };
    const std::pair<std::string*, const std::string*> status[] = {
        {&c.foreignElement, &exported.foreignElement}, {&c.abnormal, &exported.abnormal},
        {&c.excluded, &exported.excluded},             {&c.excludedReason, &exported.excludedReason},
        {&c.spansSuspend, &exported.spansSuspend},     {&c.wallStart, &exported.wallStart},
        {&c.paused, &exported.paused},
    };
    for (const auto& [field, name] : status)
        if (field->empty() && std::find(header.begin(), header.end(), *name) != header.end() && !inUse(*name))
            *field = *name;
}

TimeKind Importer::peekTimeKind(const std::string& column) const
{
    if (column.empty())
        return TimeKind::Unknown;
    const std::string head = readHead();
    if (head.empty())
        return TimeKind::Unknown;   // readCsv reports it
    auto data = io::parseCsv(head, m_path, {{column, io::ColumnKind::Text}}, m_options.csv);
    if (!data)
        return TimeKind::Unknown;   // a quoted field cut in the middle, a missing column, ...
    for (const std::string& cell : data->columns[0].texts) {
        if (cell.empty())
            continue;
        double seconds = 0;
        // "1,234" is seconds too: the reader then settles its decimal mark or reports it.
        return io::readNumber(cell, seconds, m_options.csv.decimal) != io::NumberResult::NotANumber
                   ? TimeKind::Seconds
                   : TimeKind::Timestamp;
    }
    return TimeKind::Unknown;
}

Expected<bool> Importer::loadSteps()
{
    auto steps = m_project.steps(m_processId);
    if (!steps)
        return steps.error();
    for (const Step& s : *steps) {
        m_stepByPosition.push_back(s.id);
        m_stepNames.push_back(s.name);
        m_stepByName.emplace(s.name, s.id);   // a repeated name means its first step
    }
    return true;
}

Expected<Id> Importer::stepOf(std::size_t row)
{
    if (m_options.stepMatch == StepMatch::ByPosition) {
        const double v = number(m_slots.step, row);
        if (std::isnan(v))
            return cellError(row, m_slots.step, "the step position is missing");
        if (v != std::floor(v) || v < 1 || v > static_cast<double>(m_stepByPosition.size()))
            return cellError(row, m_slots.step,
                             "step position " + quoted(formatNumber(v)) + " is not a whole number from 1 to " +
                                 std::to_string(m_stepByPosition.size()));
        return m_stepByPosition[static_cast<std::size_t>(v) - 1];
    }
    const std::string& name = text(m_slots.step, row);
    if (auto it = m_stepByName.find(name); it != m_stepByName.end())
        return it->second;
    if (name.empty())
        return cellError(row, m_slots.step, "the step name is missing");
    if (!m_options.createMissingSteps) {
        std::string known;
        for (const std::string& n : m_stepNames)
            known += (known.empty() ? "" : ", ") + quoted(n);
        return cellError(row, m_slots.step,
                         "unknown step " + quoted(name) + "; the process has " +
                             (known.empty() ? std::string("no steps") : "the steps " + known));
    }
    Step step;
    step.processId = m_processId;
    step.position = -1;   // at the end
    step.name = name;
    auto id = m_project.addStep(step);
    if (!id)
        return id.error();
    // The imported study was timed against this step too (the older studies were not).
    if (auto ok = m_project.appendStudyStep(m_studyId, *id); !ok)
        return ok.error();
    m_stepByPosition.push_back(*id);
    m_stepNames.push_back(name);
    m_stepByName.emplace(name, *id);
    ++m_result.stepsCreated;
    return *id;
}

Expected<Id> Importer::cycleOf(std::size_t row)
{
    const double v = number(m_slots.cycle, row);
    if (std::isnan(v))
        return cellError(row, m_slots.cycle, "the cycle number is missing");
    if (v != std::floor(v) || v < 1 || v > std::numeric_limits<int>::max())
        return cellError(row, m_slots.cycle, "cycle " + quoted(formatNumber(v)) + " is not a whole number from 1");
    const auto numberValue = static_cast<std::int64_t>(v);
    if (numberValue == m_lastCycleNumber)
        return m_lastCycleId;
    Id id = 0;
    if (auto it = m_cycleByNumber.find(numberValue); it != m_cycleByNumber.end()) {
        id = it->second;
    } else {
        Cycle cycle;
        cycle.studyId = m_studyId;
        cycle.number = static_cast<int>(numberValue);
        auto added = m_project.addCycle(cycle);
        if (!added)
            return added.error();
        id = *added;
        m_cycleByNumber.emplace(numberValue, id);
        ++m_result.cycles;
    }
    m_lastCycleNumber = numberValue;
    m_lastCycleId = id;
    return id;
}

Expected<std::int64_t> Importer::timeOf(int slot, std::size_t row, TimeKind& kind)
{
    if (!m_data.columns[static_cast<std::size_t>(slot)].numbers.empty()) {   // read as seconds
        const double seconds = number(slot, row);
        if (std::isnan(seconds))
            return cellError(row, slot, "the time is missing");
        if (auto us = secondsToUs(seconds))
            return *us;
        return cellError(row, slot, quoted(formatNumber(seconds)) + " is out of range");
    }
    const std::string& cell = text(slot, row);
    if (cell.empty())
        return cellError(row, slot, "the time is missing");
    double seconds = 0;
    const io::NumberResult number =
        kind == TimeKind::Timestamp ? io::NumberResult::NotANumber : io::readNumber(cell, seconds, m_data.decimal);
    if (number == io::NumberResult::Ambiguous)
        return cellError(row, slot,
                         quoted(cell) + " can be seconds with a decimal mark or with a thousands separator, and no "
                                        "other number in the file settles which; set the decimal mark");
    if (number != io::NumberResult::NotANumber) {
        kind = TimeKind::Seconds;
        if (auto us = number == io::NumberResult::Ok ? secondsToUs(seconds) : std::nullopt)
            return *us;
        return cellError(row, slot, quoted(cell) + " is out of range");
    }
    if (kind != TimeKind::Seconds) {
        if (auto us = parseIsoTimestamp(cell)) {
            kind = TimeKind::Timestamp;
            return *us;
        }
    }
    return cellError(row, slot,
                     quoted(cell) + (kind == TimeKind::Seconds ? " is not a number of seconds like the rows before"
                                     : kind == TimeKind::Timestamp
                                         ? " is not an ISO 8601 timestamp like the rows before"
                                         : " is neither seconds nor an ISO 8601 timestamp"));
}

Expected<bool> Importer::flagOf(int slot, std::size_t row)
{
    if (slot < 0)
        return false;
    if (auto v = parseFlag(text(slot, row)))
        return *v;
    return cellError(row, slot, quoted(text(slot, row)) + " is not a yes/no value (1/0, true/false, yes/no, x)");
}

Expected<ObservationCsvImportResult> Importer::run(Study& study)
{
    if (m_project.readOnly())
        return makeError(ErrorCode::InvalidArgument, "'" + m_project.path() + "' is open read-only");
    // Read and parse the whole file before touching the project: most errors cost no rollback.
    if (auto ok = readFile(); !ok)
        return ok.error();

    Database& db = m_project.database();
    // Foreign-key checks are off during the load (they cost a third of its time): every id
    // bound below was just read or inserted in this same transaction (the study, its cycles,
    // the process's steps), so the references hold by construction. SQLite ignores the pragma
    // inside a transaction, so an import nested in a caller's transaction stays checked.
    const bool outermost = !db.inTransaction();
    if (outermost)
        (void)db.exec("PRAGMA foreign_keys=OFF");
    const auto previousCache = db.queryInt("PRAGMA cache_size");
    (void)db.exec("PRAGMA cache_size=-" + std::to_string(kImportCacheKiB));
    const ScopeExit restore([&db, outermost, previousCache] {
        if (previousCache)
            (void)db.exec("PRAGMA cache_size=" + std::to_string(*previousCache));
        if (outermost)
            (void)db.exec("PRAGMA foreign_keys=ON");
    });

    auto tx = Transaction::begin(db);   // ended (committed or rolled back) before `restore` runs
    if (!tx)
        return tx.error();

    auto largestId = db.queryInt("SELECT coalesce(max(id), 0) FROM observations");   // O(log n) estimate
    if (!largestId)
        return largestId.error();
    const bool bulk = m_data.rows >= kBulkRows && static_cast<std::int64_t>(m_data.rows) >= *largestId;
    if (bulk)
        if (auto ok = dropObservationIndexes(db); !ok)
            return ok.error();

    m_processId = study.processId;
    {
        auto processes = m_project.processes();
        if (!processes)
            return processes.error();
        if (std::none_of(processes->begin(), processes->end(), [&](const Process& p) { return p.id == m_processId; }))
            return makeError(ErrorCode::InvalidArgument, "no process with id " + std::to_string(m_processId));
    }
    if (auto ok = loadSteps(); !ok)
        return ok.error();
    Study added = study;
    if (auto id = m_project.addStudy(added); !id)
        return id.error();
    m_studyId = added.id;

    // One prepared insert for all rows; text is bound without copying (it lives in m_data).
    auto insert = db.prepare("INSERT INTO observations (study_id, cycle_id, step_id, start_us, end_us, wall_start_us, "
                             "duration_us, rating_percent, foreign_element, abnormal, excluded, excluded_reason, "
                             "spans_suspend, note, paused_us) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    if (!insert)
        return insert.error();
    Statement& q = *insert;

    std::int64_t cursorUs = 0;          // end of the previous element, for duration-only files
    std::optional<std::int64_t> firstStartUs;
    for (std::size_t row = 0; row < m_data.rows; ++row) {
        auto stepId = stepOf(row);
        if (!stepId)
            return stepId.error();
        auto cycleId = cycleOf(row);
        if (!cycleId)
            return cycleId.error();

        std::optional<std::int64_t> durationUs, startUs, endUs;
        if (m_slots.duration >= 0) {
            const double s = number(m_slots.duration, row);
            if (std::isnan(s))
                return cellError(row, m_slots.duration, "the duration is missing");
            durationUs = secondsToUs(s);
            if (!durationUs || *durationUs < 0)
                return cellError(row, m_slots.duration, "duration " + formatNumber(s) + " s is negative or too large");
        }
        if (m_slots.start >= 0) {
            auto t = timeOf(m_slots.start, row, m_startKind);
            if (!t)
                return t.error();
            startUs = *t;
        }
        if (m_slots.end >= 0) {
            auto t = timeOf(m_slots.end, row, m_endKind);
            if (!t)
                return t.error();
            endUs = *t;
        }
        if (startUs && endUs && m_startKind != m_endKind)
            return cellError(row, m_slots.end, "end and start are not both seconds or both timestamps");
        if (startUs && endUs && *endUs < *startUs)
            return cellError(row, m_slots.end, "the end is before the start");
        if (!durationUs)
            durationUs = *endUs - *startUs;
        if (!startUs)
            startUs = endUs ? *endUs - *durationUs : cursorUs;
        if (!endUs)
            endUs = *startUs + *durationUs;
        cursorUs = *endUs;
        if (!firstStartUs)
            firstStartUs = *startUs;

        std::int64_t wallStartUs = 0;
        if (m_slots.wallStart >= 0 && !text(m_slots.wallStart, row).empty()) {
            auto t = parseIsoTimestamp(text(m_slots.wallStart, row));
            if (!t)
                return cellError(row, m_slots.wallStart,
                                 quoted(text(m_slots.wallStart, row)) + " is not an ISO 8601 timestamp");
            wallStartUs = *t;
        } else if (m_startKind == TimeKind::Timestamp) {
            wallStartUs = *startUs;
        } else if (study.startedWallUs != 0) {
            wallStartUs = study.startedWallUs + (*startUs - *firstStartUs);
        }

        std::int64_t pausedUs = 0;
        if (m_slots.paused >= 0 && !std::isnan(number(m_slots.paused, row))) {
            const double s = number(m_slots.paused, row);
            const auto us = secondsToUs(s);
            if (!us || *us < 0)
                return cellError(row, m_slots.paused, "paused time " + formatNumber(s) + " s is negative or too large");
            pausedUs = *us;
        }

        std::optional<double> rating;
        if (m_slots.rating >= 0 && !std::isnan(number(m_slots.rating, row))) {
            rating = number(m_slots.rating, row);
            // The one plausible range of every place a rating is entered (study/rating.h): an
            // "11" meant as 110 is refused here as in the stopwatch, never stored silently.
            if (!study::isPlausibleRating(*rating))
                return cellError(row, m_slots.rating, "a rating must be from " + formatNumber(study::kMinRatingPercent) +
                                                          " to " + formatNumber(study::kMaxRatingPercent) +
                                                          " % (100 = normal pace)");
            ++m_result.rated;
        }
        auto foreign = flagOf(m_slots.foreignElement, row);
        auto abnormal = flagOf(m_slots.abnormal, row);
        auto excluded = flagOf(m_slots.excluded, row);
        auto suspend = flagOf(m_slots.spansSuspend, row);
        for (const auto* f : {&foreign, &abnormal, &excluded, &suspend})
            if (!*f)
                return f->error();

        q.bind(1, m_studyId);
        q.bind(2, *cycleId);
        q.bind(3, *stepId);
        q.bind(4, *startUs);
        q.bind(5, *endUs);
        q.bind(6, wallStartUs);
        q.bind(7, *durationUs);
        q.bind(8, rating);
        q.bind(9, *foreign);
        q.bind(10, *abnormal);
        q.bind(11, *excluded);
        q.bindStatic(12, m_slots.excludedReason >= 0 ? std::string_view(text(m_slots.excludedReason, row))
                                                     : std::string_view());
        q.bind(13, *suspend);
        q.bindStatic(14, m_slots.note >= 0 ? std::string_view(text(m_slots.note, row)) : std::string_view());
        q.bind(15, pausedUs);
        if (auto ok = q.run(); !ok)
            return makeError(ok.error().code,
                             m_path + ":" + std::to_string(m_data.lineOfRow(row)) + ": " + ok.error().message);
        q.rewind();   // every parameter is bound again for the next row
        ++m_result.observations;
        if (m_options.progress && (row + 1) % kProgressRows == 0 &&
            !m_options.progress(static_cast<std::int64_t>(row + 1), static_cast<std::int64_t>(m_data.rows)))
            return makeError(ErrorCode::InvalidArgument, m_path + ": the import was cancelled; nothing was imported");
    }
    insert = Statement();   // finalized before the commit, so nothing holds the statement open
    if (m_options.progress)   // all rows are in; the indexes and the commit remain
        (void)m_options.progress(static_cast<std::int64_t>(m_data.rows), static_cast<std::int64_t>(m_data.rows));
    if (bulk)
        if (auto ok = createObservationIndexes(db); !ok)
            return ok.error();
    if (auto ok = tx->commit(); !ok)
        return ok.error();
    study.id = m_studyId;
    m_result.studyId = m_studyId;
    return m_result;
}

} // namespace

ObservationCsvColumns ObservationCsvColumns::exported()
{
    ObservationCsvColumns c;
    c.step = "step";
    c.cycle = "cycle";
    c.duration = "duration_s";
    c.start = "start_s";
    c.end = "end_s";
    c.wallStart = "wall_start";
    c.rating = "rating_percent";
    c.foreignElement = "foreign_element";
    c.abnormal = "abnormal";
    c.excluded = "excluded";
    c.excludedReason = "excluded_reason";
    c.spansSuspend = "spans_suspend";
    c.note = "note";
    c.paused = "paused_s";
    return c;
}

Expected<ObservationCsvImportResult> importObservationsCsv(Project& project, const std::string& path, Study& study,
                                                           const ObservationCsvImportOptions& options)
{
    Importer importer(project, path, options);
    return importer.run(study);
}

Expected<std::int64_t> exportObservationsCsv(Project& project, Id studyId, const std::string& path,
                                             const CsvProgress& progress)
{
    std::int64_t total = 0;
    if (progress) {
        auto n = project.observationCount(studyId);
        if (!n)
            return n.error();
        total = *n;
    }
    Database& db = project.database();
    {
        auto study = db.prepare("SELECT count(*) FROM studies WHERE id = ?");
        if (!study)
            return study.error();
        study->bind(1, studyId);
        auto row = study->step();
        if (!row)
            return row.error();
        if (study->int64(0) == 0)
            return makeError(ErrorCode::InvalidArgument, "no study with id " + std::to_string(studyId));
    }
    auto s = db.prepare("SELECT o.study_id, c.number, s.name, s.position, o.duration_us, o.start_us, o.end_us, "
                        "o.wall_start_us, o.rating_percent, o.foreign_element, o.abnormal, o.excluded, "
                        "o.excluded_reason, o.spans_suspend, o.note, o.paused_us "
                        "FROM observations o JOIN cycles c ON c.id = o.cycle_id JOIN steps s ON s.id = o.step_id "
                        "WHERE o.study_id = ? ORDER BY o.start_us, o.id");
    if (!s)
        return s.error();
    s->bind(1, studyId);

    const std::string temp = path + ".part";
    std::FILE* f = std::fopen(temp.c_str(), "wb");
    if (!f)
        return makeError(ErrorCode::IoError, "cannot write '" + temp + "': " + std::strerror(errno));
    auto fail = [&](Error e) -> Expected<std::int64_t> {
        std::fclose(f);
        std::remove(temp.c_str());
        return e;
    };

    std::string out =
        "study,cycle,step,position,duration_s,start_s,end_s,wall_start,rating_percent,foreign_element,abnormal,"
        "excluded,excluded_reason,spans_suspend,note,paused_s\r\n";
    std::int64_t rows = 0;
    for (;;) {
        auto row = s->step();
        if (!row)
            return fail(row.error());
        if (!*row)
            break;
        appendInt(out, s->int64(0));
        out += ',';
        appendInt(out, s->int64(1));
        out += ',';
        appendField(out, s->textView(2));
        out += ',';
        appendInt(out, s->int64(3) + 1);
        out += ',';
        appendSeconds(out, s->int64(4));
        out += ',';
        appendSeconds(out, s->int64(5));
        out += ',';
        appendSeconds(out, s->int64(6));
        out += ',';
        if (s->int64(7) != 0)
            out += formatIsoTimestamp(s->int64(7));
        out += ',';
        if (!s->isNull(8)) {
            char buf[32];
            auto r = std::to_chars(buf, buf + sizeof buf, s->real(8));   // shortest exact form
            out.append(buf, r.ptr);
        }
        for (int col : {9, 10, 11}) {
            out += ',';
            out += s->boolean(col) ? '1' : '0';
        }
        out += ',';
        appendField(out, s->textView(12));
        out += ',';
        out += s->boolean(13) ? '1' : '0';
        out += ',';
        appendField(out, s->textView(14));
        out += ',';
        appendSeconds(out, s->int64(15));
        out += "\r\n";
        ++rows;
        if (progress && rows % static_cast<std::int64_t>(kProgressRows) == 0 && !progress(rows, total))
            return fail(makeError(ErrorCode::InvalidArgument, "the export to '" + path + "' was cancelled"));
        if (out.size() >= (1u << 20)) {
            if (std::fwrite(out.data(), 1, out.size(), f) != out.size())
                return fail(makeError(ErrorCode::IoError, "cannot write '" + temp + "': " + std::strerror(errno)));
            out.clear();
        }
    }
    if (std::fwrite(out.data(), 1, out.size(), f) != out.size() || std::fflush(f) != 0 || ::fsync(::fileno(f)) != 0)
        return fail(makeError(ErrorCode::IoError, "cannot write '" + temp + "': " + std::strerror(errno)));
    if (std::fclose(f) != 0) {
        std::remove(temp.c_str());
        return makeError(ErrorCode::IoError, "cannot write '" + temp + "': " + std::strerror(errno));
    }
    if (std::rename(temp.c_str(), path.c_str()) != 0) {
        const int err = errno;
        std::remove(temp.c_str());
        return makeError(ErrorCode::IoError, "cannot write '" + path + "': " + std::strerror(err));
    }
    return rows;
}

} // namespace gemba::store
