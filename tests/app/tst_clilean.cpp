// Runs the real `gemba` binary for takt, oee, standard-time and sample-size: values (--json),
// readable output, and the exit status for good input (0), bad data (1) and bad usage (2).
#include "referencedata.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

namespace {

struct Run {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
    QJsonObject json;   // stdout parsed as a JSON object when it is one
};

Run runGemba(const QStringList& args)
{
    QProcess p;
    p.start(QStringLiteral(GEMBA_CLI_PATH), args);
    Run r;
    if (!p.waitForStarted(10000) || !p.waitForFinished(60000)) {
        p.kill();
        p.waitForFinished();
        r.err = "gemba did not start or finish";
        return r;
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    const auto doc = QJsonDocument::fromJson(r.out);
    if (doc.isObject())
        r.json = doc.object();
    return r;
}

QByteArray describe(const QStringList& args, const Run& r)
{
    return ("gemba " + args.join(' ') + " → exit " + QString::number(r.exitCode) + "\nstdout: " +
            QString::fromUtf8(r.out) + "\nstderr: " + QString::fromUtf8(r.err))
        .toUtf8();
}

} // namespace

class TestCliLean : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();

    void taktJson();
    void taktTwoShifts();
    void taktReadable();
    void oeeJson();
    void oeePerformanceWarning();
    void standardTimeJson_data();
    void standardTimeJson();
    void sampleSizeJson();
    void sampleSizeAccuracyAndPercent();
    void sampleSizeReadable();

    void exitCodes_data();
    void exitCodes();
    void invalidDurationSaysHowToWriteOne();

private:
    QTemporaryDir m_dir;
    QString m_pilot;     // 8 7 8 9 7
    QString m_single;    // one value
    QString m_zeros;     // all zero
};

void TestCliLean::initTestCase()
{
    QVERIFY(m_dir.isValid());
    const auto write = [this](const char* name, const QByteArray& text) {
        const QString path = m_dir.filePath(QString::fromLatin1(name));
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly))
            return QString();
        f.write(text);
        return path;
    };
    // A blank cell is a missing value and is dropped.
    m_pilot = write("pilot.csv", "cycle,time\n1,8\n2,7\n3,\n4,8\n5,9\n6,7\n");
    m_single = write("single.csv", "cycle,time\n1,8\n");
    m_zeros = write("zeros.csv", "cycle,time\n1,0\n2,0\n3,0\n");
    QVERIFY(!m_pilot.isEmpty() && !m_single.isEmpty() && !m_zeros.isEmpty());
}

void TestCliLean::taktJson()
{
    // DOMAIN.md: 8 h − 30 min = 27 000 s; 27 000 / 450 = 60 s.
    const QStringList args = {"takt", "--shift", "8h", "--breaks", "30m", "--demand", "450", "--json"};
    const auto r = runGemba(args);
    QVERIFY2(r.exitCode == 0, describe(args, r));
    GEMBA_COMPARE_REL(r.json["available_seconds"].toDouble(), 27000.0, 0);
    GEMBA_COMPARE_REL(r.json["takt_seconds"].toDouble(), 60.0, 0);
    GEMBA_COMPARE_REL(r.json["shift_seconds"].toDouble(), 28800.0, 0);
    GEMBA_COMPARE_REL(r.json["breaks_seconds"].toDouble(), 1800.0, 0);
    QCOMPARE(r.json["shifts"].toInt(), 1);
    GEMBA_COMPARE_REL(r.json["demand"].toDouble(), 450.0, 0);
}

void TestCliLean::taktTwoShifts()
{
    // (7h30m − 45 min) × 2 = (27 000 − 2 700) × 2 = 48 600 s; / 810 = 60 s. --name=value works too.
    const QStringList args = {"takt", "--shift=7h30m", "--breaks", "45m", "--shifts", "2", "--demand", "810",
                              "--json"};
    const auto r = runGemba(args);
    QVERIFY2(r.exitCode == 0, describe(args, r));
    GEMBA_COMPARE_REL(r.json["available_seconds"].toDouble(), 48600.0, 0);
    GEMBA_COMPARE_REL(r.json["takt_seconds"].toDouble(), 60.0, 0);
    QCOMPARE(r.json["shifts"].toInt(), 2);
}

