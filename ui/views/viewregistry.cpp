// The list of the window's views (see viewregistry.h for how to add one).
#include "views/viewregistry.h"

#include "analysis/capabilityview.h"
#include "analysis/distributionview.h"
#include "charts/controlchartview.h"
#include "datasets/datasetsview.h"
#include "observationspage.h"
#include "processeditor.h"

#include <QCoreApplication>

#include <algorithm>

namespace gemba::ui {
namespace {

std::vector<ViewFactory>& registry()
{
    static std::vector<ViewFactory> views = [] {
        std::vector<ViewFactory> list{
            // ONE line per view: id, title, order (Ctrl+<n> follows the order).
            viewFactory<ProcessEditor>(QStringLiteral("process"), QT_TRANSLATE_NOOP("gemba::ui::ViewRegistry", "Process steps"), 10),
            viewFactory<ObservationsPage>(QStringLiteral("observations"), QT_TRANSLATE_NOOP("gemba::ui::ViewRegistry", "Observations"), 20),
            viewFactory<ControlChartView>(QStringLiteral("controlChart"), QT_TRANSLATE_NOOP("gemba::ui::ViewRegistry", "Control chart"), 30),
            viewFactory<DistributionView>(QStringLiteral("distribution"), QT_TRANSLATE_NOOP("gemba::ui::ViewRegistry", "Distribution"), 40),
            viewFactory<CapabilityView>(QStringLiteral("capability"), QT_TRANSLATE_NOOP("gemba::ui::ViewRegistry", "Capability"), 50),
            viewFactory<DataSetsView>(QStringLiteral("dataSets"), QT_TRANSLATE_NOOP("gemba::ui::ViewRegistry", "Data sets"), 60),
        };
        std::stable_sort(list.begin(), list.end(), [](const auto& a, const auto& b) { return a.order < b.order; });
        return list;
    }();
    return views;
}

} // namespace

QString ViewFactory::translatedTitle() const { return QCoreApplication::translate("gemba::ui::ViewRegistry", title); }

const std::vector<ViewFactory>& ViewRegistry::factories() { return registry(); }

const ViewFactory* ViewRegistry::find(const QString& id)
{
    const auto& list = registry();
    const auto found = std::find_if(list.begin(), list.end(), [&](const ViewFactory& f) { return f.id == id; });
    return found == list.end() ? nullptr : &*found;
}

QKeySequence ViewRegistry::shortcut(std::size_t index)
{
    static constexpr Qt::Key kDigits[] = {Qt::Key_1, Qt::Key_2, Qt::Key_3, Qt::Key_4, Qt::Key_5,
                                          Qt::Key_6, Qt::Key_7, Qt::Key_8, Qt::Key_9};
    return index < std::size(kDigits) ? QKeySequence(Qt::CTRL | kDigits[index]) : QKeySequence();
}

void ViewRegistry::add(ViewFactory factory)
{
    auto& list = registry();
    remove(factory.id);
    const auto at = std::upper_bound(list.begin(), list.end(), factory.order,
                                     [](int order, const ViewFactory& f) { return order < f.order; });
    list.insert(at, std::move(factory));
}

void ViewRegistry::remove(const QString& id)
{
    auto& list = registry();
    list.erase(std::remove_if(list.begin(), list.end(), [&](const ViewFactory& f) { return f.id == id; }), list.end());
}

} // namespace gemba::ui
