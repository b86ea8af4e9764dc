// Reading columns of numbers and labels from CSV files (RFC 4180 with common dialects).
#include "io/csvreader.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>
#include <limits>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace gemba::io {
namespace {

std::string_view trimmed(std::string_view s)
{
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
        s.remove_suffix(1);
    return s;
}

std::string quoted(std::string_view s)
{
    constexpr std::size_t kMax = 40;
    std::string out = "'";
    out += s.size() > kMax ? std::string(s.substr(0, kMax)) + "..." : std::string(s);
    out += "'";
    return out;
}

char detectDelimiter(std::string_view text)
{
    std::size_t commas = 0, semicolons = 0, tabs = 0;
    bool inQuotes = false;
    for (char c : text) {
        if (c == '"')
            inQuotes = !inQuotes;
        else if (!inQuotes) {
            if (c == '\n')
                break;
            commas += c == ',';
            semicolons += c == ';';
            tabs += c == '\t';
        }
    }
    if (tabs >= semicolons && tabs >= commas && tabs > 0)
        return '\t';
    if (semicolons >= commas && semicolons > 0)
        return ';';
    return ',';
}

// A single-pass RFC 4180 record scanner over text in memory.
class Scanner {
public:
    Scanner(std::string_view text, char delimiter) : m_text(text), m_delim(delimiter) {}

    bool atEnd() const { return m_pos >= m_text.size(); }
    bool lastWasQuoted() const { return m_quoted; }   // the field just read was in quotes
    std::uint64_t line() const { return m_line; }

    // Reads the next field into `out` (a view into the text, or into `scratch` when the
    // field was quoted). Returns false with `error` set on malformed quoting.
    // `endOfRecord` tells whether the field closed its record.
    bool nextField(std::string_view& out, std::string& scratch, bool& endOfRecord, std::string& error)
    {
        endOfRecord = false;
        m_quoted = false;
        const std::size_t n = m_text.size();
        if (m_pos < n && m_text[m_pos] == '"') {
            m_quoted = true;
            const std::uint64_t startLine = m_line;
            scratch.clear();
            std::size_t i = m_pos + 1;
            for (;;) {
                if (i >= n) {
                    error = "a quoted field opened on line " + std::to_string(startLine) + " is never closed";
                    return false;
                }
                const char c = m_text[i];
                if (c == '"') {
                    if (i + 1 < n && m_text[i + 1] == '"') {
                        scratch += '"';
                        i += 2;
                        continue;
                    }
                    ++i;
                    break;
                }
                if (c == '\n')
                    ++m_line;
                scratch += c;
                ++i;
            }
            // After the closing quote only blanks, then a delimiter or the end of the record.
            while (i < n && (m_text[i] == ' ' || m_text[i] == '\t') && m_text[i] != m_delim)
                ++i;
            m_pos = i;
            out = scratch;
            if (i < n && m_text[i] != m_delim && m_text[i] != '\n' && m_text[i] != '\r') {
                error = "unexpected text after a closing quote";
                return false;
            }
        } else {
            std::size_t i = m_pos;
            const char* p = m_text.data();
            while (i < n) {
                const char c = p[i];
                if (c == m_delim || c == '\n' || c == '\r')
                    break;
                ++i;
            }
            out = m_text.substr(m_pos, i - m_pos);
            m_pos = i;
        }
        // Consume the terminator.
        if (m_pos >= n) {
            endOfRecord = true;
        } else if (m_text[m_pos] == m_delim) {
            ++m_pos;
        } else {
            if (m_text[m_pos] == '\r')
                ++m_pos;
            if (m_pos < n && m_text[m_pos] == '\n')
                ++m_pos;
            ++m_line;
            endOfRecord = true;
        }
        return true;
    }

