// Benchmark: how long the window's thread is busy per lap key press while laps are committed
// durably on the capture thread, and how long until each lap is acknowledged; then opening a
// study of a million observations, and the window thread's longest stall after one cell edit in it.
// Usage: QT_QPA_PLATFORM=offscreen gemba_ui_bench [laps]
#include "mainwindow.h"
#include "models/observationsmodel.h"
#include "observationspage.h"
#include "projectdocument.h"
#include "store/observationcsv.h"
#include "timing/timingview.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QSignalSpy>
#include <QTextStream>
#include <QTimer>
#include <QKeyEvent>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace gemba;

int main(int argc, char** argv)
{
    // The offscreen platform complains about every label resize; that is noise here.
    qInstallMessageHandler([](QtMsgType type, const QMessageLogContext&, const QString& msg) {
        if (type != QtDebugMsg && !msg.contains(QLatin1String("propagateSizeHints")))
            std::fprintf(stderr, "%s\n", qPrintable(msg));
    });
    QApplication app(argc, argv);
    const int laps = argc > 1 ? std::max(10, std::atoi(argv[1])) : 500;
    QTemporaryDir dir;
    QString error;
    auto doc = ui::ProjectDocument::open(dir.filePath("bench.gemba"), &error);
    if (!doc) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 1;
    }
    study::Process p;
    p.name = "Bench";
    doc->setCurrentProcess(doc->insertProcess(p));
    for (int i = 0; i < 6; ++i) {
        study::Step s;
        s.name = "step " + std::to_string(i + 1);
        s.position = i;
        doc->insertStep(s);
    }
    study::Study s;
    s.date = "2026-11-23";
    s.id = doc->insertStudy(s);
    s.processId = doc->currentProcessId();

    ui::TimingView view(doc.get(), s);
    view.show();
    if (!QTest::qWaitForWindowExposed(&view))
        std::fprintf(stderr, "the window was not exposed; figures may be off\n");
    QTest::qWait(200);   // the capture thread opens its connection

    std::vector<double> busyMs, ackMs;
    QElapsedTimer clock;
    for (int i = 0; i < laps; ++i) {
        QKeyEvent down(QEvent::KeyPress, Qt::Key_Space, Qt::NoModifier);
        QKeyEvent up(QEvent::KeyRelease, Qt::Key_Space, Qt::NoModifier);
        clock.start();
        QApplication::sendEvent(&view, &down);
        QApplication::sendEvent(&view, &up);
        busyMs.push_back(static_cast<double>(clock.nsecsElapsed()) / 1e6);
        // Wait for the acknowledgment while the event loop keeps running, as in real use.
        while (view.pendingEvents() > 0)
            QCoreApplication::processEvents(QEventLoop::AllEvents, 1);
        ackMs.push_back(static_cast<double>(clock.nsecsElapsed()) / 1e6);
    }
    auto report = [](const char* what, std::vector<double> v) {
        std::sort(v.begin(), v.end());
        const auto at = [&](double q) { return v[static_cast<std::size_t>(q * static_cast<double>(v.size() - 1))]; };
        std::printf("%-44s median %7.3f ms  p99 %7.3f ms  max %7.3f ms\n", what, at(0.5), at(0.99), v.back());
    };
    std::printf("%d laps, each committed with synchronous=FULL on the capture thread\n", laps);
    report("window thread busy per key press", busyMs);
    report("key press to durable acknowledgment", ackMs);
    view.endStudy();

    // Opening a project with a study of a million observations, as far as a usable window:
    // the step list, the first page of the observations table, the window painted. The summary
    // over all of them follows on a pool thread.
    const int rows = 1'000'000;
    const QString csvPath = dir.filePath("million.csv");
    {
        QFile csv(csvPath);
        if (!csv.open(QIODevice::WriteOnly))
            return 1;
        QTextStream out(&csv);
        out << "step,cycle,duration_s\n";
        for (int i = 0; i < rows; ++i)
            out << "step " << (i % 6 + 1) << ',' << (i / 6 + 1) << ',' << (3.0 + static_cast<double>(static_cast<qint64>(i) * 7919 % 1000) / 1000.0) << '\n';
    }
    const QString bigPath = dir.filePath("million.gemba");
    {
        auto big = ui::ProjectDocument::open(bigPath, &error);
        study::Process bp;
        bp.name = "Million";
        big->setCurrentProcess(big->insertProcess(bp));
        study::Study bs;
        bs.processId = big->currentProcessId();
        bs.date = "2026-11-23";
        store::ObservationCsvImportOptions options;
        options.createMissingSteps = true;
        auto imported = store::importObservationsCsv(big->project(), csvPath.toStdString(), bs, options);
        if (!imported) {
            std::fprintf(stderr, "%s\n", imported.error().message.c_str());
            return 1;
        }
    }
    QElapsedTimer open;
    open.start();
    ui::MainWindow window;
    window.show();
    if (!window.openProject(bigPath))
        return 1;
    QCoreApplication::processEvents();
    const double usableMs = static_cast<double>(open.nsecsElapsed()) / 1e6;
    QSignalSpy summary(window.observationsPage(), &ui::ObservationsPage::summaryReady);
    summary.wait(60000);
    const double summaryMs = static_cast<double>(open.nsecsElapsed()) / 1e6;
    std::printf("open a project of %d observations: usable window %.0f ms (table shows %d rows of %lld), "
                "summary over all of them after %.0f ms\n",
                rows, usableMs, window.observationsPage()->observationsModel()->rowCount(),
                static_cast<long long>(window.observationsPage()->observationsModel()->totalCount()), summaryMs);

    // One cell edit in that study, as the table's editor commits it, until the summary shows
    // the new figures. The window's thread is sampled by a 1 ms heartbeat timer: the longest
    // gap between two beats is the longest time the window could not paint or take a key.
    ui::ObservationsModel* model = window.observationsPage()->observationsModel();
    for (int round = 0; round < 3; ++round) {
        summary.clear();
        double longestGapMs = 0, editMs = 0;
        QElapsedTimer beat;
        QTimer heartbeat;
        heartbeat.setTimerType(Qt::PreciseTimer);
        heartbeat.setInterval(1);
        QObject::connect(&heartbeat, &QTimer::timeout, [&] {
            longestGapMs = std::max(longestGapMs, static_cast<double>(beat.nsecsElapsed()) / 1e6);
            beat.start();
        });
        QElapsedTimer edit;
        QTimer::singleShot(20, [&] {
            edit.start();
            const double seconds = 3.25 + 0.25 * round;
            model->setData(model->index(round, ui::ObservationsModel::Seconds), seconds);
            editMs = static_cast<double>(edit.nsecsElapsed()) / 1e6;
        });
        beat.start();
        heartbeat.start();
        summary.wait(60000);
        const double latencyMs = static_cast<double>(edit.nsecsElapsed()) / 1e6;
        {   // a repaint or two after the summary arrived (not QTest::qWait: it sleeps in 10 ms slices)
            QEventLoop settle;
            QTimer::singleShot(50, &settle, &QEventLoop::quit);
            settle.exec();
        }
        heartbeat.stop();
        std::printf("edit one cell at %d observations: window thread's longest stall %.1f ms (the edit itself "
                    "%.1f ms), summary updated after %.0f ms\n",
                    rows, longestGapMs, editMs, latencyMs);
    }
    return 0;
}
