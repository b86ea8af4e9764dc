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
