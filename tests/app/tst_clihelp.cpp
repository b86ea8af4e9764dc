// Per-command help and the option parsing every command shares (CLI11 behind app/cli/args.*):
// `gemba CMD --help` shows that command's options only, and parse errors keep their wording.
#include "clirunner.h"

#include <QtTest>

namespace {

using Result = gemba::test::CliResult;

Result run(const QStringList& args) { return gemba::test::runCli(args); }

QString text(const QByteArray& bytes) { return QString::fromUtf8(bytes); }

} // namespace

class TestCliHelp : public QObject {
    Q_OBJECT
private slots:
    void chartHelpListsChartOptionsOnly()
    {
        const Result r = run({"chart", "--help"});
        QCOMPARE(r.status, 0);
        QVERIFY(r.err.isEmpty());
        const QString out = text(r.out);
        QVERIFY2(out.contains("Usage: gemba chart"), qPrintable(out));
        for (const char* option : {"--tests", "--mr-tests", "--decimal", "--nsigmas", "--sigma", "--value", "--subgroup", "--count", "--size",
                                   "--trial", "--exclude", "--center", "--sd", "--json"})
            QVERIFY2(out.contains(QLatin1String(option)), option);
        // Not the whole program's help.
        QVERIFY2(!out.contains("takt"), qPrintable(out));
        QVERIFY2(!out.contains("--demand"), qPrintable(out));
        QVERIFY2(!out.contains("capability"), qPrintable(out));
    }

    void everyCommandHasItsOwnHelp_data()
    {
        QTest::addColumn<QString>("command");
        QTest::addColumn<QStringList>("has");
        QTest::addColumn<QStringList>("hasNot");
        QTest::newRow("stats") << "stats"
                               << QStringList{"--value", "--confidence", "--quantiles", "FILE", "--decimal",
                                              "--delimiter"}
                               << QStringList{"--lsl", "--tests"};
        QTest::newRow("capability") << "capability"
                                    << QStringList{"--lsl", "--usl", "--target", "--sigma", "--subgroup"}
                                    << QStringList{"--tests", "--demand"};
        QTest::newRow("takt") << "takt" << QStringList{"--shift", "--breaks", "--shifts", "--demand", "8h, 30m"}
                              << QStringList{"--tests", "--value"};
        QTest::newRow("oee") << "oee" << QStringList{"--planned", "--downtime", "--ideal-cycle", "--total", "--good"}
                             << QStringList{"--shift"};
        QTest::newRow("standard-time") << "standard-time"
                                       << QStringList{"--observed", "--rating", "--allowance", "--allowance-of"}
                                       << QStringList{"--demand"};
        QTest::newRow("sample-size") << "sample-size" << QStringList{"--value", "--confidence", "--accuracy"}
                                     << QStringList{"--lsl"};
        QTest::newRow("import") << "import"
                                << QStringList{"PROJECT", "FILE", "--process", "--study", "--step-column",
                                               "--foreign-column", "--reason-column", "--no-new-steps"}
                                << QStringList{"--output", "--tests"};
        QTest::newRow("summary") << "summary" << QStringList{"PROJECT", "--process", "--study", "--json"}
                                 << QStringList{"--step-column", "--output"};
        QTest::newRow("export") << "export" << QStringList{"PROJECT", "-o,--output", "--study"}
                                << QStringList{"--step-column", "--json"};
    }
    void everyCommandHasItsOwnHelp()
    {
        QFETCH(QString, command);
        QFETCH(QStringList, has);
        QFETCH(QStringList, hasNot);
        for (const QString& flag : {QString("--help"), QString("-h")}) {
            const Result r = run({command, flag});
            QCOMPARE(r.status, 0);
            QVERIFY(r.err.isEmpty());
            const QString out = text(r.out);
            QVERIFY2(out.contains("Usage: gemba " + command), qPrintable(out));
            for (const QString& s : has)
                QVERIFY2(out.contains(s), qPrintable(command + ": " + s));
            for (const QString& s : hasNot)
                QVERIFY2(!out.contains(s), qPrintable(command + ": " + s));
        }
        // `gemba help CMD` says the same.
        QCOMPARE(run({"help", command}).out, run({command, "--help"}).out);
    }

