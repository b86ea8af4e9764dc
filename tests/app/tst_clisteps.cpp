// `gemba import PROJECT --steps FILE --process NAME` (element lists from a file, all or nothing)
// and the issue-8 figures of `gemba summary`: kind, frequency, selected, basic and standard time,
// per-cycle contributions, pieces per hour, standard hours per 100 units and the validity.
#include "clirunner.h"
#include "referencedata.h"
#include "xlsxcells.h"

#include "store/project.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

using namespace gemba;
using namespace gemba::study;

namespace {

using Result = test::CliResult;

Result run(const QStringList& args) { return test::runCli(args); }

QByteArray describe(const QStringList& args, const Result& r)
{
    return ("gemba " + args.join(' ') + " -> " + QString::number(r.status) + "\nstdout: " + QString::fromUtf8(r.out) +
            "\nstderr: " + QString::fromUtf8(r.err))
        .toUtf8();
}

QJsonObject json(const Result& r) { return QJsonDocument::fromJson(r.out).object(); }

std::unique_ptr<store::Project> open(const QString& path, store::OpenMode mode = store::OpenMode::ReadWrite)
{
    auto p = store::Project::open(path.toStdString(), mode);
    if (!p)
        qFatal("cannot open %s: %s", qPrintable(path), p.error().message.c_str());
    return std::move(*p);
}

const char* const kSteps = "name,type,kind,every,value_class,description,inside,personal,basic_fatigue,"
                           "variable_fatigue,delay\n"
                           "Load,manual,cyclic,,value-adding,Load the blank,,,,,\n"
                           "Press,machine,machine,,necessary-non-value-adding,Press stroke,,,,,2\n"
                           "Deburr,manual,cyclic,,value-adding,Deburr the last part,Press,,,,\n"
                           "Reel change,manual,occasional,20,necessary-non-value-adding,New reel,,,,,\n";

} // namespace

class TestCliSteps : public QObject {
    Q_OBJECT

private slots:
    void init() { m_dir = std::make_unique<QTemporaryDir>(); }

