// Data sets: any CSV file imported into a project as a named table of columns (issue 7 §1),
// to be charted like a study's durations.
#pragma once

#include "error.h"
#include "store/snapshot.h"
#include "study/model.h"

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace gemba::store {

// How a column is kept in the file (migration 3, `dataset_columns.data`): one BLOB per column.
//  - numbers: the doubles in row order, 8 bytes each, IEEE 754 little-endian (NaN = a missing
//    cell; every bit is kept, so a value reads back exactly);
//  - texts: per row a 4-byte little-endian length, then that many bytes of UTF-8.
// Why one BLOB per column rather than a row per cell: a million rows of three columns are three
// inserts of a few MB, written as sequential overflow pages, instead of three million rows with
// their b-tree and record overhead (about ten times the bytes and time); a chart reads one
// column whole, never a cell alone. SQLite's limit on one value (SQLITE_LIMIT_LENGTH, 10^9
// bytes by default) bounds a column to about 125 million numbers.
struct DataSetColumnInfo {
    std::string name;
    bool numeric = true;   // false: text (the column has a cell that is not a number)

    bool operator==(const DataSetColumnInfo&) const = default;
};

struct DataSetInfo {
    study::Id id = 0;
    std::string name;         // unique in the project
    std::string sourceFile;   // the CSV path as imported
    std::int64_t importedWallUs = 0;   // Unix epoch
    std::int64_t rowCount = 0;
    std::vector<DataSetColumnInfo> columns;   // in the file's order

    bool operator==(const DataSetInfo&) const = default;
};

struct DataColumn {
    std::string name;
    bool numeric = true;
    std::vector<double> numbers;      // numeric: one per row, NaN = empty cell
    std::vector<std::string> texts;   // text: one per row, "" = empty cell
};

// Everything removeDataSet deletes, for undo: the row, each column's BLOB as stored (so a
// restore is bit for bit) and the charts of the data set (analyses.dataset_id).
struct DataSetSnapshot {
    DataSetInfo info;
    std::vector<std::string> columnData;   // BLOB per column, in info.columns' order
    std::vector<AnalysisRow> analyses;
};

// The BLOB formats above. decode* check the length against `rows` (a damaged or foreign
// value is a ParseError, never a short or padded column).
std::string encodeNumbers(std::span<const double> values);
std::string encodeTexts(std::span<const std::string> values);
Expected<std::vector<double>> decodeNumbers(std::string_view bytes, std::int64_t rows);
Expected<std::vector<std::string>> decodeTexts(std::string_view bytes, std::int64_t rows);

} // namespace gemba::store