    // --help wins over missing or bad arguments anywhere on the line.
    void helpWithOtherArguments()
    {
        const Result r = run({"chart", "imr", "--help"});
        QCOMPARE(r.status, 0);
        QVERIFY(r.out.contains("--tests"));
        const Result s = run({"stats", "nofile.csv", "--value", "x", "--help"});
        QCOMPARE(s.status, 0);
        QVERIFY(s.out.contains("--quantiles"));
    }

    void programHelpListsEveryCommand()
    {
        const Result r = run({"--help"});
        QCOMPARE(r.status, 0);
        for (const char* command : {"stats", "chart", "capability", "takt", "oee", "standard-time", "sample-size",
                                    "import PROJECT FILE", "summary PROJECT", "export PROJECT"})
            QVERIFY2(r.out.contains(command), command);
    }

    void parseErrors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::newRow("value missing at the end")
            << QStringList{"takt", "--shift", "8h", "--demand"} << "gemba takt: option --demand needs a value\n";
        QTest::newRow("unknown option with =")
            << QStringList{"takt", "--shift", "8h", "--demand", "450", "--speed=2"}
            << "gemba takt: unknown option --speed\n";
        QTest::newRow("stray argument") << QStringList{"takt", "--shift", "8h", "--demand", "450", "extra"}
                                        << "gemba takt: unexpected argument 'extra'\n";
        QTest::newRow("missing required option") << QStringList{"takt", "--demand", "450"}
                                                 << "gemba takt: missing option --shift\n";
        QTest::newRow("missing positional") << QStringList{"stats", "--value", "x"}
                                            << "gemba stats: missing input FILE\n";
        QTest::newRow("unknown before missing") << QStringList{"takt", "--speed", "2"}
                                                << "gemba takt: unknown option --speed\n";
        QTest::newRow("not a number") << QStringList{"takt", "--shift", "8h", "--demand", "lots"}
                                      << "gemba takt: option --demand: 'lots' is not a number\n";
        QTest::newRow("not whole") << QStringList{"takt", "--shift", "8h", "--demand", "4", "--shifts", "1.5"}
                                   << "gemba takt: option --shifts: '1.5' is not a whole number\n";
        QTest::newRow("not a duration")
            << QStringList{"takt", "--shift", "8x", "--demand", "4"}
            << "gemba takt: option --shift: '8x' is not a duration (write it like 8h, 30m, 45s, 1h30m, 2.5s or "
               "plain seconds)\n";
        QTest::newRow("chart number") << QStringList{"chart", "imr", "f.csv", "--value", "v", "--nsigmas", "two"}
                                      << "gemba chart: option --nsigmas: 'two' is not a number\n";
    }
    void parseErrors()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        const Result r = run(args);
        QCOMPARE(r.status, 2);
        QVERIFY(r.out.isEmpty());
        QCOMPARE(text(r.err), message);
    }

    // The last of a repeated option wins; --name=value and negative values after an option work.
    void repeatedAndNegativeValues()
    {
        const Result r = run({"takt", "--shift=8h", "--demand", "10", "--demand", "480", "--json"});
        QCOMPARE(r.status, 0);
        QVERIFY2(r.out.contains("\"demand\":480,") && r.out.contains("\"takt_seconds\":60}"), r.out.constData());
        const Result negative = run({"takt", "--shift", "8h", "--demand", "-5"});
        QCOMPARE(negative.status, 2);
        QVERIFY2(text(negative.err).contains("option --demand: '-5' must be a positive number"),
                 negative.err.constData());
    }
};

QTEST_GUILESS_MAIN(TestCliHelp)
#include "tst_clihelp.moc"