void TestCliLean::taktReadable()
{
    const QStringList args = {"takt", "--shift", "8h", "--breaks", "30m", "--demand", "450"};
    const auto r = runGemba(args);
    QVERIFY2(r.exitCode == 0, describe(args, r));
    const QString text = QString::fromUtf8(r.out);
    QVERIFY2(text.contains(QRegularExpression("available time \\(s\\)\\s+27000\\n")), describe(args, r));
    QVERIFY2(text.contains(QRegularExpression("takt time \\(s\\)\\s+60\\n")), describe(args, r));
}

void TestCliLean::oeeJson()
{
    // Textbook example (see tst_oee): planned 420 min, downtime 47 min, ideal cycle 1 s,
    // 19 271 made, 18 848 good: availability 373/420, performance 19 271/22 380,
    // quality 18 848/19 271, OEE 18 848/25 200.
    const QStringList args = {"oee", "--planned", "7h", "--downtime", "47m", "--ideal-cycle", "1s",
                              "--total", "19271", "--good", "18848", "--json"};
    const auto r = runGemba(args);
    QVERIFY2(r.exitCode == 0, describe(args, r));
    GEMBA_COMPARE_REL(r.json["run_seconds"].toDouble(), 22380.0, 0);
    GEMBA_COMPARE_REL(r.json["availability"].toDouble(), 0.888095238095238095, 1e-14);
    GEMBA_COMPARE_REL(r.json["performance"].toDouble(), 0.861081322609472744, 1e-14);
    GEMBA_COMPARE_REL(r.json["quality"].toDouble(), 0.978049919568263193, 1e-14);
    GEMBA_COMPARE_REL(r.json["oee"].toDouble(), 0.747936507936507937, 1e-14);
    QVERIFY(r.json["warnings"].isArray());
    QCOMPARE(r.json["warnings"].toArray().size(), 0);
}

void TestCliLean::oeePerformanceWarning()
{
    // 1 h, ideal cycle 2 s, 2 000 made: performance 4 000 / 3 600 = 1.111…: exit 0 with a warning.
    const QStringList args = {"oee", "--planned", "1h", "--downtime", "0", "--ideal-cycle", "2",
                              "--total", "2000", "--good", "2000", "--json"};
    const auto r = runGemba(args);
    QVERIFY2(r.exitCode == 0, describe(args, r));
    GEMBA_COMPARE_REL(r.json["performance"].toDouble(), 1.1111111111111111, 1e-15);
    QCOMPARE(r.json["warnings"].toArray().size(), 1);
    QVERIFY(r.json["warnings"].toArray().at(0).toString().contains("ideal cycle time"));

    // The readable form prints the warning too.
    const auto text = runGemba(args.mid(0, args.size() - 1));
    QCOMPARE(text.exitCode, 0);
    QVERIFY2(text.out.contains("warning: performance is above 100 %"), describe(args, text));
}

void TestCliLean::standardTimeJson_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<double>("normal");
    QTest::addColumn<double>("factor");
    QTest::addColumn<double>("standard");

    // 30 s at 110 % = 33 s; 15 % of normal: 33 × 1.15 = 37.95 s.
    QTest::newRow("normal") << QStringList{"--observed", "30s", "--rating", "110", "--allowance", "15",
                                           "--allowance-of", "normal"}
                            << 33.0 << 1.15 << 37.95;
    // 15 % of working time: 33 / 0.85 = 38.823529411764706 s.
    QTest::newRow("work") << QStringList{"--observed", "30", "--rating", "110", "--allowance", "15",
                                         "--allowance-of", "work"}
                          << 33.0 << 1.1764705882352941 << 38.823529411764706;
    // Percent signs are accepted: 2.5 s at 80 % = 2 s; 10 % of normal → 2.2 s.
    QTest::newRow("percent signs") << QStringList{"--observed", "2.5s", "--rating", "80%", "--allowance", "10%",
                                                  "--allowance-of", "normal"}
                                   << 2.0 << 1.1 << 2.2;
    // 1 min 30 s at 100 %, no allowance: standard = normal = 90 s.
    QTest::newRow("no allowance") << QStringList{"--observed", "1m30s", "--rating", "100", "--allowance", "0",
                                                 "--allowance-of", "work"}
                                  << 90.0 << 1.0 << 90.0;
}

