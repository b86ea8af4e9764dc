// Element lists from a CSV file (see stepscsv.h).
#include "store/stepscsv.h"

#include "store/database.h"
#include "store/project.h"
#include "store/transaction.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <optional>

namespace gemba::store {
namespace {

using namespace gemba::study;

std::string lower(std::string_view s)
{
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; });
    return out;
}

std::string quoted(std::string_view s)
{
    constexpr std::size_t kMax = 40;
    return "'" + std::string(s.substr(0, kMax)) + (s.size() > kMax ? "...'" : "'");
}

std::string formatNumber(double v)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", v);
    return buf;
}

// The header of the file from its first 64 KiB, cut after the last complete line; empty when
// the file cannot be read or parsed (readCsv then reports why).
std::vector<std::string> readHeader(const std::string& path, const io::CsvOptions& options)
{
    std::FILE* f = std::fopen(path.c_str(), "rb");
    if (!f)
        return {};
    std::string head(64 * 1024, '\0');
    head.resize(std::fread(head.data(), 1, head.size(), f));
    const bool whole = std::feof(f) != 0;
    std::fclose(f);
    if (!whole)
        head.resize(head.rfind('\n') == std::string::npos ? 0 : head.rfind('\n') + 1);
    auto data = io::parseCsv(head, path, {}, options);
    return data ? data->header : std::vector<std::string>();
}

// The columns, in the order requested; -1 = the file has none of that name (optional ones).
enum Slot { Name, Type, Kind, Every, ValueClassCol, Description, EveryBasis, Inside, Personal, BasicFatigue,
            VariableFatigue, Delay, SlotCount };

struct ColumnSpec {
    const char* name;
    io::ColumnKind kind;
    bool required;
};

constexpr ColumnSpec kColumns[SlotCount] = {
    {"name", io::ColumnKind::Text, true},
    {"type", io::ColumnKind::Text, true},
    {"kind", io::ColumnKind::Text, true},
    {"every", io::ColumnKind::Number, true},
    {"value_class", io::ColumnKind::Text, true},
    {"description", io::ColumnKind::Text, true},
    {"every_basis", io::ColumnKind::Text, false},
    {"inside", io::ColumnKind::Text, false},
    {"personal", io::ColumnKind::Number, false},
    {"basic_fatigue", io::ColumnKind::Number, false},
    {"variable_fatigue", io::ColumnKind::Number, false},
    {"delay", io::ColumnKind::Number, false},
};

class Reader {
public:
    Reader(const std::string& path, const io::CsvOptions& options) : m_path(path), m_options(options) {}

    Expected<std::vector<StepsCsvRow>> run();

private:
    Error cellError(std::size_t row, Slot slot, const std::string& problem) const
    {
        const io::Column& c = column(slot);
        return makeItemError(ErrorCode::ParseError,
                             m_path + ":" + std::to_string(m_data.lineOfRow(row)) + ":" + std::to_string(c.index + 1) +
                                 ": " + problem + " (column '" + c.name + "')",
                             row, c.name);
    }
    bool has(Slot slot) const { return m_slot[slot] >= 0; }
    const io::Column& column(Slot slot) const { return m_data.columns[static_cast<std::size_t>(m_slot[slot])]; }
    std::string text(Slot slot, std::size_t row) const { return has(slot) ? column(slot).texts[row] : std::string(); }
    double number(Slot slot, std::size_t row) const { return has(slot) ? column(slot).numbers[row] : NAN; }

    std::string m_path;
    io::CsvOptions m_options;
    io::CsvData m_data;
    int m_slot[SlotCount] = {};
};

