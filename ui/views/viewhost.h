// The tabs of a window: one view of every registered factory (views/viewregistry.h), made for
// the window's context. Remembers each view's state (QSettings "views/<id>/state") and says
// which view is current, so the window can show that view's actions and print it.
#pragma once

#include <QList>
#include <QTabWidget>

namespace gemba::ui {

class View;
class WindowContext;

class ViewHost : public QTabWidget {
    Q_OBJECT
public:
    // Makes every registered view and restores its saved state.
    explicit ViewHost(WindowContext& context, QWidget* parent = nullptr);
    ~ViewHost() override;

    const QList<View*>& views() const { return m_views; }
    View* view(const QString& id) const;
    View* currentView() const;
    // Makes the view with this id current; false when there is none.
    bool showView(const QString& id);
    // Writes every view's state to the settings (also done when the host goes).
    void saveStates() const;

    template <typename T>
    T* find() const
    {
        for (View* v : m_views)
            if (auto* t = dynamic_cast<T*>(v))
                return t;
        return nullptr;
    }

signals:
    void currentViewChanged(gemba::ui::View* view);

private:
    QList<View*> m_views;
};

} // namespace gemba::ui
