// `gemba import PROJECT --dataset`, `gemba datasets` and `gemba chart TYPE PROJECT --dataset`:
// a CSV file stored in a project and charted from there exactly as from the file, with the
// exit codes of every command (0 ok, 1 bad data, 2 usage).
#include "clirunner.h"

#include "store/project.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

using namespace gemba;

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

// Widths of a part in mm with lots, and defectives in samples of varying size; semicolons and
// decimal commas, as a German spreadsheet saves them.
const char* kMeasurements = "width;lot;defective;n\n"
                            "25,0135;A;2;50\n"
                            "24,987;A;3;50\n"
                            "25,031;B;1;40\n"
                            "25,002;B;4;50\n"
                            "24,969;C;2;50\n"
                            "25,024;C;5;40\n"
                            "25,011;D;0;50\n"
                            "24,995;D;3;50\n";

} // namespace

class TestCliDataSet : public QObject {
    Q_OBJECT
private slots:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        m_csv = write("m.csv", kMeasurements);
        m_project = m_dir->filePath("p.gemba");
    }

    void importListsAndCharts();
    void chartOfADataSetIsTheChartOfItsFile_data();
    void chartOfADataSetIsTheChartOfItsFile();
    void importIsAllOrNothing();
    void errorsAndExitCodes_data();
    void errorsAndExitCodes();
    void helpNamesTheCommands();

private:
    QString write(const char* name, const QByteArray& text) const
    {
        const QString path = m_dir->filePath(name);
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly))
            qFatal("cannot write %s", qPrintable(path));
        f.write(text);
        return path;
    }
    void importSample()
    {
        const QStringList args{"import", m_project, "--dataset", m_csv, "--name", "Line 3"};
        const Result r = run(args);
        QVERIFY2(r.status == 0, describe(args, r));
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_csv;
    QString m_project;
};

void TestCliDataSet::importListsAndCharts()
{
    QStringList args{"import", m_project, "--dataset", m_csv, "--name", "Line 3", "--json"};
    Result r = run(args);
    QVERIFY2(r.status == 0, describe(args, r));
    QJsonObject o = json(r);
    QCOMPARE(o["project_created"].toBool(), true);
    QCOMPARE(o["name"].toString(), QString("Line 3"));
    QCOMPARE(o["rows"].toInt(), 8);
    QJsonArray columns = o["columns"].toArray();
    QCOMPARE(columns.size(), 4);
    QCOMPARE(columns[1].toObject()["name"].toString(), QString("lot"));
    QCOMPARE(columns[1].toObject()["numeric"].toBool(), false);
    QCOMPARE(columns[0].toObject()["numeric"].toBool(), true);

    // The values as stored: the decimal commas were read as such.
    {
        auto p = store::Project::open(m_project.toStdString());
        QVERIFY(p.hasValue());
        auto width = (*p)->dataSetColumn(1, "width");
        QVERIFY(width.hasValue());
        QCOMPARE(width->numbers.front(), 25.0135);
        QCOMPARE(width->numbers.back(), 24.995);
    }

    args = QStringList{"datasets", m_project, "--json"};
    r = run(args);
    QVERIFY2(r.status == 0, describe(args, r));
    const QJsonArray list = json(r)["datasets"].toArray();
    QCOMPARE(list.size(), 1);
    QCOMPARE(list[0].toObject()["name"].toString(), QString("Line 3"));
    QCOMPARE(list[0].toObject()["rows"].toInt(), 8);
    QCOMPARE(list[0].toObject()["source_file"].toString(), m_csv);
    QCOMPARE(list[0].toObject()["columns"].toArray().size(), 4);

    args = QStringList{"datasets", m_project};
    r = run(args);
    QVERIFY2(r.status == 0, describe(args, r));
    QVERIFY2(r.out.contains("Line 3") && r.out.contains("width, lot (text), defective, n"), r.out.constData());

    args = QStringList{"chart", "imr", m_project, "--dataset", "Line 3", "--column", "width"};
    r = run(args);
    QVERIFY2(r.status == 0, describe(args, r));
    QVERIFY2(r.out.startsWith("imr chart of data set 'Line 3' in " + m_project.toUtf8() + ": 8 points"),
             r.out.constData());
}

