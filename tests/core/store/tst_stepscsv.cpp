// Tests of store/stepscsv: reading element lists (kinds, frequency, internal work, allowance
// categories), errors naming file:line:column, and the all-or-nothing import into a process.
#include "store/project.h"
#include "store/stepscsv.h"

#include "storetestsupport.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace gemba;
using namespace gemba::store;
using namespace gemba::study;

namespace {

// Enums compared by their file names, which QCOMPARE can print.
template <typename E>
std::string name(E v)
{
    return std::string(toString(v));
}

const char* const kGoodList = "name,type,kind,every,value_class,description,every_basis,inside,personal,"
                              "basic_fatigue,variable_fatigue,delay\n"
                              "Load,Manual,cyclic,,value-adding,Load the blank,,,,,,\n"
                              "Press,machine,machine,1,necessary-non-value-adding,Press cycle,,,,,,2\n"
                              "Deburr,manual,cyclic,,value-adding,\"Deburr, while pressing\",,Press,5,4,2.5,\n"
                              "Reel change,manual,occasional,20,necessary-non-value-adding,New reel,cycles,,,,,\n"
                              "Gauge,walk,OCCASIONAL,50,waste,Walk to the gauge,units,,,,,\n";

} // namespace

class TestStepsCsv : public QObject {
    Q_OBJECT

private slots:
    void init();
    void readsAGoodList();
    void readsTheRequiredColumnsOnly();
    void readsSemicolonsAndDecimalCommas();
    void badInputNamesLineAndColumn_data();
    void badInputNamesLineAndColumn();
    void missingColumnIsNamed();
    void headerOnlyIsEmptyData();
    void importCreatesTheProcess();
    void importRefusesAProcessWithSteps();
    void importReplacesStepsOfAProcessWithoutStudies();
    void importRefusesReplaceWhenTheProcessHasStudies();
    void badFileWritesNothing();

private:
    std::string write(const char* name, const std::string& text) const
    {
        const std::string path = (m_dir->path() + "/" + name).toStdString();
        QFile f(QString::fromStdString(path));
        if (!f.open(QIODevice::WriteOnly))
            qFatal("cannot write %s", path.c_str());
        f.write(text.data(), static_cast<qint64>(text.size()));
        return path;
    }
    void openProject()
    {
        auto p = Project::open((m_dir->path() + "/p.gemba").toStdString());
        QVERIFY(p.hasValue());
        m_project = std::move(*p);
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Project> m_project;
};

void TestStepsCsv::init()
{
    m_project.reset();
    m_dir = std::make_unique<QTemporaryDir>();
    openProject();
}

void TestStepsCsv::readsAGoodList()
{
    GEMBA_TRY(rows, readStepsCsv(write("s.csv", kGoodList)));
    QCOMPARE(rows->size(), std::size_t(5));
    const auto& r = *rows;

    QCOMPARE(r[0].step.name, std::string("Load"));
    QCOMPARE(name(r[0].step.type), name(StepType::Manual));   // "Manual": keywords ignore case
    QCOMPARE(name(r[0].step.kind), name(ElementKind::Cyclic));
    QCOMPARE(r[0].step.every, 1.0);
    QCOMPARE(name(r[0].step.valueClass), name(ValueClass::ValueAdding));
    QCOMPARE(r[0].step.description, std::string("Load the blank"));
    QVERIFY(!r[0].step.allowances);
    QCOMPARE(r[0].inside, -1);
    QCOMPARE(r[0].line, std::uint64_t(2));
    QCOMPARE(r[0].step.position, 0);

    QCOMPARE(name(r[1].step.type), name(StepType::Machine));
    QCOMPARE(name(r[1].step.kind), name(ElementKind::MachineControlled));
    QCOMPARE(name(r[1].step.valueClass), name(ValueClass::NecessaryNonValueAdding));
    // Only delay filled: the other categories are 0.
    QVERIFY(r[1].step.allowances.has_value());
    QCOMPARE(*r[1].step.allowances, (Allowances{0, 0, 0, 2}));

    QCOMPARE(r[2].step.description, std::string("Deburr, while pressing"));
    QCOMPARE(r[2].inside, 1);   // inside Press
    QCOMPARE(*r[2].step.allowances, (Allowances{5, 4, 2.5, 0}));

    QCOMPARE(name(r[3].step.kind), name(ElementKind::Occasional));
    QCOMPARE(r[3].step.every, 20.0);
    QCOMPARE(name(r[3].step.everyBasis), name(FrequencyBasis::Cycles));

    QCOMPARE(name(r[4].step.type), name(StepType::Walk));
    QCOMPARE(name(r[4].step.kind), name(ElementKind::Occasional));
    QCOMPARE(r[4].step.every, 50.0);
    QCOMPARE(name(r[4].step.everyBasis), name(FrequencyBasis::Units));
    QCOMPARE(name(r[4].step.valueClass), name(ValueClass::Waste));
    QCOMPARE(r[4].line, std::uint64_t(6));
}

void TestStepsCsv::readsTheRequiredColumnsOnly()
{
    // Columns in another order, no optional ones, an empty value class = value-adding.
    GEMBA_TRY(rows, readStepsCsv(write("s.csv", "description,value_class,every,kind,type,name\n"
                                                "first,,,cyclic,manual,A\n"
                                                ",waste,4,occasional,walk,B\n")));
    QCOMPARE(rows->size(), std::size_t(2));
    QCOMPARE((*rows)[0].step.name, std::string("A"));
    QCOMPARE(name((*rows)[0].step.valueClass), name(ValueClass::ValueAdding));
    QCOMPARE((*rows)[1].step.every, 4.0);
    QCOMPARE(name((*rows)[1].step.valueClass), name(ValueClass::Waste));
    QVERIFY(!(*rows)[1].step.allowances);
}

void TestStepsCsv::readsSemicolonsAndDecimalCommas()
{
    // The dialect is guessed as for every import: semicolons, and "2,5" can only be a decimal comma.
    GEMBA_TRY(rows, readStepsCsv(write("s.csv", "name;type;kind;every;value_class;description;personal\n"
                                                "A;manual;occasional;2,5;;x;7,5\n")));
    QCOMPARE((*rows)[0].step.every, 2.5);
    QCOMPARE(*(*rows)[0].step.allowances, (Allowances{7.5, 0, 0, 0}));
}

void TestStepsCsv::badInputNamesLineAndColumn_data()
{
    QTest::addColumn<QString>("body");
    QTest::addColumn<QString>("message");
    const QString header = "name,type,kind,every,value_class,description,every_basis,inside,personal,"
                           "basic_fatigue,variable_fatigue,delay\n";
    const QString ok = "A,manual,cyclic,,,,,,,,,\n";   // line 2
    QTest::newRow("empty name") << header + ok + ",manual,cyclic,,,,,,,,,\n"
                                << "s.csv:3:1: the step has no name (column 'name')";
    QTest::newRow("duplicate name") << header + ok + "A,walk,cyclic,,,,,,,,,\n"
                                    << "s.csv:3:1: 'A' is already the name of the step on line 2 (column 'name')";
    QTest::newRow("type") << header + ok + "B,robot,cyclic,,,,,,,,,\n"
                          << "s.csv:3:2: 'robot' is not a step type: manual, machine or walk (column 'type')";
    QTest::newRow("empty type") << header + ok + "B,,cyclic,,,,,,,,,\n"
                                << "s.csv:3:2: '' is not a step type: manual, machine or walk (column 'type')";
    QTest::newRow("kind") << header + ok + "B,manual,sometimes,,,,,,,,,\n"
                          << "s.csv:3:3: 'sometimes' is not a kind: cyclic, occasional or machine (column 'kind')";
    QTest::newRow("occasional without every")
        << header + ok + "B,manual,occasional,,,,,,,,,\n"
        << "s.csv:3:4: an occasional element needs 'every': once every how many cycles (column 'every')";
    QTest::newRow("occasional every 0") << header + ok + "B,manual,occasional,0,,,,,,,,\n"
                                        << "s.csv:3:4: 'every' must be more than 0, not 0 (column 'every')";
    QTest::newRow("occasional every negative") << header + ok + "B,manual,occasional,-5,,,,,,,,\n"
                                               << "s.csv:3:4: 'every' must be more than 0, not -5 (column 'every')";
    QTest::newRow("cyclic every 20")
        << header + ok + "B,manual,cyclic,20,,,,,,,,\n"
        << "s.csv:3:4: 'every' is 20 but a cyclic element occurs every cycle: leave it empty or 1, or make the "
           "kind occasional (column 'every')";
    QTest::newRow("every not a number") << header + ok + "B,manual,occasional,often,,,,,,,,\n"
                                        << "s.csv:3: column 'every' (4): 'often' is not a number";
    QTest::newRow("value class") << header + ok + "B,manual,cyclic,,useful,,,,,,,\n"
                                 << "s.csv:3:5: 'useful' is not a value class: value-adding, "
                                    "necessary-non-value-adding or waste (column 'value_class')";
    QTest::newRow("every basis") << header + ok + "B,manual,occasional,3,,,shifts,,,,,\n"
                                 << "s.csv:3:7: 'shifts' is not a frequency basis: cycles or units (column "
                                    "'every_basis')";
    QTest::newRow("units on a cyclic element")
        << header + ok + "B,manual,cyclic,,,,units,,,,,\n"
        << "s.csv:3:7: 'units' applies to occasional elements only (column 'every_basis')";
    QTest::newRow("inside unknown") << header + ok + "B,manual,cyclic,,,,,Oven,,,,\n"
                                    << "s.csv:3:8: 'Oven' is not the name of a step in this file (column 'inside')";
    QTest::newRow("inside not a machine element")
        << header + ok + "B,manual,cyclic,,,,,A,,,,\n"
        << "s.csv:3:8: 'A' (line 2) is not machine-controlled: internal work runs inside a step of kind machine "
           "(column 'inside')";
    QTest::newRow("inside itself") << header + ok + "B,manual,cyclic,,,,,B,,,,\n"
                                   << "s.csv:3:8: a step cannot run inside itself (column 'inside')";
    QTest::newRow("machine inside machine")
        << header + "M,machine,machine,,,,,,,,,\n" + "N,machine,machine,,,,,M,,,,\n"
        << "s.csv:3:8: a machine-controlled step cannot run inside another one (column 'inside')";
    QTest::newRow("personal over 100")
        << header + ok + "B,manual,cyclic,,,,,,101,,,\n"
        << "s.csv:3:9: an allowance is a percentage from 0 to 100, not 101 (column 'personal')";
    QTest::newRow("delay negative")
        << header + ok + "B,manual,cyclic,,,,,,,,,-1\n"
        << "s.csv:3:12: an allowance is a percentage from 0 to 100, not -1 (column 'delay')";
    QTest::newRow("fatigue not a number") << header + ok + "B,manual,cyclic,,,,,,,lots,,\n"
                                          << "s.csv:3: column 'basic_fatigue' (10): 'lots' is not a number";
    // A quoted cell spanning two lines: the next row starts on line 4.
    QTest::newRow("line after a multi-line cell")
        << header + "A,manual,cyclic,,,\"two\nlines\",,,,,,\n" + "B,manual,cycle,,,,,,,,,\n"
        << "s.csv:4:3: 'cycle' is not a kind: cyclic, occasional or machine (column 'kind')";
}

void TestStepsCsv::badInputNamesLineAndColumn()
{
    QFETCH(QString, body);
    QFETCH(QString, message);
    const std::string path = write("s.csv", body.toStdString());
    auto rows = readStepsCsv(path);
    QVERIFY(!rows.hasValue());
    QCOMPARE(rows.error().code, ErrorCode::ParseError);
    QCOMPARE(QString::fromStdString(rows.error().message), m_dir->path() + "/" + message);

    // The import refuses the same file and writes nothing: no process, no steps.
    auto imported = importStepsCsv(*m_project, path, "Line 1");
    QVERIFY(!imported.hasValue());
    QCOMPARE(QString::fromStdString(imported.error().message), m_dir->path() + "/" + message);
    GEMBA_TRY(processes, m_project->processes());
    QVERIFY(processes->empty());
}

void TestStepsCsv::missingColumnIsNamed()
{
    auto rows = readStepsCsv(write("s.csv", "name,type,kind,value_class,description\nA,manual,cyclic,,\n"));
    QVERIFY(!rows.hasValue());
    QCOMPARE(rows.error().code, ErrorCode::InvalidArgument);
    QVERIFY2(QString::fromStdString(rows.error().message).contains("every"), rows.error().message.c_str());
}

void TestStepsCsv::headerOnlyIsEmptyData()
{
    auto rows = readStepsCsv(write("s.csv", "name,type,kind,every,value_class,description\n"));
    QVERIFY(!rows.hasValue());
    QCOMPARE(rows.error().code, ErrorCode::EmptyData);
}

void TestStepsCsv::importCreatesTheProcess()
{
    GEMBA_TRY(r, importStepsCsv(*m_project, write("s.csv", kGoodList), "Press line"));
    QVERIFY(r->processCreated);
    QCOMPARE(r->steps, std::int64_t(5));
    QCOMPARE(r->stepsReplaced, std::int64_t(0));
    GEMBA_TRY(processes, m_project->processes());
    QCOMPARE(processes->size(), std::size_t(1));
    QCOMPARE((*processes)[0].name, std::string("Press line"));
    QCOMPARE((*processes)[0].id, r->processId);
    GEMBA_TRY(steps, m_project->steps(r->processId));
    QCOMPARE(steps->size(), std::size_t(5));
    const char* names[] = {"Load", "Press", "Deburr", "Reel change", "Gauge"};
    for (int i = 0; i < 5; ++i) {
        QCOMPARE((*steps)[i].name, std::string(names[i]));
        QCOMPARE((*steps)[i].position, i);
    }
    QCOMPARE(name((*steps)[1].type), name(StepType::Machine));
    QCOMPARE((*steps)[2].description, std::string("Deburr, while pressing"));
    QCOMPARE(name((*steps)[4].valueClass), name(ValueClass::Waste));
}

void TestStepsCsv::importRefusesAProcessWithSteps()
{
    GEMBA_TRY(first, importStepsCsv(*m_project, write("s.csv", kGoodList), "Press line"));
    auto again = importStepsCsv(*m_project, write("t.csv", "name,type,kind,every,value_class,description\n"
                                                           "Only,manual,cyclic,,,\n"),
                                "Press line");
    QVERIFY(!again.hasValue());
    QCOMPARE(again.error().field, std::string("replace"));
    QCOMPARE(again.error().message,
             std::string("process 'Press line' already has 5 steps; replace them, or import into a new process"));
    GEMBA_TRY(steps, m_project->steps(first->processId));
    QCOMPARE(steps->size(), std::size_t(5));
}

void TestStepsCsv::importReplacesStepsOfAProcessWithoutStudies()
{
    GEMBA_TRY(first, importStepsCsv(*m_project, write("s.csv", kGoodList), "Press line"));
    StepsCsvImportOptions options;
    options.replace = true;
    GEMBA_TRY(again, importStepsCsv(*m_project,
                                    write("t.csv", "name,type,kind,every,value_class,description\n"
                                                   "Only,walk,cyclic,,,\n"),
                                    "Press line", options));
    QVERIFY(!again->processCreated);
    QCOMPARE(again->processId, first->processId);
    QCOMPARE(again->stepsReplaced, std::int64_t(5));
    QCOMPARE(again->steps, std::int64_t(1));
    GEMBA_TRY(steps, m_project->steps(first->processId));
    QCOMPARE(steps->size(), std::size_t(1));
    QCOMPARE((*steps)[0].name, std::string("Only"));
    QCOMPARE(name((*steps)[0].type), name(StepType::Walk));
}

void TestStepsCsv::importRefusesReplaceWhenTheProcessHasStudies()
{
    GEMBA_TRY(first, importStepsCsv(*m_project, write("s.csv", kGoodList), "Press line"));
    Study s;
    s.processId = first->processId;
    s.date = "2026-12-03";
    s.observer = "A";
    GEMBA_TRY(studyId, m_project->addStudy(s));
    StepsCsvImportOptions options;
    options.replace = true;
    auto again = importStepsCsv(*m_project,
                                write("t.csv", "name,type,kind,every,value_class,description\nOnly,walk,cyclic,,,\n"),
                                "Press line", options);
    QVERIFY(!again.hasValue());
    QCOMPARE(again.error().field, std::string("studies"));
    QCOMPARE(again.error().message, std::string("process 'Press line' has 1 study timed against its steps, so they "
                                                "cannot be replaced; import the list into a new process"));
    GEMBA_TRY(steps, m_project->steps(first->processId));
    QCOMPARE(steps->size(), std::size_t(5));
}

void TestStepsCsv::badFileWritesNothing()
{
    // The error is on the last line: nothing of the lines before it is stored, and an existing
    // process keeps its steps even with replace.
    GEMBA_TRY(first, importStepsCsv(*m_project, write("s.csv", kGoodList), "Press line"));
    StepsCsvImportOptions options;
    options.replace = true;
    auto bad = importStepsCsv(*m_project,
                              write("t.csv", "name,type,kind,every,value_class,description\n"
                                             "X,manual,cyclic,,,\nY,manual,cyclic,,,\nZ,manual,hourly,,,\n"),
                              "Press line", options);
    QVERIFY(!bad.hasValue());
    GEMBA_TRY(steps, m_project->steps(first->processId));
    QCOMPARE(steps->size(), std::size_t(5));
    QCOMPARE((*steps)[0].name, std::string("Load"));
    auto other = importStepsCsv(*m_project,
                                write("u.csv", "name,type,kind,every,value_class,description\n"
                                               "X,manual,cyclic,,,\nZ,manual,hourly,,,\n"),
                                "Other");
    QVERIFY(!other.hasValue());
    GEMBA_TRY(processes, m_project->processes());
    QCOMPARE(processes->size(), std::size_t(1));
}

QTEST_GUILESS_MAIN(TestStepsCsv)
#include "tst_stepscsv.moc"
