// Export of a time study to an .xlsx workbook (see studyxlsx.h).
#include "store/studyxlsx.h"

#include "store/project.h"
#include "study/stepsummary.h"
#include "study/validity.h"

#include <xlsxwriter.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <map>
#include <optional>
#include <string_view>
#include <vector>

#include <unistd.h>

namespace gemba::store {
namespace {

using namespace gemba::study;

std::string isoUtc(std::int64_t epochUs)
{
    const auto tp = std::chrono::sys_time<std::chrono::microseconds>(std::chrono::microseconds(epochUs));
    const auto day = std::chrono::floor<std::chrono::days>(tp);
    const std::chrono::year_month_day ymd{day};
    const std::chrono::hh_mm_ss hms{std::chrono::floor<std::chrono::seconds>(tp - day)};
    const auto us = (tp - std::chrono::floor<std::chrono::seconds>(tp)).count();
    char buf[48];
    int n = std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02d", static_cast<int>(ymd.year()),
                          static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                          static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()),
                          static_cast<int>(hms.seconds().count()));
    if (us != 0)
        n += std::snprintf(buf + n, sizeof buf - static_cast<std::size_t>(n), ".%06d", static_cast<int>(us));
    return std::string(buf, static_cast<std::size_t>(n)) + "Z";
}

std::string frequencyText(const Step& step)
{
    if (step.kind != ElementKind::Occasional)
        return "every cycle";
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", step.every);
    return std::string("every ") + buf + (step.everyBasis == FrequencyBasis::Units ? " units" : " cycles");
}

// One sheet, written row by row; numbers as numbers, NaN as an empty cell.
class Sheet {
public:
    Sheet(lxw_worksheet* sheet, lxw_format* bold) : m_sheet(sheet), m_bold(bold) {}

    void header(std::initializer_list<std::string_view> names, std::initializer_list<double> widths)
    {
        lxw_col_t col = 0;
        for (std::string_view n : names)
            text(col++, n, m_bold);
        setWidths(widths);
        worksheet_freeze_panes(m_sheet, m_row + 1, 0);
        ++m_row;
    }
    void text(lxw_col_t col, std::string_view s, lxw_format* format = nullptr)
    {
        if (s.empty() && !format)
            return;
        const std::string copy(s);
        worksheet_write_string(m_sheet, m_row, col, copy.c_str(), format);
    }
    void number(lxw_col_t col, double v)
    {
        if (std::isfinite(v))
            worksheet_write_number(m_sheet, m_row, col, v, nullptr);
    }
    void number(lxw_col_t col, std::optional<double> v)
    {
        if (v)
            number(col, *v);
    }
    void flag(lxw_col_t col, bool v) { worksheet_write_boolean(m_sheet, m_row, col, v ? 1 : 0, nullptr); }
    void label(std::string_view name) { text(0, name, m_bold); }
    void next(lxw_row_t rows = 1) { m_row += rows; }
    void setWidths(std::initializer_list<double> widths)
    {
        lxw_col_t col = 0;
        for (double w : widths) {
            worksheet_set_column(m_sheet, col, col, w, nullptr);
            ++col;
        }
    }

private:
    lxw_worksheet* m_sheet;
    lxw_format* m_bold;
    lxw_row_t m_row = 0;
};

std::optional<double> count(const std::optional<std::size_t>& v)
{
    return v ? std::optional<double>(static_cast<double>(*v)) : std::nullopt;
}

} // namespace

