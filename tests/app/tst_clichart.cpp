// `gemba chart` usage and data errors: exit status and a message that names file, line and
// column, as a user at the command line would need it.
#include "clirunner.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

#include <QTemporaryDir>
#include <QtTest>


namespace {

using Result = gemba::test::CliResult;

Result run(const QStringList& args) { return gemba::test::runCli(args); }

QString write(const QTemporaryDir& dir, const char* name, const char* text)
{
    const QString path = dir.filePath(QString::fromLatin1(name));
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        qFatal("cannot write %s", name);
    f.write(text);
    return path;
}

} // namespace

class TestCliChart : public QObject {
    Q_OBJECT
private slots:
    void errors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QByteArray>("csv");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("message");
        const QByteArray attr = "sample,d,n\n1,2,10\n2,12,10\n3,1,10\n";
        QTest::newRow("more defectives than inspected")
            << QStringList{"chart", "p", "@", "--count", "d", "--size", "n"} << attr << 1
            << "@:3: column 'd' (2): sample 2: there are more defectives than items inspected";
        QTest::newRow("negative size")
            << QStringList{"chart", "u", "@", "--count", "d", "--size", "n"} << QByteArray("d,n\n1,2\n2,-1\n") << 1
            << "@:3: column 'n' (2): sample 2: the sample size must be a positive number";
        QTest::newRow("not a number")
            << QStringList{"chart", "imr", "@", "--value", "v"} << QByteArray("v\n1\n2\nx3\n") << 1
            << "@:4: column 'v' (1): 'x3' is not a number";
        QTest::newRow("unknown column")
            << QStringList{"chart", "imr", "@", "--value", "w"} << QByteArray("v\n1\n2\n") << 2
            << "@: no column named 'w'; the columns are: v";
        QTest::newRow("subgroup of one")
            << QStringList{"chart", "xbar-r", "@", "--value", "v", "--subgroup", "g"}
            << QByteArray("g,v\na,1\na,2\nb,3\n") << 1 << "subgroup 'b' has only one value";
        QTest::newRow("sigma method for another chart")
            << QStringList{"chart", "imr", "@", "--value", "v", "--sigma", "rbar"} << QByteArray("v\n1\n2\n") << 2
            << "--sigma rbar does not apply to imr charts";
        QTest::newRow("no variation")
            << QStringList{"chart", "imr", "@", "--value", "v"} << QByteArray("v\n2\n2\n2\n") << 1
            << "sigma is 0";
        QTest::newRow("bad trial marker")
            << QStringList{"chart", "imr", "@", "--value", "v", "--trial", "t"} << QByteArray("v,t\n1,yes\n2,maybe\n")
            << 1 << "@:3: column 't': 'maybe' is not a phase I marker";
        QTest::newRow("unknown test") << QStringList{"chart", "imr", "@", "--value", "v", "--tests", "1,9"}
                                      << QByteArray("v\n1\n2\n") << 2 << "--tests: '9' is not a test";
        QTest::newRow("unknown chart") << QStringList{"chart", "ewma", "@"} << QByteArray("v\n1\n") << 2
                                       << "unknown chart type 'ewma'";
        // Finite values whose sum overflows: the words of `stats` and `capability`.
        QTest::newRow("i chart sum overflows")
            << QStringList{"chart", "imr", "@", "--value", "v"} << QByteArray("v\n1e308\n1.5e308\n1.2e308\n") << 1
            << "@: the values are too large to be summed in double precision";
        QTest::newRow("xbar chart sum overflows")
            << QStringList{"chart", "xbar-r", "@", "--value", "v", "--subgroup", "g"}
            << QByteArray("g,v\na,1e308\na,1.5e308\nb,1.2e308\nb,1.1e308\n") << 1
            << "@: subgroup 'a': the values are too large to be summed in double precision";
        QTest::newRow("xbar-s grand mean overflows")
            << QStringList{"chart", "xbar-s", "@", "--value", "v", "--subgroup", "g"}
            << QByteArray("g,v\na,6e307\na,6e307\nb,6e307\nb,6e307\n") << 1
            << "@: the values are too large to be summed in double precision";
        // Without --trial there is no phase I to speak of.
        QTest::newRow("every point excluded")
            << QStringList{"chart", "imr", "@", "--value", "v", "--exclude", "1,2,3"} << QByteArray("v\n1\n2\n4\n")
            << 1 << "@: every point is excluded from the estimates";
        QTest::newRow("all phase II, center only")
            << QStringList{"chart", "imr", "@", "--value", "v", "--trial", "t", "--center", "3"}
            << QByteArray("v,t\n1,no\n2,no\n4,no\n") << 1 << "no phase I values to estimate the limits from";
        // Subgroup c (101 values, too many for d2) is named as c after excluding a or b.
        QByteArray big = "g,v\n";
        for (const auto& [label, n] : {std::pair{"a", 3}, {"b", 3}, {"c", 101}, {"d", 3}})
            for (int i = 0; i < n; ++i)
                big += QByteArray(label) + "," + QByteArray::number(i % 7) + "\n";
        QTest::newRow("subgroup after exclude 1")
            << QStringList{"chart", "xbar-s", "@", "--value", "v", "--subgroup", "g", "--sigma", "rbar", "--exclude", "1"}
            << big << 1 << "@: subgroup 'c' has 101 values; range-based sigma needs 2 to 100";
        QTest::newRow("subgroup after exclude 2")
            << QStringList{"chart", "xbar-s", "@", "--value", "v", "--subgroup", "g", "--sigma", "mvlue-r", "--exclude",
                           "2"}
            << big << 1 << "@: subgroup 'c' has 101 values";
        QTest::newRow("mr tests on an xbar chart")
            << QStringList{"chart", "xbar-r", "@", "--value", "v", "--subgroup", "g", "--mr-tests", "1,2"}
            << QByteArray("g,v\na,1\na,2\n") << 2 << "--mr-tests applies to imr charts only";
        QTest::newRow("bad mr tests") << QStringList{"chart", "imr", "@", "--value", "v", "--mr-tests", "1,9"}
                                      << QByteArray("v\n1\n2\n") << 2 << "--mr-tests: '9' is not a test";
    }
    void errors()
    {
        QFETCH(QStringList, args);
        QFETCH(QByteArray, csv);
        QFETCH(int, status);
        QFETCH(QString, message);
        QTemporaryDir dir;
        const QString path = write(dir, "data.csv", csv.constData());
        for (auto& a : args)
            if (a == "@")
                a = path;
        const Result r = run(args);
        QCOMPARE(r.status, status);
        QVERIFY(r.out.isEmpty());
        const QString err = QString::fromUtf8(r.err);
        QVERIFY2(err.contains(QString(message).replace("@", path)), qPrintable(err));
    }
    void testsRunOnEachChart_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QByteArray>("csv");
        QTest::addColumn<QList<QList<int>>>("testsRun");   // per chart, in drawing order
        const QByteArray ind = "v\n1\n3\n2\n5\n4\n6\n2\n";
        const QByteArray sub = "g,v\na,1\na,2\nb,3\nb,5\nc,2\nc,2.5\n";
        const QByteArray attr = "d,n\n1,10\n3,10\n2,10\n";
        const QList<int> all{1, 2, 3, 4, 5, 6, 7, 8}, four{1, 2, 3, 4}, we{1, 2, 5, 6}, weSkewed{1, 2};
        QTest::newRow("imr default") << QStringList{"imr", "@", "--value", "v"} << ind
                                     << QList<QList<int>>{we, {1}};
        QTest::newRow("imr nelson") << QStringList{"imr", "@", "--value", "v", "--tests", "nelson"} << ind
                                    << QList<QList<int>>{all, {1}};
        QTest::newRow("imr mr-tests") << QStringList{"imr", "@", "--value", "v", "--mr-tests", "1,2:7"} << ind
                                      << QList<QList<int>>{we, {1, 2}};
        QTest::newRow("imr mr-tests capped")
            << QStringList{"imr", "@", "--value", "v", "--tests", "none", "--mr-tests", "nelson"} << ind
            << QList<QList<int>>{{}, four};
        QTest::newRow("imr tests without 1") << QStringList{"imr", "@", "--value", "v", "--tests", "2,5"} << ind
                                             << QList<QList<int>>{{2, 5}, {}};
        QTest::newRow("xbar-r nelson")
            << QStringList{"xbar-r", "@", "--value", "v", "--subgroup", "g", "--tests", "nelson"} << sub
            << QList<QList<int>>{all, four};
        QTest::newRow("xbar-s default") << QStringList{"xbar-s", "@", "--value", "v", "--subgroup", "g"} << sub
                                        << QList<QList<int>>{we, weSkewed};
        for (const char* type : {"p", "np", "c", "u"})
            QTest::newRow(type) << QStringList{type, "@", "--count", "d", "--size", "n", "--tests", "nelson"} << attr
                                << QList<QList<int>>{four};
    }
    void testsRunOnEachChart()
    {
        QFETCH(QStringList, args);
        QFETCH(QByteArray, csv);
        QFETCH(QList<QList<int>>, testsRun);
        QTemporaryDir dir;
        const QString path = write(dir, "data.csv", csv.constData());
        args.replace(1, path);
        const Result json = run(QStringList{"chart"} + args + QStringList{"--json"});
        QCOMPARE(json.status, 0);
        const QJsonArray charts = QJsonDocument::fromJson(json.out).object()["charts"].toArray();
        QCOMPARE(charts.size(), testsRun.size());
        for (int c = 0; c < charts.size(); ++c) {
            QList<int> got;
            for (const auto& t : charts[c].toObject()["tests_run"].toArray())
                got << t.toInt();
            QCOMPARE(got, testsRun[c]);
        }
        // The table says the same under each chart, with K as in the header line.
        const Result table = run(QStringList{"chart"} + args);
        QCOMPARE(table.status, 0);
        const QString text = QString::fromUtf8(table.out);
        QStringList lines;
        for (const QString& line : text.split('\n'))
            if (line.startsWith("  tests run"))
                lines << line;
        QCOMPARE(lines.size(), testsRun.size());
        for (int c = 0; c < lines.size(); ++c) {
            QStringList expected;
            for (int t : testsRun[c])
                expected << QString::number(t);
            const QString numbers = lines[c].section(' ', 4).remove(QRegularExpression("=\\d+"));
            QCOMPARE(numbers, expected.isEmpty() ? QStringLiteral("none") : expected.join(", "));
        }
    }
    void mrTestsKeepTheirK()
    {
        // Moving ranges 2 1 3 1 2 4: --mr-tests 1,2:7 shows K = 7 in the table and the JSON.
        QTemporaryDir dir;
        const QString path = write(dir, "data.csv", "v\n1\n3\n2\n5\n4\n6\n2\n");
        const Result table = run({"chart", "imr", path, "--value", "v", "--mr-tests", "1,2:7"});
        QCOMPARE(table.status, 0);
        QVERIFY2(table.out.contains("  tests run 1, 2=7\n"), table.out.constData());
        const Result json = run({"chart", "imr", path, "--value", "v", "--mr-tests", "1,2:7", "--json"});
        const QJsonObject mrRules = QJsonDocument::fromJson(json.out).object()["mr_rules"].toObject();
        QCOMPARE(mrRules["name"].toString(), QStringLiteral("custom"));
        QCOMPARE(mrRules["tests"].toArray()[1].toObject()["k"].toInt(), 7);
    }
    void phaseTwoAgainstKnownLimits()
    {
        // Every row phase II with the center and sigma given: nothing to estimate, so chart.
        // μ = 10, σ = 2: limits 4 and 16; 17 is beyond the UCL.
        QTemporaryDir dir;
        const QString path = write(dir, "data.csv", "v,t\n9,no\n11,no\n17,no\n");
        const Result r = run({"chart", "imr", path, "--value", "v", "--trial", "t", "--center", "10", "--sd", "2",
                              "--json"});
        QCOMPARE(r.status, 0);
        const QJsonObject i = QJsonDocument::fromJson(r.out).object()["charts"].toArray()[0].toObject();
        QCOMPARE(i["center"].toDouble(), 10.0);
        const QJsonArray points = i["points"].toArray();
        QCOMPARE(points.size(), 3);
        QCOMPARE(points[2].toObject()["phase"].toInt(), 2);
        QCOMPARE(points[2].toObject()["ucl"].toDouble(), 16.0);
        QCOMPARE(points[2].toObject()["tests"].toArray(), QJsonArray{1});
        const Result table = run({"chart", "imr", path, "--value", "v", "--trial", "t", "--center", "10", "--sd", "2"});
        QCOMPARE(table.status, 0);
        QVERIFY2(table.out.contains("\nPhase II: all 3 points, judged against the known values\n"),
                 table.out.constData());
        QVERIFY2(table.out.contains("Test 1 failed (1 point beyond the control limits) at points: 3\n"),
                 table.out.constData());
        // An attribute chart needs only the center: p = 0.2, n = 10.
        const QString attr = write(dir, "attr.csv", "d,n,t\n1,10,no\n3,10,no\n");
        const Result p = run({"chart", "p", attr, "--count", "d", "--size", "n", "--trial", "t", "--center", "0.2",
                              "--json"});
        QCOMPARE(p.status, 0);
        const QJsonObject pc = QJsonDocument::fromJson(p.out).object()["charts"].toArray()[0].toObject();
        QCOMPARE(pc["center"].toDouble(), 0.2);
        QCOMPARE(pc["points"].toArray()[1].toObject()["value"].toDouble(), 0.3);
    }
    void helpAndVersion()
    {
        const Result help = run({"--help"});
        QCOMPARE(help.status, 0);
        QVERIFY(help.out.contains("chart TYPE FILE"));
        const Result version = run({"--version"});
        QCOMPARE(version.status, 0);
        QVERIFY(version.out.startsWith("gemba " GEMBA_VERSION));
    }
};

QTEST_GUILESS_MAIN(TestCliChart)
#include "tst_clichart.moc"
