// Reproduces every qcc control chart in tests/data/reference through the `gemba chart` command:
// statistics, center lines, limits, sigma and the points each special-cause test flags.
#include "clirunner.h"
#include "referencedata.h"
#include "stats/specialcausetests.h"

#include <QFile>
#include <QJsonDocument>
#include <QSet>
#include <QTemporaryDir>
#include <QTextStream>
#include <QtTest>

#include <cmath>
#include <cstdio>

using namespace gemba::test;

namespace {

struct Case {
    const char* json;        // reference file
    const char* csv;         // data file
    const char* type;        // gemba chart type
    int chartIndex;          // 0: xbar/i/attribute chart, 1: r/s/mr
    const char* columns;     // column options for the command
    const char* extra;       // further options (sigma method, nsigmas)
    bool trialOnly;          // keep only rows with trial = TRUE (qcc got only phase I data)
    bool phases;             // pass --trial so later rows are phase II
    QList<int> removeSamples;   // rows removed before the call ("revised" charts)
};

const char* kVar = "--value value --subgroup sample";
const char* kInd = "--value value --subgroup sample";   // sample labels the points
const char* kDef = "--count defectives --size size --subgroup sample";
const char* kCnt = "--count defects --size size --subgroup sample";

const QList<Case>& cases()
{
    static const QList<Case> all = {
        {"pistonrings.xbar_R", "pistonrings.csv", "xbar-r", 0, kVar, "", true, false, {}},
        {"pistonrings.xbar_R.phase2", "pistonrings.csv", "xbar-r", 0, kVar, "", false, true, {}},
        {"pistonrings.xbar_R.phase2.conf099", "pistonrings.csv", "xbar-r", 0, kVar, "--nsigmas 2.5758293035489004", false, true, {}},
        {"pistonrings.xbar_R.phase2.nsigmas2", "pistonrings.csv", "xbar-r", 0, kVar, "--nsigmas 2", false, true, {}},
        {"pistonrings.xbar_R.rules1to4", "pistonrings.csv", "xbar-r", 0, kVar, "", false, true, {}},
        {"pistonrings.xbar_S", "pistonrings.csv", "xbar-s", 0, kVar, "", true, false, {}},
        {"pistonrings.xbar_S.phase2", "pistonrings.csv", "xbar-s", 0, kVar, "", false, true, {}},
        {"pistonrings.R", "pistonrings.csv", "xbar-r", 1, kVar, "", true, false, {}},
        {"pistonrings.R.phase2", "pistonrings.csv", "xbar-r", 1, kVar, "", false, true, {}},
        {"pistonrings.S", "pistonrings.csv", "xbar-s", 1, kVar, "", true, false, {}},
        {"pistonrings.S.phase2", "pistonrings.csv", "xbar-s", 1, kVar, "", false, true, {}},
        {"pistonrings_unequal.xbar_R", "pistonrings_unequal.csv", "xbar-r", 0, kVar, "", true, false, {}},
        {"pistonrings_unequal.xbar_R.phase2", "pistonrings_unequal.csv", "xbar-r", 0, kVar, "", false, true, {}},
        {"pistonrings_unequal.xbar_S", "pistonrings_unequal.csv", "xbar-s", 0, kVar, "", true, false, {}},
        {"pistonrings_unequal.xbar.MVLUE-R", "pistonrings_unequal.csv", "xbar-r", 0, kVar, "--sigma mvlue-r", true, false, {}},
        {"pistonrings_unequal.xbar.MVLUE-SD", "pistonrings_unequal.csv", "xbar-s", 0, kVar, "--sigma mvlue-s", true, false, {}},
        {"pistonrings_unequal.xbar.RMSDF", "pistonrings_unequal.csv", "xbar-s", 0, kVar, "--sigma pooled", true, false, {}},
        {"pistonrings_unequal.R", "pistonrings_unequal.csv", "xbar-r", 1, kVar, "", true, false, {}},
        {"pistonrings_unequal.R.phase2", "pistonrings_unequal.csv", "xbar-r", 1, kVar, "", false, true, {}},
        {"pistonrings_unequal.S", "pistonrings_unequal.csv", "xbar-s", 1, kVar, "", true, false, {}},
        {"pistonrings_unequal.S.phase2", "pistonrings_unequal.csv", "xbar-s", 1, kVar, "", false, true, {}},
        {"boiler.xbar_R", "boiler.csv", "xbar-r", 0, kVar, "", false, false, {}},
        {"boiler.R", "boiler.csv", "xbar-r", 1, kVar, "", false, false, {}},
        {"boiler.xbar_S", "boiler.csv", "xbar-s", 0, kVar, "", false, false, {}},
        {"boiler.S", "boiler.csv", "xbar-s", 1, kVar, "", false, false, {}},
        {"viscosity.xbar_one", "viscosity.csv", "imr", 0, kInd, "", true, false, {}},
        {"viscosity.MR", "viscosity.csv", "imr", 1, kInd, "", true, false, {}},
        {"viscosity.xbar_one.sd", "viscosity.csv", "imr", 0, kInd, "--sigma sd", true, false, {}},
        {"viscosity.xbar_one.revised.phase2", "viscosity.csv", "imr", 0, kInd, "", false, true, {4}},
        {"antifreeze.xbar_one", "antifreeze.csv", "imr", 0, kInd, "", false, false, {}},
        {"antifreeze.MR", "antifreeze.csv", "imr", 1, kInd, "", false, false, {}},
        {"orangejuice.p", "orangejuice.csv", "p", 0, kDef, "", true, false, {}},
        {"orangejuice.np", "orangejuice.csv", "np", 0, kDef, "", true, false, {}},
        {"orangejuice.p.revised", "orangejuice.csv", "p", 0, kDef, "", true, false, {15, 23}},
        {"orangejuice.p.revised.phase2", "orangejuice.csv", "p", 0, kDef, "", false, true, {15, 23}},
        {"orangejuice.np.revised.phase2", "orangejuice.csv", "np", 0, kDef, "", false, true, {15, 23}},
        {"orangejuice2.p", "orangejuice2.csv", "p", 0, kDef, "", true, false, {}},
        {"orangejuice2.p.phase2", "orangejuice2.csv", "p", 0, kDef, "", false, true, {}},
        {"orangejuice2.np.phase2", "orangejuice2.csv", "np", 0, kDef, "", false, true, {}},
        {"circuit.c", "circuit.csv", "c", 0, kCnt, "", true, false, {}},
        {"circuit.c.revised", "circuit.csv", "c", 0, kCnt, "", true, false, {6, 20}},
        {"circuit.c.revised.phase2", "circuit.csv", "c", 0, kCnt, "", false, true, {6, 20}},
        {"circuit.u", "circuit.csv", "u", 0, kCnt, "", true, false, {}},
        {"circuit.u.revised.phase2", "circuit.csv", "u", 0, kCnt, "", false, true, {6, 20}},
        {"pcmanufact.c", "pcmanufact.csv", "c", 0, kCnt, "", false, false, {}},
        {"pcmanufact.u", "pcmanufact.csv", "u", 0, kCnt, "", false, false, {}},
        {"dyedcloth.u", "dyedcloth.csv", "u", 0, kCnt, "", false, false, {}},
    };
    return all;
}

// qcc's d2/d3 tables (qcc_internal_d2_d3_tables.csv) beside the exact values, by n.
struct QccTables {
    QHash<int, double> d2q, d3q, d2, d3;
};
const QccTables& qccTables()
{
    static const QccTables t = [] {
        QccTables out;
        QFile f(referencePath("qcc_internal_d2_d3_tables.csv"));
        if (!f.open(QIODevice::ReadOnly))
            qFatal("cannot read qcc_internal_d2_d3_tables.csv");
        const QStringList header = QString::fromUtf8(f.readLine()).trimmed().split(',');
        const int iN = header.indexOf("n"), iD2q = header.indexOf("qcc_d2"), iD3q = header.indexOf("qcc_d3"),
                  iD2 = header.indexOf("exact_d2"), iD3 = header.indexOf("exact_d3");
        if (iN < 0 || iD2q < 0 || iD3q < 0 || iD2 < 0 || iD3 < 0)
            qFatal("unexpected header in qcc_internal_d2_d3_tables.csv: %s", qPrintable(header.join(',')));
        while (!f.atEnd()) {
            const QStringList c = QString::fromUtf8(f.readLine()).trimmed().split(',');
            if (c.size() < header.size())
                continue;
            const int n = c[iN].toInt();
            out.d2q[n] = c[iD2q].toDouble();
            out.d3q[n] = c[iD3q].toDouble();
            out.d2[n] = c[iD2].toDouble();
            out.d3[n] = c[iD3].toDouble();
        }
        return out;
    }();
    return t;
}

// Writes the rows of a reference CSV that the qcc call saw (see each JSON's `setup`).
QString prepareCsv(const QTemporaryDir& dir, const Case& c)
{
    QFile in(referencePath(c.csv));
    if (!in.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", c.csv);
    const QString path = dir.filePath(QString::fromLatin1(c.json) + ".csv");
    QFile out(path);
    if (!out.open(QIODevice::WriteOnly))
        qFatal("cannot write %s", qPrintable(path));
    const QByteArray headerLine = in.readLine();
    out.write(headerLine);
    const QList<QByteArray> header = headerLine.trimmed().split(',');
    const int sampleCol = header.indexOf("sample");
    const int trialCol = header.indexOf("trial");
    while (!in.atEnd()) {
        const QByteArray line = in.readLine();
        const QList<QByteArray> cells = line.trimmed().split(',');
        if (cells.size() < header.size())
            continue;
        if (c.removeSamples.contains(cells[sampleCol].toInt()))
            continue;
        if (c.trialOnly && cells[trialCol] != "TRUE")
            continue;
        out.write(line);
    }
    return path;
}

// Runs `gemba chart ... --json` in-process and parses what it printed.
QJsonObject runChart(const QStringList& args)
{
    const auto r = gemba::test::runCli(QStringList{"chart"} + args);
    if (r.status != 0) {
        qWarning("gemba chart failed (%d): %s", r.status, r.err.constData());
        return {};
    }
    return QJsonDocument::fromJson(r.out).object();
}

QSet<int> flagged(const QJsonArray& points, int test)
{
    QSet<int> out;
    for (int i = 0; i < points.size(); ++i)
        for (const auto& t : points[i].toObject()["tests"].toArray())
            if (t.toInt() == test)
                out.insert(i + 1);
    return out;
}

QSet<int> toSet(const QJsonValue& v)
{
    QSet<int> out;
    for (const auto& x : v.toArray())
        out.insert(x.toInt());
    return out;
}

// Runs one test of the core engine on the points as the chart printed them: the zones' σ is
// (UCL - center) / nsigmas, which holds wherever the UCL is not clipped (it never is for the
// R, S, MR and attribute charts here: their UCLs lie well below 1 or n).
QSet<int> engineFlags(const QJsonArray& points, int test, double nsigmas)
{
    std::vector<double> values, center, sd, lcl, ucl;
    for (const auto& v : points) {
        const QJsonObject p = v.toObject();
        values.push_back(p["value"].toDouble());
        center.push_back(p["center"].toDouble());
        sd.push_back((p["ucl"].toDouble() - p["center"].toDouble()) / nsigmas);
        lcl.push_back(p["lcl"].toDouble());
        ucl.push_back(p["ucl"].toDouble());
    }
    gemba::stats::RuleSet rules = gemba::stats::RuleSet::none();
    rules.enabled[static_cast<std::size_t>(test - 1)] = true;
    const auto bits = gemba::stats::runSpecialCauseTests({values, center, sd, lcl, ucl}, rules);
    QSet<int> out;
    for (std::size_t i = 0; i < bits.size(); ++i)
        if (bits[i])
            out.insert(static_cast<int>(i) + 1);
    return out;
}

QString describe(const QSet<int>& s)
{
    QList<int> l(s.begin(), s.end());
    std::sort(l.begin(), l.end());
    QStringList parts;
    for (int i : l)
        parts << QString::number(i);
    return "[" + parts.join(',') + "]";
}

} // namespace

class TestChartReference : public QObject {
    Q_OBJECT
private slots:
    void reproducesQcc_data();
    void reproducesQcc();
};

void TestChartReference::reproducesQcc_data()
{
    QTest::addColumn<int>("index");
    for (int i = 0; i < cases().size(); ++i)
        QTest::newRow(cases()[i].json) << i;
}

void TestChartReference::reproducesQcc()
{
    QFETCH(int, index);
    const Case& c = cases()[index];
    const QJsonObject ref = loadReferenceJson(QString::fromLatin1(c.json) + ".json");
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString csv = prepareCsv(dir, c);

    QStringList base{QString::fromLatin1(c.type), csv};
    base += QString::fromLatin1(c.columns).split(' ', Qt::SkipEmptyParts);
    base += QString::fromLatin1(c.extra).split(' ', Qt::SkipEmptyParts);
    if (c.phases)
        base << "--trial" << "trial";
    // The MR chart runs test 1 only unless --mr-tests picks more (capped to 1-4): give it the
    // same set as --tests so its tests 1-4 are still compared with qcc's.
    const bool imr = QString::fromLatin1(c.type) == "imr";
    auto tests = [&](const QString& set) {
        QStringList a{"--tests", set};
        if (imr)
            a << "--mr-tests" << set;
        return a;
    };

    const QJsonObject result = runChart(base + QStringList{"--json"} + tests("nelson"));
    QVERIFY2(!result.isEmpty(), "gemba chart failed");
    const QJsonObject chart = result["charts"].toArray()[c.chartIndex].toObject();
    const QJsonArray points = chart["points"].toArray();
    const QString qccType = ref["chart_type"].toString();
    const bool rangeSigma = ref["std_dev_method"].toString() == "UWAVE-R" ||
                            ref["std_dev_method"].toString() == "MR" ||
                            ref["std_dev_method"].toString() == "MVLUE-R";
    const bool variables = qccType == "xbar" || qccType == "R" || qccType == "S" || qccType == "xbar.one";
    const bool limitsVary = ref["limits_vary"].toBool();
    const bool spreadChart = qccType == "R" || qccType == "S";
    const double nsigmas = ref["nsigmas"].toDouble();

    // qcc divides ranges by its 3-decimal d2 table (and uses a 7-digit d3); with exact
    // constants range-based sigma and the limits built on it differ by the table's relative
    // error at the sizes used. The tolerance is that error (d2 and d3 combined) and no wider.
    const auto sizes = toDoubles(ref["sizes"].toArray());
    double tableTol = 1e-9;
    if (rangeSigma) {
        for (double s : sizes) {
            const int n = qccType == "xbar.one" ? 2 : static_cast<int>(s);
            const auto& t = qccTables();
            QVERIFY2(t.d2q.contains(n), "size missing from qcc's table");
            tableTol = std::max(tableTol, std::fabs(t.d2q[n] / t.d2[n] - 1) + std::fabs(t.d3q[n] / t.d3[n] - 1) + 1e-12);
        }
    }
    if (qccType == "R" && !rangeSigma)
        tableTol = 1e-9;

    // Point labels and count.
    const auto labels = ref["labels"].toArray();
    QCOMPARE(points.size(), labels.size());
    QCOMPARE(points.size(), ref["n_points"].toInt());
    const auto phase = toInts(ref["phase"].toArray());
    bool positionalLabels = c.removeSamples.size() > 0 || QString::fromLatin1(c.csv) == "orangejuice2.csv";
    for (int i = 0; i < labels.size() && positionalLabels; ++i)
        positionalLabels = labels[i].toString() == QString::number(i + 1);
    for (int i = 0; i < points.size(); ++i) {
        const QJsonObject p = points[i].toObject();
        QCOMPARE(p["phase"].toInt(), phase[static_cast<std::size_t>(i)]);
        // qcc's MR charts are R charts of pairs numbered 1..n-1; ours label each moving range
        // with the observation that closes it.
        // Where qcc got a bare vector its labels are positions 1..N, while ours are the sample
        // column; then only the count is comparable (checked above).
        const bool movingRange = QString::fromLatin1(c.type) == "imr" && c.chartIndex == 1;
        if (movingRange)
            QCOMPARE(p["label"].toString(), QString::number(i + 2));
        else if (!positionalLabels)
            QCOMPARE(p["label"].toString(), labels[i].toString());
    }

    // The plotted statistics are exact arithmetic on the data.
    const auto stats = toDoubles(ref["statistics"].toArray());
    for (int i = 0; i < points.size(); ++i)
        GEMBA_COMPARE_REL(points[i].toObject()["value"].toDouble(), stats[static_cast<std::size_t>(i)], 1e-12);

    // Sigma. qcc reports the process sigma for variables charts, sqrt(pbar(1-pbar)/n) for p,
    // sqrt(n pbar(1-pbar)) for np and sqrt(cbar) / sqrt(ubar) for c and u.
    const double sigma = chart["sigma"].toDouble();
    if (variables) {
        GEMBA_COMPARE_REL(sigma, ref["std_dev"].toDouble(), tableTol);
    } else if (qccType == "p") {
        GEMBA_COMPARE_REL(sigma / std::sqrt(sizes[0]), ref["std_dev"].toDouble(), 1e-12);
    } else if (qccType == "np") {
        GEMBA_COMPARE_REL(sigma * std::sqrt(sizes[0]), ref["std_dev"].toDouble(), 1e-12);
    } else {
        GEMBA_COMPARE_REL(sigma, ref["std_dev"].toDouble(), 1e-12);
    }
    QCOMPARE(chart["sigma_method"].toString().isEmpty(), false);

    // R and S charts with unequal sizes: qcc draws a flat center where we follow Minitab
    // (center d2(n)σ, c4(n)σ); those lines are checked by hand in tst_controlchart.
    if (spreadChart && limitsVary)
        return;

    // Center line and limits of every point. Limits are compared as distances from the
    // center so the tolerance applies to the part that depends on sigma.
    const auto centers = toDoubles(ref["center_line"].toArray());
    const auto lcl = toDoubles(ref["lcl"].toArray());
    const auto ucl = toDoubles(ref["ucl"].toArray());
    const double centerTol = spreadChart ? tableTol : 1e-12;
    for (int i = 0; i < points.size(); ++i) {
        const QJsonObject p = points[i].toObject();
        const auto k = static_cast<std::size_t>(i);
        GEMBA_COMPARE_REL(p["center"].toDouble(), centers[k], centerTol);
        GEMBA_COMPARE_REL(p["ucl"].toDouble() - p["center"].toDouble(), ucl[k] - centers[k], tableTol);
        if (lcl[k] == 0)
            QCOMPARE(p["lcl"].toDouble(), 0.0);
        else
            GEMBA_COMPARE_REL(p["center"].toDouble() - p["lcl"].toDouble(), centers[k] - lcl[k], tableTol);
    }

    // Special-cause tests. Tests 5-8 use zones in sigma units; qcc scales them with nsigmas,
    // so they are only comparable at 3 sigma. Where limits vary qcc judges a whole 2-of-3 /
    // 4-of-5 window by the zones of its last point, we by each point's own (as Minitab).
    //
    // qcc runs every Nelson rule on every chart. We follow Minitab: R, S, MR and attribute
    // charts (skewed statistics) run only tests 1-4 (specialcausetests.h). On those charts a
    // test 5-8 must flag nothing, and qcc's flags for it are compared with the core engine
    // run on the same points, so the engine stays checked against qcc on these series.
    const bool symmetric = qccType == "xbar" || qccType == "xbar.one";
    QList<int> expectedRun{1, 2, 3, 4};
    if (symmetric)
        expectedRun << 5 << 6 << 7 << 8;
    QList<int> testsRun;
    for (const auto& t : chart["tests_run"].toArray())
        testsRun << t.toInt();
    QCOMPARE(testsRun, expectedRun);
    const QJsonObject viol = ref["violations"].toObject();
    const QJsonObject nel = viol["nelson"].toObject();
    const QStringList nelKeys = nel.keys();
    for (int test = 1; test <= 8; ++test) {
        if (test >= 5 && nsigmas != 3)
            continue;
        if ((test == 5 || test == 6) && limitsVary)
            continue;
        QString key;
        for (const auto& k : nelKeys)
            if (k.startsWith(QStringLiteral("rule%1_").arg(test)))
                key = k;
        QVERIFY2(!key.isEmpty(), "reference file lacks a Nelson rule");
        const QSet<int> expected = toSet(nel[key]);
        if (!testsRun.contains(test)) {
            QVERIFY2(flagged(points, test).isEmpty(), qPrintable(QStringLiteral("test %1 ran").arg(test)));
            const QSet<int> engine = engineFlags(points, test, nsigmas);
            QVERIFY2(engine == expected, qPrintable(QStringLiteral("engine, test %1: got %2, qcc %3")
                                                        .arg(test).arg(describe(engine), describe(expected))));
            continue;
        }
        const QSet<int> got = flagged(points, test);
        QVERIFY2(got == expected, qPrintable(QStringLiteral("test %1: got %2, qcc %3")
                                                 .arg(test).arg(describe(got), describe(expected))));
    }
    QCOMPARE(flagged(points, 1), toSet(viol["beyond_limits"]));

    // Test 2 with other K: Western Electric's 8 in a row and qcc's same-side runs of 7, 8, 9.
    const QJsonObject runs = viol["same_side_runs"].toObject();
    for (int k : {7, 8, 9}) {
        const QJsonObject r = runChart(base + QStringList{"--json"} + tests(QStringLiteral("2:%1").arg(k)));
        const QJsonArray pts = r["charts"].toArray()[c.chartIndex].toObject()["points"].toArray();
        const QSet<int> expected = toSet(runs[QStringLiteral("run_length_%1").arg(k)]);
        QVERIFY2(flagged(pts, 2) == expected, qPrintable(QStringLiteral("run length %1: got %2, qcc %3")
                                                             .arg(k).arg(describe(flagged(pts, 2)), describe(expected))));
    }
    const QSet<int> we4 = toSet(viol["western_electric"].toObject()["rule4_8_in_a_row_same_side"]);
    const QJsonObject we = runChart(base + QStringList{"--json"} + tests("western-electric"));
    const QJsonArray wePoints = we["charts"].toArray()[c.chartIndex].toObject()["points"].toArray();
    QCOMPARE(flagged(wePoints, 2), we4);
    QCOMPARE(we["rules"].toObject()["name"].toString(), QStringLiteral("western-electric"));
}

QTEST_GUILESS_MAIN(TestChartReference)
#include "tst_chartreference.moc"