Expected<StudyXlsxResult> exportStudyXlsx(Project& project, Id studyId, const std::string& path)
{
    auto studyFound = project.findStudy(studyId);
    if (!studyFound)
        return makeError(ErrorCode::InvalidArgument, "there is no study " + std::to_string(studyId));
    const Study study = *studyFound;
    auto processes = project.processes();
    if (!processes)
        return processes.error();
    std::string processName;
    for (const auto& p : *processes)
        if (p.id == study.processId)
            processName = p.name;
    auto stepsRead = project.studySteps(studyId);
    if (!stepsRead)
        return stepsRead.error();
    const std::vector<Step>& steps = *stepsRead;
    auto observationsRead = project.observations(studyId);
    if (!observationsRead)
        return observationsRead.error();
    const std::vector<Observation>& observations = *observationsRead;
    auto cyclesRead = project.cycles(studyId);
    if (!cyclesRead)
        return cyclesRead.error();
    auto summary = summarizeSteps(steps, observations, study);
    if (!summary)
        return summary.error();
    const std::optional<StudyValidity> validity = studyValidity(observations);

    std::map<Id, int> cycleNumber;
    for (const auto& c : *cyclesRead)
        cycleNumber[c.id] = c.number;
    std::map<Id, std::size_t> stepIndex;
    for (std::size_t i = 0; i < steps.size(); ++i)
        stepIndex[steps[i].id] = i;
    auto stepName = [&](Id id) { return stepIndex.count(id) ? steps[stepIndex[id]].name : std::string(); };

    // Beside the target, renamed over it once complete.
    const std::string temp = path + ".part" + std::to_string(::getpid());
    lxw_workbook* book = workbook_new(temp.c_str());
    if (!book)
        return makeError(ErrorCode::IoError, "'" + path + "' cannot be written");
    lxw_format* bold = workbook_add_format(book);
    format_set_bold(bold);

    {   // Elements
        Sheet s(workbook_add_worksheet(book, "Elements"), bold);
        s.header({"position", "step", "description", "type", "kind", "every", "every basis", "per cycle",
                  "value class", "inside", "personal %", "basic fatigue %", "variable fatigue %", "delay %",
                  "allowance %"},
                 {9, 24, 32, 10, 12, 8, 11, 10, 28, 20, 11, 15, 17, 9, 12});
        for (std::size_t i = 0; i < steps.size(); ++i) {
            const Step& st = steps[i];
            const StepSummary& sum = summary->steps[i];
            s.number(0, static_cast<double>(i + 1));
            s.text(1, st.name);
            s.text(2, st.description);
            s.text(3, toString(st.type));
            s.text(4, toString(st.kind));
            s.number(5, st.kind == ElementKind::Occasional ? st.every : 1.0);
            s.text(6, toString(st.everyBasis));
            s.number(7, sum.occurrencesPerCycle);
            s.text(8, toString(st.valueClass));
            if (st.insideStepId != 0)
                s.text(9, stepName(st.insideStepId));
            s.number(10, sum.allowances.personal);
            s.number(11, sum.allowances.basicFatigue);
            s.number(12, sum.allowances.variableFatigue);
            s.number(13, sum.allowances.delay);
            s.number(14, sum.allowancePercent);
            s.next();
        }
    }
    {   // Observations
        Sheet s(workbook_add_worksheet(book, "Observations"), bold);
        s.header({"cycle", "step", "position", "start s", "end s", "duration s", "paused s", "wall start",
                  "rating %", "foreign element", "abnormal", "excluded", "excluded reason", "spans suspend", "note"},
                 {7, 24, 9, 12, 12, 11, 9, 27, 9, 15, 9, 9, 28, 13, 32});
        for (const Observation& o : observations) {
            s.number(0, static_cast<double>(cycleNumber[o.cycleId]));
            s.text(1, stepName(o.stepId));
            if (stepIndex.count(o.stepId))
                s.number(2, static_cast<double>(stepIndex[o.stepId] + 1));
            s.number(3, static_cast<double>(o.startUs) / 1e6);
            s.number(4, static_cast<double>(o.endUs) / 1e6);
            s.number(5, o.seconds());
            s.number(6, static_cast<double>(o.pausedUs) / 1e6);
            if (o.wallStartUs != 0)
                s.text(7, isoUtc(o.wallStartUs));
            s.number(8, o.ratingPercent);
            s.flag(9, o.foreignElement);
            s.flag(10, o.abnormal);
            s.flag(11, o.excluded);
            s.text(12, o.excludedReason);
            s.flag(13, o.spansSuspend);
            s.text(14, o.note);
            s.next();
        }
    }
    {   // Summary
        Sheet s(workbook_add_worksheet(book, "Summary"), bold);
        s.setWidths({24, 12, 16, 10, 6, 10, 10, 10, 10, 12, 10, 12, 10, 13, 16, 20, 8, 12});
        auto textRow = [&](std::string_view label, std::string_view value) {
            s.label(label);
            s.text(1, value);
            s.next();
        };
        auto numberRow = [&](std::string_view label, double value) {
            s.label(label);
            s.number(1, value);
            s.next();
        };
        textRow("process", processName);
        textRow("date", study.date);
        textRow("observer", study.observer);
        textRow("operator", study.operatorName);
        textRow("location", study.location);
        textRow("shift", study.shift);
        textRow("conditions", study.conditions);
        textRow("notes", study.notes);
        textRow("rating", study.ratingMethod == RatingMethod::None ? "none (100 %)" : "pace rating");
        textRow("allowance of", study.allowanceBasis == AllowanceBasis::WorkingTime ? "working time" : "normal time");
        numberRow("personal %", study.allowances.personal);
        numberRow("basic fatigue %", study.allowances.basicFatigue);
        numberRow("variable fatigue %", study.allowances.variableFatigue);
        numberRow("delay %", study.allowances.delay);
        numberRow("PF&D not split %", study.allowancePercent);
        textRow("selected time", toString(study.selectedTime));
        numberRow("units per cycle", study.unitsPerCycle);
        s.next();

        {
            lxw_col_t col = 0;
            for (std::string_view name :
                 {"step", "kind", "frequency", "per cycle", "n", "mean s", "median s", "selected s", "SD s",
                  "mean rating %", "basic s", "allowance %", "standard s", "basic/cycle s", "standard/cycle s",
                  "inside", "needed", "still needed", "pieces per hour", "std hours per 100 units"})
                s.text(col++, name, bold);
            s.next();
        }
        for (std::size_t i = 0; i < steps.size(); ++i) {
            const Step& st = steps[i];
            const StepSummary& sum = summary->steps[i];
            s.text(0, st.name);
            s.text(1, toString(sum.kind));
            s.text(2, frequencyText(st));
            s.number(3, sum.occurrencesPerCycle);
            s.number(4, static_cast<double>(sum.n));
            s.number(5, sum.meanSeconds);
            s.number(6, sum.medianSeconds);
            s.number(7, sum.selectedSeconds);
            s.number(8, sum.sdSeconds);
            s.number(9, sum.meanRatingPercent);
            s.number(10, sum.normalSeconds);
            s.number(11, sum.allowancePercent);
            s.number(12, sum.standardSeconds);
            s.number(13, sum.basicPerCycleSeconds);
            s.number(14, sum.standardPerCycleSeconds);
            if (sum.insideStepId != 0)
                s.text(15, stepName(sum.insideStepId));
            s.number(16, count(sum.needed));
            s.number(17, static_cast<double>(sum.stillNeeded));
            s.number(18, sum.piecesPerHour);
            s.number(19, sum.standardHoursPer100Units);
            s.next();
        }
        s.next();
        const CycleSummary& c = summary->cycle;
        numberRow("cycle basic s", c.normalSeconds);
        numberRow("cycle standard s", c.standardSeconds);
        numberRow("hidden internal work s", c.hiddenStandardSeconds);
        numberRow("pieces per hour", c.piecesPerHour);
        numberRow("standard hours per 100 units", c.standardHoursPer100Units);
        numberRow("complete cycles", static_cast<double>(c.completeCycles));
        s.next();
        if (validity) {
            numberRow("elapsed s", validity->elapsedSeconds);
            numberRow("recorded s", validity->recordedSeconds);
            numberRow("recording error %", 100 * validity->recordingError);
            s.label("above 2 %");
            s.flag(1, validity->flagged);
            s.next();
        } else {
            textRow("validity", "no clock times to check");
        }
    }

    const lxw_error closed = workbook_close(book);
    if (closed != LXW_NO_ERROR) {
        std::error_code ec;
        std::filesystem::remove(temp, ec);
        return makeError(ErrorCode::IoError, "'" + path + "' cannot be written: " + lxw_strerror(closed));
    }
    std::error_code ec;
    std::filesystem::rename(temp, path, ec);
    if (ec) {
        std::filesystem::remove(temp, ec);
        return makeError(ErrorCode::IoError, "'" + path + "' cannot be written: " + ec.message());
    }
    return StudyXlsxResult{static_cast<std::int64_t>(steps.size()), static_cast<std::int64_t>(observations.size())};
}

} // namespace gemba::store
