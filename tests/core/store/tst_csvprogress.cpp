// Tests of the progress callbacks of the CSV import and export (store/observationcsv): the
// figures they report, and that stopping them leaves nothing behind (the import rolls back whole,
// the export leaves no file).
#include "store/observationcsv.h"
#include "store/project.h"

#include "storetestsupport.h"

#include <QTemporaryDir>
#include <QtTest>

#include <vector>

using namespace gemba;
using namespace gemba::store;
using namespace gemba::study;

class TestCsvProgress : public QObject {
    Q_OBJECT

private slots:
    void init();
    void importReportsEveryFewThousandRows();
    void importStoppedLeavesTheProjectAsItWas();
    void exportReportsAndStopsWithoutAFile();

private:
    std::string file(const char* name) const { return (m_dir->path() + "/" + name).toStdString(); }
    // A CSV of `rows` observations over three steps, 3 rows a cycle.
    std::string writeCsv(const char* name, int rows) const;

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Project> m_project;
    Study m_study;
};

void TestCsvProgress::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    auto p = Project::open(file("p.gemba"));
    QVERIFY(p.hasValue());
    m_project = std::move(*p);
    Process process{0, "Assembly", ""};
    QVERIFY(m_project->addProcess(process).hasValue());
    m_study = Study{};
    m_study.processId = process.id;
    m_study.date = "2026-11-23";
}

std::string TestCsvProgress::writeCsv(const char* name, int rows) const
{
    std::string text = "step,cycle,duration_s\n";
    for (int i = 0; i < rows; ++i)
        text += "step " + std::to_string(i % 3 + 1) + "," + std::to_string(i / 3 + 1) + "," +
                std::to_string(2 + i % 7) + ".25\n";
    const std::string path = file(name);
    QFile f(QString::fromStdString(path));
    if (!f.open(QIODevice::WriteOnly))
        qFatal("cannot write %s", path.c_str());
    f.write(text.data(), static_cast<qint64>(text.size()));
    return path;
}

void TestCsvProgress::importReportsEveryFewThousandRows()
{
    const std::string csv = writeCsv("ten.csv", 10'000);
    std::vector<std::pair<std::int64_t, std::int64_t>> reports;
    ObservationCsvImportOptions options;
    options.createMissingSteps = true;
    options.progress = [&](std::int64_t done, std::int64_t total) {
        reports.emplace_back(done, total);
        return true;
    };
    GEMBA_TRY(result, importObservationsCsv(*m_project, csv, m_study, options));
    QCOMPARE(result->observations, std::int64_t(10'000));
    // Every 4096 rows, then once when all rows are in (before the indexes and the commit).
    const std::vector<std::pair<std::int64_t, std::int64_t>> expected{
        {4096, 10'000}, {8192, 10'000}, {10'000, 10'000}};
    QCOMPARE(reports, expected);
}

void TestCsvProgress::importStoppedLeavesTheProjectAsItWas()
{
    const std::string csv = writeCsv("stop.csv", 30'000);   // a bulk import: the indexes are dropped
    GEMBA_TRY(before, m_project->studies(m_study.processId));
    int calls = 0;
    ObservationCsvImportOptions options;
    options.createMissingSteps = true;
    options.progress = [&](std::int64_t done, std::int64_t) { return ++calls < 3 && done > 0; };   // stop at 12288
    auto result = importObservationsCsv(*m_project, csv, m_study, options);
    QVERIFY(!result.hasValue());
    QVERIFY2(test::contains(result.error().message, "cancelled") &&
                 test::contains(result.error().message, "nothing was imported"),
             result.error().message.c_str());
    QCOMPARE(calls, 3);
    GEMBA_TRY(after, m_project->studies(m_study.processId));
    QCOMPARE(after->size(), before->size());
    GEMBA_TRY(steps, m_project->steps(m_study.processId));
    QVERIFY(steps->empty());   // the steps it would have created are gone too
    QCOMPARE(*m_project->observationCount(), std::int64_t(0));
    // The observation indexes the bulk load dropped are back.
    QCOMPARE(test::rawInt(m_project->handle(),
                          "SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'observations'"),
             std::int64_t(2));
}

void TestCsvProgress::exportReportsAndStopsWithoutAFile()
{
    const std::string csv = writeCsv("nine.csv", 9'000);
    ObservationCsvImportOptions options;
    options.createMissingSteps = true;
    GEMBA_TRY(imported, importObservationsCsv(*m_project, csv, m_study, options));

    std::vector<std::pair<std::int64_t, std::int64_t>> reports;
    const std::string out = file("out.csv");
    GEMBA_TRY(rows, exportObservationsCsv(*m_project, imported->studyId, out, [&](std::int64_t d, std::int64_t t) {
                  reports.emplace_back(d, t);
                  return true;
              }));
    QCOMPARE(*rows, std::int64_t(9'000));
    const std::vector<std::pair<std::int64_t, std::int64_t>> expected{{4096, 9'000}, {8192, 9'000}};
    QCOMPARE(reports, expected);
    QVERIFY(test::exists(out));

    const std::string stopped = file("stopped.csv");
    auto refused = exportObservationsCsv(*m_project, imported->studyId, stopped,
                                         [](std::int64_t, std::int64_t) { return false; });
    QVERIFY(!refused.hasValue());
    QVERIFY2(test::contains(refused.error().message, "cancelled"), refused.error().message.c_str());
    QVERIFY(!test::exists(stopped));
    QVERIFY(!test::exists(stopped + ".part"));
}

QTEST_GUILESS_MAIN(TestCsvProgress)
#include "tst_csvprogress.moc"
