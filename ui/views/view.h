// A view of the main window (the process editor, the observations, a control chart, ...):
// what MainWindow needs to give it a tab, a View-menu entry and Ctrl+<n>, and to print it.
// Views are made by the ViewRegistry (views/viewregistry.h), never by MainWindow itself, so the
// window stays a thin shell as views are added. A view's actions belong to the view: the window
// shows them (menus, toolbar) only while the view is current.
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

class QAction;
class QWidget;

namespace gemba::ui {

class Printable;

class View {
public:
    virtual ~View() = default;

    virtual QString viewId() const = 0;      // stable, for saved state: "process", "observations", ...
    virtual QString viewTitle() const = 0;   // the tab's text, translated
    virtual QWidget* viewWidget() = 0;       // the widget the tab shows (usually the view itself)
    virtual QList<QAction*> viewActions() const { return {}; }
    // Those of viewActions() the window's tool bar shows (the menu shows them all); a view with
    // a tool bar of its own returns none.
    virtual QList<QAction*> viewToolBarActions() const { return viewActions(); }
    // What Print and the exports act on while this view is current; null when it prints nothing.
    virtual const Printable* printable() const { return nullptr; }
    // Splitter sizes, chosen options: whatever should be as the user left it next time.
    virtual QByteArray saveViewState() const { return {}; }
    virtual void restoreViewState(const QByteArray& state) { (void)state; }
};

} // namespace gemba::ui
