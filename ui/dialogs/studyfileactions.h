// File > Export Study to Excel… and File > Import Element List…: the window's entries for the
// issue-8 workbook export (store::exportStudyXlsx) and element list import (store::importStepsCsv),
// which the CLI has as `gemba export --xlsx` and `gemba import --steps`.
#pragma once

#include <QObject>
#include <QString>

#include <functional>

class QAction;
class QMenu;
class QWidget;

namespace gemba::ui {

class WindowContext;

class StudyFileActions : public QObject {
    Q_OBJECT
public:
    // `context` gives the window's current context (null while no project is open).
    StudyFileActions(QWidget* window, std::function<WindowContext*()> context);

    // Adds Export Study to Excel… (Ctrl+Alt+E) and Import Element List… (Ctrl+Alt+I); returns
    // the import action, which edits the project (locked while timing, off when read-only).
    QAction* addTo(QMenu* file);

    QAction* exportXlsxAction() const { return m_exportXlsx; }
    QAction* importStepsAction() const { return m_importSteps; }

    // Writes the current study to `path` as a workbook; an error message, empty on success.
    QString exportXlsx(const QString& path) const;
    // Reads the element list `path` into a new process `processName`, all or nothing, as one
    // undo step; an error message naming file:line:column, empty on success.
    QString importSteps(const QString& path, const QString& processName) const;

private:
    void exportDialog();
    void importDialog();
    void showStatus(const QString& message) const;

    QWidget* m_window;
    std::function<WindowContext*()> m_context;
    QAction* m_exportXlsx = nullptr;
    QAction* m_importSteps = nullptr;
};

} // namespace gemba::ui
