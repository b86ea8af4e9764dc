// `gemba chart` usage and data errors: exit status and a message that names file, line and
// column, as a user at the command line would need it.
#include "clirunner.h"

#include <QFile>

#include <QTemporaryDir>
#include <QtTest>


namespace {

using Result = gemba::test::CliResult;

Result run(const QStringList& args) { return gemba::test::runCli(args); }

QString write(const QTemporaryDir& dir, const char* name, const char* text)
{
    const QString path = dir.filePath(QString::fromLatin1(name));
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        qFatal("cannot write %s", name);
    f.write(text);
    return path;
}

} // namespace

class TestCliChart : public QObject {
    Q_OBJECT
private slots:
    void errors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QByteArray>("csv");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("message");
        const QByteArray attr = "sample,d,n\n1,2,10\n2,12,10\n3,1,10\n";
        QTest::newRow("more defectives than inspected")
            << QStringList{"chart", "p", "@", "--count", "d", "--size", "n"} << attr << 1
            << "@:3: column 'd' (2): sample 2: there are more defectives than items inspected";
        QTest::newRow("negative size")
            << QStringList{"chart", "u", "@", "--count", "d", "--size", "n"} << QByteArray("d,n\n1,2\n2,-1\n") << 1
            << "@:3: column 'n' (2): sample 2: the sample size must be a positive number";
        QTest::newRow("not a number")
            << QStringList{"chart", "imr", "@", "--value", "v"} << QByteArray("v\n1\n2\nx3\n") << 1
            << "@:4: column 'v' (1): 'x3' is not a number";
        QTest::newRow("unknown column")
            << QStringList{"chart", "imr", "@", "--value", "w"} << QByteArray("v\n1\n2\n") << 2
            << "@: no column named 'w'; the columns are: v";
        QTest::newRow("subgroup of one")
            << QStringList{"chart", "xbar-r", "@", "--value", "v", "--subgroup", "g"}
            << QByteArray("g,v\na,1\na,2\nb,3\n") << 1 << "subgroup 'b' has only one value";
        QTest::newRow("sigma method for another chart")
            << QStringList{"chart", "imr", "@", "--value", "v", "--sigma", "rbar"} << QByteArray("v\n1\n2\n") << 2
            << "--sigma rbar does not apply to imr charts";
        QTest::newRow("no variation")
            << QStringList{"chart", "imr", "@", "--value", "v"} << QByteArray("v\n2\n2\n2\n") << 1
            << "sigma is 0";
        QTest::newRow("bad trial marker")
            << QStringList{"chart", "imr", "@", "--value", "v", "--trial", "t"} << QByteArray("v,t\n1,yes\n2,maybe\n")
            << 1 << "@:3: column 't': 'maybe' is not a phase I marker";
        QTest::newRow("unknown test") << QStringList{"chart", "imr", "@", "--value", "v", "--tests", "1,9"}
                                      << QByteArray("v\n1\n2\n") << 2 << "--tests: '9' is not a test";
        QTest::newRow("unknown chart") << QStringList{"chart", "ewma", "@"} << QByteArray("v\n1\n") << 2
                                       << "unknown chart type 'ewma'";
    }
    void errors()
    {
        QFETCH(QStringList, args);
        QFETCH(QByteArray, csv);
        QFETCH(int, status);
        QFETCH(QString, message);
        QTemporaryDir dir;
        const QString path = write(dir, "data.csv", csv.constData());
        for (auto& a : args)
            if (a == "@")
                a = path;
        const Result r = run(args);
        QCOMPARE(r.status, status);
        QVERIFY(r.out.isEmpty());
        const QString err = QString::fromUtf8(r.err);
        QVERIFY2(err.contains(QString(message).replace("@", path)), qPrintable(err));
    }
    void helpAndVersion()
    {
        const Result help = run({"--help"});
        QCOMPARE(help.status, 0);
        QVERIFY(help.out.contains("chart TYPE FILE"));
        const Result version = run({"--version"});
        QCOMPARE(version.status, 0);
        QVERIFY(version.out.startsWith("gemba " GEMBA_VERSION));
    }
};

QTEST_GUILESS_MAIN(TestCliChart)
#include "tst_clichart.moc"