    // Skips blank lines; returns true if a record starts here.
    bool skipBlankLines()
    {
        while (m_pos < m_text.size()) {
            const char c = m_text[m_pos];
            if (c == '\n') {
                ++m_pos;
                ++m_line;
            } else if (c == '\r') {
                ++m_pos;
            } else {
                return true;
            }
        }
        return false;
    }

private:
    std::string_view m_text;
    char m_delim;
    std::size_t m_pos = 0;
    std::uint64_t m_line = 1;
    bool m_quoted = false;
};

struct MappedFile {
    const char* data = nullptr;
    std::size_t size = 0;
    void* map = nullptr;
    std::string buffer;   // used when the file cannot be mapped (pipes, empty files)

    ~MappedFile()
    {
        if (map)
            ::munmap(map, size);
    }
};

Expected<bool> mapFile(const std::string& path, MappedFile& file)
{
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return makeError(ErrorCode::IoError, path + ": cannot open: " + std::strerror(errno));
    struct stat st {};
    if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0) {
        void* m = ::mmap(nullptr, static_cast<std::size_t>(st.st_size), PROT_READ, MAP_PRIVATE, fd, 0);
        if (m != MAP_FAILED) {
            ::madvise(m, static_cast<std::size_t>(st.st_size), MADV_SEQUENTIAL);
            file.map = m;
            file.size = static_cast<std::size_t>(st.st_size);
            file.data = static_cast<const char*>(m);
            ::close(fd);
            return true;
        }
    }
    char chunk[65536];
    for (;;) {
        const ssize_t got = ::read(fd, chunk, sizeof chunk);
        if (got < 0) {
            const int err = errno;
            ::close(fd);
            return makeError(ErrorCode::IoError, path + ": cannot read: " + std::strerror(err));
        }
        if (got == 0)
            break;
        file.buffer.append(chunk, static_cast<std::size_t>(got));
    }
    ::close(fd);
    file.data = file.buffer.data();
    file.size = file.buffer.size();
    return true;
}

} // namespace

bool parseNumber(std::string_view text, double& out)
{
    text = trimmed(text);
    if (text.empty())
        return false;
    if (text.front() == '+')
        text.remove_prefix(1);
    if (text.empty() || text.front() == '+')
        return false;
    const bool hasComma = text.find(',') != std::string_view::npos;
    char buf[64];
    if (hasComma) {
        if (text.find('.') != std::string_view::npos || text.size() >= sizeof buf ||
            std::count(text.begin(), text.end(), ',') > 1)
            return false;
        std::memcpy(buf, text.data(), text.size());
        std::replace(buf, buf + text.size(), ',', '.');
        text = std::string_view(buf, text.size());
    }
    const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
    return ec == std::errc() && ptr == text.data() + text.size() && std::isfinite(out);
}

