// Tests of `gemba stats` and `gemba capability`: the real binary run as a process on the
// reference files, its JSON, its exit codes and its error messages.
#include "stats/constants.h"

#include "referencedata.h"

#include <QFile>
#include <QJsonDocument>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <cmath>

using gemba::test::loadReferenceJson;
using gemba::test::referencePath;
using gemba::test::toDoubles;

namespace {

struct Run {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

Run runGemba(const QStringList& arguments)
{
    QProcess p;
    p.start(QStringLiteral(GEMBA_CLI_PATH), arguments);
    if (!p.waitForFinished(60000))
        qFatal("gemba did not finish: %s", qPrintable(arguments.join(' ')));
    Run r;
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

QJsonObject parseJson(const Run& r)
{
    QJsonParseError error;
    const auto doc = QJsonDocument::fromJson(r.out, &error);
    if (doc.isNull() || !doc.isObject())
        qFatal("not a JSON object (%s): %s", qPrintable(error.errorString()), r.out.constData());
    return doc.object();
}

QStringList sortedKeys(const QJsonObject& o)
{
    QStringList keys = o.keys();
    keys.sort();
    return keys;
}

} // namespace

class TestCliStats : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();

    void statsNistJson();
    void statsReadable();
    void statsMissingAndSmall();
    void statsType7();

    void capabilityMatchesQcc();
    void capabilityDefaultsAndOneSided();
    void capabilityIndividuals();

    void usageErrors_data();
    void usageErrors();
    void dataErrors_data();
    void dataErrors();
    void errorNamesFileAndLine();
    void decimalAndDelimiterOptions();

private:
    QString writeFile(const QString& name, const QByteArray& text);
    QTemporaryDir m_dir;
    QString m_pistonTrial;   // pistonrings.csv samples 1-25 (trial = TRUE)
    QString m_viscosityTrial;
};

QString TestCliStats::writeFile(const QString& name, const QByteArray& text)
{
    const QString path = m_dir.filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        qFatal("cannot write %s", qPrintable(path));
    f.write(text);
    return path;
}

void TestCliStats::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY2(QFile::exists(QStringLiteral(GEMBA_CLI_PATH)), GEMBA_CLI_PATH);

    // The capability command has no phase filter, so the trial rows are copied to a file.
    auto trialRows = [this](const QString& source, const QString& target) {
        QFile in(referencePath(source));
        if (!in.open(QIODevice::ReadOnly))
            qFatal("cannot read %s", qPrintable(in.fileName()));
        QByteArray text = in.readLine();   // header
        while (!in.atEnd()) {
            const QByteArray line = in.readLine();
            if (line.trimmed().endsWith(",TRUE"))
                text += line;
        }
        return writeFile(target, text);
    };
    m_pistonTrial = trialRows("pistonrings.csv", "pistonrings_trial.csv");
    m_viscosityTrial = trialRows("viscosity.csv", "viscosity_trial.csv");
}