void TestCliLean::standardTimeJson()
{
    QFETCH(QStringList, args);
    QFETCH(double, normal);
    QFETCH(double, factor);
    QFETCH(double, standard);

    const QStringList all = QStringList{"standard-time"} + args + QStringList{"--json"};
    const auto r = runGemba(all);
    QVERIFY2(r.exitCode == 0, describe(all, r));
    GEMBA_COMPARE_REL(r.json["normal_seconds"].toDouble(), normal, 1e-15);
    GEMBA_COMPARE_REL(r.json["allowance_factor"].toDouble(), factor, 1e-15);
    GEMBA_COMPARE_REL(r.json["standard_seconds"].toDouble(), standard, 1e-15);
}

void TestCliLean::sampleSizeJson()
{
    // Pilot 8, 7, 8, 9, 7 (the blank row dropped): n = 5, Σx = 39, nΣx² − (Σx)² = 1535 − 1521 = 14;
    // N′ = (40·√14/39)² = 22 400/1521 = 14.727 → 15 (10 more); exact z → 14.143 → 15;
    // t-based 21 (worked in tst_samplesize).
    const QStringList args = {"sample-size", m_pilot, "--value", "time", "--json"};
    const auto r = runGemba(args);
    QVERIFY2(r.exitCode == 0, describe(args, r));
    QCOMPARE(r.json["n"].toInt(), 5);
    GEMBA_COMPARE_REL(r.json["mean"].toDouble(), 7.8, 1e-15);
    GEMBA_COMPARE_REL(r.json["sd"].toDouble(), 0.83666002653407555, 1e-15);
    GEMBA_COMPARE_REL(r.json["z_classic"].toDouble(), 2.0, 0);
    QCOMPARE(r.json["observations_needed"].toInt(), 15);
    GEMBA_COMPARE_REL(r.json["observations_needed_unrounded"].toDouble(), 22400.0 / 1521.0, 1e-14);
    QCOMPARE(r.json["additional_needed"].toInt(), 10);
    GEMBA_COMPARE_REL(r.json["z_exact"].toDouble(), 1.9599639845400538556, 1e-15);
    QCOMPARE(r.json["observations_needed_exact_z"].toInt(), 15);
    QCOMPARE(r.json["observations_needed_t"].toInt(), 21);
    GEMBA_COMPARE_REL(r.json["t_quantile"].toDouble(), 2.0859634472658644, 1e-13);
    QCOMPARE(r.json["additional_needed_t"].toInt(), 16);
    GEMBA_COMPARE_REL(r.json["confidence"].toDouble(), 0.95, 0);
    GEMBA_COMPARE_REL(r.json["accuracy"].toDouble(), 0.05, 0);
}

void TestCliLean::sampleSizeAccuracyAndPercent()
{
    // ±10 %: N′ = 400 · 14 / 1521 = 3.682 → 4; t-based 7. "95%" is the same as 0.95 (z = 2).
    const QStringList args = {"sample-size", m_pilot, "--value", "time", "--confidence", "95%",
                              "--accuracy", "0.10", "--json"};
    const auto r = runGemba(args);
    QVERIFY2(r.exitCode == 0, describe(args, r));
    GEMBA_COMPARE_REL(r.json["z_classic"].toDouble(), 2.0, 0);
    GEMBA_COMPARE_REL(r.json["observations_needed_unrounded"].toDouble(), 5600.0 / 1521.0, 1e-14);
    QCOMPARE(r.json["observations_needed"].toInt(), 4);
    QCOMPARE(r.json["additional_needed"].toInt(), 0);
    QCOMPARE(r.json["observations_needed_t"].toInt(), 7);

    // 90 %: exact z = 1.6448536269514729 in the classic formula too; N′ = 9.961 → 10, t → 15.
    const QStringList args90 = {"sample-size", m_pilot, "--value", "time", "--confidence", "0.90", "--json"};
    const auto r90 = runGemba(args90);
    QVERIFY2(r90.exitCode == 0, describe(args90, r90));
    GEMBA_COMPARE_REL(r90.json["z_classic"].toDouble(), 1.6448536269514729, 1e-15);
    QCOMPARE(r90.json["observations_needed"].toInt(), 10);
    QCOMPARE(r90.json["observations_needed_t"].toInt(), 15);
}

