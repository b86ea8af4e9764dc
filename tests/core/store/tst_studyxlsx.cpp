// Tests of store/studyxlsx: the workbook's three sheets read back from the zip (unzip -p), with
// numbers stored as numbers, bold headers, column widths, and the summary and validity figures.
#include "store/project.h"
#include "store/studyxlsx.h"

#include "storetestsupport.h"
#include "xlsxcells.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace gemba;
using namespace gemba::store;
using namespace gemba::study;
using gemba::test::XlsxCell;

class TestStudyXlsx : public QObject {
    Q_OBJECT

private slots:
    void writesThreeSheets();
    void unknownStudyAndUnwritablePath();

private:
    // Press line: Load, Fit. Unrated, 10 % of normal time. Cycle 1: Load 0-2 s, Fit 2-5 s;
    // cycle 2: Load 5-7 s, Fit 7.5-10 s; cycle 3: Load 10-14 s, excluded ("dropped part").
    Id makeStudy(Project& p)
    {
        Process process{0, "Press line", ""};
        if (!p.addProcess(process))
            qFatal("addProcess");
        for (const char* name : {"Load", "Fit"}) {
            Step s;
            s.processId = process.id;
            s.position = -1;
            s.name = name;
            s.description = std::string(name) + " it";
            if (!p.addStep(s))
                qFatal("addStep");
            m_steps.push_back(s);
        }
        Study s;
        s.processId = process.id;
        s.date = "2026-12-03";
        s.observer = "Ana";
        s.ratingMethod = RatingMethod::None;
        s.allowancePercent = 10;
        if (!p.addStudy(s))
            qFatal("addStudy");
        struct Row {
            int cycle;
            int step;
            double start, end;
            bool excluded;
        };
        const Row rows[] = {{1, 0, 0, 2, false}, {1, 1, 2, 5, false}, {2, 0, 5, 7, false},
                            {2, 1, 7.5, 10, false}, {3, 0, 10, 14, true}};
        std::vector<Cycle> cycles;
        for (int n = 1; n <= 3; ++n) {
            Cycle c{0, s.id, n};
            if (!p.addCycle(c))
                qFatal("addCycle");
            cycles.push_back(c);
        }
        for (const Row& r : rows) {
            Observation o;
            o.studyId = s.id;
            o.cycleId = cycles[static_cast<std::size_t>(r.cycle - 1)].id;
            o.stepId = m_steps[static_cast<std::size_t>(r.step)].id;
            o.startUs = static_cast<std::int64_t>(r.start * 1e6);
            o.endUs = static_cast<std::int64_t>(r.end * 1e6);
            o.durationUs = o.endUs - o.startUs;
            o.wallStartUs = 1'796'256'000'000'000 + o.startUs;   // 2026-12-03T00:00:00Z
            o.excluded = r.excluded;
            if (r.excluded)
                o.excludedReason = "dropped part";
            if (!p.addObservation(o))
                qFatal("addObservation");
        }
        return s.id;
    }

    std::vector<Step> m_steps;
};

