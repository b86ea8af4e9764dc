// CSV dialects, quoting, decimal commas and error messages that name file, line and column.
#include "io/csvreader.h"

#include <QtTest>

#include <cmath>

using namespace gemba;
using namespace gemba::io;

class TestCsvReader : public QObject {
    Q_OBJECT
private slots:
    void commaFile()
    {
        auto d = parseCsv("sample,value\n1,74.03\n2,73.995\n", "a.csv",
                          {{"value", ColumnKind::Number}, {"sample", ColumnKind::Text}});
        QVERIFY(d.hasValue());
        QCOMPARE(d->delimiter, ',');
        QCOMPARE(d->rows, std::size_t(2));
        QCOMPARE(d->columns[0].numbers, (std::vector<double>{74.03, 73.995}));
        QCOMPARE(d->columns[1].texts, (std::vector<std::string>{"1", "2"}));
    }
    void semicolonWithDecimalComma()
    {
        auto d = parseCsv("Schritt;Zeit\r\nA;12,5\r\nB;\"1,25e1\"\r\n", "de.csv", {{"Zeit", ColumnKind::Number}});
        QVERIFY(d.hasValue());
        QCOMPARE(d->delimiter, ';');
        QCOMPARE(d->columns[0].numbers, (std::vector<double>{12.5, 12.5}));
    }
    void tabsQuotesAndBom()
    {
        // A quoted label with a tab, an escaped quote and a line break inside it.
        const std::string text = "\xEF\xBB\xBFlabel\tvalue\n\"a\"\"b\tc\nd\"\t 3 \n\nplain\t+4\n";
        auto d = parseCsv(text, "t.tsv", {{"label", ColumnKind::Text}, {"value", ColumnKind::Number}});
        QVERIFY2(d.hasValue(), d.hasValue() ? "" : d.error().message.c_str());
        QCOMPARE(d->delimiter, '\t');
        QCOMPARE(d->columns[0].texts[0], std::string("a\"b\tc\nd"));
        QCOMPARE(d->columns[1].numbers, (std::vector<double>{3, 4}));
        // Row 2 starts on line 5 (the quoted field spans lines 2-3, line 4 is blank).
        QCOMPARE(d->lineOfRow(0), std::uint64_t(2));
        QCOMPARE(d->lineOfRow(1), std::uint64_t(5));
    }
    void quotedTextKeepsItsBlanks()
    {
        // Unquoted text is trimmed; quoted text is kept exactly, blanks and all (RFC 4180).
        auto d = parseCsv("a,b\n  x  ,\"  y  \"\n", "q.csv", {{"a", ColumnKind::Text}, {"b", ColumnKind::Text}});
        QVERIFY(d.hasValue());
        QCOMPARE(d->columns[0].texts[0], std::string("x"));
        QCOMPARE(d->columns[1].texts[0], std::string("  y  "));
    }
    void emptyCellIsMissing()
    {
        auto d = parseCsv("v\n1\n\"\"\n3\n", "m.csv", {{"v", ColumnKind::Number}});
        QVERIFY(d.hasValue());
        QCOMPARE(d->rows, std::size_t(3));
        QVERIFY(std::isnan(d->columns[0].numbers[1]));
    }
    void errorsNameFileLineAndColumn()
    {
        auto d = parseCsv("a,b\n1,2\n3,abc\n", "data.csv", {{"b", ColumnKind::Number}});
        QVERIFY(!d.hasValue());
        QCOMPARE(d.error().message, std::string("data.csv:3: column 'b' (2): 'abc' is not a number"));

        d = parseCsv("a,b\n1,2\n3\n", "short.csv", {{"b", ColumnKind::Number}});
        QVERIFY(!d.hasValue());
        QCOMPARE(d.error().message, std::string("short.csv:3: the row has 1 fields but the header has 2"));

        d = parseCsv("a,b\n1,\"2\n", "q.csv", {{"b", ColumnKind::Number}});
        QVERIFY(!d.hasValue());
        QVERIFY(d.error().message.find("q.csv:2:") == 0);

        d = parseCsv("a,b\n1,2\n", "c.csv", {{"x", ColumnKind::Number}});
        QCOMPARE(d.error().code, ErrorCode::InvalidArgument);
        QCOMPARE(d.error().message, std::string("c.csv: no column named 'x'; the columns are: a, b"));

        QCOMPARE(parseCsv("", "e.csv", {}).error().code, ErrorCode::EmptyData);
        QCOMPARE(readCsv("/nonexistent/file.csv", {}).error().code, ErrorCode::IoError);
    }
    void numbers()
    {
        double v = 0;
        QVERIFY(parseNumber(" 1e3 ", v) && v == 1000);
        QVERIFY(parseNumber("-0,5", v) && v == -0.5);
        QVERIFY(!parseNumber("1,234.5", v));   // thousands separators are ambiguous
        QVERIFY(!parseNumber("1,2,3", v));
        QVERIFY(!parseNumber("nan", v));
        QVERIFY(!parseNumber("inf", v));
        QVERIFY(!parseNumber("1e400", v));
        QVERIFY(!parseNumber("12abc", v));
        QVERIFY(!parseNumber("", v));
        QVERIFY(!parseNumber("++1", v));
        // Shortest round-trip text reads back to the same double.
        QVERIFY(parseNumber("0.1", v) && v == 0.1);
        QVERIFY(parseNumber("74.00117599999999", v) && v == 74.00117599999999);
    }
};

QTEST_GUILESS_MAIN(TestCsvReader)
#include "tst_csvreader.moc"
