// The window's menus and toolbar as far as views are concerned: the View menu (one entry and
// Ctrl+<n> per registered view), the current view's own actions (a menu named after the view
// and a toolbar, present only while that view is current), and File > Print / Export, which
// act on the current view's printable() and are disabled when it has none.
#pragma once

#include <QList>
#include <QObject>
#include <QPointer>
#include <QSize>

class QAction;
class QMainWindow;
class QMenu;
class QToolBar;

namespace gemba::ui {

class View;
class ViewHost;

class ViewActions : public QObject {
    Q_OBJECT
public:
    explicit ViewActions(QMainWindow* window);

    // Adds Print… (Ctrl+P) and Export PDF/PNG/SVG… to `file`.
    void addPrintActions(QMenu* file);
    // Adds the View menu and the current view's menu (after `before`, before Help) to the menu bar.
    void addMenus(QAction* before);
    // The tabs whose views these are; null when no project is open.
    void setHost(ViewHost* host);

    QMenu* viewMenu() const { return m_viewMenu; }
    QMenu* currentViewMenu() const { return m_currentViewMenu; }
    QToolBar* currentViewBar() const { return m_currentViewBar; }
    QAction* printAction() const { return m_print; }
    QAction* exportPdfAction() const { return m_exportPdf; }
    QAction* exportPngAction() const { return m_exportPng; }
    QAction* exportSvgAction() const { return m_exportSvg; }
    // The actions of the View menu, one per registered view, in order.
    const QList<QAction*>& showViewActions() const { return m_showView; }

    enum class Format { Pdf, Png, Svg };
    // The size of a figure exported as SVG or PNG, in points (A4 landscape's printable width).
    static constexpr QSize kFigurePoints{770, 480};
    static constexpr int kDefaultPngDpi = 192;   // twice a 96-dpi screen: sharp on high-DPI screens and slides
    // Writes the current view's printable to `path` (PDF: every page; SVG, PNG: the first, at
    // kFigurePoints, a PNG at `dpi`); returns an error message, empty on success.
    QString exportCurrentView(Format format, const QString& path, int dpi = kDefaultPngDpi);

private:
    void update();
    void print();
    void exportDialog(Format format);

    QMainWindow* m_window;
    QPointer<ViewHost> m_host;
    QMenu* m_viewMenu = nullptr;
    QMenu* m_currentViewMenu = nullptr;
    QAction* m_currentViewMenuAction = nullptr;
    QToolBar* m_currentViewBar = nullptr;
    QList<QAction*> m_showView;
    QAction* m_print = nullptr;
    QAction* m_exportPdf = nullptr;
    QAction* m_exportPng = nullptr;
    QAction* m_exportSvg = nullptr;
};

} // namespace gemba::ui