// NIST Michelso: the binary's JSON must carry the certified values (1e-12, as in the core test).
void TestCliStats::statsNistJson()
{
    const auto r = runGemba({"stats", referencePath("nist/Michelso.csv"), "--value", "value", "--json"});
    QCOMPARE(r.exitCode, 0);
    const auto o = parseJson(r);
    const auto certified = loadReferenceJson("nist/Michelso.json").value("certified").toObject();
    QCOMPARE(o.value("n").toInt(), 100);
    QCOMPARE(o.value("missing").toInt(), 0);
    GEMBA_COMPARE_REL(o.value("mean").toDouble(), certified.value("mean").toDouble(), 1e-12);
    GEMBA_COMPARE_REL(o.value("sd").toDouble(), certified.value("sd").toDouble(), 1e-12);
    GEMBA_COMPARE_REL(o.value("variance").toDouble(), std::pow(certified.value("sd").toDouble(), 2), 1e-12);
    GEMBA_COMPARE_REL(o.value("autocorrelation_lag1").toDouble(),
                      certified.value("lag1_autocorrelation").toDouble(), 1e-12);
    for (const char* key : {"min", "max", "range", "median", "q1", "q3"})
        QVERIFY2(o.value(key).isDouble(), key);
    GEMBA_COMPARE_REL(o.value("range").toDouble(), o.value("max").toDouble() - o.value("min").toDouble(), 1e-15);
    QCOMPARE(o.value("quantile_method").toString(), QString("type6"));

    const auto mi = o.value("mean_interval").toObject();
    QCOMPARE(mi.value("confidence").toDouble(), 0.95);
    QVERIFY(mi.value("lower").toDouble() < o.value("mean").toDouble());
    // Symmetric t interval about the mean.
    GEMBA_COMPARE_REL(mi.value("upper").toDouble() - o.value("mean").toDouble(),
                      o.value("mean").toDouble() - mi.value("lower").toDouble(), 1e-9);
    const auto si = o.value("sd_interval").toObject();
    QVERIFY(si.value("lower").toDouble() < o.value("sd").toDouble());
    QVERIFY(si.value("upper").toDouble() > o.value("sd").toDouble());
    const auto ad = o.value("anderson_darling").toObject();
    QVERIFY(ad.value("a2").toDouble() > 0);
    // A*² = A²(1 + 0.75/100 + 2.25/100²) = 1.007725·A²
    GEMBA_COMPARE_REL(ad.value("a2_adjusted").toDouble(), ad.value("a2").toDouble() * 1.007725, 1e-14);
    QVERIFY(ad.value("p_value").toDouble() >= 0 && ad.value("p_value").toDouble() <= 1);
}

void TestCliStats::statsReadable()
{
    const auto r = runGemba({"stats", referencePath("nist/NumAcc1.csv"), "--value", "value"});
    QCOMPARE(r.exitCode, 0);
    QVERIFY(r.out.contains("Mean"));
    QVERIFY(r.out.contains("10000002"));   // NumAcc1: mean 10000002 exactly
    QVERIFY(r.out.contains("Anderson-Darling"));
}

// An empty cell is skipped and counted as missing. With 2 values left, the statistics exist
// but the Anderson-Darling test (n ≥ 3) is null with its reason. Values 1 and 3: mean 2, SD √2.
void TestCliStats::statsMissingAndSmall()
{
    const QString path = writeFile("small.csv", "id,x\n1,1\n2,\n3,3\n");
    const auto r = runGemba({"stats", path, "--value", "x", "--json", "--confidence", "0.9"});
    QCOMPARE(r.exitCode, 0);
    const auto o = parseJson(r);
    QCOMPARE(o.value("n").toInt(), 2);
    QCOMPARE(o.value("missing").toInt(), 1);
    GEMBA_COMPARE_REL(o.value("mean").toDouble(), 2.0, 1e-15);
    GEMBA_COMPARE_REL(o.value("sd").toDouble(), std::sqrt(2.0), 1e-15);
    GEMBA_COMPARE_REL(o.value("autocorrelation_lag1").toDouble(), -0.5, 1e-15);
    QCOMPARE(o.value("mean_interval").toObject().value("confidence").toDouble(), 0.9);
    // t(0.95, 1) = tan(0.45π) = 6.313751514675043; half-width = t·√2/√2.
    GEMBA_COMPARE_REL(o.value("mean_interval").toObject().value("upper").toDouble() - 2, 6.313751514675043, 1e-12);
    QVERIFY(o.contains("anderson_darling"));
    QVERIFY(o.value("anderson_darling").isNull());
    QVERIFY(o.value("anderson_darling_reason").toString().contains("3"));
}

