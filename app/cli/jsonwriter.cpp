// A streaming JSON writer: compact output, doubles in shortest round-trip form, NaN as null.
#include "jsonwriter.h"

#include <charconv>
#include <cmath>

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

std::string JsonWriter::formatNumber(double v)
{
    if (!std::isfinite(v))
        return "null";
    char tmp[32];
    const auto [p, ec] = std::to_chars(tmp, tmp + sizeof tmp, v);
    return std::string(tmp, p);
}

void JsonWriter::value(double v)
{
    separator();
    if (!std::isfinite(v)) {
        m_buf += "null";
        return;
    }
    char tmp[32];
    const auto [p, ec] = std::to_chars(tmp, tmp + sizeof tmp, v);
    m_buf.append(tmp, p);
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

void JsonWriter::writeString(std::string_view v)
{
    m_buf += '"';
    for (const char c : v) {
        switch (c) {
        case '"': m_buf += "\\\""; break;
        case '\\': m_buf += "\\\\"; break;
        case '\n': m_buf += "\\n"; break;
        case '\r': m_buf += "\\r"; break;
        case '\t': m_buf += "\\t"; break;
        default:
            if (static_cast<unsigned char>(c) < 0x20) {
                char tmp[8];
                std::snprintf(tmp, sizeof tmp, "\\u%04x", c);
                m_buf += tmp;
            } else {
                m_buf += c;
            }
        }
    }
    m_buf += '"';
}

void JsonWriter::null()
{
    separator();
    m_buf += "null";
}

void JsonWriter::raw(std::string_view json)
{
    separator();
    m_buf += json;
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
