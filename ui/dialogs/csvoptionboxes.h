// The delimiter and decimal-mark choices of every CSV import (io::CsvOptions), the same as the
// command line's --delimiter and --decimal: shared by the observations import (ImportDialog)
// and the data set import (DataSetImportDialog), so both offer and read them alike.
#pragma once

#include "io/csvreader.h"

class QComboBox;

namespace gemba::ui {

// Fills the boxes: "from the file" first (io's guess), then the explicit choices.
void fillDelimiterBox(QComboBox* box);
void fillDecimalBox(QComboBox* box);
io::CsvOptions csvOptionsOf(const QComboBox* delimiter, const QComboBox* decimal);

} // namespace gemba::ui