// Type 7 quartiles of 1..5 (R's default): Q1 = 2, Q3 = 4; type 6: positions 1.5 and 4.5 → 1.5, 4.5.
void TestCliStats::statsType7()
{
    const QString path = writeFile("five.csv", "x\n5\n1\n4\n2\n3\n");
    auto r = runGemba({"stats", path, "--value", "x", "--json", "--quantiles", "type7"});
    QCOMPARE(r.exitCode, 0);
    auto o = parseJson(r);
    QCOMPARE(o.value("quantile_method").toString(), QString("type7"));
    QCOMPARE(o.value("q1").toDouble(), 2.0);
    QCOMPARE(o.value("q3").toDouble(), 4.0);
    r = runGemba({"stats", path, "--value", "x", "--json"});
    o = parseJson(r);
    QCOMPARE(o.value("q1").toDouble(), 1.5);
    QCOMPARE(o.value("q3").toDouble(), 4.5);
    QCOMPARE(o.value("median").toDouble(), 3.0);
}

// pistonrings samples 1-25 with --sigma rbar against qcc's processCapability(), with qcc's default
// target (the midpoint 74) passed as --target: gemba computes no Cpm without one. σ within is
// R̄/d2(5) with the exact d2 = 2.3259289 where qcc divides by 2.326: 3.06e-5 relative apart, so
// within-based numbers are compared at 1e-4 (the Cpm interval roughly doubles the gap through its
// degrees of freedom); the overall-based ones do not involve it and must match to 1e-12.
void TestCliStats::capabilityMatchesQcc()
{
    const auto ref = loadReferenceJson("pistonrings.capability.json");
    const auto r = runGemba({"capability", m_pistonTrial, "--value", "value", "--subgroup", "sample", "--lsl",
                             "73.95", "--usl", "74.05", "--target", "74", "--sigma", "rbar", "--json"});
    QCOMPARE(r.exitCode, 0);
    const auto o = parseJson(r);

    const QStringList expectedKeys = {"cp", "cpk", "cpl", "cpm", "cpu", "lsl", "mean", "n", "pp", "ppk",
                                      "ppl", "ppm", "ppm_observed", "ppm_overall", "ppm_within", "ppu",
                                      "sigma_method", "sigma_overall", "sigma_within", "target", "usl",
                                      "z_bench", "z_bench_overall", "z_bench_within"};
    QCOMPARE(sortedKeys(o), expectedKeys);

    QCOMPARE(o.value("n").toInt(), 125);
    QCOMPARE(o.value("sigma_method").toString(), QString("rbar"));
    GEMBA_COMPARE_REL(o.value("mean").toDouble(), ref.value("center").toDouble(), 1e-14);
    GEMBA_COMPARE_REL(o.value("sigma_overall").toDouble(), ref.value("std_dev_overall").toDouble(), 1e-13);
    GEMBA_COMPARE_REL(o.value("sigma_within").toDouble() * gemba::stats::d2(5) / 2.326,
                      ref.value("std_dev_within").toDouble(), 1e-13);
    QCOMPARE(o.value("lsl").toDouble(), 73.95);
    QCOMPARE(o.value("usl").toDouble(), 74.05);
    GEMBA_COMPARE_REL(o.value("target").toDouble(), 74.0, 1e-15);

    const auto indices = ref.value("indices").toObject();
    const std::pair<const char*, const char*> names[] = {
        {"cp", "Cp"}, {"cpl", "Cp_l"}, {"cpu", "Cp_u"}, {"cpk", "Cp_k"}, {"cpm", "Cpm"},
        {"pp", "Pp"}, {"ppl", "Pp_l"}, {"ppu", "Pp_u"}, {"ppk", "Pp_k"}, {"ppm", "Ppm"},
    };
    for (const auto& [ours, theirs] : names) {
        const auto a = o.value(ours).toObject();
        const auto e = indices.value(theirs).toObject();
        QCOMPARE(sortedKeys(a), (QStringList{"lower", "upper", "value"}));
        const double tol = ours[0] == 'p' ? 1e-12 : 1e-4;
        for (const char* part : {"value", "lower", "upper"})
            GEMBA_COMPARE_REL(a.value(part).toDouble(), e.value(part).toDouble(), tol);
    }
    // qcc: all expected and observed percentages are 0 (< 0.01 % = 100 ppm) for these limits.
    QVERIFY(o.value("ppm_within").toDouble() < 100);
    QVERIFY(o.value("ppm_overall").toDouble() < 100);
    QCOMPARE(o.value("ppm_observed").toDouble(), 0.0);
    QCOMPARE(o.value("z_bench").toDouble(), o.value("z_bench_within").toDouble());
    // Z.bench = Φ⁻¹(1 - P) with P = Φ(-3·Cpl) + Φ(-3·Cpu) (z of each limit = 3 × its index).
    // Checked through 1 - Φ(Z) = P with Φ from std::erfc: overall with qcc's Ppl/Ppu, within
    // with the binary's own Cpl/Cpu (its σ within uses the exact d2). At Z ≈ 4.8 a relative
    // error ε in an index moves P by about Z²·ε ≈ 23ε, so the ~2e-12 index agreement allows
    // 1e-10 here.
    auto upperTail = [](double zValue) { return 0.5 * std::erfc(zValue / std::sqrt(2.0)); };
    const double pOverall = upperTail(3 * indices.value("Pp_l").toObject().value("value").toDouble()) +
                            upperTail(3 * indices.value("Pp_u").toObject().value("value").toDouble());
    GEMBA_COMPARE_REL(upperTail(o.value("z_bench_overall").toDouble()), pOverall, 1e-10);
    const double pWithin = upperTail(3 * o.value("cpl").toObject().value("value").toDouble()) +
                           upperTail(3 * o.value("cpu").toObject().value("value").toDouble());
    GEMBA_COMPARE_REL(upperTail(o.value("z_bench_within").toDouble()), pWithin, 1e-10);
    GEMBA_COMPARE_REL(o.value("ppm_within").toDouble(), pWithin * 1e6, 1e-10);
    GEMBA_COMPARE_REL(o.value("ppm_overall").toDouble(), pOverall * 1e6, 1e-10);
}