Expected<std::vector<StepsCsvRow>> Reader::run()
{
    const std::vector<std::string> header = readHeader(m_path, m_options);
    std::vector<io::ColumnRequest> requests;
    for (int i = 0; i < SlotCount; ++i) {
        const ColumnSpec& spec = kColumns[i];
        if (!spec.required && std::find(header.begin(), header.end(), spec.name) == header.end()) {
            m_slot[i] = -1;
            continue;
        }
        m_slot[i] = static_cast<int>(requests.size());
        requests.push_back({spec.name, spec.kind});
    }
    auto data = io::readCsv(m_path, requests, m_options);
    if (!data)
        return data.error();
    m_data = std::move(*data);
    if (m_data.rows == 0)
        return makeError(ErrorCode::EmptyData, m_path + ": the file has a header but no steps");

    std::vector<StepsCsvRow> rows(m_data.rows);
    std::map<std::string, std::size_t> byName;
    for (std::size_t r = 0; r < m_data.rows; ++r) {
        StepsCsvRow& row = rows[r];
        Step& s = row.step;
        row.line = m_data.lineOfRow(r);
        s.position = static_cast<int>(r);

        s.name = text(Name, r);
        if (s.name.empty())
            return cellError(r, Name, "the step has no name");
        if (auto [it, added] = byName.emplace(s.name, r); !added)
            return cellError(r, Name,
                             quoted(s.name) + " is already the name of the step on line " +
                                 std::to_string(rows[it->second].line));

        const std::string type = text(Type, r);
        const auto stepType = stepTypeFromString(lower(type));
        if (!stepType)
            return cellError(r, Type, quoted(type) + " is not a step type: manual, machine or walk");
        s.type = *stepType;

        const std::string kind = text(Kind, r);
        const auto elementKind = elementKindFromString(lower(kind));
        if (!elementKind)
            return cellError(r, Kind, quoted(kind) + " is not a kind: cyclic, occasional or machine");
        s.kind = *elementKind;

        const double every = number(Every, r);
        if (s.kind == ElementKind::Occasional) {
            if (std::isnan(every))
                return cellError(r, Every, "an occasional element needs 'every': once every how many cycles");
            if (!(every > 0) || !std::isfinite(every))
                return cellError(r, Every, "'every' must be more than 0, not " + formatNumber(every));
            s.every = every;
        } else if (!std::isnan(every) && every != 1) {
            return cellError(r, Every,
                             "'every' is " + formatNumber(every) + " but a " + std::string(toString(s.kind)) +
                                 " element occurs every cycle: leave it empty or 1, or make the kind occasional");
        }

        const std::string basis = text(EveryBasis, r);
        if (!basis.empty()) {
            const auto b = frequencyBasisFromString(lower(basis));
            if (!b)
                return cellError(r, EveryBasis, quoted(basis) + " is not a frequency basis: cycles or units");
            if (*b == FrequencyBasis::Units && s.kind != ElementKind::Occasional)
                return cellError(r, EveryBasis, "'units' applies to occasional elements only");
            s.everyBasis = *b;
        }

        const std::string valueClass = text(ValueClassCol, r);
        if (!valueClass.empty()) {
            const auto v = valueClassFromString(lower(valueClass));
            if (!v)
                return cellError(r, ValueClassCol,
                                 quoted(valueClass) +
                                     " is not a value class: value-adding, necessary-non-value-adding or waste");
            s.valueClass = *v;
        }
        s.description = text(Description, r);

        // Allowance categories: all empty = no override; any filled = the empty ones are 0.
        constexpr Slot kCategories[] = {Personal, BasicFatigue, VariableFatigue, Delay};
        bool any = false;
        double values[4] = {0, 0, 0, 0};
        for (int i = 0; i < 4; ++i) {
            const double v = number(kCategories[i], r);
            if (std::isnan(v))
                continue;
            if (v < 0 || v > 100)
                return cellError(r, kCategories[i],
                                 "an allowance is a percentage from 0 to 100, not " + formatNumber(v));
            values[i] = v;
            any = true;
        }
        if (any)
            s.allowances = Allowances{values[0], values[1], values[2], values[3]};
    }

    // Internal work, once every name is known (the machine element may come later in the file).
    if (has(Inside)) {
        for (std::size_t r = 0; r < m_data.rows; ++r) {
            const std::string inside = text(Inside, r);
            if (inside.empty())
                continue;
            const auto it = byName.find(inside);
            if (it == byName.end())
                return cellError(r, Inside, quoted(inside) + " is not the name of a step in this file");
            if (it->second == r)
                return cellError(r, Inside, "a step cannot run inside itself");
            if (rows[it->second].step.kind != ElementKind::MachineControlled)
                return cellError(r, Inside,
                                 quoted(inside) + " (line " + std::to_string(rows[it->second].line) +
                                     ") is not machine-controlled: internal work runs inside a step of kind machine");
            if (rows[r].step.kind == ElementKind::MachineControlled)
                return cellError(r, Inside, "a machine-controlled step cannot run inside another one");
            rows[r].inside = static_cast<int>(it->second);
        }
    }
    return rows;
}

} // namespace

