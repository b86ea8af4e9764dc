// `gemba import`, `gemba summary` and `gemba export`: projects from the command line, with the
// exit codes of every command (0 ok, 1 bad data or a refused project, 2 usage), and an
// export -> import -> summary round trip that keeps every field of every observation.
#include "clirunner.h"
#include "referencedata.h"
#include "observationcompare.h"

#include "store/project.h"
#include "study/newstudy.h"
#include "study/stepsummary.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

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

QByteArray readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

std::unique_ptr<store::Project> open(const QString& path, store::OpenMode mode = store::OpenMode::ReadWrite)
{
    auto p = store::Project::open(path.toStdString(), mode);
    if (!p)
        qFatal("cannot open %s: %s", qPrintable(path), p.error().message.c_str());
    return std::move(*p);
}

// Times of a small study, laid end to end: Pick 4.1, 4.3, 4.2 s rated 110, 105, - %; Fit 6.0,
// 6.2, 5.9 s unrated.
const char* kTimes = "step,cycle,duration_s,rating_percent,note\n"
                     "Pick,1,4.1,110,\n"
                     "Fit,1,6.0,,\n"
                     "Pick,2,4.3,105,\"slow, dropped a screw\"\n"
                     "Fit,2,6.2,,\n"
                     "Pick,3,4.2,,\n"
                     "Fit,3,5.9,,\n";

} // namespace

class TestCliProject : public QObject {
    Q_OBJECT
private slots:
    void init() { m_dir = std::make_unique<QTemporaryDir>(); }

    void importCreatesProjectProcessAndSteps();
    void importWithoutRatingsMakesAnUnratedStudy();
    void importIsAllOrNothing();
    void importColumnOptions();
    void summaryJsonValues();
    void roundTripKeepsEveryField();
    void defaultStudyAndChoice();
    void refusedProjects();
    void damagedProjectIsReadOnly();
    void usageErrors_data();
    void usageErrors();

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
    // A project whose study has foreign elements, an abnormal and excluded time with a reason,
    // a suspend, ratings, wall-clock starts and notes that need quoting.
    QString projectWithStatus(std::vector<Observation>* written = nullptr) const;

    std::unique_ptr<QTemporaryDir> m_dir;
};