void TestCliStats::capabilityDefaultsAndOneSided()
{
    // Default with --subgroup is the pooled SD (Minitab), reported by name.
    auto r = runGemba({"capability", m_pistonTrial, "--value", "value", "--subgroup", "sample", "--lsl", "73.99",
                       "--usl", "74.01", "--json"});
    QCOMPARE(r.exitCode, 0);
    auto o = parseJson(r);
    QCOMPARE(o.value("sigma_method").toString(), QString("pooled"));
    // No --target: no target, Cpm or Ppm (Minitab computes Cpm only for a given target; no
    // midpoint 74 is made up as qcc would). The keys stay, with null, so the key set is fixed.
    for (const char* key : {"target", "cpm", "ppm"}) {
        QVERIFY2(o.contains(key), key);
        QVERIFY2(o.value(key).isNull(), key);
    }
    QVERIFY(o.value("cp").isObject() && o.value("pp").isObject());
    // Observed: qcc reports 12 % below and 16 % above → 280000 ppm.
    GEMBA_COMPARE_REL(o.value("ppm_observed").toDouble(), 280000.0, 1e-15);

    // USL only with target 74 (pistonrings.capability.usl_only.json): Cp, Cpl, Cpm and their
    // P counterparts null, Cpk = Cpu; the lsl is null, Ppk matches qcc to 1e-12.
    const auto ref = loadReferenceJson("pistonrings.capability.usl_only.json");
    r = runGemba({"capability", m_pistonTrial, "--value", "value", "--subgroup", "sample", "--usl", "74.05",
                  "--target", "74", "--sigma", "rbar", "--json"});
    QCOMPARE(r.exitCode, 0);
    o = parseJson(r);
    for (const char* key : {"lsl", "cp", "cpl", "cpm", "pp", "ppl", "ppm"})
        QVERIFY2(o.value(key).isNull(), key);
    QCOMPARE(o.value("target").toDouble(), 74.0);
    const auto ppk = ref.value("indices").toObject().value("Pp_k").toObject();
    GEMBA_COMPARE_REL(o.value("ppk").toObject().value("value").toDouble(), ppk.value("value").toDouble(), 1e-12);
    GEMBA_COMPARE_REL(o.value("ppk").toObject().value("lower").toDouble(), ppk.value("lower").toDouble(), 1e-12);
    GEMBA_COMPARE_REL(o.value("cpk").toObject().value("value").toDouble(),
                      o.value("cpu").toObject().value("value").toDouble(), 1e-15);

    // Readable output names the method.
    r = runGemba({"capability", m_pistonTrial, "--value", "value", "--subgroup", "sample", "--lsl", "73.95",
                  "--usl", "74.05", "--sigma", "sbar"});
    QCOMPARE(r.exitCode, 0);
    QVERIFY(r.out.contains("sbar"));
    QVERIFY(r.out.contains("Cpk"));
    QVERIFY(r.out.contains("Cpm needs a target (Minitab)"));
    // With --target the note goes and Cpm has a value (74 = the midpoint, as qcc's Cpm above).
    r = runGemba({"capability", m_pistonTrial, "--value", "value", "--subgroup", "sample", "--lsl", "73.95",
                  "--usl", "74.05", "--target", "74", "--sigma", "sbar"});
    QCOMPARE(r.exitCode, 0);
    QVERIFY(!r.out.contains("Cpm needs a target"));
    QVERIFY(QString::fromUtf8(r.out).contains(QRegularExpression("Cpm +[0-9]")));
}

