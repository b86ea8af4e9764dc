// Kills a process that is timing laps (SIGKILL, at random moments, many times) and checks that
// every lap it acknowledged is in the project and that the file passes integrity_check.
#include "store/project.h"

#include <QProcess>
#include <QRandomGenerator>
#include <QSet>
#include <QTemporaryDir>
#include <QtTest>

#include <sqlite3.h>

using namespace gemba;

class TestCrashSafety : public QObject {
    Q_OBJECT
private slots:
    void killedCaptureLosesNoAcknowledgedLap();
};

void TestCrashSafety::killedCaptureLosesNoAcknowledgedLap()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("crash.gemba"));
    {
        auto project = store::Project::open(path.toStdString());
        QVERIFY(project.hasValue());
        study::Process p;
        p.name = "Crash line";
        QVERIFY((*project)->addProcess(p).hasValue());
        for (int i = 0; i < 4; ++i) {
            study::Step s;
            s.processId = p.id;
            s.position = i;
            s.name = "step " + std::to_string(i + 1);
            QVERIFY((*project)->addStep(s).hasValue());
        }
    }

    constexpr int kRuns = 40;
    QRandomGenerator rng(12345);
    QSet<qint64> acknowledged, undone;
    qint64 totalAcks = 0;
    for (int run = 0; run < kRuns; ++run) {
        QProcess child;
        child.start(QStringLiteral(GEMBA_CAPTURE_CHILD), {path, QString::number(run)});
        QVERIFY2(child.waitForStarted(5000), qPrintable(child.errorString()));
        // Let it take some laps, then kill it at a random moment (0-120 ms later).
        QElapsedTimer t;
        t.start();
        while (!child.canReadLine() && t.elapsed() < 10000)
            child.waitForReadyRead(50);
        QTest::qSleep(static_cast<int>(rng.bounded(120)));
        child.kill();   // SIGKILL: no destructor, no commit, no flush runs
        QVERIFY(child.waitForFinished(5000));
        QCOMPARE(child.exitStatus(), QProcess::CrashExit);
        const QList<QByteArray> lines = child.readAllStandardOutput().split('\n');
        for (const QByteArray& line : lines) {
            if (line.startsWith("ack ")) {
                acknowledged.insert(line.mid(4).toLongLong());
                ++totalAcks;
            } else if (line.startsWith("undo ")) {
                undone.insert(line.mid(5).toLongLong());
            }
        }

        // The file reopens (the store itself runs quick_check after an unclean exit) ...
        auto project = store::Project::open(path.toStdString());
        QVERIFY2(project.hasValue(), project.hasValue() ? "" : project.error().message.c_str());
        QVERIFY2((*project)->warning().empty(), (*project)->warning().c_str());
        // ... passes the full integrity check ...
        sqlite3* db = (*project)->handle();
        sqlite3_stmt* stmt = nullptr;
        QCOMPARE(sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &stmt, nullptr), SQLITE_OK);
        QCOMPARE(sqlite3_step(stmt), SQLITE_ROW);
        QCOMPARE(QByteArray(reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0))), QByteArray("ok"));
        sqlite3_finalize(stmt);
        // ... and holds every lap that was acknowledged and not undone.
        QCOMPARE(sqlite3_prepare_v2(db, "SELECT 1 FROM observations WHERE id = ?1", -1, &stmt, nullptr), SQLITE_OK);
        for (qint64 id : std::as_const(acknowledged)) {
            if (undone.contains(id))
                continue;
            sqlite3_bind_int64(stmt, 1, id);
            QVERIFY2(sqlite3_step(stmt) == SQLITE_ROW, qPrintable(QStringLiteral("acknowledged lap %1 is lost").arg(id)));
            sqlite3_reset(stmt);
        }
        sqlite3_finalize(stmt);
    }
    // The test means something only if the child really acknowledged laps before dying.
    QVERIFY2(totalAcks > kRuns * 5, qPrintable(QStringLiteral("only %1 laps acknowledged").arg(totalAcks)));
    qInfo("%d kills, %lld acknowledged laps checked", kRuns, totalAcks);
}

QTEST_GUILESS_MAIN(TestCrashSafety)
#include "tst_crashsafety.moc"
