// A streaming JSON writer: compact output, doubles in shortest round-trip form, NaN as null.
#include "jsonwriter.h"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>

namespace gemba::cli {

namespace {
constexpr std::size_t kFlushSize = 1 << 20;
}

JsonWriter::JsonWriter(std::FILE* out) : m_out(out) { m_buf.reserve(out ? kFlushSize * 2 : 4096); }

JsonWriter::~JsonWriter()
{
    if (m_out && !m_buf.empty())
        std::fwrite(m_buf.data(), 1, m_buf.size(), m_out);
}

void JsonWriter::separator()
{
    if (m_afterKey) {
        m_afterKey = false;
        return;
    }
    if (!m_first.empty()) {
        if (!m_first.back())
            m_buf += ',';
        m_first.back() = false;
    }
}

void JsonWriter::maybeFlush()
{
    if (m_out && m_buf.size() >= kFlushSize) {
        std::fwrite(m_buf.data(), 1, m_buf.size(), m_out);
        m_buf.clear();
    }
}

void JsonWriter::beginObject()
{
    separator();
    m_buf += '{';
    m_first.push_back(true);
}

void JsonWriter::endObject()
{
    m_buf += '}';
    m_first.pop_back();
    maybeFlush();
}

void JsonWriter::beginArray()
{
    separator();
    m_buf += '[';
    m_first.push_back(true);
}

void JsonWriter::endArray()
{
    m_buf += ']';
    m_first.pop_back();
    maybeFlush();
}

void JsonWriter::key(std::string_view name)
{
    separator();
    writeString(name);
    m_buf += ':';
    m_afterKey = true;
}

char* JsonWriter::writeNumber(char* p, double v)
{
    if (!std::isfinite(v)) {
        std::memcpy(p, "null", 4);
        return p + 4;
    }
    // Most measurements have a few decimals. If v is the double nearest to m/10^k with
    // k <= 9, then m = round(v·1e9) with its trailing zeros stripped, and m/10^k (an exact
    // integer over an exact power of ten, correctly rounded) reproduces v. The smallest such
    // k gives the fewest digits, i.e. the same digits as the shortest round-trip form.
    static constexpr double kPow10[] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9};
    static constexpr std::uint64_t kPow10i[] = {1,       10,       100,       1000,       10000,
                                                100000,  1000000,  10000000,  100000000,  1000000000};
    const double a = std::fabs(v);
    if (a >= 1e-3 && a < 1e6) {
        const double m9 = std::nearbyint(a * 1e9);
        auto m = static_cast<std::uint64_t>(m9);
        int k = 9;
        while (k > 0 && m % 10 == 0) {
            m /= 10;
            --k;
        }
        if (static_cast<double>(m) / kPow10[k] == a) {
            if (v < 0)
                *p++ = '-';
            const std::uint64_t whole = m / kPow10i[k], frac = m % kPow10i[k];
            p = std::to_chars(p, p + 24, whole).ptr;
            if (k > 0) {
                *p++ = '.';
                for (int d = k - 1; d >= 0; --d)
                    *p++ = static_cast<char>('0' + frac / kPow10i[d] % 10);
            }
            return p;
        }
    }
    return std::to_chars(p, p + 32, v).ptr;
}

std::string JsonWriter::formatNumber(double v)
{
    char tmp[32];
    return std::string(tmp, writeNumber(tmp, v));
}

void JsonWriter::value(double v)
{
    separator();
    char tmp[32];
    m_buf.append(tmp, writeNumber(tmp, v));
}

void JsonWriter::value(std::optional<double> v)
{
    if (v)
        value(*v);
    else
        null();
}

void JsonWriter::value(std::int64_t v)
{
    separator();
    char tmp[24];
    const auto [p, ec] = std::to_chars(tmp, tmp + sizeof tmp, v);
    m_buf.append(tmp, p);
}

void JsonWriter::value(bool v)
{
    separator();
    m_buf += v ? "true" : "false";
}

void JsonWriter::value(std::string_view v)
{
    separator();
    writeString(v);
}

void JsonWriter::appendString(std::string& out, std::string_view v)
{
    out += '"';
    for (const char c : v) {
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
            if (static_cast<unsigned char>(c) < 0x20) {
                char tmp[8];
                std::snprintf(tmp, sizeof tmp, "\\u%04x", c);
                out += tmp;
            } else {
                out += c;
            }
        }
    }
    out += '"';
}

void JsonWriter::writeString(std::string_view v) { appendString(m_buf, v); }

void JsonWriter::null()
{
    separator();
    m_buf += "null";
}

void JsonWriter::raw(std::string_view json)
{
    separator();
    m_buf += json;
    maybeFlush();
}

void JsonWriter::writeThrough(std::string_view text)
{
    if (m_out) {
        if (!m_buf.empty()) {
            std::fwrite(m_buf.data(), 1, m_buf.size(), m_out);
            m_buf.clear();
        }
        std::fwrite(text.data(), 1, text.size(), m_out);
    } else {
        m_buf += text;
    }
}

std::string& JsonWriter::beginDirect()
{
    separator();
    return m_buf;
}

void JsonWriter::finish()
{
    m_buf += '\n';
    if (m_out) {
        std::fwrite(m_buf.data(), 1, m_buf.size(), m_out);
        m_buf.clear();
        std::fflush(m_out);
    }
}

} // namespace gemba::cli
