// The delimiter and decimal-mark choices of every CSV import.
#include "dialogs/csvoptionboxes.h"

#include <QComboBox>
#include <QCoreApplication>

namespace gemba::ui {
namespace {
// The texts keep the import dialog's translation context, where they were first.
QString tr(const char* text) { return QCoreApplication::translate("gemba::ui::ImportDialog", text); }
} // namespace

void fillDelimiterBox(QComboBox* box)
{
    box->addItem(tr("From the file's first lines"), 0);
    box->addItem(tr("Comma ( , )"), int(','));
    box->addItem(tr("Semicolon ( ; )"), int(';'));
    box->addItem(tr("Tab"), int('\t'));
}

void fillDecimalBox(QComboBox* box)
{
    box->addItem(tr("From the file's numbers"), int(io::DecimalMark::Auto));
    box->addItem(tr("Point (1234.5; a comma groups thousands)"), int(io::DecimalMark::Point));
    box->addItem(tr("Comma (1234,5; a point groups thousands)"), int(io::DecimalMark::Comma));
}

io::CsvOptions csvOptionsOf(const QComboBox* delimiter, const QComboBox* decimal)
{
    io::CsvOptions o;
    o.delimiter = static_cast<char>(delimiter->currentData().toInt());
    o.decimal = static_cast<io::DecimalMark>(decimal->currentData().toInt());
    return o;
}

} // namespace gemba::ui
