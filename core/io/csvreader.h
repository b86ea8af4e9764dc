// Reading columns of numbers and labels from CSV files (RFC 4180 with common dialects).
#pragma once

#include "error.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace gemba::io {

enum class ColumnKind {
    Number,   // a decimal number; an empty cell is missing (NaN)
    Text,     // kept as text (labels, flags)
};

struct ColumnRequest {
    std::string name;
    ColumnKind kind = ColumnKind::Number;
};

struct Column {
    std::string name;
    int index = 0;                     // 0-based position in the header
    std::vector<double> numbers;       // ColumnKind::Number
    std::vector<std::string> texts;    // ColumnKind::Text
};

struct CsvData {
    std::string path;
    std::vector<std::string> header;
    char delimiter = ',';
    std::size_t rows = 0;
    std::vector<Column> columns;       // in the order requested

    // 1-based line in the file where data row `row` (0-based) starts.
    std::uint64_t lineOfRow(std::size_t row) const
    {
        return m_rowLines.empty() ? row + 2 : m_rowLines[row];
    }

    std::vector<std::uint64_t> m_rowLines;   // empty when row r starts on line r + 2
};

// Reads the requested columns of a CSV file with a header row.
// Dialect: the delimiter (comma, semicolon or tab) is the one the header line uses most
// outside quotes; fields may be quoted with "" as an escaped quote and may span lines
// (RFC 4180); CRLF and a UTF-8 byte-order mark are accepted; blank lines are skipped.
// Numbers: leading/trailing blanks allowed; the decimal mark is '.' or ',' (a field holding
// both is rejected as ambiguous: thousands separators are not accepted); exponents allowed;
// NaN and infinity are rejected. An empty cell in a Number column is missing (NaN).
// Text cells lose blanks at either end unless they are quoted, which keeps them as written.
// Errors name the file, the line and the column: "data.csv:17: column 'value' (2): 'abc' is
// not a number". A requested column that is not in the header is an InvalidArgument error
// listing the columns that are.
Expected<CsvData> readCsv(const std::string& path, const std::vector<ColumnRequest>& requests);

// Same, over text already in memory (`path` is only used in messages).
Expected<CsvData> parseCsv(std::string_view text, const std::string& path,
                           const std::vector<ColumnRequest>& requests);

// Parses one number cell as readCsv does. Returns false when the text is not a number.
bool parseNumber(std::string_view text, double& out);

} // namespace gemba::io
