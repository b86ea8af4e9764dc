// Loading CSV columns for a subcommand, turning core errors into CLI errors.
#pragma once

#include "io/csvreader.h"

#include <string>
#include <vector>

namespace gemba::cli {

class Args;

// Declares the options every command that reads a CSV file takes:
//   --decimal point|comma                 the decimal mark (default: settled by the file)
//   --delimiter comma|semicolon|tab|CHAR  the delimiter (default: guessed from the first lines)
void declareCsvOptions(Args& args);

// Reads them; an unknown value is a UsageError.
io::CsvOptions csvOptions(const Args& args);

// Throws the CLI error for a failed CSV read: InvalidArgument (a missing column) is a
// UsageError, anything else a DataError; an error the options settle ends with the option to
// give ("--decimal point|comma").
[[noreturn]] void throwCsvError(const Error& e);

// Reads the columns; a missing column is a UsageError, anything else wrong with the file a
// DataError. An error the options settle ends with the option to give ("--decimal point|comma").
io::CsvData loadCsv(const std::string& path, const std::vector<io::ColumnRequest>& requests,
                    const io::CsvOptions& options = {});

// The values of a Number column with missing (empty) cells dropped; `rows` receives the row
// index of each value kept when not null.
std::vector<double> presentValues(const io::Column& column, std::vector<std::size_t>* rows = nullptr);

// Interprets a phase I marker cell: true/TRUE/1/yes (any case) is phase I; false/FALSE/0/no is
// phase II; anything else is a DataError naming the line.
bool isTrialCell(const io::CsvData& data, std::size_t row, const std::string& cell, const std::string& column);

} // namespace gemba::cli
