// The JSON of `gemba chart`: rules, charts and every point.
#include "chartjson.h"

#include "jsonwriter.h"

#include <charconv>
#include <cmath>
#include <cstring>
#include <thread>

namespace gemba::cli {
namespace {

void writeRules(JsonWriter& json, std::string_view key, const stats::RuleSet& rules, double nsigmas)
{
    json.key(key);
    json.beginObject();
    json.field("name", rules.name);
    json.key("tests");
    json.beginArray();
    for (int t = 1; t <= stats::kTestCount; ++t) {
        if (!rules.isEnabled(t))
            continue;
        json.beginObject();
        json.field("test", t);
        if (t == 1)
            json.field("k", nsigmas);
        else
            json.field("k", rules.kOf(t));
        json.field("description", stats::describeTest(t, rules.kOf(t)));
        json.endObject();
    }
    json.endArray();
    json.endObject();
}

// Formats the points of one chart. A long I chart has millions of points, so the common
// case (no labels, lines the same for every point) writes through a raw pointer and reuses
// the text of the lines; blocks of points are formatted on two threads.
class PointFormatter {
public:
    PointFormatter(const stats::PreparedChart& prepared, const stats::ControlChart& chart)
        : m_prepared(prepared)
        , m_chart(chart)
        , m_constN(chart.sizes.size() == 1)
        , m_constLines(chart.centerLine.isConstant() && chart.lcl.isConstant() && chart.ucl.isConstant())
    {
        if (m_constLines)
            m_fixedLines = linesText(0);
        if (m_constN)
            m_fixedN = JsonWriter::formatNumber(chart.sizes[0]);
        m_fast = prepared.pointLabels.empty() && m_constLines && m_constN;
    }

    // Appends points [begin, end), each preceded by a comma except the very first point.
    void append(std::string& out, std::size_t begin, std::size_t end) const
    {
        for (std::size_t i = begin; i < end; ++i) {
            if (i > 0)
                out += ',';
            if (m_fast)
                appendFast(out, i);
            else
                appendGeneral(out, i);
        }
    }

private:
    std::string linesText(std::size_t i) const
    {
        return ",\"center\":" + JsonWriter::formatNumber(m_chart.centerLine.at(i)) +
               ",\"lcl\":" + JsonWriter::formatNumber(m_chart.lcl.at(i)) +
               ",\"ucl\":" + JsonWriter::formatNumber(m_chart.ucl.at(i)) + ",\"tests\":[";
    }

    static char* put(char* p, std::string_view text)
    {
        std::memcpy(p, text.data(), text.size());
        return p + text.size();
    }

    static char* putTests(char* p, unsigned mask)
    {
        for (int t = 1; t <= stats::kTestCount; ++t) {
            if (mask & (1u << (t - 1))) {
                *p++ = static_cast<char>('0' + t);
                *p++ = ',';
            }
        }
        if (mask)
            --p;   // the last comma
        return put(p, "]}");
    }

    void appendFast(std::string& out, std::size_t i) const
    {
        constexpr std::size_t kMaxVariable = 128;   // label, phase, n, value, tests
        const std::size_t point = i + m_chart.firstObservation;
        const std::size_t start = out.size();
        out.resize(start + kMaxVariable + m_fixedN.size() + m_fixedLines.size());
        char* p = out.data() + start;
        p = put(p, "{\"label\":\"");
        p = std::to_chars(p, p + 24, point + 1).ptr;
        p = put(p, m_prepared.analysis.phaseOf(point) == 1 ? "\",\"phase\":1,\"n\":" : "\",\"phase\":2,\"n\":");
        p = put(p, m_fixedN);
        p = put(p, ",\"value\":");
        p = JsonWriter::writeNumber(p, m_chart.values[i]);
        p = put(p, m_fixedLines);
        p = putTests(p, m_chart.tests[i]);
        out.resize(static_cast<std::size_t>(p - out.data()));
    }

    void appendGeneral(std::string& out, std::size_t i) const
    {
        const std::size_t point = i + m_chart.firstObservation;
        out += "{\"label\":";
        JsonWriter::appendString(out, m_prepared.pointLabel(point));
        out += m_prepared.analysis.phaseOf(point) == 1 ? ",\"phase\":1,\"n\":" : ",\"phase\":2,\"n\":";
        out += m_constN ? m_fixedN : JsonWriter::formatNumber(m_chart.sizes[i]);
        out += ",\"value\":";
        out += JsonWriter::formatNumber(m_chart.values[i]);
        out += m_constLines ? m_fixedLines : linesText(i);
        char tail[32];
        out.append(tail, putTests(tail, m_chart.tests[i]));
    }

    const stats::PreparedChart& m_prepared;
    const stats::ControlChart& m_chart;
    bool m_constN;
    bool m_constLines;
    bool m_fast = false;
    std::string m_fixedLines;
    std::string m_fixedN;
};

void writePoints(JsonWriter& json, const stats::PreparedChart& prepared, const stats::ControlChart& chart)
{
    json.key("points");
    json.beginArray();
    const std::size_t n = chart.size();
    if (n > 0) {
        json.beginDirect();   // the array's first element follows: no separator from now on
        const PointFormatter formatter(prepared, chart);
        constexpr std::size_t kBlock = 1 << 16;
        std::string first, second;
        for (std::size_t b = 0; b < n; b += 2 * kBlock) {
            const std::size_t mid = std::min(n, b + kBlock), end = std::min(n, b + 2 * kBlock);
            std::thread helper;
            if (mid < end)
                helper = std::thread([&] {
                    second.clear();
                    formatter.append(second, mid, end);
                });
            first.clear();
            formatter.append(first, b, mid);
            json.writeThrough(first);
            if (helper.joinable()) {
                helper.join();
                json.writeThrough(second);
            }
        }
    }
    json.endArray();
}

} // namespace

void writeChartJson(std::FILE* out, const std::string& path, const stats::PreparedChart& prepared, double nsigmas,
                    std::size_t skippedRows)
{
    const auto& a = prepared.analysis;
    JsonWriter json(out);
    json.beginObject();
    json.field("chart", stats::chartTypeName(a.type));
    json.field("file", path);
    json.field("points", a.pointCount);
    json.field("skipped_rows", skippedRows);
    json.field("nsigmas", nsigmas);
    writeRules(json, "rules", a.rules, nsigmas);
    // The MR chart has its own set (test 1 of "rules" unless --mr-tests chose one).
    for (const auto& chart : a.charts)
        if (chart.name == "mr")
            writeRules(json, "mr_rules", chart.rules, nsigmas);
    json.key("charts");
    json.beginArray();
    for (const auto& chart : a.charts) {
        json.beginObject();
        json.field("name", chart.name);
        json.field("center", chart.center);
        json.field("sigma", chart.sigma);
        json.field("sigma_method", stats::sigmaMethodName(chart.sigmaMethod));
        json.field("sigma_method_description", stats::sigmaMethodDescription(chart.sigmaMethod));
        json.field("limits_vary", chart.limitsVary());
        json.key("tests_run");   // the tests that ran on this chart (R, S, MR, attributes: at most 1-4)
        json.beginArray();
        for (int t : chart.rules.enabledTests())
            json.value(t);
        json.endArray();
        writePoints(json, prepared, chart);
        json.endObject();
    }
    json.endArray();
    json.endObject();
    json.finish();
}

} // namespace gemba::cli