// Individual values (viscosity trial batches) without --subgroup: σ within = MR̄/d2(2); qcc's
// xbar.one chart divides by 1.128, so ours rescaled by d2(2)/1.128 must give qcc's sigma.
void TestCliStats::capabilityIndividuals()
{
    const auto chart = loadReferenceJson("viscosity.xbar_one.json");
    const auto r = runGemba({"capability", m_viscosityTrial, "--value", "value", "--lsl", "32", "--json"});
    QCOMPARE(r.exitCode, 0);
    const auto o = parseJson(r);
    QCOMPARE(o.value("sigma_method").toString(), QString("mr"));
    QCOMPARE(o.value("n").toInt(), 20);
    GEMBA_COMPARE_REL(o.value("sigma_within").toDouble() * gemba::stats::d2(2) / 1.128,
                      chart.value("std_dev").toDouble(), 1e-13);
    GEMBA_COMPARE_REL(o.value("mean").toDouble(), chart.value("center").toDouble(), 1e-14);
    QVERIFY(o.value("usl").isNull());
    QVERIFY(o.value("cp").isNull());
    QVERIFY(o.value("target").isNull());
    QVERIFY(o.value("cpm").isNull());
}

void TestCliStats::usageErrors_data()
{
    QTest::addColumn<QStringList>("arguments");
    const QString nist = referencePath("nist/Lew.csv");
    const QString piston = referencePath("pistonrings.csv");
    QTest::newRow("stats without --value") << QStringList{"stats", nist};
    QTest::newRow("stats without file") << QStringList{"stats", "--value", "value"};
    QTest::newRow("stats unknown column") << QStringList{"stats", nist, "--value", "nope"};
    QTest::newRow("stats bad quantiles") << QStringList{"stats", nist, "--value", "value", "--quantiles", "type9"};
    QTest::newRow("stats bad confidence") << QStringList{"stats", nist, "--value", "value", "--confidence", "95"};
    QTest::newRow("stats unknown option") << QStringList{"stats", nist, "--value", "value", "--lsl", "3"};
    QTest::newRow("capability limit with a thousands separator")
        << QStringList{"capability", piston, "--value", "value", "--usl", "1,234"};
    QTest::newRow("capability without limits") << QStringList{"capability", piston, "--value", "value"};
    QTest::newRow("capability lsl above usl")
        << QStringList{"capability", piston, "--value", "value", "--lsl", "74.05", "--usl", "73.95"};
    QTest::newRow("capability lsl equal usl")
        << QStringList{"capability", piston, "--value", "value", "--lsl", "74", "--usl", "74"};
    QTest::newRow("capability bad sigma")
        << QStringList{"capability", piston, "--value", "value", "--subgroup", "sample", "--usl", "74",
                       "--sigma", "mvlue"};
    QTest::newRow("capability rbar without subgroups")
        << QStringList{"capability", piston, "--value", "value", "--usl", "74.05", "--sigma", "rbar"};
    QTest::newRow("capability mr with subgroups")
        << QStringList{"capability", piston, "--value", "value", "--subgroup", "sample", "--usl", "74.05",
                       "--sigma", "mr"};
    QTest::newRow("capability lsl not a number")
        << QStringList{"capability", piston, "--value", "value", "--lsl", "low"};
}

