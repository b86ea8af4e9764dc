// Reading the columns of a data set stored in a project (issue 7 §1) for a subcommand, in the
// shape a CSV read gives them, so a command charts a stored column as it charts a CSV column.
#pragma once

#include "io/csvreader.h"
#include "store/project.h"

#include <memory>
#include <string>
#include <vector>

namespace gemba::cli {

// Opens a project that must exist, read-only; a refused or missing file is a DataError.
std::unique_ptr<store::Project> openExistingProject(const std::string& path);

// The data set named `name`; a UsageError listing the data sets there are when none has it.
store::DataSetInfo dataSetNamed(const store::Project& project, const std::string& name);

// The requested columns of the data set as io::CsvData (path: "data set 'NAME'", row r on
// "line" r + 2 as in a CSV file with its header). A Number request of a text column is a
// DataError naming its first cell that is not a number; a Text request of a numeric column
// gets each number as the shortest text that reads back as it ("" for a missing cell); an
// unknown column is a UsageError listing the columns.
io::CsvData loadDataSetColumns(const store::Project& project, const store::DataSetInfo& info,
                               const std::vector<io::ColumnRequest>& requests);

} // namespace gemba::cli