QString TestCliProject::projectWithStatus(std::vector<Observation>* written) const
{
    const QString file = path("status.gemba");
    auto p = open(file);
    Process proc{0, "Assembly", ""};
    if (!p->addProcess(proc))
        qFatal("addProcess");
    std::vector<Step> steps;
    for (const char* name : {"Pick", "Fit", "Check"}) {
        Step s;
        s.processId = proc.id;
        s.position = -1;
        s.name = name;
        if (!p->addStep(s))
            qFatal("addStep");
        steps.push_back(s);
    }
    Study study;
    study.processId = proc.id;
    study.date = "2026-11-23";
    study.observer = "Ana";
    study.notes = "morning";
    study.allowancePercent = 15;
    study.startedWallUs = 1'795'425'302'000'000;
    if (!p->addStudy(study))
        qFatal("addStudy");
    std::int64_t t = 7'000'000;
    for (int number = 1; number <= 2; ++number) {
        Cycle c{0, study.id, number};
        if (!p->addCycle(c))
            qFatal("addCycle");
        auto add = [&](const Step& step, std::int64_t us, bool foreign) {
            Observation o;
            o.studyId = study.id;
            o.cycleId = c.id;
            o.stepId = step.id;
            o.startUs = t;
            o.durationUs = us;
            o.endUs = t + us + (foreign ? 0 : 3);   // a little pause inside the step times
            o.wallStartUs = study.startedWallUs + t;
            o.foreignElement = foreign;
            t = o.endUs + 250'000;
            return o;
        };
        std::vector<Observation> cycle = {add(steps[0], 4'000'000 + number * 100'000, false),
                                          add(steps[0], 12'500'000, true), add(steps[1], 6'000'000 + number, false),
                                          add(steps[2], 2'000'000, false)};
        cycle[0].ratingPercent = 110;
        cycle[1].note = "dropped the part, \"again\"";
        cycle[3].ratingPercent = 95.5;
        if (number == 2) {
            cycle[2].abnormal = true;
            cycle[2].excluded = true;
            cycle[2].excludedReason = "tool broke";
            cycle[2].spansSuspend = true;
            cycle[2].note = "  padded  ";
        }
        for (auto& o : cycle) {
            if (!p->addObservation(o))
                qFatal("addObservation");
            if (written)
                written->push_back(o);
        }
    }
    return file;
}

void TestCliProject::importCreatesProjectProcessAndSteps()
{
    const QString csv = write("times.csv", kTimes);
    const QString project = path("new.gemba");
    const QStringList args = {"import", project, csv, "--process", "Assembly", "--study", "pilot", "--json"};
    const Result r = run(args);
    QVERIFY2(r.status == 0, describe(args, r));
    const QJsonObject o = json(r);
    QCOMPARE(o["project_created"].toBool(), true);
    QCOMPARE(o["process_created"].toBool(), true);
    QCOMPARE(o["observations"].toInt(), 6);
    QCOMPARE(o["cycles"].toInt(), 3);
    QCOMPARE(o["steps_created"].toInt(), 2);
    QCOMPARE(o["rated"].toInt(), 2);

    auto p = open(project, store::OpenMode::ReadOnly);
    const auto processes = *p->processes();
    QCOMPARE(processes.size(), std::size_t(1));
    QCOMPARE(processes[0].name, std::string("Assembly"));
    const auto steps = *p->steps(processes[0].id);
    QCOMPARE(steps.size(), std::size_t(2));
    QCOMPARE(steps[0].name, std::string("Pick"));
    QCOMPARE(steps[1].name, std::string("Fit"));
    const auto studies = *p->studies(processes[0].id);
    QCOMPARE(studies.size(), std::size_t(1));
    QCOMPARE(studies[0].notes, std::string("pilot"));
    QVERIFY(studies[0].ratingMethod == RatingMethod::PaceRating);   // the file has ratings
    const auto obs = *p->observations(studies[0].id);
    QCOMPARE(obs.size(), std::size_t(6));
    QCOMPARE(obs[2].note, std::string("slow, dropped a screw"));
    QCOMPARE(obs[2].ratingPercent, std::optional<double>(105));

    // A second import goes into the same (only) process as a new study, with no new steps.
    const Result again = run({"import", project, csv, "--json"});
    QVERIFY2(again.status == 0, describe({"import", project, csv}, again));
    QCOMPARE(json(again)["process_created"].toBool(), false);
    QCOMPARE(json(again)["project_created"].toBool(), false);
    QCOMPARE(json(again)["steps_created"].toInt(), 0);
    QCOMPARE(json(again)["study_id"].toInt(), 2);
}

void TestCliProject::importWithoutRatingsMakesAnUnratedStudy()
{
    const QString csv = write("plain.csv", "cycle,step,duration_s\n1,A,1\n1,B,2\n2,A,1.5\n2,B,2.5\n");
    const QString project = path("plain.gemba");
    const Result r = run({"import", project, csv});
    QVERIFY2(r.status == 0, describe({"import", project, csv}, r));
    QVERIFY(r.out.contains("Imported 4 observations in 2 cycles"));
    QVERIFY(r.out.contains("process 'plain' (new)"));   // a new project's process is named after the file
    auto p = open(project, store::OpenMode::ReadOnly);
    const auto process = p->processes()->front();
    QCOMPARE(process.name, std::string("plain"));
    QVERIFY(p->studies(process.id)->front().ratingMethod == RatingMethod::None);
}

void TestCliProject::importIsAllOrNothing()
{
    // A bad cell on the last line: nothing lands, and a project the command created is removed.
    const QString bad = write("bad.csv", "step,cycle,duration_s\nPick,1,4.1\nFit,1,6\nPick,2,-4\n");
    const QString project = path("fresh.gemba");
    const Result r = run({"import", project, bad});
    QCOMPARE(r.status, 1);
    QVERIFY(r.out.isEmpty());
    QVERIFY2(QString::fromUtf8(r.err).contains(bad + ":4:3: duration -4 s is negative"), r.err.constData());
    QVERIFY(!QFile::exists(project));
    QVERIFY(!QFile::exists(project + "-wal"));

    // Into an existing project: no new process, step or study, byte for byte unchanged data.
    const QString good = write("times.csv", kTimes);
    QCOMPARE(run({"import", project, good}).status, 0);
    const Result again = run({"import", project, bad, "--process", "Other"});
    QCOMPARE(again.status, 1);
    auto p = open(project, store::OpenMode::ReadOnly);
    QCOMPARE(p->processes()->size(), std::size_t(1));
    QCOMPARE(p->steps(p->processes()->front().id)->size(), std::size_t(2));
    QCOMPARE(*p->observationCount(), std::int64_t(6));
}

void TestCliProject::importColumnOptions()
{
    // Other column names, steps by position into an existing process, no new steps.
    const QString first = write("times.csv", kTimes);
    const QString project = path("cols.gemba");
    QCOMPARE(run({"import", project, first, "--process", "Line"}).status, 0);
    const QString csv = write("other.csv", "Element;Round;Secs;Remark\n1;1;4,5;a\n2;1;6,5;b\n");
    const QStringList args = {"import", project, csv, "--step-column", "Element", "--steps-by", "position",
                              "--cycle-column", "Round", "--duration-column", "Secs", "--note-column", "Remark",
                              "--no-new-steps", "--json"};
    const Result r = run(args);
    QVERIFY2(r.status == 0, describe(args, r));
    auto p = open(project, store::OpenMode::ReadOnly);
    const auto obs = *p->observations(json(r)["study_id"].toInteger());
    QCOMPARE(obs.size(), std::size_t(2));
    QCOMPARE(obs[0].durationUs, std::int64_t(4'500'000));
    QCOMPARE(obs[1].note, std::string("b"));
    QCOMPARE(obs[1].stepId, p->steps(p->processes()->front().id)->at(1).id);

    // An empty COL leaves a field out: the note column is not read.
    const Result noNotes = run({"import", project, first, "--note-column=", "--json"});
    QVERIFY2(noNotes.status == 0, describe({"import", "--note-column="}, noNotes));
    QCOMPARE(p->observations(json(noNotes)["study_id"].toInteger())->at(2).note, std::string());
    const Result withNotes = run({"import", project, first, "--note-column", "note", "--json"});
    QCOMPARE(p->observations(json(withNotes)["study_id"].toInteger())->at(2).note,
             std::string("slow, dropped a screw"));

    // --decimal and --delimiter, as for every command that reads a CSV file: "1,250" alone could
    // be 1.25 or 1250 and is refused, naming the option that settles it.
    const QString comma = write("comma.csv", "step;cycle;duration_s\nPick;1;1,250\n");
    const Result ambiguous = run({"import", project, comma});
    QCOMPARE(ambiguous.status, 1);
    QVERIFY2(ambiguous.err.contains("--decimal point|comma"), ambiguous.err.constData());
    const QStringList settled = {"import", project, comma, "--decimal", "comma", "--delimiter", "semicolon", "--json"};
    const Result ok = run(settled);
    QVERIFY2(ok.status == 0, describe(settled, ok));
    QCOMPARE(p->observations(json(ok)["study_id"].toInteger())->at(0).durationUs, std::int64_t(1'250'000));

    // --no-new-steps: an unknown step is an error naming its line; a missing column is usage.
    const QString unknown = write("unknown.csv", "step,cycle,duration_s\nPick,1,1\nPaint,1,2\n");
    const Result u = run({"import", project, unknown, "--no-new-steps"});
    QCOMPARE(u.status, 1);
    QVERIFY2(QString::fromUtf8(u.err).contains(unknown + ":3:1: unknown step 'Paint'"), u.err.constData());
    const Result missing = run({"import", project, first, "--duration-column", "secs"});
    QCOMPARE(missing.status, 2);
    QVERIFY2(QString::fromUtf8(missing.err).contains("no column named 'secs'"), missing.err.constData());
}

void TestCliProject::summaryJsonValues()
{
    const QString project = path("s.gemba");
    QCOMPARE(run({"import", project, write("times.csv", kTimes)}).status, 0);
    const Result r = run({"summary", project, "--json"});
    QVERIFY2(r.status == 0, describe({"summary", project, "--json"}, r));
    const QJsonObject o = json(r);
    QVERIFY(o["warning"].isNull());
    const QJsonArray steps = o["steps"].toArray();
    QCOMPARE(steps.size(), 2);
    const QJsonObject pick = steps[0].toObject();
    QCOMPARE(pick["name"].toString(), QString("Pick"));
    QCOMPARE(pick["n"].toInt(), 3);
    // 4.1, 4.3, 4.2: mean 4.2, SD 0.1, CV 0.1/4.2; ratings 110, 105, unrated (100): each time
    // rated on its own, (4.1 × 1.1 + 4.3 × 1.05 + 4.2) / 3 = 13.225 / 3; the new process's study
    // has the default allowance, 15 % of normal time (study/newstudy.h).
    GEMBA_COMPARE_REL(pick["mean_seconds"].toDouble(), 4.2, 1e-14);
    GEMBA_COMPARE_REL(pick["sd_seconds"].toDouble(), 0.1, 1e-12);
    GEMBA_COMPARE_REL(pick["cv"].toDouble(), 0.1 / 4.2, 1e-12);
    QCOMPARE(pick["min_seconds"].toDouble(), 4.1);
    QCOMPARE(pick["max_seconds"].toDouble(), 4.3);
    GEMBA_COMPARE_REL(pick["mean_rating_percent"].toDouble(), 105.0, 1e-15);
    GEMBA_COMPARE_REL(pick["normal_seconds"].toDouble(), 13.225 / 3, 1e-14);
    GEMBA_COMPARE_REL(pick["standard_seconds"].toDouble(), 13.225 / 3 * 1.15, 1e-14);
    // The 15 % is split by category (5 + 4 + 2 + 4, file format 4); allowance_percent is the
    // PF&D figure not split by category, which a new study no longer has.
    QCOMPARE(o["study"].toObject()["allowance_percent"].toDouble(), 0.0);
    QCOMPARE(o["study"].toObject()["allowance_total_percent"].toDouble(), 15.0);
    {
        auto p = open(project, store::OpenMode::ReadOnly);
        const Study st = p->studies(p->processes()->front().id)->front();
        QCOMPARE(st.allowances.total(), 15.0);
        QVERIFY(st.allowances == study::kDefaultAllowances);
    }
    QCOMPARE(o["study"].toObject()["allowance_of"].toString(), QString("normal"));
    QCOMPARE(pick["consistent"].toBool(), false);
    const QJsonObject fit = steps[1].toObject();
    GEMBA_COMPARE_REL(fit["mean_seconds"].toDouble(), 18.1 / 3, 1e-14);
    const QJsonObject cycle = o["cycle"].toObject();
    GEMBA_COMPARE_REL(cycle["mean_seconds"].toDouble(), 4.2 + 18.1 / 3, 1e-14);
    GEMBA_COMPARE_REL(cycle["normal_seconds"].toDouble(), 13.225 / 3 + 18.1 / 3, 1e-14);
    GEMBA_COMPARE_REL(cycle["standard_seconds"].toDouble(), (13.225 / 3 + 18.1 / 3) * 1.15, 1e-14);
    QCOMPARE(cycle["complete_cycles"].toInt(), 3);
    QCOMPARE(o["left_out"].toArray().size(), 0);

    // A step added to the process later is no part of this study: the summary goes by the
    // element list the study was timed against, as the window's does.
    {
        auto p = open(project);
        Step later;
        later.processId = p->processes()->front().id;
        later.position = -1;
        later.name = "Pack";
        QVERIFY(p->addStep(later).hasValue());
    }
    const Result after = run({"summary", project, "--json"});
    QCOMPARE(after.status, 0);
    QCOMPARE(json(after)["steps"].toArray().size(), 2);
    QCOMPARE(json(after)["cycle"].toObject()["complete_cycles"].toInt(), 3);

    // The readable form: a table row per step and the cycle line.
    const Result text = run({"summary", project});
    QCOMPARE(text.status, 0);
    QVERIFY2(text.out.contains("Pick") && text.out.contains("4.40833") && text.out.contains("Cycle: observed 10.2333 s"),
             text.out.constData());
}

// Export, import into a new project, export again: every field of every observation is kept
// (foreign elements stay foreign: Pick keeps n = 2, not 4), and the summaries agree.
void TestCliProject::roundTripKeepsEveryField()
{
    std::vector<Observation> written;
    const QString source = projectWithStatus(&written);
    const QString csv = path("export.csv");
    const Result e = run({"export", source, "-o", csv});
    QVERIFY2(e.status == 0, describe({"export", source, "-o", csv}, e));
    QVERIFY(e.out.contains("Exported 8 observations"));

    const QString copy = path("copy.gemba");
    // The study's allowance is not in the file: given here as the source study has it.
    const Result i = run({"import", copy, csv, "--process", "Assembly", "--allowance", "15%", "--json"});
    QVERIFY2(i.status == 0, describe({"import", copy, csv}, i));
    QCOMPARE(json(i)["observations"].toInt(), 8);

    auto p = open(copy, store::OpenMode::ReadOnly);
    const Process proc = p->processes()->front();
    const auto steps = *p->steps(proc.id);
    QCOMPARE(steps.size(), std::size_t(3));
    const Study study = p->studies(proc.id)->front();
    const auto cycles = *p->cycles(study.id);
    QCOMPARE(cycles.size(), std::size_t(2));
    const auto back = *p->observations(study.id);
    QCOMPARE(back.size(), written.size());
    for (std::size_t k = 0; k < written.size(); ++k) {
        const Observation& w = written[k];
        const Observation& b = back[k];
        QCOMPARE(b.studyId, study.id);
        QCOMPARE(b.cycleId, cycles[k / 4].id);
        QCOMPARE(b.stepId, steps[k % 4 == 3 ? 2 : k % 4 == 2 ? 1 : 0].id);
        const std::string differs = test::recordedFieldsDiffer(b, w);
        QVERIFY2(differs.empty(), differs.c_str());
    }

    // The summaries of both: the same step figures and the same left-out observations.
    const Result s1 = run({"summary", source, "--json"});
    const Result s2 = run({"summary", copy, "--json"});
    QCOMPARE(s1.status, 0);
    QCOMPARE(s2.status, 0);
    const QJsonArray a = json(s1)["steps"].toArray(), b = json(s2)["steps"].toArray();
    QCOMPARE(a.size(), 3);
    QCOMPARE(a[0].toObject()["n"].toInt(), 2);   // the foreign elements are not Pick's times
    QCOMPARE(b[0].toObject()["n"].toInt(), 2);
    QCOMPARE(b[0].toObject()["foreign_elements"].toInt(), 2);
    GEMBA_COMPARE_REL(b[0].toObject()["foreign_seconds"].toDouble(), 25.0, 1e-15);
    QCOMPARE(b[1].toObject()["n"].toInt(), 1);   // Fit's cycle-2 time is excluded
    for (qsizetype k = 0; k < a.size(); ++k) {
        QJsonObject x = a[k].toObject(), y = b[k].toObject();
        x.remove("step_id");
        y.remove("step_id");
        QCOMPARE(y, x);
    }
    QJsonArray leftA = json(s1)["left_out"].toArray(), leftB = json(s2)["left_out"].toArray();
    QCOMPARE(leftB.size(), 3);
    for (qsizetype k = 0; k < leftB.size(); ++k) {
        QJsonObject x = leftA[k].toObject(), y = leftB[k].toObject();
        x.remove("observation_id");
        y.remove("observation_id");
        QCOMPARE(y, x);
    }
    QCOMPARE(leftB[0].toObject()["why"].toString(), QString("foreign element"));
    QCOMPARE(leftB[2].toObject()["why"].toString(), QString("excluded: tool broke"));
    QCOMPARE(leftB[2].toObject()["cycle"].toInt(), 2);
    QCOMPARE(leftB[2].toObject()["step"].toString(), QString("Fit"));
    const Result text = run({"summary", copy});
    QVERIFY2(text.out.contains("Left out of the step times (3)") && text.out.contains("excluded: tool broke"),
             text.out.constData());

    // And the second export is the first but for the study id column.
    const QString again = path("again.csv");
    QCOMPARE(run({"export", copy, "--output", again}).status, 0);
    QList<QByteArray> l1 = readAll(csv).split('\n'), l2 = readAll(again).split('\n');
    QCOMPARE(l2.size(), l1.size());
    for (qsizetype k = 1; k < l1.size(); ++k)
        QCOMPARE(l2[k].mid(l2[k].indexOf(',')), l1[k].mid(l1[k].indexOf(',')));
}

void TestCliProject::defaultStudyAndChoice()
{
    const QString csv = write("times.csv", kTimes);
    const QString project = path("many.gemba");
    QCOMPARE(run({"import", project, csv, "--process", "A", "--study", "first"}).status, 0);
    QCOMPARE(run({"import", project, write("one.csv", "step,cycle,duration_s\nPick,1,9\n"), "--process", "A",
                  "--study", "second"})
                 .status,
             0);
    // One process: its latest study.
    Result r = run({"summary", project, "--json"});
    QCOMPARE(r.status, 0);
    QCOMPARE(json(r)["study"].toObject()["notes"].toString(), QString("second"));
    // By notes and by id.
    r = run({"summary", project, "--study", "first", "--json"});
    QCOMPARE(json(r)["study"].toObject()["id"].toInt(), 1);
    r = run({"summary", project, "--study", "2", "--json"});
    QCOMPARE(json(r)["study"].toObject()["notes"].toString(), QString("second"));

    // Two processes with studies: the user chooses, and is told how.
    QCOMPARE(run({"import", project, csv, "--process", "B", "--study", "first"}).status, 0);
    r = run({"summary", project});
    QCOMPARE(r.status, 2);
    QVERIFY(r.out.isEmpty());
    QString err = QString::fromUtf8(r.err);
    QVERIFY2(err.contains("'A', 'B'") && err.contains("--process NAME") && err.contains("--study 2 ("), qPrintable(err));
    r = run({"summary", project, "--process", "B", "--json"});
    QCOMPARE(r.status, 0);
    QCOMPARE(json(r)["process"].toObject()["name"].toString(), QString("B"));
    // "first" is a study of A and one of B: ambiguous, listed with their ids.
    r = run({"export", project, "--study", "first", "-o", path("x.csv")});
    QCOMPARE(r.status, 2);
    err = QString::fromUtf8(r.err);
    QVERIFY2(err.contains("matches 2 studies") && err.contains("--study 1 (") && err.contains("--study 3 ("),
             qPrintable(err));
    QVERIFY(!QFile::exists(path("x.csv")));
    QCOMPARE(run({"export", project, "--process", "B", "--study", "first", "-o", path("x.csv")}).status, 0);
    QVERIFY(readAll(path("x.csv")).startsWith("study,cycle,step"));
    // Unknown names are usage errors.
    r = run({"summary", project, "--study", "evening"});
    QCOMPARE(r.status, 2);
    QVERIFY(r.err.contains("no study 'evening'"));
    r = run({"summary", project, "--process", "Paint"});
    QCOMPARE(r.status, 2);
    QVERIFY2(r.err.contains("no process named 'Paint'; the project has 'A', 'B'"), r.err.constData());
    // A project without studies is bad data.
    const QString empty = path("empty.gemba");
    {
        auto p = open(empty);
        Process proc{0, "Idle", ""};
        QVERIFY(p->addProcess(proc).hasValue());
    }
    r = run({"summary", empty});
    QCOMPARE(r.status, 1);
    QVERIFY2(r.err.contains("has no studies yet"), r.err.constData());
}

void TestCliProject::refusedProjects()
{
    const QString csv = write("times.csv", kTimes);
    // Not SQLite at all.
    const QString foreign = write("foreign.gemba", "just some text, not a database\n");
    // An SQLite database of another program.
    const QString other = path("other.gemba");
    {
        sqlite3* db = nullptr;
        QCOMPARE(sqlite3_open(other.toUtf8().constData(), &db), SQLITE_OK);
        QCOMPARE(sqlite3_exec(db, "CREATE TABLE t(x); INSERT INTO t VALUES (1);", nullptr, nullptr, nullptr), SQLITE_OK);
        sqlite3_close(db);
    }
    // A project of a newer Gemba Workbench.
    const QString newer = path("newer.gemba");
    {
        auto p = open(newer);
        QCOMPARE(sqlite3_exec(p->handle(), "PRAGMA user_version = 99", nullptr, nullptr, nullptr), SQLITE_OK);
    }
    const QList<std::pair<QString, QString>> cases = {
        {foreign, "not a Gemba Workbench project"}, {other, "another program"}, {newer, "newer"}};
    for (const auto& [file, says] : cases) {
        const QByteArray before = readAll(file);
        const QList<QStringList> commands = {{"import", file, csv},
                                             {"summary", file},
                                             {"summary", file, "--json"},
                                             {"export", file, "-o", path("out.csv")}};
        for (const QStringList& args : commands) {
            const Result r = run(args);
            QVERIFY2(r.status == 1, describe(args, r));
            QVERIFY2(r.out.isEmpty(), describe(args, r));
            QVERIFY2(QString::fromUtf8(r.err).contains(says), describe(args, r));
            QVERIFY2(QString::fromUtf8(r.err).contains(file), describe(args, r));
        }
        QCOMPARE(readAll(file), before);   // refused files are left as they were
    }
    QVERIFY(!QFile::exists(path("out.csv")));
    // A project that does not exist is bad data for summary and export (import creates it).
    const Result missing = run({"summary", path("nowhere.gemba")});
    QCOMPARE(missing.status, 1);
    QVERIFY2(missing.err.contains("no such file"), missing.err.constData());
    QVERIFY(!QFile::exists(path("nowhere.gemba")));
}

// A project that was not closed and fails SQLite's integrity check opens read-only with a
// warning: import refuses with it (exit 1), summary says so.
void TestCliProject::damagedProjectIsReadOnly()
{
    const QString file = path("damaged.gemba");
    const QString csv = write("times.csv", kTimes);
    QCOMPARE(run({"import", file, csv, "--process", "A"}).status, 0);
    // A child adds a big second study and dies without closing, leaving the WAL behind.
    const pid_t pid = ::fork();
    if (pid == 0) {
        auto p = store::Project::open(file.toStdString());
        if (!p)
            ::_exit(2);
        Study s;
        s.processId = (*p)->processes()->front().id;
        if (!(*p)->addStudy(s))
            ::_exit(3);
        Cycle c{0, s.id, 1};
        if (!(*p)->addCycle(c))
            ::_exit(3);
        const Id step = (*p)->steps(s.processId)->front().id;
        for (int k = 0; k < 2000; ++k) {
            Observation o;
            o.studyId = s.id;
            o.cycleId = c.id;
            o.stepId = step;
            o.startUs = k * 1000;
            o.endUs = o.startUs + 1000;
            o.durationUs = 1000;
            o.note = std::string(200, static_cast<char>('a' + k % 26));
            if (!(*p)->addObservation(o))
                ::_exit(4);
        }
        sqlite3_exec((*p)->handle(), "PRAGMA wal_checkpoint(TRUNCATE)", nullptr, nullptr, nullptr);
        ::_exit(0);
    }
    int status = 0;
    ::waitpid(pid, &status, 0);
    QVERIFY(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    QVERIFY(QFile::exists(file + "-wal"));
    {   // garbage over the last page: the big study's latest rows, far from the first study's
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadWrite));
        QVERIFY(f.seek(f.size() - 4096));
        QByteArray junk(4096, '\0');
        for (int k = 0; k < junk.size(); ++k)
            junk[k] = static_cast<char>((k * 7919 + 13) & 0xff);
        QCOMPARE(f.write(junk), qint64(4096));
    }
    const QByteArray before = readAll(file);

    const Result imp = run({"import", file, csv});
    QCOMPARE(imp.status, 1);
    QVERIFY2(imp.err.contains("not closed cleanly") && imp.err.contains("read-only"), imp.err.constData());

    const Result sum = run({"summary", file, "--study", "1"});
    QVERIFY2(sum.status == 0, describe({"summary", file, "--study", "1"}, sum));
    QVERIFY2(sum.out.contains("Read-only: '" + file.toUtf8() + "' was not closed cleanly"), sum.out.constData());
    QVERIFY(sum.out.contains("Pick"));
    const Result js = run({"summary", file, "--study", "1", "--json"});
    QCOMPARE(js.status, 0);
    QVERIFY(json(js)["warning"].toString().contains("read-only"));
    QCOMPARE(json(js)["steps"].toArray().at(0).toObject()["n"].toInt(), 3);
    QCOMPARE(readAll(file), before);   // nothing written
}

