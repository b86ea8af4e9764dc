// Reading columns of numbers and labels from CSV files (RFC 4180 with common dialects).
#include "io/csvreader.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
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

const char* delimiterName(char c)
{
    return c == ',' ? "comma" : c == ';' ? "semicolon" : "tab";
}

// The delimiter that splits the header and the first data lines evenly (see readCsv).
Expected<char> guessDelimiter(std::string_view text, const std::string& path)
{
    constexpr char kCandidates[3] = {',', ';', '\t'};
    constexpr std::size_t kMaxRecords = 50;
    constexpr std::size_t kMaxBytes = 64 * 1024;
    std::size_t header[3] = {}, counts[3] = {};
    bool consistent[3] = {true, true, true};
    bool haveHeader = false, inQuotes = false, hasText = false, cut = false;
    std::size_t records = 0;
    auto endRecord = [&] {
        if (!hasText)
            return;   // a blank line
        for (int k = 0; k < 3; ++k) {
            if (!haveHeader)
                header[k] = counts[k] + 1;
            else if (counts[k] + 1 != header[k])
                consistent[k] = false;
            counts[k] = 0;
        }
        haveHeader = true;
        hasText = false;
        ++records;
    };
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '"') {
            inQuotes = !inQuotes;   // "" inside a quoted field toggles twice
            hasText = true;
        } else if (inQuotes) {
            continue;
        } else if (c == '\n') {
            endRecord();
            if (records >= kMaxRecords || i >= kMaxBytes) {
                cut = true;
                break;
            }
        } else if (c != '\r') {
            hasText = true;
            for (int k = 0; k < 3; ++k)
                counts[k] += c == kCandidates[k];
        }
    }
    if (!cut && !inQuotes)
        endRecord();   // the last line has no line break
    if (!haveHeader)
        return ',';   // an empty file, reported by the caller

    int splitting[3], nSplitting = 0;
    for (int k = 0; k < 3; ++k)
        if (header[k] > 1)
            splitting[nSplitting++] = k;
    if (nSplitting == 1)
        return kCandidates[splitting[0]];
    if (nSplitting > 1) {
        int even = -1;
        for (int j = 0; j < nSplitting; ++j) {
            const int k = splitting[j];
            if (!consistent[k])
                continue;
            if (even >= 0)
                return makeItemError(ErrorCode::ParseError,
                                     path + ": the first lines split evenly both at the " +
                                         delimiterName(kCandidates[even]) + " (" + std::to_string(header[even]) +
                                         " fields) and at the " + delimiterName(kCandidates[k]) + " (" +
                                         std::to_string(header[k]) + " fields); set the delimiter",
                                     0, "delimiter");
            even = k;
        }
        if (even >= 0)
            return kCandidates[even];
        // No candidate is even: the header's most frequent (tab, then semicolon on a tie); the
        // row with the wrong number of fields is reported when it is read.
        int best = 0;
        for (int k = 1; k < 3; ++k)
            if (header[k] >= header[best])
                best = k;
        return kCandidates[best];
    }
    // One column: a delimiter that does not occur in the sampled lines, so that "Wert" over
    // "1,5" reads as one column of decimal commas.
    for (int k = 0; k < 3; ++k)
        if (consistent[k])
            return kCandidates[k];
    return ',';
}