void TestCliStats::usageErrors()
{
    QFETCH(QStringList, arguments);
    const auto r = runGemba(arguments);
    QCOMPARE(r.exitCode, 2);
    QVERIFY(r.out.isEmpty());
    QVERIFY(!r.err.isEmpty());
}

void TestCliStats::dataErrors_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("fileName");
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("messagePart");

    QTest::newRow("stats one value") << QStringList{"stats", "@", "--value", "x"} << "one.csv"
                                     << QByteArray("x\n4.2\n") << "at least 2";
    QTest::newRow("stats no values") << QStringList{"stats", "@", "--value", "x"} << "none.csv"
                                     << QByteArray("x,y\n,1\n,2\n") << "no values";
    QTest::newRow("stats missing file") << QStringList{"stats", "@", "--value", "x"} << "" << QByteArray()
                                        << "does_not_exist.csv";
    QTest::newRow("capability no variation")
        << QStringList{"capability", "@", "--value", "x", "--lsl", "0", "--usl", "10"} << "flat.csv"
        << QByteArray("x\n5\n5\n5\n5\n") << "sigma";
    QTest::newRow("capability one value")
        << QStringList{"capability", "@", "--value", "x", "--usl", "10"} << "single.csv" << QByteArray("x\n5\n")
        << "at least 2";
    QTest::newRow("capability subgroups of one with rbar")
        << QStringList{"capability", "@", "--value", "x", "--subgroup", "g", "--usl", "10", "--sigma", "rbar"}
        << "ones.csv" << QByteArray("g,x\na,1\na,2\nb,3\n") << "subgroup 2";
    QTest::newRow("capability value without label")
        << QStringList{"capability", "@", "--value", "x", "--subgroup", "g", "--usl", "10"} << "nolabel.csv"
        << QByteArray("g,x\na,1\na,2\n,3\n") << ":4:";
}

// Bad data exits with 1 and the message names the file (and the column or line).
void TestCliStats::dataErrors()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, fileName);
    QFETCH(QByteArray, content);
    QFETCH(QString, messagePart);
    const QString path = fileName.isEmpty() ? m_dir.filePath("does_not_exist.csv") : writeFile(fileName, content);
    std::replace(arguments.begin(), arguments.end(), QString("@"), path);
    const auto r = runGemba(arguments);
    QCOMPARE(r.exitCode, 1);
    QVERIFY(r.out.isEmpty());
    const QString err = QString::fromUtf8(r.err);
    QVERIFY2(err.contains(path), qPrintable(err));
    QVERIFY2(err.contains(messagePart), qPrintable(err));
}