void TestCliProject::usageErrors_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("says");
    QTest::newRow("import without file") << QStringList{"import", "@p"} << "gemba import: missing CSV file\n";
    QTest::newRow("import without project") << QStringList{"import"} << "gemba import: missing PROJECT file\n";
    QTest::newRow("import bad steps-by")
        << QStringList{"import", "@p", "@csv", "--steps-by", "colour"}
        << "gemba import: option --steps-by: 'colour' must be 'name' or 'position'\n";
    QTest::newRow("import unknown option") << QStringList{"import", "@p", "@csv", "--sheet", "2"}
                                           << "gemba import: unknown option --sheet\n";
    QTest::newRow("export without -o") << QStringList{"export", "@p"} << "gemba export: missing option --output\n";
    QTest::newRow("export -o without value") << QStringList{"export", "@p", "-o"}
                                             << "gemba export: option --output needs a value\n";
    QTest::newRow("import allowance 100")
        << QStringList{"import", "@p", "@csv", "--allowance", "100", "--allowance-of", "work"}
        << "gemba import: option --allowance: a share of working time must be below 100 %\n";
    QTest::newRow("import negative allowance")
        << QStringList{"import", "@p", "@csv", "--allowance", "-5"}
        << "gemba import: option --allowance: '-5' must be a percentage of 0 or more\n";
    QTest::newRow("summary stray") << QStringList{"summary", "@p", "extra"}
                                   << "gemba summary: unexpected argument 'extra'\n";
}

void TestCliProject::usageErrors()
{
    QFETCH(QStringList, args);
    QFETCH(QString, says);
    const QString project = path("u.gemba");
    const QString csv = write("times.csv", kTimes);
    for (auto& a : args)
        a = a == "@p" ? project : a == "@csv" ? csv : a;
    const Result r = run(args);
    QCOMPARE(r.status, 2);
    QVERIFY(r.out.isEmpty());
    QCOMPARE(QString::fromUtf8(r.err), says);
    QVERIFY(!QFile::exists(project));   // a usage error creates nothing
}

QTEST_GUILESS_MAIN(TestCliProject)
#include "tst_cliproject.moc"
