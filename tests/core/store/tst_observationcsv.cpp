// Tests of store/observationcsv: column mappings, time formats, errors that name file:line:column,
// all-or-nothing import, exact export and an export -> import round trip with hostile text.
#include "store/observationcsv.h"
#include "store/project.h"
#include "study/stepsummary.h"

#include "observationcompare.h"
#include "storetestsupport.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace gemba;
using namespace gemba::store;
using namespace gemba::study;

class TestObservationCsv : public QObject {
    Q_OBJECT

private slots:
    void init();
    void importsDurationsByName();
    void importsStartEndSecondsWithDecimalComma();
    void importsIsoTimestamps();
    void importsByPosition();
    void unknownStepIsAnErrorNamingTheLine();
    void createsMissingSteps();
    void errorOnLastLineLeavesNothing_data();
    void errorOnLastLineLeavesNothing();
    void mappingErrors();
    void ratingOutsideThePlausibleRange();
    void decimalMarkAndDelimiterOptions();
    void bulkImportRebuildsIndexesAndRestoresSettings();
    void failedBulkImportKeepsIndexes();
    void exportFormat();
    void exportImportRoundTripWithHostileText();
    void exportErrors();
    void readOnlyProjectRefusesImport();
    void exportImportsBackThroughTheDialogMapping();
    void statusColumnsCanBeLeftOut();
    void pausedColumnIsOptional();

private:
    // A study of two cycles over Pick, Fit, Check: in each cycle Pick is interrupted by a
    // foreign element; cycle 2's Fit is abnormal and excluded with a reason; ratings on some.
    // Returns its observations as stored.
    std::vector<Observation> writeStudyWithStatus(Study& study);
    std::string file(const char* name) const { return (m_dir->path() + "/" + name).toStdString(); }
    std::string write(const char* name, const std::string& text) const
    {
        const std::string path = file(name);
        QFile f(QString::fromStdString(path));
        if (!f.open(QIODevice::WriteOnly))
            qFatal("cannot write %s", path.c_str());
        f.write(text.data(), static_cast<qint64>(text.size()));
        return path;
    }
    static std::string read(const std::string& path)
    {
        QFile f(QString::fromStdString(path));
        if (!f.open(QIODevice::ReadOnly))
            return {};
        return f.readAll().toStdString();
    }
    // A project with one process "Assembly" of three steps: Pick, Fit, Check.
    void makeProject()
    {
        auto p = Project::open(file("p.gemba"));
        QVERIFY(p.hasValue());
        m_project = std::move(*p);
        m_process = Process{0, "Assembly", ""};
        QVERIFY(m_project->addProcess(m_process).hasValue());
        for (const char* name : {"Pick", "Fit", "Check"}) {
            Step s;
            s.processId = m_process.id;
            s.position = -1;
            s.name = name;
            QVERIFY(m_project->addStep(s).hasValue());
            m_steps.push_back(s);
        }
    }
    Study newStudy() const
    {
        Study s;
        s.processId = m_process.id;
        s.date = "2026-11-23";
        s.observer = "Importer";
        return s;
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Project> m_project;
    Process m_process;
    std::vector<Step> m_steps;
};

void TestObservationCsv::init()
{
    m_project.reset();
    m_steps.clear();
    m_dir = std::make_unique<QTemporaryDir>();
    makeProject();
}

void TestObservationCsv::importsDurationsByName()
{
    const std::string path = write("d.csv", "cycle,step,duration_s,note\n"
                                            "1,Pick,1.5,\n"
                                            "1,Fit,2.25,tight fit\n"
                                            "1,Check,0.75,\n"
                                            "2,Pick,1.25,\n"
                                            "2,Fit,2,\n");
    Study study = newStudy();
    ObservationCsvImportOptions options;
    options.columns.note = "note";
    GEMBA_TRY(r, importObservationsCsv(*m_project, path, study, options));
    QVERIFY(study.id > 0);
    QCOMPARE(r->studyId, study.id);
    QCOMPARE(r->observations, std::int64_t(5));
    QCOMPARE(r->cycles, std::int64_t(2));
    QCOMPARE(r->stepsCreated, std::int64_t(0));
    GEMBA_TRY(studies, m_project->studies(m_process.id));
    QCOMPARE(studies->size(), std::size_t(1));
    QCOMPARE((*studies)[0].observer, std::string("Importer"));
    GEMBA_TRY(obs, m_project->observations(study.id));
    QCOMPARE(obs->size(), std::size_t(5));
    // Laid end to end from 0 in file order: 0, 1.5, 3.75, 4.5, 5.75 s.
    const std::int64_t starts[] = {0, 1'500'000, 3'750'000, 4'500'000, 5'750'000};
    const std::int64_t durations[] = {1'500'000, 2'250'000, 750'000, 1'250'000, 2'000'000};
    for (int i = 0; i < 5; ++i) {
        QCOMPARE((*obs)[i].startUs, starts[i]);
        QCOMPARE((*obs)[i].durationUs, durations[i]);
        QCOMPARE((*obs)[i].endUs, starts[i] + durations[i]);
    }
    QCOMPARE((*obs)[1].stepId, m_steps[1].id);
    QCOMPARE((*obs)[1].note, std::string("tight fit"));
    GEMBA_TRY(cycles, m_project->cycles(study.id));
    QCOMPARE(cycles->size(), std::size_t(2));
    QCOMPARE((*obs)[3].cycleId, (*cycles)[1].id);
}

void TestObservationCsv::importsStartEndSecondsWithDecimalComma()
{
    // Semicolons and decimal commas, as a German spreadsheet writes; a duration shorter than
    // end - start (a pause inside) is kept as given.
    const std::string path = write("de.csv", "Zyklus;Schritt;Start;Ende;Dauer;Bewertung;Ausschluss;Grund\n"
                                             "1;Pick;10,5;12;1,5;110;nein;\n"
                                             "1;Fit;12;15,25;3;;ja;Telefon\n");
    Study study = newStudy();
    study.startedWallUs = 1'763'900'000'000'000;
    ObservationCsvImportOptions options;
    options.columns.cycle = "Zyklus";
    options.columns.step = "Schritt";
    options.columns.start = "Start";
    options.columns.end = "Ende";
    options.columns.duration = "Dauer";
    options.columns.rating = "Bewertung";
    options.columns.excluded = "Ausschluss";
    options.columns.excludedReason = "Grund";
    auto r = importObservationsCsv(*m_project, path, study, options);
    // "nein"/"ja" are not among the accepted yes/no words: an error naming the cell.
    QVERIFY(!r.hasValue());
    QVERIFY2(test::contains(r.error().message, path + ":2:7: 'nein' is not a yes/no value"), r.error().message.c_str());
    QCOMPARE(*m_project->observationCount(), std::int64_t(0));

    const std::string fixed = write("de2.csv", "Zyklus;Schritt;Start;Ende;Dauer;Bewertung;Ausschluss;Grund\n"
                                               "1;Pick;10,5;12;1,5;110;n;\n"
                                               "1;Fit;12;15,25;3;;Y;Telefon\n");
    GEMBA_TRY(ok, importObservationsCsv(*m_project, fixed, study, options));
    GEMBA_TRY(obs, m_project->observations(study.id));
    QCOMPARE(obs->size(), std::size_t(2));
    QCOMPARE((*obs)[0].startUs, std::int64_t(10'500'000));
    QCOMPARE((*obs)[0].endUs, std::int64_t(12'000'000));
    QCOMPARE((*obs)[0].durationUs, std::int64_t(1'500'000));
    QCOMPARE((*obs)[0].ratingPercent, std::optional<double>(110));
    QCOMPARE((*obs)[0].wallStartUs, study.startedWallUs);
    QCOMPARE((*obs)[1].durationUs, std::int64_t(3'000'000));   // not end - start = 3.25 s
    QCOMPARE((*obs)[1].endUs, std::int64_t(15'250'000));
    QCOMPARE((*obs)[1].ratingPercent, std::optional<double>());
    QVERIFY((*obs)[1].excluded);
    QCOMPARE((*obs)[1].excludedReason, std::string("Telefon"));
    QCOMPARE((*obs)[1].wallStartUs, study.startedWallUs + 1'500'000);
}

void TestObservationCsv::importsIsoTimestamps()
{
    const std::string path = write("iso.csv", "cycle,step,start,end\n"
                                              "1,Pick,2026-11-23T09:15:02.25Z,2026-11-23T09:15:04Z\n"
                                              "1,Fit,2026-11-23 10:15:04+01:00,\"2026-11-23 10:15:05,5+01:00\"\n");
    Study study = newStudy();
    ObservationCsvImportOptions options;
    options.columns.duration.clear();
    options.columns.start = "start";
    options.columns.end = "end";
    GEMBA_TRY(r, importObservationsCsv(*m_project, path, study, options));
    GEMBA_TRY(obs, m_project->observations(study.id));
    // 2026-11-23T09:15:02Z = 1795425302 s (date -u -d 2026-11-23T09:15:02Z +%s).
    const std::int64_t t0 = 1'795'425'302'250'000;
    QCOMPARE((*obs)[0].startUs, t0);
    QCOMPARE((*obs)[0].wallStartUs, t0);
    QCOMPARE((*obs)[0].durationUs, std::int64_t(1'750'000));
    QCOMPARE((*obs)[1].startUs, t0 + 1'750'000);   // 10:15:04+01:00 = 09:15:04Z
    QCOMPARE((*obs)[1].durationUs, std::int64_t(1'500'000));

    // Seconds in one row and a timestamp in the next: refused, naming the cell.
    const std::string mixed = write("mixed.csv", "cycle,step,start,end\n"
                                                 "1,Pick,1.0,2.0\n"
                                                 "1,Fit,2026-11-23T09:15:02Z,3.0\n");
    Study again = newStudy();
    auto bad = importObservationsCsv(*m_project, mixed, again, options);
    QVERIFY(!bad.hasValue());
    QVERIFY2(test::contains(bad.error().message,
                            mixed + ":3: column 'start' (3): '2026-11-23T09:15:02Z' is not a number"),
             bad.error().message.c_str());
    // And the other way round: timestamps first, then seconds.
    const std::string mixed2 = write("mixed2.csv", "cycle,step,start,end\n"
                                                   "1,Pick,2026-11-23T09:15:02Z,2026-11-23T09:15:03Z\n"
                                                   "1,Fit,4.0,2026-11-23T09:15:05Z\n");
    bad = importObservationsCsv(*m_project, mixed2, again, options);
    QVERIFY2(test::contains(bad.error().message,
                            mixed2 + ":3:3: '4.0' is not an ISO 8601 timestamp like the rows before"),
             bad.error().message.c_str());
    for (const char* cell : {"2026-02-30T00:00:00", "2026-11-23T25:00:00", "2026-11-23T09:15", "yesterday"}) {
        const std::string f =
            write("badts.csv", std::string("cycle,step,start,end\n1,Pick,") + cell + "," + cell + "\n");
        Study s = newStudy();
        auto e = importObservationsCsv(*m_project, f, s, options);
        QVERIFY2(!e.hasValue() && test::contains(e.error().message, ":2:3: "), cell);
    }
    QCOMPARE(m_project->studies(m_process.id)->size(), std::size_t(1));
}

void TestObservationCsv::importsByPosition()
{
    const std::string path = write("pos.csv", "cycle\tstep\tseconds\n1\t3\t4.5\n1\t1\t1\n");
    Study study = newStudy();
    ObservationCsvImportOptions options;
    options.stepMatch = StepMatch::ByPosition;
    options.columns.duration = "seconds";
    GEMBA_TRY(r, importObservationsCsv(*m_project, path, study, options));
    GEMBA_TRY(obs, m_project->observations(study.id));
    QCOMPARE((*obs)[0].stepId, m_steps[2].id);
    QCOMPARE((*obs)[1].stepId, m_steps[0].id);

    for (const char* cell : {"0", "4", "1.5"}) {
        const std::string bad = write("pos2.csv", std::string("cycle,step,seconds\n1,1,1\n1,") + cell + ",1\n");
        Study s = newStudy();
        auto e = importObservationsCsv(*m_project, bad, s, options);
        QVERIFY(!e.hasValue());
        QVERIFY2(test::contains(e.error().message, bad + ":3:2: step position '" + cell +
                                                       "' is not a whole number from 1 to 3"),
                 e.error().message.c_str());
    }
}

void TestObservationCsv::unknownStepIsAnErrorNamingTheLine()
{
    const std::string path = write("unknown.csv", "step,cycle,duration_s\nPick,1,1\nFit,1,1\nWeld,1,1\nCheck,1,1\n");
    Study study = newStudy();
    auto r = importObservationsCsv(*m_project, path, study);
    QVERIFY(!r.hasValue());
    QCOMPARE(r.error().code, ErrorCode::ParseError);
    QVERIFY2(test::contains(r.error().message, path + ":4:1: unknown step 'Weld'") &&
                 test::contains(r.error().message, "'Pick', 'Fit', 'Check'") &&
                 test::contains(r.error().message, "column 'step'"),
             r.error().message.c_str());
    QCOMPARE(study.id, Id(0));
    QCOMPARE(*m_project->observationCount(), std::int64_t(0));
    QCOMPARE(m_project->studies(m_process.id)->size(), std::size_t(0));
    QCOMPARE(m_project->steps(m_process.id)->size(), std::size_t(3));
}

void TestObservationCsv::createsMissingSteps()
{
    const std::string path = write("create.csv", "step,cycle,duration_s\nPick,1,1\nWeld,1,2\nPaint,1,3\nWeld,2,2\n");
    Study study = newStudy();
    ObservationCsvImportOptions options;
    options.createMissingSteps = true;
    GEMBA_TRY(r, importObservationsCsv(*m_project, path, study, options));
    QCOMPARE(r->stepsCreated, std::int64_t(2));
    GEMBA_TRY(steps, m_project->steps(m_process.id));
    QCOMPARE(steps->size(), std::size_t(5));
    QCOMPARE((*steps)[3].name, std::string("Weld"));
    QCOMPARE((*steps)[3].position, 3);
    QCOMPARE((*steps)[4].name, std::string("Paint"));
    GEMBA_TRY(obs, m_project->observations(study.id));
    QCOMPARE((*obs)[3].stepId, (*steps)[3].id);
    // The imported study was timed against all five; a study imported before has its three.
    GEMBA_TRY(studySteps, m_project->studySteps(study.id));
    QCOMPARE(studySteps->size(), std::size_t(5));
    for (std::size_t i = 0; i < 5; ++i)
        QCOMPARE((*studySteps)[i].id, (*steps)[i].id);

    // Created steps are part of the import: an error later takes them back out.
    const std::string bad = write("create2.csv", "step,cycle,duration_s\nGrind,1,1\nPick,1,oops\n");
    Study s = newStudy();
    QVERIFY(!importObservationsCsv(*m_project, bad, s, options).hasValue());
    const std::string bad2 = write("create3.csv", "step,cycle,duration_s\nGrind,1,1\nPick,0,1\n");
    QVERIFY(!importObservationsCsv(*m_project, bad2, s, options).hasValue());
    QCOMPARE(m_project->steps(m_process.id)->size(), std::size_t(5));
}

void TestObservationCsv::errorOnLastLineLeavesNothing_data()
{
    QTest::addColumn<QString>("lastLine");
    QTest::addColumn<QString>("expected");
    QTest::newRow("unknown step") << "Nope,3,1,," << ":7:1: unknown step 'Nope'";
    QTest::newRow("cycle 0") << "Pick,0,1,," << ":7:2: cycle '0' is not a whole number from 1";
    QTest::newRow("cycle 1.5") << "Pick,1.5,1,," << ":7:2: cycle '1.5' is not a whole number";
    QTest::newRow("missing cycle") << "Pick,,1,," << ":7:2: the cycle number is missing";
    QTest::newRow("negative duration") << "Pick,3,-1,," << ":7:3: duration -1 s is negative";
    QTest::newRow("missing duration") << "Pick,3,,," << ":7:3: the duration is missing";
    QTest::newRow("bad flag") << "Pick,3,1,maybe," << ":7:4: 'maybe' is not a yes/no value";
    QTest::newRow("not a number") << "Pick,3,1.2.3,," << ":7: column 'duration_s' (3): '1.2.3' is not a number";
    QTest::newRow("short row") << "Pick,3" << ":7: the row has 2 fields but the header has 5";
    QTest::newRow("open quote") << "Pick,3,1,,\"never closed" << ":7: a quoted field opened on line 7";
}

void TestObservationCsv::errorOnLastLineLeavesNothing()
{
    QFETCH(QString, lastLine);
    QFETCH(QString, expected);
    // A first import that succeeds, so "nothing" means "exactly what was there before".
    const std::string good = write("good.csv", "step,cycle,duration_s,abnormal,note\nPick,1,1,,\nFit,1,2,x,hi\n");
    Study first = newStudy();
    QVERIFY(importObservationsCsv(*m_project, good, first).hasValue());
    const std::string text = "step,cycle,duration_s,abnormal,note\n"
                             "Pick,1,1,,\nFit,1,2,x,\"multi\nline\"\nCheck,1,3,,\nPick,2,1,1,\n" +
                             lastLine.toStdString() + "\n";
    const std::string path = write("bad.csv", text);
    ObservationCsvImportOptions options;
    options.columns.abnormal = "abnormal";
    options.columns.note = "note";
    Study study = newStudy();
    auto r = importObservationsCsv(*m_project, path, study, options);
    QVERIFY(!r.hasValue());
    QVERIFY2(test::contains(r.error().message, path + expected.toStdString()), r.error().message.c_str());
    QCOMPARE(study.id, Id(0));
    QCOMPARE(*m_project->observationCount(), std::int64_t(2));
    QCOMPARE(m_project->studies(m_process.id)->size(), std::size_t(1));
    QCOMPARE(m_project->cycles(first.id + 1)->size(), std::size_t(0));
    QCOMPARE(test::rawInt(m_project->handle(), "SELECT count(*) FROM cycles"), std::int64_t(1));
}

// One rating range everywhere (study/rating.h): an import refuses what the stopwatch and the
// table refuse, naming line and column, and imports nothing.
void TestObservationCsv::ratingOutsideThePlausibleRange()
{
    for (const char* bad : {"11", "49.9", "150.5", "0"}) {
        const std::string path = write("r.csv", std::string("step,cycle,duration_s,rating\nPick,1,1,110\nFit,1,2,") + bad + "\n");
        ObservationCsvImportOptions options;
        options.columns.rating = "rating";
        Study study = newStudy();
        auto r = importObservationsCsv(*m_project, path, study, options);
        QVERIFY2(!r.hasValue(), bad);
        QVERIFY2(test::contains(r.error().message, path + ":3:4: a rating must be from 50 to 150 % (100 = normal pace)"),
                 r.error().message.c_str());
        QCOMPARE(*m_project->observationCount(), std::int64_t(0));
    }
    const std::string path = write("r.csv", "step,cycle,duration_s,rating\nPick,1,1,50\nFit,1,2,150\n");
    ObservationCsvImportOptions options;
    options.columns.rating = "rating";
    Study study = newStudy();
    QVERIFY(importObservationsCsv(*m_project, path, study, options).hasValue());
    QCOMPARE(*m_project->observationCount(), std::int64_t(2));
}

void TestObservationCsv::mappingErrors()
{
    const std::string path = write("m.csv", "step,cycle,duration_s\nPick,1,1\n");
    Study study = newStudy();
    ObservationCsvImportOptions options;
    options.columns.note = "remarks";   // not in the file
    auto r = importObservationsCsv(*m_project, path, study, options);
    QCOMPARE(r.error().code, ErrorCode::InvalidArgument);
    QVERIFY(test::contains(r.error().message, "no column named 'remarks'; the columns are: step, cycle, duration_s"));

    options = {};
    options.columns.duration.clear();
    QVERIFY(test::contains(importObservationsCsv(*m_project, path, study, options).error().message,
                           "a duration column, or start and end columns"));
    options = {};
    options.columns.cycle.clear();
    QCOMPARE(importObservationsCsv(*m_project, path, study, options).error().code, ErrorCode::InvalidArgument);

    const std::string header = write("h.csv", "step,cycle,duration_s\n");
    QCOMPARE(importObservationsCsv(*m_project, header, study).error().code, ErrorCode::EmptyData);
    QCOMPARE(importObservationsCsv(*m_project, file("missing.csv"), study).error().code, ErrorCode::IoError);
    Study orphan = newStudy();
    orphan.processId = 4242;
    QVERIFY(test::contains(importObservationsCsv(*m_project, path, orphan).error().message, "no process with id 4242"));
    QCOMPARE(m_project->studies(m_process.id)->size(), std::size_t(0));
}

// "1,250" with nothing else in the file to settle the decimal mark is an error, not 1.25 s;
// the import options settle the mark and the delimiter.
void TestObservationCsv::decimalMarkAndDelimiterOptions()
{
    const std::string path = write("ms.csv", "step;cycle;duration_s\nPick;1;1,250\nFit;1;2,125\n");
    Study study = newStudy();
    auto r = importObservationsCsv(*m_project, path, study);
    QVERIFY(!r.hasValue());
    QVERIFY2(test::contains(r.error().message,
                            path + ":2: column 'duration_s' (3): '1,250' can be read as 1.250 or as 1250"),
             r.error().message.c_str());
    QCOMPARE(r.error().field, std::string("decimal"));
    QCOMPARE(*m_project->observationCount(), std::int64_t(0));

    ObservationCsvImportOptions options;
    options.csv.decimal = io::DecimalMark::Comma;
    GEMBA_TRY(comma, importObservationsCsv(*m_project, path, study, options));
    GEMBA_TRY(obs, m_project->observations(study.id));
    QCOMPARE((*obs)[0].durationUs, std::int64_t(1'250'000));
    QCOMPARE((*obs)[1].durationUs, std::int64_t(2'125'000));

    Study second = newStudy();
    options.csv.decimal = io::DecimalMark::Point;   // ',' groups thousands: 1250 s
    GEMBA_TRY(point, importObservationsCsv(*m_project, path, second, options));
    GEMBA_TRY(obs2, m_project->observations(second.id));
    QCOMPARE((*obs2)[0].durationUs, std::int64_t(1'250'000'000));

    const std::string piped = write("pipe.csv", "step|cycle|duration_s\nPick|1|1.5\n");
    Study third = newStudy();
    QCOMPARE(importObservationsCsv(*m_project, piped, third).error().code, ErrorCode::InvalidArgument);
    options = {};
    options.csv.delimiter = '|';
    GEMBA_TRY(pipe, importObservationsCsv(*m_project, piped, third, options));
    GEMBA_TRY(obs3, m_project->observations(third.id));
    QCOMPARE((*obs3)[0].durationUs, std::int64_t(1'500'000));
}

static std::string bulkCsv(int rows, const std::string& lastLine = {})
{
    std::string text = "cycle,step,duration_s\n";
    const char* names[] = {"Pick", "Fit", "Check"};
    for (int i = 0; i < rows; ++i)
        text += std::to_string(i / 3 + 1) + "," + names[i % 3] + "," + std::to_string(1 + i % 7) + ".25\n";
    return text + lastLine;
}

static std::string observationIndexSql(sqlite3* db)
{
    return test::rawLastColumns(db, "SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND "
                                    "tbl_name = 'observations' ORDER BY name");
}

void TestObservationCsv::bulkImportRebuildsIndexesAndRestoresSettings()
{
    // Big enough for the bulk path (indexes dropped and built again, foreign keys off).
    sqlite3* db = m_project->handle();
    const std::string indexesBefore = observationIndexSql(db);
    const std::int64_t cacheBefore = test::rawInt(db, "PRAGMA cache_size");
    const std::string path = write("bulk.csv", bulkCsv(30'000));
    Study study = newStudy();
    GEMBA_TRY(r, importObservationsCsv(*m_project, path, study));
    QCOMPARE(r->observations, std::int64_t(30'000));
    QCOMPARE(r->cycles, std::int64_t(10'000));
    QCOMPARE(observationIndexSql(db), indexesBefore);
    QCOMPARE(test::rawInt(db, "PRAGMA foreign_keys"), std::int64_t(1));
    QCOMPARE(test::rawInt(db, "PRAGMA cache_size"), cacheBefore);
    QCOMPARE(test::rawText(db, "PRAGMA integrity_check"), std::string("ok"));
    QCOMPARE(test::rawText(db, "PRAGMA foreign_key_check"), std::string());
    GEMBA_TRY(page, m_project->observations(study.id, 29'999, 10));
    QCOMPARE(page->size(), std::size_t(1));
    QCOMPARE(page->front().durationUs, std::int64_t((1 + 29'999 % 7) * 1'000'000 + 250'000));
    // A second, smaller import into the now bigger table takes the row-by-row path.
    Study second = newStudy();
    QVERIFY(importObservationsCsv(*m_project, write("small.csv", bulkCsv(30)), second).hasValue());
    QCOMPARE(*m_project->observationCount(), std::int64_t(30'030));
    QCOMPARE(observationIndexSql(db), indexesBefore);
}

void TestObservationCsv::failedBulkImportKeepsIndexes()
{
    sqlite3* db = m_project->handle();
    const std::string indexesBefore = observationIndexSql(db);
    const std::string path = write("bulkbad.csv", bulkCsv(30'000, "10001,Nope,1\n"));
    Study study = newStudy();
    auto r = importObservationsCsv(*m_project, path, study);
    QVERIFY(!r.hasValue());
    QVERIFY2(test::contains(r.error().message, path + ":30002:2: unknown step 'Nope'"), r.error().message.c_str());
    QCOMPARE(*m_project->observationCount(), std::int64_t(0));
    QCOMPARE(test::rawInt(db, "SELECT count(*) FROM cycles"), std::int64_t(0));
    QCOMPARE(observationIndexSql(db), indexesBefore);
    QCOMPARE(test::rawInt(db, "PRAGMA foreign_keys"), std::int64_t(1));
    QCOMPARE(test::rawText(db, "PRAGMA integrity_check"), std::string("ok"));
}

void TestObservationCsv::exportFormat()
{
    Study study = newStudy();
    QVERIFY(m_project->addStudy(study).hasValue());
    Cycle c1{0, study.id, 1};
    QVERIFY(m_project->addCycle(c1).hasValue());
    auto add = [&](const Step& step, std::int64_t start, std::int64_t duration, std::int64_t wall) {
        Observation o;
        o.studyId = study.id;
        o.cycleId = c1.id;
        o.stepId = step.id;
        o.startUs = start;
        o.endUs = start + duration;
        o.durationUs = duration;
        o.wallStartUs = wall;
        return o;
    };
    Observation a = add(m_steps[0], 5'000'000'000, 1'500'000, 1'795'425'302'250'000);
    a.ratingPercent = 112.5;
    a.note = "plain";
    Observation b = add(m_steps[1], 5'001'500'000, 2'000'001, 0);
    b.abnormal = true;
    b.excluded = true;
    b.excludedReason = "dropped, \"twice\"";
    b.note = "two\nlines";
    Observation c = add(m_steps[2], 5'003'500'001, 30'000'000, 1'795'425'400'000'000);
    c.foreignElement = true;
    c.spansSuspend = true;
    c.note = " padded ";
    b.endUs += 250'001;   // paused for 0.250001 s inside
    b.pausedUs = 250'001;
    for (Observation* o : {&c, &a, &b})   // out of order: the export sorts by start
        QVERIFY(m_project->addObservation(*o).hasValue());

    const std::string path = file("out.csv");
    GEMBA_TRY(rows, exportObservationsCsv(*m_project, study.id, path));
    QCOMPARE(*rows, std::int64_t(3));
    const std::string sid = std::to_string(study.id);
    const std::string expected =
        "study,cycle,step,position,duration_s,start_s,end_s,wall_start,rating_percent,foreign_element,abnormal,"
        "excluded,excluded_reason,spans_suspend,note,paused_s\r\n" +
        sid + ",1,Pick,1,1.5,5000,5001.5,2026-11-23T09:15:02.250000Z,112.5,0,0,0,,0,plain,0\r\n" + sid +
        ",1,Fit,2,2.000001,5001.5,5003.750002,,,0,1,1,\"dropped, \"\"twice\"\"\",0,\"two\nlines\",0.250001\r\n" +
        sid + ",1,Check,3,30,5003.500001,5033.500001,2026-11-23T09:16:40Z,,1,0,0,,1,\" padded \",0\r\n";
    QCOMPARE(QString::fromStdString(read(path)), QString::fromStdString(expected));
    QVERIFY(!test::exists(path + ".part"));
}

void TestObservationCsv::exportImportRoundTripWithHostileText()
{
    const std::vector<std::string> notes = {
        "'); DROP TABLE observations; --",
        "\"quoted\", with commas; and semicolons",
        "emoji 👷‍♀️🏭⏱️ ümlaut 日本語",
        std::string(10 * 1024, 'n') + "\nend",
        "line\r\nbreaks\nand\ttabs",
        "=SUM(A1:A9)",
        "  leading and trailing blanks  ",
        "",
    };
    Study study = newStudy();
    study.startedWallUs = 1'763'889'302'000'000;
    QVERIFY(m_project->addStudy(study).hasValue());
    std::vector<Observation> written;
    std::int64_t t = 1'000'000'000;
    for (int cycle = 1; cycle <= 3; ++cycle) {
        Cycle c{0, study.id, cycle};
        QVERIFY(m_project->addCycle(c).hasValue());
        for (std::size_t i = 0; i < notes.size(); ++i) {
            Observation o;
            o.studyId = study.id;
            o.cycleId = c.id;
            o.stepId = m_steps[i % 3].id;
            o.startUs = t;
            o.durationUs = 1'000'003 * static_cast<std::int64_t>(i + 1) + cycle;
            o.endUs = t + o.durationUs + 7;   // a little pause inside
            o.pausedUs = 7;
            o.wallStartUs = study.startedWallUs + (t - 1'000'000'000);
            o.ratingPercent = i % 2 ? std::optional<double>(95 + 0.1 * static_cast<double>(i)) : std::nullopt;
            o.foreignElement = i == 1;
            o.abnormal = i == 2;
            o.excluded = i == 3;
            o.excludedReason = i == 3 ? notes[(i + 1) % notes.size()] : std::string();
            o.spansSuspend = i == 4;
            o.note = notes[i];
            t = o.endUs + 13;
            QVERIFY(m_project->addObservation(o).hasValue());
            written.push_back(o);
        }
    }
    const std::string path = file("round.csv");
    GEMBA_TRY(rows, exportObservationsCsv(*m_project, study.id, path));
    QCOMPARE(*rows, static_cast<std::int64_t>(written.size()));

    Study copy = newStudy();
    ObservationCsvImportOptions options;
    options.columns = ObservationCsvColumns::exported();
    GEMBA_TRY(r, importObservationsCsv(*m_project, path, copy, options));
    QCOMPARE(r->observations, static_cast<std::int64_t>(written.size()));
    QCOMPARE(r->cycles, std::int64_t(3));
    GEMBA_TRY(back, m_project->observations(copy.id));
    QCOMPARE(back->size(), written.size());
    for (std::size_t i = 0; i < written.size(); ++i) {
        const Observation& w = written[i];
        const Observation& b = (*back)[i];
        QCOMPARE(b.stepId, w.stepId);
        const std::string differs = test::recordedFieldsDiffer(b, w);
        QVERIFY2(differs.empty(), differs.substr(0, 200).c_str());
    }
    // And the second export is byte for byte the first, but for the study id.
    const std::string again = file("round2.csv");
    QVERIFY(exportObservationsCsv(*m_project, copy.id, again).hasValue());
    std::string first = read(path), second = read(again);
    const std::string sid = "\n" + std::to_string(study.id) + ",", cid = "\n" + std::to_string(copy.id) + ",";
    for (std::size_t pos = 0; (pos = first.find(sid, pos)) != std::string::npos; pos += cid.size())
        first.replace(pos, sid.size(), cid);
    QVERIFY(first == second);
    QCOMPARE(test::rawText(m_project->handle(), "PRAGMA integrity_check"), std::string("ok"));
}

void TestObservationCsv::exportErrors()
{
    QCOMPARE(exportObservationsCsv(*m_project, 4242, file("x.csv")).error().code, ErrorCode::InvalidArgument);
    QVERIFY(!test::exists(file("x.csv")));
    Study study = newStudy();
    QVERIFY(m_project->addStudy(study).hasValue());
    auto r = exportObservationsCsv(*m_project, study.id, file("no/such/dir/x.csv"));
    QCOMPARE(r.error().code, ErrorCode::IoError);
    // An empty study exports its header only.
    GEMBA_TRY(rows, exportObservationsCsv(*m_project, study.id, file("empty.csv")));
    QCOMPARE(*rows, std::int64_t(0));
    QVERIFY(test::contains(read(file("empty.csv")), "study,cycle,step"));
}

void TestObservationCsv::readOnlyProjectRefusesImport()
{
    const std::string csv = write("r.csv", "step,cycle,duration_s\nPick,1,1\n");
    m_project.reset();
    GEMBA_TRY(p, Project::open(file("p.gemba"), OpenMode::ReadOnly));
    Study study = newStudy();
    auto r = importObservationsCsv(**p, csv, study);
    QVERIFY(!r.hasValue());
    QVERIFY(test::contains(r.error().message, "read-only"));
}

std::vector<Observation> TestObservationCsv::writeStudyWithStatus(Study& study)
{
    study = newStudy();
    study.startedWallUs = 1'795'425'302'000'000;
    if (!m_project->addStudy(study))
        qFatal("cannot add the study");
    std::vector<Observation> written;
    std::int64_t t = 7'000'000;
    for (int cycle = 1; cycle <= 2; ++cycle) {
        Cycle c{0, study.id, cycle};
        if (!m_project->addCycle(c))
            qFatal("cannot add a cycle");
        auto add = [&](const Step& step, std::int64_t durationUs, bool foreign) -> Observation& {
            Observation o;
            o.studyId = study.id;
            o.cycleId = c.id;
            o.stepId = step.id;
            o.startUs = t;
            o.durationUs = durationUs;
            o.endUs = t + durationUs;
            o.wallStartUs = study.startedWallUs + t;
            o.foreignElement = foreign;
            o.pausedUs = foreign ? 0 : 1'000 * cycle;   // a pause inside (not added to end: irrelevant here)
            t = o.endUs + 250'000;
            written.push_back(o);
            return written.back();
        };
        add(m_steps[0], 4'000'000 + cycle * 100'000, false).ratingPercent = 110;
        add(m_steps[0], 12'500'000, true).note = "dropped the part";
        Observation& fit = add(m_steps[1], 6'000'000 + cycle * 10, false);
        if (cycle == 2) {
            fit.abnormal = true;
            fit.excluded = true;
            fit.excludedReason = "tool broke";
            fit.spansSuspend = true;
        }
        add(m_steps[2], 2'000'000, false).ratingPercent = 95.5;
    }
    for (Observation& o : written)
        if (!m_project->addObservation(o))
            qFatal("cannot add an observation");
    return written;
}

// The window's import dialog maps step, cycle, the times, rating and note (its guesses on an
// export's header); the status columns it does not offer are read by their exported names, so
// every field of every observation comes back and the summary is the same (Pick: n = 2, not 4).
void TestObservationCsv::exportImportsBackThroughTheDialogMapping()
{
    Study study;
    const std::vector<Observation> written = writeStudyWithStatus(study);
    const std::string path = file("status.csv");
    GEMBA_TRY(rows, exportObservationsCsv(*m_project, study.id, path));
    QCOMPARE(*rows, std::int64_t(8));

    Study copy = newStudy();
    ObservationCsvImportOptions options;
    options.columns = ObservationCsvColumns{};   // as ImportDialog::options() builds it
    options.columns.step = "step";
    options.columns.cycle = "cycle";
    options.columns.duration = "duration_s";
    options.columns.start = "start_s";
    options.columns.end = "end_s";
    options.columns.rating = "rating_percent";
    options.columns.note = "note";
    GEMBA_TRY(r, importObservationsCsv(*m_project, path, copy, options));
    QCOMPARE(r->observations, std::int64_t(8));
    QCOMPARE(r->rated, std::int64_t(4));
    GEMBA_TRY(back, m_project->observations(copy.id));
    QCOMPARE(back->size(), written.size());
    GEMBA_TRY(cycles, m_project->cycles(copy.id));
    QCOMPARE(cycles->size(), std::size_t(2));
    for (std::size_t i = 0; i < written.size(); ++i) {
        const Observation& w = written[i];
        const Observation& b = (*back)[i];
        QCOMPARE(b.studyId, copy.id);
        QCOMPARE(b.cycleId, (*cycles)[i / 4].id);
        QCOMPARE(b.stepId, w.stepId);
        const std::string differs = test::recordedFieldsDiffer(b, w);
        QVERIFY2(differs.empty(), differs.c_str());
    }
    GEMBA_TRY(summary, study::summarizeSteps(m_steps, *back, copy));
    QCOMPARE(summary->steps[0].n, std::size_t(2));
    QCOMPARE(summary->steps[0].foreignCount, std::size_t(2));
    QCOMPARE(summary->steps[0].foreignSeconds, 25.0);
    QCOMPARE(summary->steps[1].n, std::size_t(1));
    QCOMPARE(summary->steps[1].excludedCount, std::size_t(1));
}

// Without the status columns the same file gives the old reading (every row a time of its
// step), and a status column mapped to another field is not read twice.
void TestObservationCsv::statusColumnsCanBeLeftOut()
{
    Study study;
    writeStudyWithStatus(study);
    const std::string path = file("status.csv");
    QVERIFY(exportObservationsCsv(*m_project, study.id, path).hasValue());

    Study plain = newStudy();
    ObservationCsvImportOptions options;
    options.readExportedStatusColumns = false;
    GEMBA_TRY(r, importObservationsCsv(*m_project, path, plain, options));
    GEMBA_TRY(back, m_project->observations(plain.id));
    QCOMPARE(back->size(), std::size_t(8));
    for (const Observation& o : *back) {
        QVERIFY(!o.foreignElement && !o.excluded && !o.abnormal && !o.spansSuspend);
        QVERIFY(o.excludedReason.empty());
        QCOMPARE(o.wallStartUs, std::int64_t(0));   // plain.startedWallUs is 0
        QCOMPARE(o.pausedUs, std::int64_t(0));
    }
    GEMBA_TRY(summary, study::summarizeSteps(m_steps, *back, plain));
    QCOMPARE(summary->steps[0].n, std::size_t(4));

    // The default mapping (step, cycle, duration_s) reads them; the note column taken for the
    // excluded reason is not also read as the reason by name.
    Study mapped = newStudy();
    ObservationCsvImportOptions byName;
    byName.columns.note = "excluded_reason";
    GEMBA_TRY(r2, importObservationsCsv(*m_project, path, mapped, byName));
    GEMBA_TRY(again, m_project->observations(mapped.id));
    QCOMPARE(again->size(), std::size_t(8));
    QVERIFY((*again)[1].foreignElement);
    QVERIFY((*again)[6].excluded);
    QCOMPARE((*again)[6].note, std::string("tool broke"));
    QCOMPARE((*again)[6].excludedReason, std::string());
    QCOMPARE((*again)[0].wallStartUs, std::int64_t(1'795'425'302'000'000 + 7'000'000));
    GEMBA_TRY(summary2, study::summarizeSteps(m_steps, *again, mapped));
    QCOMPARE(summary2->steps[0].n, std::size_t(2));
}

// paused_s (file format 4): read by its exported name, an empty cell is 0, a file without the
// column (every export before it) imports as before, and a negative time names its cell.
void TestObservationCsv::pausedColumnIsOptional()
{
    const std::string withPause = write("p.csv", "step,cycle,duration_s,start_s,end_s,paused_s\n"
                                                 "Pick,1,1.5,10,12,0.5\n"
                                                 "Fit,1,2,12,14,\n");
    Study a = newStudy();
    GEMBA_TRY(r, importObservationsCsv(*m_project, withPause, a));
    GEMBA_TRY(obs, m_project->observations(a.id));
    QCOMPARE((*obs)[0].pausedUs, std::int64_t(500'000));
    QCOMPARE((*obs)[1].pausedUs, std::int64_t(0));

    const std::string old = write("o.csv", "step,cycle,duration_s,start_s,end_s\nPick,1,1.5,10,12\n");
    Study b = newStudy();
    GEMBA_TRY(r2, importObservationsCsv(*m_project, old, b));
    GEMBA_TRY(obs2, m_project->observations(b.id));
    QCOMPARE((*obs2)[0].pausedUs, std::int64_t(0));
    QCOMPARE((*obs2)[0].durationUs, std::int64_t(1'500'000));

    const std::string bad = write("b.csv", "step,cycle,duration_s,paused_s\nPick,1,1.5,0\nFit,1,2,-1\n");
    Study c = newStudy();
    auto refused = importObservationsCsv(*m_project, bad, c);
    QVERIFY(!refused.hasValue());
    QVERIFY2(test::contains(refused.error().message, "b.csv:3:4: paused time -1 s is negative"),
             refused.error().message.c_str());
}

QTEST_GUILESS_MAIN(TestObservationCsv)
#include "tst_observationcsv.moc"
