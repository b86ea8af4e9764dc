// Runs one long file operation on a worker thread behind a modal progress dialog.
#include "data/backgroundtask.h"

#include <QEventLoop>
#include <QProgressDialog>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <memory>

namespace gemba::ui {

bool BackgroundTask::run(QWidget* parent, const QString& label, const std::function<void(Progress&)>& work)
{
    Progress progress;
    QProgressDialog dialog(label, QProgressDialog::tr("Cancel"), 0, 0, parent);
    dialog.setWindowModality(Qt::WindowModal);
    dialog.setMinimumDuration(400);   // quick work does not flash a dialog
    dialog.setAutoClose(false);       // stays up after Cancel until the work has really stopped
    dialog.setAutoReset(false);
    QObject::connect(&dialog, &QProgressDialog::canceled, &dialog, [&] {
        progress.cancelled = true;
        dialog.show();   // cancel() hides nothing with autoClose off, but be sure the label shows
        dialog.setLabelText(QProgressDialog::tr("Cancelling…"));
    });

    std::unique_ptr<QThread> thread(QThread::create([&] { work(progress); }));
    thread->setObjectName(QStringLiteral("gemba-task"));
    QEventLoop loop;
    QObject::connect(thread.get(), &QThread::finished, &loop, &QEventLoop::quit);
    // Rows can pass 2^31, the dialog counts in int: it shows tenths of a percent.
    QTimer poll;
    poll.setInterval(50);
    QObject::connect(&poll, &QTimer::timeout, &dialog, [&] {
        const std::int64_t total = progress.total;
        if (total <= 0 || progress.cancelled)
            return;
        dialog.setMaximum(1000);
        dialog.setValue(static_cast<int>(std::min<std::int64_t>(1000, progress.done * 1000 / total)));
    });
    poll.start();
    thread->start();
    loop.exec();   // the dialog is window-modal: the window paints but takes no input
    thread->wait();
    poll.stop();
    return progress.cancelled;
}

} // namespace gemba::ui
