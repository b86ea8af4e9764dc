// The list of the window's views. MainWindow builds its tabs, the View menu and Ctrl+1…9 from
// it and never names a view itself, so adding a view is one line here, not an edit of the
// window.
//
// To add a view: give it a constructor `YourView(WindowContext& context, QWidget* parent)`,
// make it a View (views/view.h), and add ONE line to the list in viewregistry.cpp:
//
//     viewFactory<ControlChartView>(QStringLiteral("chart"), QT_TRANSLATE_NOOP("gemba::ui::ViewRegistry", "Control Chart"), 30),
//
// `order` places it in the tabs and the View menu; the views get Ctrl+1…9 in that order
// (process steps 10 = Ctrl+1, observations 20 = Ctrl+2: keep those first). Leave gaps of 10 so
// a view can go between two others without renumbering.
#pragma once

#include <QKeySequence>
#include <QString>

#include <functional>
#include <vector>

class QWidget;

namespace gemba::ui {

class View;
class WindowContext;

struct ViewFactory {
    QString id;                  // View::viewId() of what make() returns
    const char* title = "";      // QT_TRANSLATE_NOOP("gemba::ui::ViewRegistry", ...): the tab and menu text
    int order = 0;               // ascending: tabs, View menu and Ctrl+<n>
    std::function<View*(WindowContext& context, QWidget* parent)> make;

    QString translatedTitle() const;
};

// A factory for a view class with the constructor (WindowContext&, QWidget* parent).
template <typename V>
ViewFactory viewFactory(QString id, const char* title, int order)
{
    return {std::move(id), title, order, [](WindowContext& context, QWidget* parent) -> View* {
                return new V(context, parent);
            }};
}

class ViewRegistry {
public:
    // Every registered view, by order.
    static const std::vector<ViewFactory>& factories();
    static const ViewFactory* find(const QString& id);
    // Ctrl+<n> for the n-th view (0-based index), n = 1…9; empty beyond.
    static QKeySequence shortcut(std::size_t index);
    // Adds a factory at run time (tests register views of their own); keeps the order.
    static void add(ViewFactory factory);
    static void remove(const QString& id);
};

} // namespace gemba::ui
