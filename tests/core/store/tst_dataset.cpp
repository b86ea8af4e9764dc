// Tests of data sets (file format 3): a CSV file imported into the project whole or not at
// all, read back exactly, unique names, renaming, and removal undone bit for bit.
#include "store/dataset.h"
#include "store/project.h"

#include "storetestsupport.h"

#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <cstring>
#include <fstream>
#include <limits>

using namespace gemba;
using namespace gemba::store;
using gemba::study::Process;

class TestDataSet : public QObject {
    Q_OBJECT

private slots:
    void init();
    void blobFormatsRoundTrip();
    void blobFormatsRefuseWrongLengths();
    void importsAndReadsBackExactly();
    void textColumnWhenAnyCellIsNotANumber();
    void dialectsAsEveryCsvRead();
    void badCellLeavesNoDataSet();
    void namesAreUnique();
    void renames();
    void unknownColumnListsTheColumns();
    void removalUndoneBitForBit();
    void restoreUnderATakenName();
    void removalTakesItsChartsAndUndoBringsThem();
    void readOnlyProjectRefusesImport();

private:
    std::string file(const char* name) const { return (m_dir->path() + "/" + name).toStdString(); }
    std::string writeFile(const char* name, const std::string& text) const
    {
        const std::string path = file(name);
        std::ofstream(path, std::ios::binary) << text;
        return path;
    }
    std::unique_ptr<Project> open()
    {
        auto p = Project::open(file("p.gemba"));
        if (!p)
            qFatal("%s", p.error().message.c_str());
        return std::move(p).value();
    }

    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestDataSet::init() { m_dir = std::make_unique<QTemporaryDir>(); }

void TestDataSet::blobFormatsRoundTrip()
{
    const std::vector<double> numbers{1.5, -0.0, std::numeric_limits<double>::quiet_NaN(), 1e-300,
                                      std::numeric_limits<double>::max(), 0.1 + 0.2};
    const std::string bytes = encodeNumbers(numbers);
    QCOMPARE(bytes.size(), numbers.size() * 8);
    // Little-endian IEEE 754: 1.5 = 0x3FF8000000000000, lowest byte first.
    QCOMPARE(static_cast<unsigned char>(bytes[7]), static_cast<unsigned char>(0x3F));
    QCOMPARE(static_cast<unsigned char>(bytes[6]), static_cast<unsigned char>(0xF8));
    QCOMPARE(static_cast<unsigned char>(bytes[0]), static_cast<unsigned char>(0x00));
    GEMBA_TRY(back, decodeNumbers(bytes, 6));
    QCOMPARE(std::memcmp(back->data(), numbers.data(), bytes.size()), 0);   // every bit, NaN and -0 too

    const std::vector<std::string> texts{"", "Schicht Früh", std::string("a\0b", 3), "x"};
    const std::string t = encodeTexts(texts);
    QCOMPARE(t.size(), std::size_t(4 * 4 + 0 + 13 + 3 + 1));
    QCOMPARE(t.substr(4, 4), std::string("\x0D\0\0\0", 4));   // length of "Schicht Früh" (UTF-8: 13 bytes)
    GEMBA_TRY(textsBack, decodeTexts(t, 4));
    QCOMPARE(*textsBack, texts);
}

void TestDataSet::blobFormatsRefuseWrongLengths()
{
    QCOMPARE(decodeNumbers(std::string(15, '\0'), 2).error().code, ErrorCode::ParseError);
    QCOMPARE(decodeNumbers(std::string(16, '\0'), 3).error().code, ErrorCode::ParseError);
    const std::string t = encodeTexts(std::vector<std::string>{"ab", "c"});
    QCOMPARE(decodeTexts(t, 3).error().code, ErrorCode::ParseError);            // too few rows
    QCOMPARE(decodeTexts(t + "x", 2).error().code, ErrorCode::ParseError);      // bytes left over
    QCOMPARE(decodeTexts(t.substr(0, 5), 1).error().code, ErrorCode::ParseError);   // cut inside a text
}

void TestDataSet::importsAndReadsBackExactly()
{
    const std::string csv = writeFile("widths.csv", "sample,width_mm,defects,note\n"
                                                     "1,25.013,0,\n"
                                                     "2,24.987,,late\n"
                                                     "3,-0.1e-3,2,\"a, quoted\"\"note\"\"\"\n");
    auto p = open();
    const auto before = std::chrono::system_clock::now();
    GEMBA_TRY(id, p->importDataSet(csv, "  Widths week 48 "));
    GEMBA_TRY(info, p->dataSet(*id));
    QCOMPARE(info->id, *id);
    QCOMPARE(info->name, std::string("Widths week 48"));   // blanks around it dropped
    QCOMPARE(info->sourceFile, csv);
    QCOMPARE(info->rowCount, std::int64_t(3));
    const std::vector<DataSetColumnInfo> columns{{"sample", true}, {"width_mm", true}, {"defects", true},
                                                 {"note", false}};
    QCOMPARE(info->columns, columns);
    const auto importedUs = std::chrono::duration_cast<std::chrono::microseconds>(before.time_since_epoch()).count();
    QVERIFY(info->importedWallUs >= importedUs && info->importedWallUs < importedUs + 60'000'000);

    GEMBA_TRY(width, p->dataSetColumn(*id, "width_mm"));
    QVERIFY(width->numeric);
    QVERIFY(width->texts.empty());
    QCOMPARE(width->numbers, (std::vector<double>{25.013, 24.987, -0.0001}));   // exact: the same parse
    GEMBA_TRY(defects, p->dataSetColumn(*id, "defects"));
    QCOMPARE(defects->numbers.size(), std::size_t(3));
    QCOMPARE(defects->numbers[0], 0.0);
    QVERIFY(std::isnan(defects->numbers[1]));   // empty cell = missing
    QCOMPARE(defects->numbers[2], 2.0);
    GEMBA_TRY(note, p->dataSetColumn(*id, "note"));
    QVERIFY(!note->numeric);
    QCOMPARE(note->texts, (std::vector<std::string>{"", "late", "a, quoted\"note\""}));

    // Listed, found by name, and still there after the file is closed and opened again.
    p.reset();
    p = open();
    GEMBA_TRY(all, p->dataSets());
    QCOMPARE(all->size(), std::size_t(1));
    QCOMPARE(all->front(), *info);
    GEMBA_TRY(found, p->findDataSet("Widths week 48"));
    QVERIFY(found->has_value());
    QCOMPARE((*found)->id, *id);
    GEMBA_TRY(none, p->findDataSet("widths week 48"));
    QVERIFY(!none->has_value());
    QCOMPARE(test::rawText(p->handle(), "PRAGMA foreign_key_check"), std::string());
}

void TestDataSet::textColumnWhenAnyCellIsNotANumber()
{
    // One "n/a" far down makes the column text, and every cell keeps its text as written.
    std::string text = "value,label\n";
    for (int i = 0; i < 500; ++i)
        text += std::to_string(i) + ".5,7\n";
    text += "n/a,8\n";
    auto p = open();
    GEMBA_TRY(id, p->importDataSet(writeFile("mixed.csv", text), "mixed"));
    GEMBA_TRY(info, p->dataSet(*id));
    QCOMPARE(info->columns[0], (DataSetColumnInfo{"value", false}));
    QCOMPARE(info->columns[1], (DataSetColumnInfo{"label", true}));
    GEMBA_TRY(value, p->dataSetColumn(*id, "value"));
    QCOMPARE(value->texts.size(), std::size_t(501));
    QCOMPARE(value->texts[0], std::string("0.5"));
    QCOMPARE(value->texts[500], std::string("n/a"));
}

void TestDataSet::dialectsAsEveryCsvRead()
{
    // Semicolons and decimal commas, guessed as readCsv guesses them; and the options given.
    auto p = open();
    GEMBA_TRY(a, p->importDataSet(writeFile("de.csv", "Breite;Fehler\n2,5;1\n1.234,5;0\n"), "de"));
    GEMBA_TRY(breite, p->dataSetColumn(*a, "Breite"));
    QCOMPARE(breite->numbers, (std::vector<double>{2.5, 1234.5}));

    // "1,234" alone can be read two ways: the same error as every CSV read, naming the option.
    const std::string twoWay = writeFile("twoway.csv", "x\n\"1,234\"\n");
    auto refused = p->importDataSet(twoWay, "two");
    QVERIFY(!refused);
    QCOMPARE(refused.error().field, std::string("decimal"));
    QVERIFY2(test::contains(refused.error().message, "twoway.csv:2: column 'x' (1)"), refused.error().message.c_str());
    io::CsvOptions options;
    options.decimal = io::DecimalMark::Point;
    GEMBA_TRY(b, p->importDataSet(twoWay, "two", options));
    GEMBA_TRY(x, p->dataSetColumn(*b, "x"));
    QCOMPARE(x->numbers, std::vector<double>{1234.0});

    // A delimiter given: tab.
    options = {};
    options.delimiter = '\t';
    GEMBA_TRY(c, p->importDataSet(writeFile("tab.csv", "a,b\tc\n1\t2\n"), "tab", options));
    GEMBA_TRY(info, p->dataSet(*c));
    QCOMPARE(info->columns.size(), std::size_t(2));
    QCOMPARE(info->columns[0].name, std::string("a,b"));
}

void TestDataSet::badCellLeavesNoDataSet()
{
    // Line 5 has a row of the wrong width: nothing of the file is stored.
    const std::string csv = writeFile("bad.csv", "a,b\n1,2\n3,4\n5,6\n7\n9,10\n");
    auto p = open();
    const std::string path = file("p.gemba");
    auto r = p->importDataSet(csv, "bad");
    QVERIFY(!r);
    QCOMPARE(r.error().code, ErrorCode::ParseError);
    QVERIFY2(test::contains(r.error().message, "bad.csv:5: the row has 1 fields but the header has 2"),
             r.error().message.c_str());
    QCOMPARE(test::rawInt(p->handle(), "SELECT count(*) FROM datasets"), std::int64_t(0));
    QCOMPARE(test::rawInt(p->handle(), "SELECT count(*) FROM dataset_columns"), std::int64_t(0));

    // A bad cell on line 5: a number beyond the range of a double (it is a number, so the
    // column is not text; it cannot be stored, so nothing is).
    r = p->importDataSet(writeFile("range.csv", "a,b\n1,x\n2,y\n3,z\n1e400,w\n"), "range");
    QVERIFY(!r);
    QVERIFY2(test::contains(r.error().message, "range.csv:5: column 'a' (1): '1e400' is out of range"),
             r.error().message.c_str());
    QCOMPARE(test::rawInt(p->handle(), "SELECT count(*) FROM datasets"), std::int64_t(0));

    // A number column whose decimal marks disagree: also refused whole, naming line and column.
    const std::string marks = writeFile("marks.csv", "a,b\n1.5,x\n2.5,y\n3.5,z\n\"2,5\",w\n");
    r = p->importDataSet(marks, "marks");
    QVERIFY(!r);
    QVERIFY2(test::contains(r.error().message, "marks.csv:5: column 'a' (1): '2,5' has a decimal comma"),
             r.error().message.c_str());
    QCOMPARE(test::rawInt(p->handle(), "SELECT count(*) FROM datasets"), std::int64_t(0));

    // A file without rows, or missing.
    QCOMPARE(p->importDataSet(writeFile("empty.csv", "a,b\n"), "e").error().code, ErrorCode::EmptyData);
    QCOMPARE(p->importDataSet(file("missing.csv"), "m").error().code, ErrorCode::IoError);
    GEMBA_TRY(list, p->dataSets());
    QVERIFY(list->empty());
}

void TestDataSet::namesAreUnique()
{
    const std::string csv = writeFile("a.csv", "x\n1\n");
    auto p = open();
    GEMBA_TRY(first, p->importDataSet(csv, "Line 3"));
    auto again = p->importDataSet(csv, " Line 3");
    QVERIFY(!again);
    QCOMPARE(again.error().code, ErrorCode::InvalidArgument);
    QCOMPARE(again.error().message,
             std::string("a data set named 'Line 3' already exists in this project; choose another name"));
    QCOMPARE(p->importDataSet(csv, "  ").error().message, std::string("a data set needs a name"));
    GEMBA_TRY(other, p->importDataSet(csv, "Line 4"));
    QVERIFY(*other != *first);
    GEMBA_TRY(list, p->dataSets());
    QCOMPARE(list->size(), std::size_t(2));
}

void TestDataSet::renames()
{
    const std::string csv = writeFile("a.csv", "x\n1\n");
    auto p = open();
    GEMBA_TRY(a, p->importDataSet(csv, "A"));
    GEMBA_TRY(b, p->importDataSet(csv, "B"));
    QVERIFY(p->renameDataSet(*a, "C").hasValue());
    QCOMPARE(p->dataSet(*a)->name, std::string("C"));
    QVERIFY(p->renameDataSet(*a, "C").hasValue());   // its own name again is fine
    auto taken = p->renameDataSet(*a, "B");
    QVERIFY(!taken);
    QVERIFY(test::contains(taken.error().message, "a data set named 'B' already exists"));
    QCOMPARE(p->renameDataSet(999, "Z").error().message, std::string("no data set with id 999"));
    QCOMPARE(p->dataSet(*b)->name, std::string("B"));
}

void TestDataSet::unknownColumnListsTheColumns()
{
    auto p = open();
    GEMBA_TRY(id, p->importDataSet(writeFile("a.csv", "x,y\n1,2\n"), "A"));
    auto r = p->dataSetColumn(*id, "z");
    QVERIFY(!r);
    QCOMPARE(r.error().code, ErrorCode::InvalidArgument);
    QCOMPARE(r.error().message, std::string("data set 'A' has no column named 'z'; its columns are 'x', 'y'"));
    QCOMPARE(p->dataSetColumn(42, "x").error().message, std::string("no data set with id 42"));
}

void TestDataSet::removalUndoneBitForBit()
{
    auto p = open();
    GEMBA_TRY(id, p->importDataSet(writeFile("a.csv", "v,t\n0.1,a\n,b\n-3e-310,\n"), "A"));
    GEMBA_TRY(other, p->importDataSet(writeFile("b.csv", "w\n5\n"), "B"));
    const std::string dump = "SELECT group_concat(hex(data), '|') FROM dataset_columns WHERE dataset_id = 1";
    const std::string before = test::rawText(p->handle(), dump.c_str());
    GEMBA_TRY(info, p->dataSet(*id));
    GEMBA_TRY(snap, p->dataSetSnapshot(*id));
    QCOMPARE(snap->columnData.size(), std::size_t(2));
    QVERIFY(p->removeDataSet(*id).hasValue());
    QCOMPARE(p->dataSet(*id).error().code, ErrorCode::InvalidArgument);
    QCOMPARE(test::rawInt(p->handle(), "SELECT count(*) FROM dataset_columns"), std::int64_t(1));
    QCOMPARE(p->removeDataSet(*id).error().message, std::string("no data set with id 1"));

    GEMBA_TRY(back, p->restore(*snap));
    QCOMPARE(*back, *id);
    GEMBA_TRY(again, p->dataSet(*id));
    QCOMPARE(*again, *info);   // name, source, time, rows, columns
    QCOMPARE(test::rawText(p->handle(), dump.c_str()), before);
    GEMBA_TRY(v, p->dataSetColumn(*id, "v"));
    QCOMPARE(v->numbers[2], -3e-310);   // a subnormal, exactly
    QVERIFY(std::isnan(v->numbers[1]));
    QCOMPARE(p->dataSet(*other)->name, std::string("B"));
}

void TestDataSet::restoreUnderATakenName()
{
    // Removed, then another file imported under its name (and, as SQLite reuses the largest
    // rowid, under its id): undo brings the old one back beside it, under new ones.
    auto p = open();
    GEMBA_TRY(id, p->importDataSet(writeFile("a.csv", "v\n1\n"), "A"));
    GEMBA_TRY(snap, p->dataSetSnapshot(*id));
    QVERIFY(p->removeDataSet(*id).hasValue());
    GEMBA_TRY(newer, p->importDataSet(writeFile("b.csv", "w\n2\n"), "A"));
    QCOMPARE(*newer, *id);
    GEMBA_TRY(back, p->restore(*snap));
    QVERIFY(*back != *newer);
    QCOMPARE(p->dataSet(*back)->name, std::string("A (2)"));
    QCOMPARE(p->dataSetColumn(*back, "v")->numbers, std::vector<double>{1.0});
    QCOMPARE(p->dataSetColumn(*newer, "w")->numbers, std::vector<double>{2.0});
}

void TestDataSet::removalTakesItsChartsAndUndoBringsThem()
{
    auto p = open();
    GEMBA_TRY(id, p->importDataSet(writeFile("a.csv", "defects,n\n1,50\n3,50\n"), "A"));
    ChartSpec spec;
    spec.title = "Defects";
    spec.type = stats::ChartType::P;
    spec.source.kind = ChartSourceKind::DataSetColumn;
    spec.source.dataSetId = *id;
    spec.source.valueColumn = "defects";
    spec.source.sizeColumn = "n";
    spec.notes.push_back({1, "new supplier", "returned the lot", 1'700'000'000'000'000});
    // A data set belongs to no process, so neither does its chart.
    Process process{0, "Kitting", ""};
    QVERIFY(p->addProcess(process).hasValue());
    spec.processId = process.id;
    GEMBA_TRY(chartId, p->addChart(spec));
    spec.id = *chartId;
    spec.processId.reset();
    QVERIFY(p->charts(process.id)->empty());
    QVERIFY(p->removeProcess(process.id).hasValue());
    GEMBA_TRY(listed, p->dataSetCharts(*id));
    QCOMPARE(listed->size(), std::size_t(1));
    QCOMPARE(listed->front(), spec);

    GEMBA_TRY(snap, p->dataSetSnapshot(*id));
    QCOMPARE(snap->analyses.size(), std::size_t(1));
    QVERIFY(p->removeDataSet(*id).hasValue());
    QCOMPARE(p->chart(*chartId).error().code, ErrorCode::InvalidArgument);
    QVERIFY(p->restore(*snap).hasValue());
    GEMBA_TRY(back, p->chart(*chartId));
    QCOMPARE(*back, spec);
}

void TestDataSet::readOnlyProjectRefusesImport()
{
    const std::string csv = writeFile("a.csv", "v\n1\n");
    { auto p = open(); }
    auto ro = Project::open(file("p.gemba"), OpenMode::ReadOnly);
    QVERIFY(ro.hasValue());
    auto r = (*ro)->importDataSet(csv, "A");
    QVERIFY(!r);
    QVERIFY(test::contains(r.error().message, "is open read-only"));
    GEMBA_TRY(list, (*ro)->dataSets());
    QVERIFY(list->empty());
}

QTEST_GUILESS_MAIN(TestDataSet)
#include "tst_dataset.moc"