// Offset of the first byte that is not part of a well-formed UTF-8 sequence (Unicode 15.0,
// table 3-7: no overlong forms, no surrogates, nothing above U+10FFFF), or npos.
std::size_t invalidUtf8At(std::string_view s)
{
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    const std::size_t n = s.size();
    std::size_t i = 0;
    while (i < n) {
        // Runs of ASCII 16 bytes at a time: the check costs little beside the parse.
        while (i + 16 <= n) {
            std::uint64_t a = 0, b = 0;
            std::memcpy(&a, p + i, 8);
            std::memcpy(&b, p + i + 8, 8);
            if ((a | b) & 0x8080808080808080ULL)
                break;
            i += 16;
        }
        if (i >= n)
            break;
        const unsigned char c = p[i];
        if (c < 0x80) {
            ++i;
            continue;
        }
        std::size_t len = 0;
        unsigned char lo = 0x80, hi = 0xBF;   // range of the second byte
        if (c >= 0xC2 && c <= 0xDF)
            len = 2;
        else if (c == 0xE0)
            len = 3, lo = 0xA0;
        else if ((c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF)
            len = 3;
        else if (c == 0xED)
            len = 3, hi = 0x9F;
        else if (c == 0xF0)
            len = 4, lo = 0x90;
        else if (c >= 0xF1 && c <= 0xF3)
            len = 4;
        else if (c == 0xF4)
            len = 4, hi = 0x8F;
        else
            return i;
        if (n - i < len || p[i + 1] < lo || p[i + 1] > hi)
            return i;
        for (std::size_t k = 2; k < len; ++k)
            if ((p[i + k] & 0xC0) != 0x80)
                return i;
        i += len;
    }
    return std::string_view::npos;
}

bool isDigit(char c) { return c >= '0' && c <= '9'; }

char markChar(DecimalMark mark) { return mark == DecimalMark::Comma ? ',' : '.'; }

const char* markName(DecimalMark mark) { return mark == DecimalMark::Comma ? "comma" : "point"; }

// std::from_chars over text with '.' as the decimal mark and no grouping; one leading '+' or
// '-' (from_chars itself takes only '-', so "+-5" must be caught here).
NumberResult fromChars(std::string_view t, double& out)
{
    if (!t.empty() && t.front() == '+') {
        t.remove_prefix(1);
        if (!t.empty() && (t.front() == '-' || t.front() == '+'))
            return NumberResult::NotANumber;
    }
    double v = 0;
    const auto [ptr, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
    if (ptr != t.data() + t.size())
        return NumberResult::NotANumber;
    // libstdc++ reports both overflow and underflow to zero (1e-400) as out of range.
    if (ec == std::errc::result_out_of_range)
        return NumberResult::OutOfRange;
    if (ec != std::errc() || !std::isfinite(v))
        return NumberResult::NotANumber;
    out = v;
    return NumberResult::Ok;
}

// Reads trimmed, non-empty text with decimal mark `d` ('.' or ','); the other character may
// only group thousands (a first group of 1-3 digits, then groups of exactly 3, no exponent).
NumberResult readWithMark(std::string_view t, char d, double& out)
{
    const char g = d == '.' ? ',' : '.';
    if (!std::memchr(t.data(), g, t.size())) {
        if (d == '.')
            return fromChars(t, out);
        char buf[64];
        if (t.size() >= sizeof buf)
            return NumberResult::NotANumber;
        std::memcpy(buf, t.data(), t.size());
        std::replace(buf, buf + t.size(), ',', '.');
        return fromChars(std::string_view(buf, t.size()), out);
    }
    char buf[64];
    if (t.size() >= sizeof buf)
        return NumberResult::NotANumber;
    std::size_t n = 0, i = 0;
    if (t[0] == '+' || t[0] == '-')
        buf[n++] = t[i++];
    if (i >= t.size() || t[i] == '0')
        return NumberResult::NotANumber;
    std::size_t first = 0;
    while (i < t.size() && isDigit(t[i]))
        buf[n++] = t[i++], ++first;
    if (first == 0 || first > 3)
        return NumberResult::NotANumber;
    while (i < t.size() && t[i] == g) {
        ++i;
        for (int k = 0; k < 3; ++k) {
            if (i >= t.size() || !isDigit(t[i]))
                return NumberResult::NotANumber;
            buf[n++] = t[i++];
        }
    }
    if (i < t.size() && t[i] == d) {
        buf[n++] = '.';
        ++i;
        const std::size_t start = i;
        while (i < t.size() && isDigit(t[i]))
            buf[n++] = t[i++];
        if (i == start)
            return NumberResult::NotANumber;
    }
    if (i != t.size())
        return NumberResult::NotANumber;
    return fromChars(std::string_view(buf, n), out);
}

// "1,234" / "-1.234": one separator at `sep`, one to three digits before it (the first 1-9)
// and exactly three after: 1.234 with the separator as decimal mark, 1234 as thousands.
bool readsTwoWays(std::string_view t, std::size_t sep)
{
    const std::size_t b = t[0] == '+' || t[0] == '-' ? 1 : 0;
    if (sep <= b || sep - b > 3 || t[b] == '0' || t.size() - sep - 1 != 3)
        return false;
    for (std::size_t i = b; i < t.size(); ++i)
        if (i != sep && !isDigit(t[i]))
            return false;
    return true;
}

// Reads trimmed, non-empty text with the decimal mark not settled. `settles` receives the mark
// the text can only have (Auto: none, e.g. "12"). Ambiguous leaves the decimal reading in `out`.
NumberResult readUnsettled(std::string_view t, double& out, DecimalMark& settles)
{
    settles = DecimalMark::Auto;
    std::size_t commas = 0, points = 0, lastComma = 0, lastPoint = 0;
    for (std::size_t i = 0; i < t.size(); ++i) {
        if (t[i] == ',')
            ++commas, lastComma = i;
        else if (t[i] == '.')
            ++points, lastPoint = i;
    }
    if (commas + points == 0)
        return fromChars(t, out);
    char d = 0;
    if (commas + points == 1)
        d = commas ? ',' : '.';
    else if (commas && points)
        d = lastComma > lastPoint ? ',' : '.';   // the last one is the decimal mark
    else
        d = commas ? '.' : ',';   // one of them repeated: it groups thousands
    const NumberResult r = readWithMark(t, d, out);
    if (r != NumberResult::Ok)
        return r;
    if (commas + points == 1 && readsTwoWays(t, commas ? lastComma : lastPoint))
        return NumberResult::Ambiguous;
    settles = d == ',' ? DecimalMark::Comma : DecimalMark::Point;
    return NumberResult::Ok;
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

NumberResult readNumber(std::string_view text, double& out, DecimalMark mark)
{
    text = trimmed(text);
    if (text.empty())
        return NumberResult::NotANumber;
    if (mark != DecimalMark::Auto)
        return readWithMark(text, markChar(mark), out);
    DecimalMark settles = DecimalMark::Auto;
    return readUnsettled(text, out, settles);
}

bool parseNumber(std::string_view text, double& out)
{
    double v = 0;
    if (readNumber(text, v, DecimalMark::Auto) != NumberResult::Ok)
        return false;
    out = v;
    return true;
}

namespace {

// The decimal mark of a file whose mark is not given, as its number cells settle it, and the
// cells that can be read two ways until it is settled (see readCsv).
struct MarkInference {
    DecimalMark mark = DecimalMark::Auto;
    bool given = false;
    std::string settledBy;   // "'1.5' on line 3" (and its column, when another)
    std::string settledColumn;

    struct TwoWayCell {   // 16 bytes: a file may hold millions
        std::size_t index;
        std::uint32_t slot;
        char separator;
    };
    std::vector<TwoWayCell> twoWay;
    std::string firstTwoWayWhere;   // "file:line: column 'x' (n): "
    std::string firstTwoWayText;
};

std::string cellWhere(const std::string& path, std::uint64_t line, const std::string& column, std::size_t col)
{
    return path + ":" + std::to_string(line) + ": column '" + column + "' (" + std::to_string(col + 1) + "): ";
}

// The error for a number cell that did not read (cold path).
Error numberError(const std::string& where, std::string_view text, NumberResult result, const MarkInference& marks,
                  const std::string& column)
{
    if (result == NumberResult::OutOfRange)
        return makeError(ErrorCode::ParseError, where + quoted(text) + " is out of range");
    double v = 0;
    DecimalMark own = DecimalMark::Auto;
    if (marks.mark != DecimalMark::Auto && readUnsettled(text, v, own) == NumberResult::Ok &&
        own != DecimalMark::Auto && own != marks.mark) {
        std::string message = where + quoted(text) + " has a decimal " + markName(own) + ", but ";
        if (marks.given)
            return makeError(ErrorCode::ParseError, message + "the decimal mark is set to " + markName(marks.mark));
        message += marks.settledBy;
        if (marks.settledColumn != column)
            message += " in column '" + marks.settledColumn + "'";
        return makeItemError(ErrorCode::ParseError,
                             message + " has a decimal " + markName(marks.mark) + "; set the decimal mark", 0,
                             "decimal");
    }
    return makeError(ErrorCode::ParseError, where + quoted(text) + " is not a number");
}

// A quoted "1,234" in a comma-separated file whose other numbers have a decimal comma (see readCsv).
Error commaInCommaFileError(const std::string& where)
{
    return makeItemError(ErrorCode::ParseError,
                         where + "a number with a decimal comma in a comma-separated file can be a "
                                 "spreadsheet's thousands ('1,234' = 1234); set the decimal mark",
                         0, "decimal");
}

// "'1,234' can be read as 1.234 or as 1234 (a thousands separator)"
std::string twoWayProblem(std::string text)
{
    const std::string shown = quoted(text);
    if (!text.empty() && text.front() == '+')
        text.erase(0, 1);
    const std::size_t sep = text.find_first_of(".,");
    std::string asDecimal = text, asThousands = text;
    asDecimal[sep] = '.';
    asThousands.erase(sep, 1);
    return shown + " can be read as " + asDecimal + " or as " + asThousands + " (a thousands separator)";
}

} // namespace

Expected<CsvData> parseCsv(std::string_view text, const std::string& path,
                           const std::vector<ColumnRequest>& requests, const CsvOptions& options)
{
    if (text.size() >= 3 && std::memcmp(text.data(), "\xEF\xBB\xBF", 3) == 0)
        text.remove_prefix(3);

    // The whole file, not only the cells read: callers copy header names and texts into JSON.
    if (const std::size_t bad = invalidUtf8At(text); bad != std::string_view::npos) {
        const auto line = std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(bad), '\n') + 1;
        char byte[8];
        std::snprintf(byte, sizeof byte, "0x%02X", static_cast<unsigned>(static_cast<unsigned char>(text[bad])));
        return makeError(ErrorCode::ParseError, path + ":" + std::to_string(line) +
                                                    ": the text is not valid UTF-8 (byte " + byte +
                                                    "); save the file as UTF-8");
    }

    CsvData data;
    data.path = path;
    if (options.delimiter != 0) {
        if (options.delimiter == '"' || options.delimiter == '\n' || options.delimiter == '\r')
            return makeError(ErrorCode::InvalidArgument, path + ": a quote or line break cannot be the delimiter");
        data.delimiter = options.delimiter;
    } else {
        auto guessed = guessDelimiter(text, path);
        if (!guessed)
            return guessed.error();
        data.delimiter = *guessed;
    }

    Scanner scanner(text, data.delimiter);
    std::string scratch, error;
    std::string_view field;
    bool end = false;
    if (!scanner.skipBlankLines())
        return makeError(ErrorCode::EmptyData, path + ": the file is empty (a header row is needed)");
    const std::uint64_t headerLine = scanner.line();
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
        if (const auto again = std::find(it + 1, data.header.end(), requests[r].name); again != data.header.end())
            return makeError(ErrorCode::ParseError,
                             cellWhere(path, headerLine, requests[r].name, index) + "column " +
                                 std::to_string(again - data.header.begin() + 1) +
                                 " has the same name, so it is not clear which to read; rename one of them");
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

    MarkInference marks;
    marks.mark = options.decimal;
    marks.given = options.decimal != DecimalMark::Auto;
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
                const auto slot = static_cast<std::size_t>(slotOf[col]);
                Column& column = data.columns[slot];
                if (kindOf[col] == ColumnKind::Number) {
                    const std::string_view t = trimmed(field);
                    double v = kMissing;
                    if (!t.empty()) {
                        NumberResult result;
                        if (marks.mark != DecimalMark::Auto) {
                            result = readWithMark(t, markChar(marks.mark), v);
                            double ignored = 0;
                            DecimalMark own = DecimalMark::Auto;
                            if (result == NumberResult::Ok && !marks.given && markChar(marks.mark) == data.delimiter &&
                                readUnsettled(t, ignored, own) == NumberResult::Ambiguous)
                                return commaInCommaFileError(cellWhere(path, line, column.name, col));
                        } else {
                            DecimalMark settles = DecimalMark::Auto;
                            result = readUnsettled(t, v, settles);
                            if (result == NumberResult::Ok && settles != DecimalMark::Auto) {
                                marks.mark = settles;
                                marks.settledBy = quoted(t) + " on line " + std::to_string(line);
                                marks.settledColumn = column.name;
                            } else if (result == NumberResult::Ambiguous) {
                                if (marks.twoWay.empty()) {
                                    marks.firstTwoWayWhere = cellWhere(path, line, column.name, col);
                                    marks.firstTwoWayText = t;
                                }
                                marks.twoWay.push_back({column.numbers.size(), static_cast<std::uint32_t>(slot),
                                                        t[t.find_first_of(".,")]});
                                result = NumberResult::Ok;
                            }
                        }
                        if (result != NumberResult::Ok)
                            return numberError(cellWhere(path, line, column.name, col), t, result, marks,
                                               column.name);
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

    // Cells read before the mark was settled: "1,234" read 1.234 and is 1234 if ',' groups thousands.
    if (!marks.twoWay.empty()) {
        if (marks.mark == DecimalMark::Auto)
            return makeItemError(ErrorCode::ParseError,
                                 marks.firstTwoWayWhere + twoWayProblem(marks.firstTwoWayText) +
                                     ", and no other number in the file settles which; set the decimal mark",
                                 0, "decimal");
        const char mark = markChar(marks.mark);
        for (const auto& cell : marks.twoWay) {
            // A quoted "1,234" in a comma-separated file whose other numbers have a decimal comma:
            // the writer had to quote it, as a spreadsheet quotes its formatted thousands, so
            // the "2,5" elsewhere does not tell 1.234 from 1234 here. ("1.5" elsewhere does: with
            // a decimal point, a comma can only group thousands.)
            if (cell.separator == mark && mark == data.delimiter) {
                const Column& column = data.columns[cell.slot];
                return commaInCommaFileError(cellWhere(path, data.lineOfRow(cell.index), column.name,
                                                       static_cast<std::size_t>(column.index)));
            }
            if (cell.separator != mark) {
                double& v = data.columns[cell.slot].numbers[cell.index];
                v = std::round(v * 1000);   // exact: at most six digits
            }
        }
    }
    data.decimal = marks.mark;

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

Expected<CsvData> readCsv(const std::string& path, const std::vector<ColumnRequest>& requests,
                          const CsvOptions& options)
{
    MappedFile file;
    if (auto ok = mapFile(path, file); !ok)
        return ok.error();
    return parseCsv(std::string_view(file.data, file.size), path, requests, options);
}

Expected<CsvData> readAllColumns(const std::string& path, const CsvOptions& options)
{
    MappedFile file;
    if (auto ok = mapFile(path, file); !ok)
        return ok.error();
    const std::string_view whole(file.data, file.size);
    std::string_view text = whole;
    if (text.size() >= 3 && std::memcmp(text.data(), "\xEF\xBB\xBF", 3) == 0)
        text.remove_prefix(3);

    // Anything malformed (a bad delimiter option, no header, broken quoting) is left to
    // parseCsv, which reports it with its usual words; this pass only decides the kinds.
    char delimiter = options.delimiter;
    if (delimiter == 0) {
        auto guessed = guessDelimiter(text, path);
        if (!guessed)
            return guessed.error();
        delimiter = *guessed;
    }
    if (delimiter == '"' || delimiter == '\n' || delimiter == '\r')
        return parseCsv(whole, path, {}, options);

    Scanner scanner(text, delimiter);
    std::string scratch, error;
    std::string_view field;
    bool end = false;
    std::vector<ColumnRequest> requests;
    if (scanner.skipBlankLines()) {
        while (!end) {
            if (!scanner.nextField(field, scratch, end, error))
                return parseCsv(whole, path, {}, options);
            requests.push_back({std::string(trimmed(field)), ColumnKind::Number});
        }
    }
    const std::size_t width = requests.size();
    std::size_t textColumns = 0;
    bool malformed = false;
    while (!malformed && textColumns < width && scanner.skipBlankLines()) {
        std::size_t col = 0;
        end = false;
        while (!end) {
            if (!scanner.nextField(field, scratch, end, error)) {
                malformed = true;
                break;
            }
            if (col < width && requests[col].kind == ColumnKind::Number) {
                const std::string_view t = trimmed(field);
                double ignored = 0;
                if (!t.empty() && readNumber(t, ignored, options.decimal) == NumberResult::NotANumber) {
                    requests[col].kind = ColumnKind::Text;
                    ++textColumns;
                }
            }
            ++col;
        }
    }
    CsvOptions settled = options;
    settled.delimiter = delimiter;   // not guessed twice
    return parseCsv(whole, path, requests, settled);
}

} // namespace gemba::io