void TestCliLean::sampleSizeReadable()
{
    const QStringList args = {"sample-size", m_pilot, "--value", "time"};
    const auto r = runGemba(args);
    QVERIFY2(r.exitCode == 0, describe(args, r));
    const QString text = QString::fromUtf8(r.out);
    QVERIFY2(text.contains(QRegularExpression("\\(classic, z = 2\\)\\s+15\\n")), describe(args, r));
    QVERIFY2(text.contains(QRegularExpression("\\(Student t\\)\\s+21\\n")), describe(args, r));
}

void TestCliLean::exitCodes_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("says");   // in stderr

    const QStringList takt = {"takt", "--shift", "8h", "--breaks", "30m"};
    // Bad data: each option fine alone, inconsistent together → 1.
    QTest::newRow("takt breaks = shift") << QStringList{"takt", "--shift", "8h", "--breaks", "8h", "--demand", "450"}
                                         << 1 << "breaks";
    QTest::newRow("takt breaks > shift") << QStringList{"takt", "--shift", "1h", "--breaks", "90m", "--demand", "10"}
                                         << 1 << "breaks";
    // Bad usage → 2, naming the option.
    QTest::newRow("takt demand 0") << takt + QStringList{"--demand", "0"} << 2 << "--demand";
    QTest::newRow("takt negative demand") << takt + QStringList{"--demand", "-450"} << 2 << "--demand";
    QTest::newRow("takt demand not a number") << takt + QStringList{"--demand", "lots"} << 2 << "--demand";
    QTest::newRow("takt missing demand") << takt << 2 << "--demand";
    QTest::newRow("takt missing shift") << QStringList{"takt", "--demand", "450"} << 2 << "--shift";
    QTest::newRow("takt 0 shifts") << takt + QStringList{"--demand", "450", "--shifts", "0"} << 2 << "--shifts";
    QTest::newRow("takt 1.5 shifts") << takt + QStringList{"--demand", "450", "--shifts", "1.5"} << 2 << "--shifts";
    QTest::newRow("takt negative breaks") << QStringList{"takt", "--shift", "8h", "--breaks", "-30m", "--demand", "450"}
                                          << 2 << "--breaks";
    QTest::newRow("takt zero shift") << QStringList{"takt", "--shift", "0", "--demand", "450"} << 2 << "--shift";
    QTest::newRow("takt unknown option") << takt + QStringList{"--demand", "450", "--speed", "2"} << 2 << "--speed";
    QTest::newRow("takt stray argument") << takt + QStringList{"--demand", "450", "extra"} << 2 << "extra";

    const QStringList oee = {"oee", "--planned", "8h", "--ideal-cycle", "2s"};
    QTest::newRow("oee downtime > planned") << oee + QStringList{"--downtime", "9h", "--total", "100", "--good", "90"}
                                            << 1 << "downtime";
    QTest::newRow("oee good > total") << oee + QStringList{"--downtime", "1h", "--total", "100", "--good", "110"}
                                      << 1 << "good";
    QTest::newRow("oee negative total") << oee + QStringList{"--downtime", "1h", "--total", "-100", "--good", "0"}
                                        << 2 << "--total";
    QTest::newRow("oee fractional good") << oee + QStringList{"--downtime", "1h", "--total", "100", "--good", "9.5"}
                                         << 2 << "--good";
    QTest::newRow("oee negative downtime") << oee + QStringList{"--downtime", "-1h", "--total", "100", "--good", "90"}
                                           << 2 << "--downtime";
    QTest::newRow("oee zero planned") << QStringList{"oee", "--planned", "0", "--downtime", "0", "--ideal-cycle", "2",
                                                     "--total", "1", "--good", "1"}
                                      << 2 << "--planned";
    QTest::newRow("oee zero ideal cycle") << QStringList{"oee", "--planned", "8h", "--downtime", "0", "--ideal-cycle",
                                                         "0", "--total", "1", "--good", "1"}
                                          << 2 << "--ideal-cycle";
    QTest::newRow("oee missing good") << oee + QStringList{"--downtime", "1h", "--total", "100"} << 2 << "--good";

    const QStringList st = {"standard-time", "--observed", "30s", "--rating", "110"};
    QTest::newRow("st 100 % of work") << st + QStringList{"--allowance", "100", "--allowance-of", "work"} << 1
                                      << "100 %";
    QTest::newRow("st bad basis") << st + QStringList{"--allowance", "15", "--allowance-of", "day"} << 2
                                  << "--allowance-of";
    QTest::newRow("st missing basis") << st + QStringList{"--allowance", "15"} << 2 << "--allowance-of";
    QTest::newRow("st negative allowance") << st + QStringList{"--allowance", "-5", "--allowance-of", "normal"} << 2
                                           << "--allowance";
    QTest::newRow("st rating 0") << QStringList{"standard-time", "--observed", "30s", "--rating", "0", "--allowance",
                                                "15", "--allowance-of", "normal"}
                                 << 2 << "--rating";
    QTest::newRow("st negative rating") << QStringList{"standard-time", "--observed", "30s", "--rating", "-110",
                                                       "--allowance", "15", "--allowance-of", "normal"}
                                        << 2 << "--rating";
    QTest::newRow("st negative observed") << QStringList{"standard-time", "--observed", "-30", "--rating", "110",
                                                         "--allowance", "15", "--allowance-of", "normal"}
                                          << 2 << "--observed";

    const QString pilot = m_pilot, single = m_single, zeros = m_zeros;
    QTest::newRow("ss one value") << QStringList{"sample-size", single, "--value", "time"} << 1 << "at least 2";
    QTest::newRow("ss mean 0") << QStringList{"sample-size", zeros, "--value", "time"} << 1 << "mean";
    QTest::newRow("ss no such file") << QStringList{"sample-size", m_dir.filePath("nope.csv"), "--value", "time"} << 1
                                     << "nope.csv";
    QTest::newRow("ss no such column") << QStringList{"sample-size", pilot, "--value", "minutes"} << 2 << "minutes";
    QTest::newRow("ss missing file") << QStringList{"sample-size", "--value", "time"} << 2 << "CSV file";
    QTest::newRow("ss missing value") << QStringList{"sample-size", pilot} << 2 << "--value";
    QTest::newRow("ss confidence 95") << QStringList{"sample-size", pilot, "--value", "time", "--confidence", "95"}
                                      << 2 << "--confidence";
    QTest::newRow("ss accuracy 0") << QStringList{"sample-size", pilot, "--value", "time", "--accuracy", "0"} << 2
                                   << "--accuracy";
    QTest::newRow("ss accuracy negative") << QStringList{"sample-size", pilot, "--value", "time", "--accuracy", "-0.05"}
                                          << 2 << "--accuracy";
}

