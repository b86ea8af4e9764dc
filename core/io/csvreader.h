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

// Which character separates the integer part of a number from its fraction.
enum class DecimalMark {
    Auto,    // settled by the numbers of the file (see readCsv)
    Point,   // 1234.5 or 1,234.5
    Comma,   // 1234,5 or 1.234,5
};

struct CsvOptions {
    char delimiter = 0;                        // ',', ';', '\t' or any other; 0 = guess (see readCsv)
    DecimalMark decimal = DecimalMark::Auto;
};

struct CsvData {
    std::string path;
    std::vector<std::string> header;
    char delimiter = ',';
    // The decimal mark the numbers were read with: the one given, or the one the file settled;
    // Auto when no cell needed one (integers only).
    DecimalMark decimal = DecimalMark::Auto;
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
//
// Text: UTF-8 (a byte-order mark is skipped); a byte sequence that is not UTF-8, anywhere in
// the file, is a ParseError naming its line (callers copy text into JSON, which must be valid).
//
// Dialect: fields may be quoted with "" as an escaped quote and may span lines (RFC 4180);
// CRLF is accepted; blank lines are skipped. The delimiter is options.delimiter, or else the
// one of comma, semicolon and tab that splits the header and the first data lines (up to 50
// records or 64 KiB, counted outside quotes) into the same number of fields:
//  - if only one of them splits the header, it is the delimiter;
//  - if several split the header, the one whose field count is the same on every sampled line;
//    two such candidates are an error ("set the delimiter"), none leaves the header's most
//    frequent one (the row with the wrong field count is then reported);
//  - if none splits the header (one column), one that does not occur in the sampled lines, so
//    "Wert" over "1,5" is one column of decimal commas.
//
// Header: a requested column whose name occurs twice in the header is a ParseError naming both
// positions; a requested column that is not there is an InvalidArgument error listing the
// columns that are.
//
// Numbers: blanks around them are allowed; one leading sign ('+' or '-'); an exponent (1e-3)
// when there is no thousands separator; NaN and infinity are rejected; a value beyond the
// range of a double (1e400) or too small to be told from 0 (1e-400) is "out of range". An
// empty cell in a Number column is missing (NaN).
// The decimal mark is options.decimal, or else settled by the number cells read (all requested
// Number columns together) - never guessed from a single value that could be read two ways:
//  - "2,5", "0,125", "1234,5", "1,2345" can only have a decimal comma, "2.5", "0.125" only a
//    decimal point; "1.234,5" and "1.234.567" only a decimal comma with '.' grouping thousands,
//    "1,234.5" and "1,234,567" only a decimal point with ',' grouping thousands.
//  - "1,234" and "1.234" (one separator, a first digit 1-9 and at most three digits before it,
//    exactly three after it, no exponent) read 1.234 with one mark and 1234 with the other: they
//    take the mark the rest of the file settles; if nothing settles it, they are a ParseError
//    ending in "set the decimal mark" (Error::field = "decimal"). A cell whose
//    separator is the file's delimiter, quoted (`"1,234"` in a comma-separated file), cannot
//    take a decimal comma from other cells: a spreadsheet writes exactly `1,"2,5"` /
//    `2,"1,234"` for a decimal comma in one column and formatted thousands in another, so that
//    is an error too, settled only by options.decimal.
//  - cells that settle it both ways ("1.5" and "2,5") are a ParseError naming both.
//  - with the mark settled, the other character may only group thousands: groups of exactly
//    three digits after a first group of one to three ("1,234,567.5"); anything else is not
//    a number.
// Errors name the file, the line and the column: "data.csv:17: column 'value' (2): 'abc' is
// not a number". Errors that the delimiter or decimal mark option settles have Error::field
// "delimiter" or "decimal", so a caller can name its own control for it.
Expected<CsvData> readCsv(const std::string& path, const std::vector<ColumnRequest>& requests,
                          const CsvOptions& options = {});

// Same, over text already in memory (`path` is only used in messages).
Expected<CsvData> parseCsv(std::string_view text, const std::string& path,
                           const std::vector<ColumnRequest>& requests, const CsvOptions& options = {});

// Reads every column of a CSV file: as numbers (ColumnKind::Number) when each of its
// non-empty cells is a number - read with options.decimal, or under DecimalMark::Auto with
// whichever mark the cell can have - and as text otherwise (one cell "n/a" makes the whole
// column text, so no value is lost). The columns are then read exactly as readCsv reads them,
// in header order, with its dialects and errors: a decimal mark the number columns cannot
// settle, cells that settle it both ways, a row of the wrong width, a name used twice. Costs a
// second scan of the file (the first only classifies the columns, without storing anything).
Expected<CsvData> readAllColumns(const std::string& path, const CsvOptions& options = {});

enum class NumberResult {
    Ok,
    NotANumber,
    OutOfRange,   // a number beyond the range of a double, or too small to be told from 0
    Ambiguous,    // "1,234" or "1.234" with DecimalMark::Auto: 1.234 or 1234
};

// Reads one number cell with the rules of readCsv, the decimal mark given (with Auto, a cell
// that settles the mark by itself reads with it; "1,234" is Ambiguous). `out` is set on Ok.
NumberResult readNumber(std::string_view text, double& out, DecimalMark mark = DecimalMark::Auto);

// readNumber(text, out, Auto) == Ok: true when the text is a number that reads one way only.
bool parseNumber(std::string_view text, double& out);

} // namespace gemba::io
