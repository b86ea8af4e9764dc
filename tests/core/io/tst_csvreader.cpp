// CSV dialects, quoting, decimal commas and error messages that name file, line and column.
#include "io/csvreader.h"

#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <fstream>

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
    // Excel writes 1234 formatted with a thousands separator as "1,234": unless the rest of the
    // file settles the decimal mark, that reads two ways and is an error, not 1.234.
    void thousandsSeparatorNeedsASettledMark()
    {
        auto d = parseCsv("id,v\n1,\"1,234\"\n2,7\n", "x.csv", {{"v", ColumnKind::Number}});
        QVERIFY(!d.hasValue());
        QCOMPARE(d.error().message, std::string("x.csv:2: column 'v' (2): '1,234' can be read as 1.234 or as 1234 "
                                                "(a thousands separator), and no other number in the file settles "
                                                "which; set the decimal mark"));
        QCOMPARE(d.error().field, std::string("decimal"));

        // "1.5" has a decimal point, so ',' groups thousands, in cells before it too.
        d = parseCsv("id,v\n1,\"1,234\"\n2,1.5\n3,\"-2,000\"\n", "x.csv", {{"v", ColumnKind::Number}});
        QVERIFY2(d.hasValue(), d.hasValue() ? "" : d.error().message.c_str());
        QCOMPARE(d->decimal, DecimalMark::Point);
        QCOMPARE(d->columns[0].numbers, (std::vector<double>{1234, 1.5, -2000}));

        // The example of the issue: in a comma-separated file "2,5" has a decimal comma, yet the
        // quoted "1,234" may be Excel's thousands: an error naming line 3, never 1.234.
        d = parseCsv("id,v\n1,\"2,5\"\n2,\"1,234\"\n", "x.csv", {{"v", ColumnKind::Number}});
        QVERIFY(!d.hasValue());
        QCOMPARE(d.error().message, std::string("x.csv:3: column 'v' (2): a number with a decimal comma in a "
                                                "comma-separated file can be a spreadsheet's thousands ('1,234' = "
                                                "1234); set the decimal mark"));
        QCOMPARE(d.error().field, std::string("decimal"));
        // The same when the decimal comma comes later in the file: the error names line 2.
        d = parseCsv("id,v\n1,\"1,234\"\n2,\"2,5\"\n", "x.csv", {{"v", ColumnKind::Number}});
        QVERIFY(!d.hasValue());
        QVERIFY2(d.error().message.find("x.csv:2: column 'v' (2): a number with a decimal comma") == 0,
                 d.error().message.c_str());
        // Given the mark, it reads one way.
        d = parseCsv("id,v\n1,\"2,5\"\n2,\"1,234\"\n", "x.csv", {{"v", ColumnKind::Number}},
                     CsvOptions{0, DecimalMark::Comma});
        QVERIFY2(d.hasValue(), d.hasValue() ? "" : d.error().message.c_str());
        QCOMPARE(d->columns[0].numbers, (std::vector<double>{2.5, 1.234}));

        // In a semicolon-separated file "2,5" settles it: "1,234" is 1.234 and "1.234" is 1234.
        d = parseCsv("id;v\n1;2,5\n2;1,234\n3;1.234\n", "x.csv", {{"v", ColumnKind::Number}});
        QVERIFY2(d.hasValue(), d.hasValue() ? "" : d.error().message.c_str());
        QCOMPARE(d->decimal, DecimalMark::Comma);
        QCOMPARE(d->columns[0].numbers, (std::vector<double>{2.5, 1.234, 1234}));

        // Another requested column settles it for the file.
        d = parseCsv("a,b\n\"1,234\",0.5\n", "x.csv", {{"a", ColumnKind::Number}, {"b", ColumnKind::Number}});
        QVERIFY(d.hasValue());
        QCOMPARE(d->columns[0].numbers, (std::vector<double>{1234}));

        // Integers settle nothing.
        d = parseCsv("v\n12\n1.234\n", "x.csv", {{"v", ColumnKind::Number}});
        QVERIFY(!d.hasValue());
        QVERIFY2(d.error().message.find("x.csv:3: column 'v' (1): '1.234' can be read as 1.234 or as 1234") == 0,
                 d.error().message.c_str());
    }

    void decimalMarkGiven()
    {
        const CsvOptions point{0, DecimalMark::Point};
        auto d = parseCsv("v\n\"1,234\"\n1.234\n\"12,345,678.25\"\n-1e3\n", "p.csv", {{"v", ColumnKind::Number}},
                          point);
        QVERIFY2(d.hasValue(), d.hasValue() ? "" : d.error().message.c_str());
        QCOMPARE(d->decimal, DecimalMark::Point);
        QCOMPARE(d->columns[0].numbers, (std::vector<double>{1234, 1.234, 12345678.25, -1000}));

        const CsvOptions comma{0, DecimalMark::Comma};
        d = parseCsv("v;w\n1,234;1.234,5\n1.234;1.234.567\n", "c.csv",
                     {{"v", ColumnKind::Number}, {"w", ColumnKind::Number}}, comma);
        QVERIFY2(d.hasValue(), d.hasValue() ? "" : d.error().message.c_str());
        QCOMPARE(d->columns[0].numbers, (std::vector<double>{1.234, 1234}));
        QCOMPARE(d->columns[1].numbers, (std::vector<double>{1234.5, 1234567}));

        // A cell with the other mark.
        d = parseCsv("v\n1.5\n\"2,5\"\n", "p.csv", {{"v", ColumnKind::Number}}, point);
        QVERIFY(!d.hasValue());
        QCOMPARE(d.error().message, std::string("p.csv:3: column 'v' (1): '2,5' has a decimal comma, but the decimal "
                                                "mark is set to point"));

        // With the mark settled, the other character only groups thousands, in groups of three.
        double v = 0;
        for (const char* bad : {"1,23", "1,2345", "0,123", "1234,567", "1,234e3", "1,,234", ",123", "1,234.", "2,5"})
            QVERIFY2(readNumber(bad, v, DecimalMark::Point) == NumberResult::NotANumber, bad);
        QVERIFY(readNumber("1.234,5", v, DecimalMark::Point) == NumberResult::NotANumber);
        QVERIFY(readNumber("-1.234,5", v, DecimalMark::Comma) == NumberResult::Ok && v == -1234.5);
    }

    void decimalMarkSettledBothWaysIsAnError()
    {
        auto d = parseCsv("v,w\n1.5,1\n7,\"2,5\"\n", "m.csv", {{"v", ColumnKind::Number}, {"w", ColumnKind::Number}});
        QVERIFY(!d.hasValue());
        QCOMPARE(d.error().message, std::string("m.csv:3: column 'w' (2): '2,5' has a decimal comma, but '1.5' on "
                                                "line 2 in column 'v' has a decimal point; set the decimal mark"));
        QCOMPARE(d.error().field, std::string("decimal"));
    }

    void numbersReadOneWayOnly()
    {
        double v = 0;
        QCOMPARE(readNumber("1,234", v), NumberResult::Ambiguous);
        QCOMPARE(readNumber(" -1.234 ", v), NumberResult::Ambiguous);
        QCOMPARE(readNumber("+999,000", v), NumberResult::Ambiguous);
        QVERIFY(readNumber("0,125", v) == NumberResult::Ok && v == 0.125);   // no group starts with 0
        QVERIFY(readNumber("1234,5", v) == NumberResult::Ok && v == 1234.5);
        QVERIFY(readNumber("1,2345", v) == NumberResult::Ok && v == 1.2345);
        QVERIFY(readNumber("1.234e3", v) == NumberResult::Ok && v == 1234);   // no grouping with an exponent
        QVERIFY(readNumber("1,234,567", v) == NumberResult::Ok && v == 1234567);
        QVERIFY(readNumber("1.234.567", v) == NumberResult::Ok && v == 1234567);
        QVERIFY(readNumber("1.234,5", v) == NumberResult::Ok && v == 1234.5);
        QCOMPARE(readNumber("1,234.567.8", v), NumberResult::NotANumber);
        QCOMPARE(readNumber("1.2.3", v), NumberResult::NotANumber);
    }

    void signsAndRange()
    {
        double v = 0;
        QVERIFY(!parseNumber("+-5", v));
        QCOMPARE(readNumber("+-5", v), NumberResult::NotANumber);
        QCOMPARE(readNumber("-+5", v), NumberResult::NotANumber);
        QVERIFY(parseNumber("+5", v) && v == 5);
        QCOMPARE(readNumber("1e400", v), NumberResult::OutOfRange);
        QCOMPARE(readNumber("-1e400", v), NumberResult::OutOfRange);
        QCOMPARE(readNumber("1e-400", v), NumberResult::OutOfRange);   // would underflow to 0
        QCOMPARE(readNumber("1,5e-400", v), NumberResult::OutOfRange);
        QVERIFY(readNumber("1e-310", v) == NumberResult::Ok && v > 0);   // subnormal, but not 0
        QVERIFY(readNumber("0e-400", v) == NumberResult::Ok && v == 0);

        auto d = parseCsv("v\n1\n+-5\n", "s.csv", {{"v", ColumnKind::Number}});
        QVERIFY(!d.hasValue());
        QCOMPARE(d.error().message, std::string("s.csv:3: column 'v' (1): '+-5' is not a number"));
        d = parseCsv("v\n1\n1e-400\n", "r.csv", {{"v", ColumnKind::Number}});
        QVERIFY(!d.hasValue());
        QCOMPARE(d.error().message, std::string("r.csv:3: column 'v' (1): '1e-400' is out of range"));
        d = parseCsv("v\n1e400\n", "r.csv", {{"v", ColumnKind::Number}});
        QCOMPARE(d.error().message, std::string("r.csv:2: column 'v' (1): '1e400' is out of range"));
    }

    // The delimiter guess looks at the data lines too, not only the header.
    void oneColumnWithDecimalCommas()
    {
        auto d = parseCsv("Wert\n1,5\n2\n\"3,25\"\n", "w.csv", {{"Wert", ColumnKind::Number}});
        QVERIFY2(d.hasValue(), d.hasValue() ? "" : d.error().message.c_str());
        QCOMPARE(d->rows, std::size_t(3));
        QCOMPARE(d->columns[0].numbers, (std::vector<double>{1.5, 2, 3.25}));

        // Given the comma as delimiter, it splits.
        d = parseCsv("Wert\n1,5\n", "w.csv", {{"Wert", ColumnKind::Number}}, CsvOptions{',', DecimalMark::Auto});
        QVERIFY(!d.hasValue());
        QCOMPARE(d.error().message, std::string("w.csv:2: the row has 2 fields but the header has 1"));
    }

    void delimiterFromTheFirstLines()
    {
        // The header has more commas, but only the semicolon splits every line into the same fields.
        auto d = parseCsv("Zeit (s, netto, brutto);Schritt\n12,5;A\n13;B\n", "s.csv",
                          {{"Zeit (s, netto, brutto)", ColumnKind::Number}, {"Schritt", ColumnKind::Text}});
        QVERIFY2(d.hasValue(), d.hasValue() ? "" : d.error().message.c_str());
        QCOMPARE(d->delimiter, ';');
        QCOMPARE(d->columns[0].numbers, (std::vector<double>{12.5, 13}));

        // Both split every line evenly: an error, and the option settles it.
        const std::string both = "a,b;c\n1,2;3\n";
        d = parseCsv(both, "t.csv", {{"c", ColumnKind::Number}});
        QVERIFY(!d.hasValue());
        QCOMPARE(d.error().message, std::string("t.csv: the first lines split evenly both at the comma (2 fields) and "
                                                "at the semicolon (2 fields); set the delimiter"));
        QCOMPARE(d.error().field, std::string("delimiter"));
        d = parseCsv(both, "t.csv", {{"c", ColumnKind::Number}}, CsvOptions{';', DecimalMark::Auto});
        QVERIFY(d.hasValue());
        QCOMPARE(d->header, (std::vector<std::string>{"a,b", "c"}));
        QCOMPARE(d->columns[0].numbers, (std::vector<double>{3}));

        // Delimiters inside quotes do not count; a short row is still reported as such.
        d = parseCsv("a,b\n\"x;y;z\",1\n3\n", "q.csv", {{"b", ColumnKind::Number}});
        QVERIFY(!d.hasValue());
        QCOMPARE(d.error().message, std::string("q.csv:3: the row has 1 fields but the header has 2"));
        // Any character may be given.
        d = parseCsv("a|b\n1|2,5\n", "p.csv", {{"b", ColumnKind::Number}}, CsvOptions{'|', DecimalMark::Auto});
        QVERIFY(d.hasValue());
        QCOMPARE(d->columns[0].numbers, (std::vector<double>{2.5}));
    }

    void repeatedColumnNameIsAnError()
    {
        auto d = parseCsv("x,v,v\n1,2,3\n", "dup.csv", {{"v", ColumnKind::Number}});
        QVERIFY(!d.hasValue());
        QCOMPARE(d.error().message, std::string("dup.csv:1: column 'v' (2): column 3 has the same name, so it is not "
                                                "clear which to read; rename one of them"));
        // A repeated name that is not read is no problem.
        d = parseCsv("x,v,v\n1,2,3\n", "dup.csv", {{"x", ColumnKind::Number}});
        QVERIFY(d.hasValue());
    }

    void textMustBeUtf8()
    {
        // Latin-1 "Größe" in a column that is not even read, on line 3.
        auto d = parseCsv("a,note\n1,ok\n2,Gr\xF6\xDF" "e\n", "l1.csv", {{"a", ColumnKind::Number}});
        QVERIFY(!d.hasValue());
        QCOMPARE(d.error().code, ErrorCode::ParseError);
        QCOMPARE(d.error().message,
                 std::string("l1.csv:3: the text is not valid UTF-8 (byte 0xF6); save the file as UTF-8"));

        // Well-formed UTF-8 of every length is kept.
        d = parseCsv("a,note\n1,Größe € \xF0\x9F\x98\x80\n", "u.csv", {{"note", ColumnKind::Text}});
        QVERIFY(d.hasValue());
        QCOMPARE(d->columns[0].texts[0], std::string("Größe € \xF0\x9F\x98\x80"));

        // Overlong, surrogate, beyond U+10FFFF, cut short; after a long ASCII run and a quoted line break.
        const std::string head = "a,note\n1,\"" + std::string(100, 'x') + "\n" + std::string(37, 'y');
        for (const char* bad : {"\xC0\xAF", "\xE0\x80\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80", "\xE2\x82", "\x80"}) {
            d = parseCsv(head + bad + "\"\n", "b.csv", {{"a", ColumnKind::Number}});
            QVERIFY2(!d.hasValue(), bad);
            QVERIFY2(d.error().message.find("b.csv:3: the text is not valid UTF-8") == 0, d.error().message.c_str());
        }
    }

    void numbers()
    {
        double v = 0;
        QVERIFY(parseNumber(" 1e3 ", v) && v == 1000);
        QVERIFY(parseNumber("-0,5", v) && v == -0.5);
        QVERIFY(parseNumber("1,234.5", v) && v == 1234.5);   // reads one way only
        QVERIFY(!parseNumber("1,234", v));                     // 1.234 or 1234
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

    // readAllColumns: every column, numbers unless a cell is not one, read as readCsv reads.
    void allColumnsTakeTheirKindFromTheirCells()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath("all.csv").toStdString();
        // A byte-order mark, semicolons, decimal commas, an empty cell, a quoted number, and a
        // column that is numbers until its last row.
        std::ofstream(path, std::ios::binary) << "\xEF\xBB\xBFLos;Breite;Fehler;Code\r\n"
                                                 "A1;25,5;;7\r\n"
                                                 "A2;\"1.025,25\";3;8\r\n"
                                                 "A3;24,75;1;n/a\r\n";
        auto d = readAllColumns(path);
        QVERIFY2(d.hasValue(), d.hasValue() ? "" : d.error().message.c_str());
        QCOMPARE(d->delimiter, ';');
        QCOMPARE(d->decimal, DecimalMark::Comma);
        QCOMPARE(d->rows, std::size_t(3));
        QCOMPARE(d->columns.size(), std::size_t(4));
        QCOMPARE(d->columns[0].name, std::string("Los"));
        QCOMPARE(d->columns[0].texts, (std::vector<std::string>{"A1", "A2", "A3"}));
        QCOMPARE(d->columns[1].numbers, (std::vector<double>{25.5, 1025.25, 24.75}));
        QCOMPARE(d->columns[2].numbers.size(), std::size_t(3));
        QVERIFY(std::isnan(d->columns[2].numbers[0]));
        QVERIFY(d->columns[3].numbers.empty());
        QCOMPARE(d->columns[3].texts, (std::vector<std::string>{"7", "8", "n/a"}));

        // With the decimal mark given, a cell that is a number only with the other mark is text.
        CsvOptions point;
        point.decimal = DecimalMark::Point;
        std::ofstream(path, std::ios::binary) << "a,b\n1.5,\"2,5\"\n";
        d = readAllColumns(path, point);
        QVERIFY(d.hasValue());
        QCOMPARE(d->columns[0].numbers, std::vector<double>{1.5});
        QCOMPARE(d->columns[1].texts, std::vector<std::string>{"2,5"});

        // Errors as readCsv's: a short row, a name used twice, an empty file, no file.
        std::ofstream(path, std::ios::binary) << "a,b\n1,2\n3\n";
        QVERIFY(test(readAllColumns(path), "all.csv:3: the row has 1 fields but the header has 2"));
        std::ofstream(path, std::ios::binary) << "a,a\n1,2\n";
        QVERIFY(test(readAllColumns(path), "column 2 has the same name"));
        std::ofstream(path, std::ios::binary) << "";
        QCOMPARE(readAllColumns(path).error().code, ErrorCode::EmptyData);
        QCOMPARE(readAllColumns(dir.filePath("none.csv").toStdString()).error().code, ErrorCode::IoError);
    }

private:
    static bool test(const Expected<CsvData>& d, const std::string& message)
    {
        if (d.hasValue() || d.error().message.find(message) == std::string::npos) {
            qWarning("%s", d.hasValue() ? "no error" : d.error().message.c_str());
            return false;
        }
        return true;
    }
};

QTEST_GUILESS_MAIN(TestCsvReader)
#include "tst_csvreader.moc"