    void importsAnElementList();
    void badFileNamesLineAndColumnAndWritesNothing();
    void existingStepsNeedReplace();
    void replaceIsRefusedWhileTheProcessHasStudies();
    void summaryPerCycleFiguresAndValidity();
    void exportXlsx();
    void summaryOfOccasionalMachineAndInternalWork();

private:
    QString path(const char* name) const { return m_dir->filePath(QString::fromLatin1(name)); }
    QString write(const char* name, const QByteArray& text) const
    {
        QFile f(path(name));
        if (!f.open(QIODevice::WriteOnly))
            qFatal("cannot write %s", name);
        f.write(text);
        return f.fileName();
    }

    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestCliSteps::importsAnElementList()
{
    const QString project = path("p.gemba");
    const QStringList args = {"import", project, "--steps", write("s.csv", kSteps), "--process", "Press line", "--json"};
    const Result r = run(args);
    QVERIFY2(r.status == 0, describe(args, r));
    const QJsonObject o = json(r);
    QCOMPARE(o["project_created"].toBool(), true);
    QCOMPARE(o["process_created"].toBool(), true);
    QCOMPARE(o["process"].toString(), QString("Press line"));
    QCOMPARE(o["steps"].toInt(), 4);
    QCOMPARE(o["steps_replaced"].toInt(), 0);

    auto p = open(project, store::OpenMode::ReadOnly);
    const auto processes = *p->processes();
    QCOMPARE(processes.size(), std::size_t(1));
    const auto steps = *p->steps(processes[0].id);
    QCOMPARE(steps.size(), std::size_t(4));
    QCOMPARE(steps[0].name, std::string("Load"));
    QVERIFY(steps[1].type == StepType::Machine);
    QCOMPARE(steps[2].description, std::string("Deburr the last part"));
    QVERIFY(steps[3].valueClass == ValueClass::NecessaryNonValueAdding);

    // The readable form says what was done.
    const QString other = path("q.gemba");
    const Result text = run({"import", other, "--steps", path("s.csv"), "--process", "Line 2"});
    QCOMPARE(text.status, 0);
    QVERIFY2(text.out.contains("Imported 4 steps") && text.out.contains("'Line 2' (new)"), text.out.constData());
}

void TestCliSteps::badFileNamesLineAndColumnAndWritesNothing()
{
    const QString project = path("p.gemba");
    const QString csv = write("bad.csv", "name,type,kind,every,value_class,description\n"
                                         "Load,manual,cyclic,,,\n"
                                         "Reel change,manual,occasional,0,,\n");
    const QStringList args = {"import", project, "--steps", csv, "--process", "Press line"};
    const Result r = run(args);
    QCOMPARE(r.status, 1);
    QVERIFY2(r.err.contains((csv + ":3:4: 'every' must be more than 0, not 0 (column 'every')").toUtf8()),
             describe(args, r));
    QVERIFY(!QFile::exists(project));   // the project this command would have created is gone

    // A missing column is a usage error (exit 2), as with every import.
    const Result missing =
        run({"import", project, "--steps", write("m.csv", "name,type,kind\nA,manual,cyclic\n"), "--process", "X"});
    QCOMPARE(missing.status, 2);
    QVERIFY2(missing.err.contains("every"), missing.err.constData());
    QVERIFY(!QFile::exists(project));
}

void TestCliSteps::existingStepsNeedReplace()
{
    const QString project = path("p.gemba");
    QCOMPARE(run({"import", project, "--steps", write("s.csv", kSteps), "--process", "Press line"}).status, 0);
    const QString shorter = write("t.csv", "name,type,kind,every,value_class,description\nOnly,walk,cyclic,,,\n");
    const QStringList args = {"import", project, "--steps", shorter, "--process", "Press line"};
    const Result refused = run(args);
    QCOMPARE(refused.status, 1);
    QVERIFY2(refused.err.contains("process 'Press line' already has 4 steps; replace them, or import into a new "
                                  "process (--replace replaces them while the process has no studies)"),
             describe(args, refused));
    {
        auto p = open(project, store::OpenMode::ReadOnly);
        QCOMPARE(p->steps(p->processes()->front().id)->size(), std::size_t(4));
    }

    const Result replaced = run({"import", project, "--steps", shorter, "--process", "Press line", "--replace",
                                 "--json"});
    QVERIFY2(replaced.status == 0, describe(args, replaced));
    QCOMPARE(json(replaced)["steps_replaced"].toInt(), 4);
    QCOMPARE(json(replaced)["process_created"].toBool(), false);
    auto p = open(project, store::OpenMode::ReadOnly);
    const auto steps = *p->steps(p->processes()->front().id);
    QCOMPARE(steps.size(), std::size_t(1));
    QCOMPARE(steps[0].name, std::string("Only"));
}

void TestCliSteps::replaceIsRefusedWhileTheProcessHasStudies()
{
    const QString project = path("p.gemba");
    QCOMPARE(run({"import", project, "--steps", write("s.csv", kSteps), "--process", "Press line"}).status, 0);
    QCOMPARE(run({"import", project, write("o.csv", "step,cycle,duration_s\nLoad,1,2\n"), "--process", "Press line"})
                 .status,
             0);
    const QStringList args = {"import", project, "--steps",   write("t.csv", "name,type,kind,every,value_class,"
                                                                             "description\nOnly,walk,cyclic,,,\n"),
                              "--process", "Press line", "--replace"};
    const Result r = run(args);
    QCOMPARE(r.status, 1);
    QVERIFY2(r.err.contains("process 'Press line' has 1 study timed against its steps, so they cannot be replaced; "
                            "import the list into a new process"),
             describe(args, r));
    auto p = open(project, store::OpenMode::ReadOnly);
    QCOMPARE(p->steps(p->processes()->front().id)->size(), std::size_t(4));
}

void TestCliSteps::summaryPerCycleFiguresAndValidity()
{
    // Two cyclic steps timed with start and end: A 0-2 s, B 2-5 s, A 5-7 s, B 7.5-10 s (half a
    // second between 7 and 7.5 s went unrecorded). Unrated; the new study's allowance is 15 % of
    // normal time (study/newstudy.h).
    const QString project = path("p.gemba");
    QCOMPARE(run({"import", project,
                  write("o.csv", "step,cycle,start_s,end_s\nA,1,0,2\nB,1,2,5\nA,2,5,7\nB,2,7.5,10\n"), "--process",
                  "P"})
                 .status,
             0);
    const QStringList args = {"summary", project, "--json"};
    const Result r = run(args);
    QVERIFY2(r.status == 0, describe(args, r));
    const QJsonObject o = json(r);
    QCOMPARE(o["study"].toObject()["selected_time"].toString(), QString("mean"));
    const QJsonArray steps = o["steps"].toArray();
    QCOMPARE(steps.size(), 2);
    // A: 2, 2 s: basic 2 s, standard 2 × 1.15 = 2.3 s. B: 3, 2.5 s: basic 2.75 s, standard 3.1625 s.
    const QJsonObject a = steps[0].toObject();
    QCOMPARE(a["kind"].toString(), QString("cyclic"));
    QCOMPARE(a["frequency"].toString(), QString("every cycle"));
    QCOMPARE(a["occurrences_per_cycle"].toDouble(), 1.0);
    QCOMPARE(a["selected_seconds"].toDouble(), 2.0);
    QCOMPARE(a["basic_seconds"].toDouble(), 2.0);
    QCOMPARE(a["allowance_percent"].toDouble(), 15.0);
    GEMBA_COMPARE_REL(a["standard_seconds"].toDouble(), 2.3, 1e-14);
    QCOMPARE(a["basic_per_cycle_seconds"].toDouble(), 2.0);
    GEMBA_COMPARE_REL(a["standard_per_cycle_seconds"].toDouble(), 2.3, 1e-14);
    QCOMPARE(a["internal_work"].toBool(), false);
    QVERIFY(a["inside"].isNull());
    const QJsonObject b = steps[1].toObject();
    GEMBA_COMPARE_REL(b["selected_seconds"].toDouble(), 2.75, 1e-14);
    GEMBA_COMPARE_REL(b["median_seconds"].toDouble(), 2.75, 1e-14);
    GEMBA_COMPARE_REL(b["standard_per_cycle_seconds"].toDouble(), 3.1625, 1e-14);

    // Per cycle: basic 2 + 2.75 = 4.75 s, standard 2.3 + 3.1625 = 5.4625 s; one unit per cycle:
    // 3600 / 5.4625 = 659.0389... pieces per hour, 5.4625 × 100 / 3600 = 0.151736... standard hours
    // per 100 units; nothing hidden inside machine time.
    const QJsonObject cycle = o["cycle"].toObject();
    GEMBA_COMPARE_REL(cycle["basic_seconds"].toDouble(), 4.75, 1e-14);
    GEMBA_COMPARE_REL(cycle["standard_seconds"].toDouble(), 5.4625, 1e-14);
    GEMBA_COMPARE_REL(cycle["pieces_per_hour"].toDouble(), 3600 / 5.4625, 1e-14);
    GEMBA_COMPARE_REL(cycle["standard_hours_per_100_units"].toDouble(), 5.4625 * 100 / 3600, 1e-14);
    QCOMPARE(cycle["hidden_internal_seconds"].toDouble(), 0.0);
    QCOMPARE(cycle["units_per_cycle"].toDouble(), 1.0);

    // Validity: elapsed 10 s from the first start to the last end, recorded 2 + 3 + 2 + 2.5 = 9.5 s:
    // |10 − 9.5| / 10 = 5 %, above the 2 % limit.
    const QJsonObject v = o["validity"].toObject();
    QCOMPARE(v["elapsed_seconds"].toDouble(), 10.0);
    QCOMPARE(v["recorded_seconds"].toDouble(), 9.5);
    GEMBA_COMPARE_REL(v["recording_error"].toDouble(), 0.05, 1e-14);
    QCOMPARE(v["limit"].toDouble(), 0.02);
    QCOMPARE(v["flagged"].toBool(), true);
    QCOMPARE(v["readings"].toInt(), 4);

    const Result text = run({"summary", project});
    QCOMPARE(text.status, 0);
    QVERIFY2(text.out.contains("Selected time: the mean.") &&
                 text.out.contains("Per cycle (1 units per cycle): basic 4.75 s, standard 5.4625 s; 659.04 pieces per hour; "
                                   "0.15174 standard hours per 100 units") &&
                 text.out.contains("Validity: elapsed 10 s, recorded 9.5 s, recording error 5 % - above 2 %: repeat "
                                   "the study"),
             text.out.constData());
}

void TestCliSteps::exportXlsx()
{
    const QString project = path("p.gemba");
    QCOMPARE(run({"import", project,
                  write("o.csv", "step,cycle,start_s,end_s\nA,1,0,2\nB,1,2,5\nA,2,5,7\nB,2,7.5,10\n"), "--process",
                  "P"})
                 .status,
             0);
    const QString out = path("study.xlsx");
    const QStringList args = {"export", project, "--xlsx", out};
    const Result r = run(args);
    QVERIFY2(r.status == 0, describe(args, r));
    QVERIFY2(r.out.contains("Exported 2 steps and 4 observations of process 'P'"), r.out.constData());
    const auto book = test::readXlsx(out);
    QCOMPARE(book.sheetNames, QStringList({"Elements", "Observations", "Summary"}));
    QCOMPARE(book.sheets[1].cells["B5"].text, QString("B"));
    QCOMPARE(book.sheets[1].cells["F5"].number, 2.5);
    // Validity in the summary: elapsed 10 s, recorded 9.5 s (see summaryPerCycleFiguresAndValidity).
    QCOMPARE(book.sheets[2].cells["B30"].number, 10.0);
    QCOMPARE(book.sheets[2].cells["B31"].number, 9.5);

    const Result both = run({"export", project, "--xlsx", out, "-o", path("x.csv")});
    QCOMPARE(both.status, 2);
    QVERIFY2(both.err.contains("give either --output (CSV) or --xlsx, not both"), both.err.constData());
}

void TestCliSteps::summaryOfOccasionalMachineAndInternalWork()
{
    // The element list of kSteps, then two cycles timed against it (unrated; the new study's
    // 15 % PF&D not split by category, of normal time):
    //   Load 4, 4 s; Press 10, 10 s (machine: its own delay 2 %, no PF&D); Deburr 6, 6 s inside
    //   Press; Reel change 120 s once (every 20 cycles).
    const QString project = path("p.gemba");
    QCOMPARE(run({"import", project, "--steps", write("s.csv", kSteps), "--process", "Press line"}).status, 0);
    const QStringList importArgs = {"import", project,
                                    write("o.csv", "step,cycle,duration_s\nLoad,1,4\nPress,1,10\nDeburr,1,6\n"
                                                   "Reel change,1,120\nLoad,2,4\nPress,2,10\nDeburr,2,6\n"),
                                    "--process", "Press line", "--no-new-steps"};
    const Result imported = run(importArgs);
    QVERIFY2(imported.status == 0, describe(importArgs, imported));
    const QStringList args = {"summary", project, "--json"};
    const Result r = run(args);
    QVERIFY2(r.status == 0, describe(args, r));
    const QJsonArray steps = json(r)["steps"].toArray();
    QCOMPARE(steps.size(), 4);
    const QJsonObject load = steps[0].toObject(), press = steps[1].toObject(), deburr = steps[2].toObject(),
                      reel = steps[3].toObject();
    // Load: 4 s × 1.15 = 4.6 s.
    GEMBA_COMPARE_REL(load["standard_per_cycle_seconds"].toDouble(), 4.6, 1e-14);
    // Press: machine-controlled, only its delay category: 10 × 1.02 = 10.2 s.
    QCOMPARE(press["kind"].toString(), QString("machine"));
    QCOMPARE(press["allowance_percent"].toDouble(), 2.0);
    QCOMPARE(press["allowances"].toObject()["delay"].toDouble(), 2.0);
    QCOMPARE(press["allowances"].toObject()["personal"].toDouble(), 0.0);
    GEMBA_COMPARE_REL(press["standard_seconds"].toDouble(), 10.2, 1e-14);
    // Deburr: internal work inside Press, 6 × 1.15 = 6.9 s, hidden inside Press's 10.2 s.
    QCOMPARE(deburr["internal_work"].toBool(), true);
    QCOMPARE(deburr["inside"].toString(), QString("Press"));
    GEMBA_COMPARE_REL(deburr["standard_per_cycle_seconds"].toDouble(), 6.9, 1e-14);
    // Reel change: 120 s every 20 cycles = 120 × 1/20 = 6 s of basic time per cycle, 6.9 s standard.
    QCOMPARE(reel["kind"].toString(), QString("occasional"));
    QCOMPARE(reel["frequency"].toString(), QString("every 20 cycles"));
    QCOMPARE(reel["every"].toDouble(), 20.0);
    GEMBA_COMPARE_REL(reel["occurrences_per_cycle"].toDouble(), 0.05, 1e-14);
    QCOMPARE(reel["basic_seconds"].toDouble(), 120.0);
    GEMBA_COMPARE_REL(reel["basic_per_cycle_seconds"].toDouble(), 6.0, 1e-14);
    GEMBA_COMPARE_REL(reel["standard_per_cycle_seconds"].toDouble(), 6.9, 1e-14);

    // Per cycle: external Load 4 + Reel 6 + max(Press 10, Deburr 6) = 20 s basic; standard
    // 4.6 + 6.9 + max(10.2, 6.9) = 21.7 s, with Deburr's 6.9 s hidden; 3600 / 21.7 pieces per hour.
    const QJsonObject cycle = json(r)["cycle"].toObject();
    GEMBA_COMPARE_REL(cycle["basic_seconds"].toDouble(), 20.0, 1e-14);
    GEMBA_COMPARE_REL(cycle["standard_seconds"].toDouble(), 21.7, 1e-14);
    GEMBA_COMPARE_REL(cycle["hidden_internal_seconds"].toDouble(), 6.9, 1e-14);
    GEMBA_COMPARE_REL(cycle["pieces_per_hour"].toDouble(), 3600 / 21.7, 1e-14);
    QCOMPARE(cycle["complete_cycles"].toInt(), 2);   // the reel change is not expected every cycle

    const Result text = run({"summary", project});
    QCOMPARE(text.status, 0);
    QVERIFY2(text.out.contains("every 20 cycles") && text.out.contains("inside Press") &&
                 text.out.contains("Per cycle (1 units per cycle): basic 20 s, standard 21.7 s"),
             text.out.constData());
}

QTEST_GUILESS_MAIN(TestCliSteps)
#include "tst_clisteps.moc"
