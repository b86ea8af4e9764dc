// Runs one long file operation (import, export, save a copy) on a worker thread behind a modal
// progress dialog, so the window keeps painting and the user can cancel.
#pragma once

#include <QString>

#include <atomic>
#include <cstdint>
#include <functional>

class QWidget;

namespace gemba::ui {

class BackgroundTask {
public:
    // Shared between the work (writing, on its thread) and the dialog (reading, every 50 ms).
    struct Progress {
        std::atomic<std::int64_t> done = 0;
        std::atomic<std::int64_t> total = 0;   // 0: not known (the dialog shows a busy bar)
        std::atomic<bool> cancelled = false;   // set by the dialog's Cancel

        // For core's progress callbacks (store::CsvProgress): records, and says whether to go on.
        bool report(std::int64_t doneRows, std::int64_t totalRows)
        {
            done = doneRows;
            total = totalRows;
            return !cancelled;
        }
    };

    // Runs `work` on a new thread and returns when it has finished, running the event loop
    // meanwhile. A window-modal QProgressDialog labelled `label` appears if the work takes
    // longer than a moment; its Cancel sets Progress::cancelled (the work decides how soon to
    // stop; it always runs to its end). `work` gets everything it touches by capture and must
    // not use the window's objects, nor the document's connection (open its own:
    // store::Project::openSibling). Returns whether the user pressed Cancel.
    static bool run(QWidget* parent, const QString& label, const std::function<void(Progress&)>& work);
};

} // namespace gemba::ui