void TestStudyXlsx::writesThreeSheets()
{
    QTemporaryDir dir;
    GEMBA_TRY(project, Project::open(dir.filePath("p.gemba").toStdString()));
    const Id studyId = makeStudy(**project);
    const std::string out = dir.filePath("study.xlsx").toStdString();
    GEMBA_TRY(r, exportStudyXlsx(**project, studyId, out));
    QCOMPARE(r->steps, std::int64_t(2));
    QCOMPARE(r->observations, std::int64_t(5));

    const auto book = test::readXlsx(QString::fromStdString(out));
    QCOMPARE(book.sheetNames, QStringList({"Elements", "Observations", "Summary"}));

    // Elements: bold header (a style), numbers as numbers, widths set.
    const auto& elements = book.sheets[0];
    QCOMPARE(elements.cells["A1"].text, QString("position"));
    QVERIFY(elements.cells["A1"].styled);
    QVERIFY(!elements.cells["B2"].styled);
    QVERIFY(book.boldStyles.contains(elements.cells["A1"].style));
    QVERIFY(elements.hasColumnWidths);
    QCOMPARE(elements.cells["A2"].type, XlsxCell::Number);
    QCOMPARE(elements.cells["A2"].number, 1.0);
    QCOMPARE(elements.cells["B2"].text, QString("Load"));
    QCOMPARE(elements.cells["C3"].text, QString("Fit it"));
    QCOMPARE(elements.cells["E2"].text, QString("cyclic"));
    QCOMPARE(elements.cells["H2"].number, 1.0);   // occurs once per cycle
    QCOMPARE(elements.cells["O3"].type, XlsxCell::Number);
    QCOMPARE(elements.cells["O3"].number, 10.0);   // allowance %

    // Observations: every one in start order, times in seconds, flags as booleans.
    const auto& obs = book.sheets[1];
    QCOMPARE(obs.cells["A1"].text, QString("cycle"));
    QCOMPARE(obs.cells["A6"].number, 3.0);
    QCOMPARE(obs.cells["B6"].text, QString("Load"));
    QCOMPARE(obs.cells["D5"].number, 7.5);
    QCOMPARE(obs.cells["F5"].number, 2.5);
    QCOMPARE(obs.cells["F6"].number, 4.0);
    QCOMPARE(obs.cells["H2"].text, QString("2026-12-03T00:00:00Z"));
    QCOMPARE(obs.cells["H5"].text, QString("2026-12-03T00:00:07.500000Z"));
    QVERIFY(!obs.cells.contains("I2"));   // not rated: empty, not 0
    QCOMPARE(obs.cells["L6"].type, XlsxCell::Boolean);
    QCOMPARE(obs.cells["L6"].number, 1.0);
    QCOMPARE(obs.cells["L5"].number, 0.0);
    QCOMPARE(obs.cells["M6"].text, QString("dropped part"));

    // Summary: details, one row per element, the cycle and the validity.
    // Load 2, 2 s (the excluded 4 s does not count): basic 2 s, standard 2 × 1.1 = 2.2 s;
    // Fit 3, 2.5 s: basic 2.75 s, standard 3.025 s. Cycle: basic 4.75 s, standard 5.225 s,
    // 3600 / 5.225 = 688.995... pieces per hour. Validity: elapsed 14 s (0 to 14), recorded
    // 2 + 3 + 2 + 2.5 + 4 = 13.5 s: 0.5 / 14 = 3.571... %, above 2 %.
    const auto& sum = book.sheets[2];
    QCOMPARE(sum.cells["A1"].text, QString("process"));
    QCOMPARE(sum.cells["B1"].text, QString("Press line"));
    QCOMPARE(sum.cells["A16"].text, QString("selected time"));
    QCOMPARE(sum.cells["B16"].text, QString("mean"));
    QCOMPARE(sum.cells["A19"].text, QString("step"));
    QCOMPARE(sum.cells["A20"].text, QString("Load"));
    QCOMPARE(sum.cells["E20"].number, 2.0);   // n
    QCOMPARE(sum.cells["K20"].number, 2.0);   // basic
    QCOMPARE(sum.cells["L20"].number, 10.0);  // allowance %
    QVERIFY(qAbs(sum.cells["M20"].number - 2.2) < 1e-12);
    QVERIFY(qAbs(sum.cells["O21"].number - 3.025) < 1e-12);
    QCOMPARE(sum.cells["A24"].text, QString("cycle standard s"));
    QVERIFY(qAbs(sum.cells["B24"].number / 5.225 - 1) < 1e-12);
    QCOMPARE(sum.cells["A26"].text, QString("pieces per hour"));
    QVERIFY(qAbs(sum.cells["B26"].number / (3600 / 5.225) - 1) < 1e-12);
    QCOMPARE(sum.cells["A30"].text, QString("elapsed s"));
    QCOMPARE(sum.cells["B30"].number, 14.0);
    QCOMPARE(sum.cells["B31"].number, 13.5);
    QVERIFY(qAbs(sum.cells["B32"].number / (100 * 0.5 / 14) - 1) < 1e-12);
    QCOMPARE(sum.cells["B33"].type, XlsxCell::Boolean);
    QCOMPARE(sum.cells["B33"].number, 1.0);
}

void TestStudyXlsx::unknownStudyAndUnwritablePath()
{
    QTemporaryDir dir;
    GEMBA_TRY(project, Project::open(dir.filePath("p.gemba").toStdString()));
    const Id studyId = makeStudy(**project);
    auto unknown = exportStudyXlsx(**project, studyId + 100, dir.filePath("x.xlsx").toStdString());
    QVERIFY(!unknown.hasValue());
    QCOMPARE(unknown.error().code, ErrorCode::InvalidArgument);
    const std::string bad = dir.filePath("no/such/folder/x.xlsx").toStdString();
    auto unwritable = exportStudyXlsx(**project, studyId, bad);
    QVERIFY(!unwritable.hasValue());
    QCOMPARE(unwritable.error().code, ErrorCode::IoError);
    QVERIFY(!QFile::exists(QString::fromStdString(bad)));
}

QTEST_GUILESS_MAIN(TestStudyXlsx)
#include "tst_studyxlsx.moc"