// A cell that is not a number: exit 1, and the message names the file, the line and the column.
void TestCliStats::errorNamesFileAndLine()
{
    const QString path = writeFile("bad.csv", "sample,value\n1,74.01\n1,73.99\n2,abc\n2,74.00\n");
    for (const QString& command : {QString("stats"), QString("capability")}) {
        QStringList arguments = {command, path, "--value", "value"};
        if (command == "capability")
            arguments << "--usl" << "74.05";
        const auto r = runGemba(arguments);
        QCOMPARE(r.exitCode, 1);
        const QString err = QString::fromUtf8(r.err);
        QVERIFY2(err.contains(path + ":4"), qPrintable(err));
        QVERIFY2(err.contains("value"), qPrintable(err));
        QVERIFY2(err.contains("abc"), qPrintable(err));
    }
}

// "1,234" with nothing else to settle the decimal mark is an error that names the option; every
// command that reads a file takes --decimal and --delimiter.
void TestCliStats::decimalAndDelimiterOptions()
{
    const QString thousands = writeFile("thousands.csv", "id,v\n1,\"1,234\"\n2,\"2,345\"\n3,\"1,876\"\n4,\"2,001\"\n");
    auto r = runGemba({"stats", thousands, "--value", "v"});
    QCOMPARE(r.exitCode, 1);
    QString err = QString::fromUtf8(r.err);
    QVERIFY2(err.contains(thousands + ":2: column 'v' (2): '1,234' can be read as 1.234 or as 1234"), qPrintable(err));
    QVERIFY2(err.trimmed().endsWith("set the decimal mark (--decimal point|comma)"), qPrintable(err));

    r = runGemba({"stats", thousands, "--value", "v", "--decimal", "point", "--json"});
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(parseJson(r).value("mean").toDouble(), 1864.0);
    r = runGemba({"stats", thousands, "--value", "v", "--decimal", "comma", "--json"});
    QCOMPARE(r.exitCode, 0);
    QVERIFY(std::fabs(parseJson(r).value("mean").toDouble() - 1.864) < 1e-12);
    for (const QStringList& command : {QStringList{"capability", thousands, "--value", "v", "--usl", "3000"},
                                       QStringList{"chart", "imr", thousands, "--value", "v"},
                                       QStringList{"sample-size", thousands, "--value", "v"}}) {
        r = runGemba(command);
        QVERIFY2(r.exitCode == 1 && QString::fromUtf8(r.err).contains("--decimal point|comma"), r.err.constData());
        r = runGemba(command + QStringList{"--decimal", "point"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
    }

    // Both the comma and the semicolon split every line evenly.
    const QString both = writeFile("both.csv", "a,b;c\n1,2;3\n4,5;6\n7,8;9\n");
    r = runGemba({"stats", both, "--value", "c"});
    QCOMPARE(r.exitCode, 1);
    err = QString::fromUtf8(r.err);
    QVERIFY2(err.trimmed().endsWith("set the delimiter (--delimiter comma|semicolon|tab)"), qPrintable(err));
    for (const QString& semicolon : {QString("semicolon"), QString(";")}) {
        r = runGemba({"stats", both, "--value", "c", "--delimiter", semicolon, "--json"});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(parseJson(r).value("mean").toDouble(), 6.0);
    }

    QCOMPARE(runGemba({"stats", both, "--value", "c", "--decimal", "dot"}).exitCode, 2);
    QCOMPARE(runGemba({"stats", both, "--value", "c", "--delimiter", "pipe"}).exitCode, 2);

    // Text that is not UTF-8 never reaches the JSON output.
    const QString latin1 = writeFile("latin1.csv", "v,note\n1,ok\n2,caf\xE9\n");
    r = runGemba({"stats", latin1, "--value", "v", "--json"});
    QCOMPARE(r.exitCode, 1);
    QVERIFY(r.out.isEmpty());
    QVERIFY2(QString::fromUtf8(r.err).contains(latin1 + ":3: the text is not valid UTF-8 (byte 0xE9)"),
             r.err.constData());
}

QTEST_GUILESS_MAIN(TestCliStats)
#include "tst_clistats.moc"
