// The tabs of a window, made from the view registry.
#include "views/viewhost.h"

#include "settings.h"
#include "views/view.h"
#include "views/viewregistry.h"

#include <QVariant>

namespace gemba::ui {
namespace {
Preference<QByteArray> statePreference(const QString& id) { return Preference<QByteArray>(QStringLiteral("views/%1/state").arg(id)); }
} // namespace

ViewHost::ViewHost(WindowContext& context, QWidget* parent) : QTabWidget(parent)
{
    setObjectName(QStringLiteral("tabs"));
    for (const ViewFactory& factory : ViewRegistry::factories()) {
        View* view = factory.make(context, this);
        if (!view)
            continue;
        m_views << view;
        QWidget* widget = view->viewWidget();
        widget->setProperty("gembaViewId", factory.id);
        addTab(widget, view->viewTitle());
        view->restoreViewState(statePreference(view->viewId()).get());
    }
    connect(this, &QTabWidget::currentChanged, this, [this] { emit currentViewChanged(currentView()); });
}

ViewHost::~ViewHost() { saveStates(); }

View* ViewHost::view(const QString& id) const
{
    for (View* v : m_views)
        if (v->viewId() == id)
            return v;
    return nullptr;
}

View* ViewHost::currentView() const
{
    const int i = currentIndex();
    return i >= 0 && i < m_views.size() ? m_views[i] : nullptr;
}

bool ViewHost::showView(const QString& id)
{
    View* v = view(id);
    if (!v)
        return false;
    setCurrentWidget(v->viewWidget());
    return true;
}

void ViewHost::saveStates() const
{
    for (View* v : m_views)
        statePreference(v->viewId()).set(v->saveViewState());
}

} // namespace gemba::ui