Expected<CsvData> parseCsv(std::string_view text, const std::string& path,
                           const std::vector<ColumnRequest>& requests)
{
    if (text.size() >= 3 && std::memcmp(text.data(), "\xEF\xBB\xBF", 3) == 0)
        text.remove_prefix(3);

    CsvData data;
    data.path = path;
    data.delimiter = detectDelimiter(text);

    Scanner scanner(text, data.delimiter);
    std::string scratch, error;
    std::string_view field;
    bool end = false;
    if (!scanner.skipBlankLines())
        return makeError(ErrorCode::EmptyData, path + ": the file is empty (a header row is needed)");
    while (!end) {
        if (!scanner.nextField(field, scratch, end, error))
            return makeError(ErrorCode::ParseError, path + ":" + std::to_string(scanner.line()) + ": " + error);
        data.header.emplace_back(trimmed(field));
    }

    // Map each header position to the slot of the column requested there (or -1).
    std::vector<int> slotOf(data.header.size(), -1);
    std::vector<ColumnKind> kindOf(data.header.size(), ColumnKind::Number);
    for (std::size_t r = 0; r < requests.size(); ++r) {
        const auto it = std::find(data.header.begin(), data.header.end(), requests[r].name);
        if (it == data.header.end()) {
            std::string names;
            for (const auto& h : data.header)
                names += (names.empty() ? "" : ", ") + h;
            return makeError(ErrorCode::InvalidArgument,
                             path + ": no column named '" + requests[r].name + "'; the columns are: " + names);
        }
        const auto index = static_cast<std::size_t>(it - data.header.begin());
        Column column;
        column.name = requests[r].name;
        column.index = static_cast<int>(index);
        data.columns.push_back(std::move(column));
        // The same column may be requested twice; later requests read from the first slot.
        if (slotOf[index] < 0) {
            slotOf[index] = static_cast<int>(r);
            kindOf[index] = requests[r].kind;
        }
    }

    // Reserve from a guess of the row length so a big file does not reallocate repeatedly.
    const std::size_t guessRows = text.size() / std::max<std::size_t>(4, data.header.size() * 4) + 16;
    for (std::size_t r = 0; r < requests.size(); ++r) {
        if (slotOf[static_cast<std::size_t>(data.columns[r].index)] != static_cast<int>(r))
            continue;
        if (requests[r].kind == ColumnKind::Number)
            data.columns[r].numbers.reserve(guessRows);
    }

    const std::size_t width = data.header.size();
    constexpr double kMissing = std::numeric_limits<double>::quiet_NaN();
    while (scanner.skipBlankLines()) {
        const std::uint64_t line = scanner.line();
        const std::size_t row = data.rows;
        if (line != row + 2 && data.m_rowLines.empty()) {
            data.m_rowLines.reserve(guessRows);
            for (std::size_t r = 0; r < row; ++r)
                data.m_rowLines.push_back(r + 2);
        }
        if (!data.m_rowLines.empty())
            data.m_rowLines.push_back(line);

        std::size_t col = 0;
        end = false;
        while (!end) {
            if (!scanner.nextField(field, scratch, end, error))
                return makeError(ErrorCode::ParseError, path + ":" + std::to_string(line) + ": " + error);
            if (col < width && slotOf[col] >= 0) {
                Column& column = data.columns[static_cast<std::size_t>(slotOf[col])];
                if (kindOf[col] == ColumnKind::Number) {
                    double v = 0;
                    if (trimmed(field).empty()) {
                        v = kMissing;
                    } else if (!parseNumber(field, v)) {
                        return makeError(ErrorCode::ParseError,
                                         path + ":" + std::to_string(line) + ": column '" + column.name + "' (" +
                                             std::to_string(col + 1) + "): " + quoted(trimmed(field)) +
                                             " is not a number");
                    }
                    column.numbers.push_back(v);
                } else {
                    // Quotes keep a text exactly as written, blanks included (RFC 4180).
                    column.texts.emplace_back(scanner.lastWasQuoted() ? field : trimmed(field));
                }
            }
            ++col;
        }
        if (col != width)
            return makeError(ErrorCode::ParseError, path + ":" + std::to_string(line) + ": the row has " +
                                                        std::to_string(col) + " fields but the header has " +
                                                        std::to_string(width));
        ++data.rows;
    }

    // Columns requested twice share the data read into the first one.
    for (std::size_t r = 0; r < requests.size(); ++r) {
        const auto first = static_cast<std::size_t>(slotOf[static_cast<std::size_t>(data.columns[r].index)]);
        if (first != r) {
            data.columns[r].numbers = data.columns[first].numbers;
            data.columns[r].texts = data.columns[first].texts;
            if (requests[r].kind != requests[first].kind)
                return makeError(ErrorCode::InvalidArgument,
                                 path + ": column '" + requests[r].name + "' is used both as text and as numbers");
        }
    }
    return data;
}

Expected<CsvData> readCsv(const std::string& path, const std::vector<ColumnRequest>& requests)
{
    MappedFile file;
    if (auto ok = mapFile(path, file); !ok)
        return ok.error();
    return parseCsv(std::string_view(file.data, file.size), path, requests);
}

} // namespace gemba::io
