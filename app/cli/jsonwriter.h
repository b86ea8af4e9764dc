// A streaming JSON writer: compact output, doubles in shortest round-trip form, NaN as null.
#pragma once

#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gemba::cli {

class JsonWriter {
public:
    // Writes to `out` (flushed in large blocks), or only into the buffer when `out` is null.
    explicit JsonWriter(std::FILE* out = nullptr);
    ~JsonWriter();
    JsonWriter(const JsonWriter&) = delete;
    JsonWriter& operator=(const JsonWriter&) = delete;

    void beginObject();
    void endObject();
    void beginArray();
    void endArray();
    void key(std::string_view name);

    void value(double v);                  // NaN and infinities are written as null
    void value(std::optional<double> v);   // nullopt is null
    void value(std::int64_t v);
    void value(int v) { value(static_cast<std::int64_t>(v)); }
    void value(std::size_t v) { value(static_cast<std::int64_t>(v)); }
    void value(bool v);
    void value(std::string_view v);
    void value(const char* v) { value(std::string_view(v)); }
    void null();
    // Text that is already valid JSON (e.g. a number formatted once and reused).
    void raw(std::string_view json);
    // For bulk output: writes the separator and returns the buffer to append one complete JSON
    // value to directly; call endDirect() after appending it.
    std::string& beginDirect();
    void endDirect() { maybeFlush(); }
    // Appends text that continues the current value (no separator), writing it straight to the
    // output when there is one rather than copying it into the buffer.
    void writeThrough(std::string_view text);

    template <typename T>
    void field(std::string_view name, const T& v)
    {
        key(name);
        value(v);
    }

    void finish();                   // newline and final flush
    const std::string& text() const { return m_buf; }

    // Shortest text that reads back to the same double (std::to_chars).
    static std::string formatNumber(double v);
    // Writes the shortest round-trip text of `v` at `p` (room for 32 chars); returns the end.
    // Values with at most nine decimals in [0.001, 1e6) take a fast exact path; others, and
    // NaN/inf (written as null), go through std::to_chars.
    static char* writeNumber(char* p, double v);
    // Appends `text` as a quoted, escaped JSON string.
    static void appendString(std::string& out, std::string_view text);

private:
    void separator();
    void writeString(std::string_view v);
    void maybeFlush();

    std::FILE* m_out;
    std::string m_buf;
    std::vector<bool> m_first;   // one entry per open container: no element written yet
    bool m_afterKey = false;
};

} // namespace gemba::cli
