// Tests of the window's long file operations (import, export, save a copy): they run on a
// worker thread while the window's event loop keeps going, give the same results as before, and
// a cancelled one leaves nothing behind.
#include "data/backgroundtask.h"
#include "mainwindow.h"
#include "projectdocument.h"
#include "store/observationcsv.h"

#include <QFile>
#include <QProgressDialog>
#include <QPushButton>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>
#include <QtTest>

using namespace gemba;
using namespace gemba::ui;

namespace {

// Counts the window thread's timer ticks: a synchronous operation lets none through.
class Heartbeat {
public:
    Heartbeat()
    {
        m_timer.setInterval(2);
        QObject::connect(&m_timer, &QTimer::timeout, [this] { ++m_ticks; });
        m_timer.start();
    }
    int ticks() const { return m_ticks; }
    void reset() { m_ticks = 0; }

private:
    QTimer m_timer;
    int m_ticks = 0;
};

QString writeCsv(const QString& path, int rows)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        qFatal("cannot write %s", qPrintable(path));
    QByteArray text = "step,cycle,duration_s\n";
    for (int i = 0; i < rows; ++i)
        text += "step " + QByteArray::number(i % 4 + 1) + "," + QByteArray::number(i / 4 + 1) + "," +
                QByteArray::number(3 + i % 5) + ".5\n";
    f.write(text);
    return path;
}

} // namespace

class TestFileTasks : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }   // recent files, settings
    void importExportAndCopyRunOffTheWindowThread();
    void cancelStopsTheWork();
};

void TestFileTasks::importExportAndCopyRunOffTheWindowThread()
{
    QTemporaryDir dir;
    MainWindow window;
    window.show();
    QVERIFY(window.openProject(dir.filePath("tasks.gemba")));
    ProjectDocument* doc = window.document();
    study::Process p;
    p.name = "Line 1";
    doc->setCurrentProcess(doc->insertProcess(p));

    const int rows = 80'000;
    const QString csv = writeCsv(dir.filePath("in.csv"), rows);
    store::ObservationCsvImportOptions options;
    options.createMissingSteps = true;
    Heartbeat beat;
    QVERIFY(window.importCsvFile(csv, options).ok);
    QVERIFY2(beat.ticks() > 0, "the window's event loop stood still during the import");
    QVERIFY(doc->currentStudyId() != 0);
    QCOMPARE(*doc->project().observationCount(doc->currentStudyId()), std::int64_t(rows));
    QCOMPARE(doc->steps().size(), std::size_t(4));

    beat.reset();
    const QString out = dir.filePath("out.csv");
    QVERIFY(window.exportStudyCsvTo(out));
    QVERIFY2(beat.ticks() > 0, "the window's event loop stood still during the export");
    QFile exported(out);
    QVERIFY(exported.open(QIODevice::ReadOnly));
    QCOMPARE(exported.readAll().count('\n'), rows + 1);   // the header and one line per row

    beat.reset();
    const QString copy = dir.filePath("copy.gemba");
    QCOMPARE(window.saveCopyTo(copy), QString());
    QVERIFY2(beat.ticks() > 0, "the window's event loop stood still during the copy");
    auto copied = store::Project::open(copy.toStdString(), store::OpenMode::ReadOnly);
    QVERIFY(copied.hasValue());
    QCOMPARE(*(*copied)->observationCount(), std::int64_t(rows));
}

void TestFileTasks::cancelStopsTheWork()
{
    QWidget parent;
    parent.show();
    std::atomic<bool> onWorker = false;
    std::atomic<int> rounds = 0;
    const Qt::HANDLE windowThread = QThread::currentThreadId();
    // Press Cancel once the dialog has appeared (it waits a moment before it shows).
    QTimer press;
    press.setInterval(20);
    QObject::connect(&press, &QTimer::timeout, [&] {
        auto* dialog = parent.findChild<QProgressDialog*>();
        if (!dialog || !dialog->isVisible())
            return;
        if (auto* cancel = dialog->findChild<QPushButton*>()) {
            press.stop();
            cancel->click();
        }
    });
    press.start();
    const bool cancelled = BackgroundTask::run(&parent, QStringLiteral("Working"), [&](BackgroundTask::Progress& p) {
        onWorker = QThread::currentThreadId() != windowThread;
        for (int i = 0; i < 10'000 && p.report(i, 10'000); ++i) {   // at most 100 s
            ++rounds;
            QThread::msleep(10);
        }
    });
    QVERIFY(cancelled);
    QVERIFY(onWorker);
    QVERIFY(rounds > 0 && rounds < 10'000);
}

QTEST_MAIN(TestFileTasks)
#include "tst_filetasks.moc"