Expected<std::vector<StepsCsvRow>> readStepsCsv(const std::string& path, const io::CsvOptions& options)
{
    return Reader(path, options).run();
}

Expected<StepsCsvImportResult> importStepsCsv(Project& project, const std::string& path,
                                              const std::string& processName, const StepsCsvImportOptions& options)
{
    if (processName.empty())
        return makeError(ErrorCode::InvalidArgument, "the process name is empty");
    auto rows = readStepsCsv(path, options.csv);
    if (!rows)
        return rows.error();
    if (project.readOnly())
        return makeError(ErrorCode::IoError, "'" + project.path() + "' is open read-only");

    auto tx = Transaction::begin(project.database());
    if (!tx)
        return tx.error();
    auto processes = project.processes();
    if (!processes)
        return processes.error();

    StepsCsvImportResult result;
    Process process;
    const auto found = std::find_if(processes->begin(), processes->end(),
                                    [&](const Process& p) { return p.name == processName; });
    if (found != processes->end()) {
        process = *found;
        auto existing = project.steps(process.id);
        if (!existing)
            return existing.error();
        if (!existing->empty()) {
            if (!options.replace)
                return makeItemError(ErrorCode::InvalidArgument,
                                     "process '" + processName + "' already has " + std::to_string(existing->size()) +
                                         " steps; replace them, or import into a new process",
                                     0, "replace");
            auto studies = project.studies(process.id);
            if (!studies)
                return studies.error();
            if (!studies->empty())
                return makeItemError(ErrorCode::InvalidArgument,
                                     "process '" + processName + "' has " + std::to_string(studies->size()) +
                                         (studies->size() == 1 ? " study" : " studies") +
                                         " timed against its steps, so they cannot be replaced; import the list "
                                         "into a new process",
                                     0, "studies");
            for (const Step& s : *existing) {
                auto removed = project.removeStep(s.id);
                if (!removed)
                    return removed.error();
            }
            result.stepsReplaced = static_cast<std::int64_t>(existing->size());
        }
    } else {
        process.name = processName;
        auto added = project.addProcess(process);
        if (!added)
            return added.error();
        result.processCreated = true;
    }

    std::vector<Id> ids;
    ids.reserve(rows->size());
    for (StepsCsvRow& row : *rows) {
        row.step.processId = process.id;
        row.step.position = -1;   // append, in file order
        auto added = project.addStep(row.step);
        if (!added)
            return added.error();
        ids.push_back(*added);
    }
    for (StepsCsvRow& row : *rows) {
        if (row.inside < 0)
            continue;
        row.step.insideStepId = ids[static_cast<std::size_t>(row.inside)];
        auto updated = project.updateStep(row.step);
        if (!updated)
            return updated.error();
    }
    auto committed = tx->commit();
    if (!committed)
        return committed.error();
    result.processId = process.id;
    result.steps = static_cast<std::int64_t>(rows->size());
    return result;
}

} // namespace gemba::store
