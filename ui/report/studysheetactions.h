// File > Print Study Sheet… (with a preview) and File > Export Study Sheet PDF…: the time study
// sheet (studysheet.h) of the window's current study, portrait, on the paper the locale uses
// (Letter where US measures are the custom, else A4; the print dialog can change it).
#pragma once

#include <QObject>
#include <QString>

#include <functional>
#include <memory>

class QAction;
class QMenu;
class QPageSize;
class QWidget;

namespace gemba::ui {

class StudySheet;
class WindowContext;

class StudySheetActions : public QObject {
    Q_OBJECT
public:
    // `context` gives the window's current context (null while no project is open).
    StudySheetActions(QWidget* window, std::function<WindowContext*()> context);

    // Adds Print Study Sheet… (Ctrl+Shift+T) and Export Study Sheet PDF… (Ctrl+Alt+Shift+T).
    void addTo(QMenu* file);

    QAction* printAction() const { return m_print; }
    QAction* exportPdfAction() const { return m_exportPdf; }

    // The sheet of the current study; null and `error` set when there is none.
    std::unique_ptr<StudySheet> currentSheet(QString* error) const;
    // Writes the current study's sheet to `path`; returns an error message, empty on success.
    QString exportPdf(const QString& path, const QPageSize& pageSize) const;
    static QPageSize localePageSize();

private:
    void print();
    void exportDialog();

    QWidget* m_window;
    std::function<WindowContext*()> m_context;
    QAction* m_print = nullptr;
    QAction* m_exportPdf = nullptr;
};

} // namespace gemba::ui