void TestCliDataSet::chartOfADataSetIsTheChartOfItsFile_data()
{
    QTest::addColumn<QStringList>("fromFile");
    QTest::addColumn<QStringList>("fromDataSet");
    QTest::newRow("imr") << QStringList{"imr", "--value", "width", "--exclude", "3", "--tests", "nelson"}
                         << QStringList{"imr", "--column", "width", "--exclude", "3", "--tests", "nelson"};
    QTest::newRow("xbar-r") << QStringList{"xbar-r", "--value", "width", "--subgroup", "lot"}
                            << QStringList{"xbar-r", "--column", "width", "--subgroup", "lot"};
    QTest::newRow("xbar-r, --subgroup-column") << QStringList{"xbar-r", "--value", "width", "--subgroup", "lot"}
                                               << QStringList{"xbar-r", "--column", "width", "--subgroup-column", "lot"};
    QTest::newRow("p") << QStringList{"p", "--count", "defective", "--size", "n"}
                       << QStringList{"p", "--column", "defective", "--sizes", "n"};
    QTest::newRow("c") << QStringList{"c", "--count", "defective"} << QStringList{"c", "--column", "defective"};
    // A numeric column as subgroup labels: the same groups as the file's text.
    QTest::newRow("xbar-s by n") << QStringList{"xbar-s", "--value", "width", "--subgroup", "n"}
                                 << QStringList{"xbar-s", "--column", "width", "--subgroup", "n"};
}

void TestCliDataSet::chartOfADataSetIsTheChartOfItsFile()
{
    QFETCH(QStringList, fromFile);
    QFETCH(QStringList, fromDataSet);
    importSample();
    QStringList fileArgs{"chart", fromFile[0], m_csv};
    fileArgs << fromFile.mid(1) << "--json";
    QStringList setArgs{"chart", fromDataSet[0], m_project, "--dataset", "Line 3"};
    setArgs << fromDataSet.mid(1) << "--json";
    const Result a = run(fileArgs);
    QVERIFY2(a.status == 0, describe(fileArgs, a));
    const Result b = run(setArgs);
    QVERIFY2(b.status == 0, describe(setArgs, b));
    QJsonObject ja = json(a), jb = json(b);
    QCOMPARE(ja["file"].toString(), m_csv);
    QCOMPARE(jb["file"].toString(), "data set 'Line 3' in " + m_project);
    ja.remove("file");
    jb.remove("file");
    QVERIFY(!ja.isEmpty());
    QCOMPARE(jb, ja);   // every point, limit and test result
}

void TestCliDataSet::importIsAllOrNothing()
{
    // Line 5 has a cell that is a number with the other decimal mark: no data set, and a project
    // the command created is removed again.
    const QString bad = write("bad.csv", "width,lot\n1.5,A\n2.5,A\n3.5,B\n\"4,5\",B\n5.5,C\n");
    QStringList args{"import", m_project, "--dataset", bad, "--name", "bad"};
    Result r = run(args);
    QCOMPARE(r.status, 1);
    QVERIFY2(r.err.contains("bad.csv:5: column 'width' (1): '4,5' has a decimal comma"), r.err.constData());
    QVERIFY2(r.err.contains("(--decimal point|comma)"), r.err.constData());
    QVERIFY(!QFile::exists(m_project));

    // Into an existing project: it keeps what it had, and gains nothing.
    importSample();
    r = run(args);
    QCOMPARE(r.status, 1);
    auto p = store::Project::open(m_project.toStdString());
    QVERIFY(p.hasValue());
    QCOMPARE((*p)->dataSets()->size(), std::size_t(1));
    QCOMPARE((*p)->dataSets()->front().name, std::string("Line 3"));
}