void TestCliLean::exitCodes()
{
    QFETCH(QStringList, args);
    QFETCH(int, exitCode);
    QFETCH(QString, says);

    for (const bool json : {false, true}) {
        const QStringList all = json ? args + QStringList{"--json"} : args;
        const auto r = runGemba(all);
        QVERIFY2(r.exitCode == exitCode, describe(all, r));
        QVERIFY2(QString::fromUtf8(r.err).contains(says), describe(all, r));
        QVERIFY2(r.out.isEmpty(), describe(all, r));   // nothing half-written on failure
    }
}

void TestCliLean::invalidDurationSaysHowToWriteOne()
{
    const QList<QStringList> cases = {
        {"takt", "--shift", "8x", "--demand", "450"},
        {"takt", "--shift", "8h", "--breaks", "30min", "--demand", "450"},
        {"oee", "--planned", "8h", "--downtime", "1h", "--ideal-cycle", "two", "--total", "1", "--good", "1"},
        {"standard-time", "--observed", "30s5m", "--rating", "100", "--allowance", "0", "--allowance-of", "normal"},
    };
    const QStringList options = {"--shift", "--breaks", "--ideal-cycle", "--observed"};
    for (qsizetype i = 0; i < cases.size(); ++i) {
        const auto r = runGemba(cases[i]);
        QVERIFY2(r.exitCode == 2, describe(cases[i], r));
        const QString err = QString::fromUtf8(r.err);
        QVERIFY2(err.contains(options[i]), describe(cases[i], r));
        QVERIFY2(err.contains("write it like 8h, 30m, 45s, 1h30m, 2.5s or plain seconds"), describe(cases[i], r));
    }
}

QTEST_GUILESS_MAIN(TestCliLean)
#include "tst_clilean.moc"