void TestCliDataSet::errorsAndExitCodes_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("message");
    QTest::newRow("name taken") << QStringList{"import", "@P", "--dataset", "@C", "--name", "Line 3"} << 2
                                << "gemba import: a data set named 'Line 3' already exists in this project; choose "
                                   "another name";
    QTest::newRow("no name") << QStringList{"import", "@P", "--dataset", "@C"} << 2 << "--name";
    QTest::newRow("missing file") << QStringList{"import", "@P", "--dataset", "@D/none.csv", "--name", "x"} << 1
                                  << "none.csv: cannot open";
    QTest::newRow("unknown data set") << QStringList{"chart", "imr", "@P", "--dataset", "Line 4", "--column", "width"}
                                      << 2 << "the project has no data set named 'Line 4'; its data sets are 'Line 3'";
    QTest::newRow("unknown column") << QStringList{"chart", "imr", "@P", "--dataset", "Line 3", "--column", "w"} << 2
                                    << "data set 'Line 3' has no column named 'w'; its columns are 'width', 'lot', "
                                       "'defective', 'n'";
    QTest::newRow("text column") << QStringList{"chart", "imr", "@P", "--dataset", "Line 3", "--column", "lot"} << 1
                                 << "data set 'Line 3': column 'lot' holds text, not numbers (row 1: 'A')";
    QTest::newRow("no sizes") << QStringList{"chart", "np", "@P", "--dataset", "Line 3", "--column", "defective"} << 2
                              << "np charts need --sizes COL";
    QTest::newRow("value with dataset")
        << QStringList{"chart", "imr", "@P", "--dataset", "Line 3", "--value", "width"} << 2
        << "with --dataset, name the column with --column";
    QTest::newRow("column without dataset") << QStringList{"chart", "imr", "@C", "--column", "width"} << 2
                                            << "--column and --sizes name a data set's columns";
    QTest::newRow("decimal with dataset")
        << QStringList{"chart", "imr", "@P", "--dataset", "Line 3", "--column", "width", "--decimal", "comma"} << 2
        << "--decimal applies to CSV files";
    QTest::newRow("not a project") << QStringList{"datasets", "@C"} << 1 << "is not a Gemba Workbench project";
    QTest::newRow("no project") << QStringList{"datasets", "@D/none.gemba"} << 1 << "no such file";
}

void TestCliDataSet::errorsAndExitCodes()
{
    QFETCH(QStringList, args);
    QFETCH(int, status);
    QFETCH(QString, message);
    importSample();
    for (auto& a : args)
        a = a.replace("@P", m_project).replace("@C", m_csv).replace("@D", m_dir->path());
    const Result r = run(args);
    QVERIFY2(r.status == status, describe(args, r));
    QVERIFY2(r.err.contains(message.toUtf8()), describe(args, r));
    QVERIFY(r.out.isEmpty());
}

void TestCliDataSet::helpNamesTheCommands()
{
    Result r = run({"--help"});
    QVERIFY(r.out.contains("import PROJECT --dataset FILE --name NAME"));
    QVERIFY(r.out.contains("datasets PROJECT"));
    QVERIFY(r.out.contains("chart TYPE PROJECT --dataset NAME --column COL"));
    r = run({"datasets", "--help"});
    QCOMPARE(r.status, 0);
    QVERIFY(r.out.contains("--json"));
    r = run({"import", "--dataset", "x", "--help"});
    QCOMPARE(r.status, 0);
    QVERIFY(r.out.contains("--name"));
    r = run({"chart", "--help"});
    QVERIFY(r.out.contains("--dataset") && r.out.contains("--sizes"));
}

QTEST_GUILESS_MAIN(TestCliDataSet)
#include "tst_clidataset.moc"
