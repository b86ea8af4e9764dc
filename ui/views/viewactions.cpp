// The View menu, the current view's actions, and Print/Export of the current view.
#include "views/viewactions.h"

#include "report/exporters.h"
#include "report/printable.h"
#include "views/view.h"
#include "views/viewhost.h"
#include "views/viewregistry.h"

#include <QAction>
#include <QDir>
#include <QFileDialog>
#include <QInputDialog>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QRegularExpression>
#include <QStatusBar>
#include <QToolBar>

namespace gemba::ui {

ViewActions::ViewActions(QMainWindow* window) : QObject(window), m_window(window)
{
    m_viewMenu = new QMenu(tr("&View"), window);
    m_viewMenu->setObjectName(QStringLiteral("viewMenu"));
    const auto& factories = ViewRegistry::factories();
    for (std::size_t i = 0; i < factories.size(); ++i) {
        const QString id = factories[i].id;
        QAction* a = m_viewMenu->addAction(factories[i].translatedTitle());
        a->setObjectName(QStringLiteral("showView_%1").arg(id));
        a->setData(id);
        a->setShortcut(ViewRegistry::shortcut(i));
        connect(a, &QAction::triggered, this, [this, id] {
            if (m_host)
                m_host->showView(id);
        });
        m_showView << a;
    }

    // Named after the current view and filled with its actions by update().
    m_currentViewMenu = new QMenu(window);
    m_currentViewMenu->setObjectName(QStringLiteral("currentViewMenu"));
    m_currentViewBar = new QToolBar(tr("View actions"), window);
    m_currentViewBar->setObjectName(QStringLiteral("currentViewBar"));
    m_currentViewBar->setMovable(false);
    window->addToolBar(m_currentViewBar);
    update();
}

void ViewActions::addPrintActions(QMenu* file)
{
    auto add = [&](const QString& text, const QKeySequence& key, const QString& name, auto fn) {
        QAction* a = file->addAction(text, this, fn);
        a->setShortcut(key);
        a->setObjectName(name);
        return a;
    };
    m_print = add(tr("&Print..."), QKeySequence(Qt::CTRL | Qt::Key_P), QStringLiteral("printAction"), [this] { print(); });
    m_exportPdf = add(tr("Export P&DF..."), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P), QStringLiteral("exportPdfAction"),
                      [this] { exportDialog(Format::Pdf); });
    m_exportPng = add(tr("Export P&NG..."), QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_P), QStringLiteral("exportPngAction"),
                      [this] { exportDialog(Format::Png); });
    m_exportSvg = add(tr("Export S&VG..."), QKeySequence(Qt::CTRL | Qt::ALT | Qt::SHIFT | Qt::Key_P),
                      QStringLiteral("exportSvgAction"), [this] { exportDialog(Format::Svg); });
    update();
}

void ViewActions::addMenus(QAction* before)
{
    QMenuBar* bar = m_window->menuBar();
    bar->insertMenu(before, m_viewMenu);
    m_currentViewMenuAction = bar->insertMenu(before, m_currentViewMenu);
    update();
}

void ViewActions::setHost(ViewHost* host)
{
    if (m_host)
        disconnect(m_host, nullptr, this, nullptr);
    m_host = host;
    if (m_host)
        connect(m_host, &ViewHost::currentViewChanged, this, &ViewActions::update);
    update();
}

void ViewActions::update()
{
    View* view = m_host ? m_host->currentView() : nullptr;
    for (QAction* a : std::as_const(m_showView))
        a->setEnabled(m_host && m_host->view(a->data().toString()));

    // Only the current view's actions are in the window; the others wait in their views.
    m_currentViewMenu->clear();
    m_currentViewBar->clear();
    const QList<QAction*> actions = view ? view->viewActions() : QList<QAction*>();
    for (QAction* a : actions)
        m_currentViewMenu->addAction(a);
    const QList<QAction*> barActions = view ? view->viewToolBarActions() : QList<QAction*>();
    for (QAction* a : barActions)
        m_currentViewBar->addAction(a);
    QString title = view ? view->viewTitle() : QString();
    m_currentViewMenu->setTitle(title);
    if (m_currentViewMenuAction)
        m_currentViewMenuAction->setVisible(!actions.isEmpty());
    m_currentViewBar->setVisible(!barActions.isEmpty());

    const bool printable = view && view->printable();
    for (QAction* a : {m_print, m_exportPdf, m_exportPng, m_exportSvg})
        if (a)
            a->setEnabled(printable);
}

void ViewActions::print()
{
    View* view = m_host ? m_host->currentView() : nullptr;
    if (!view || !view->printable())
        return;
    const QString error = printWithPreview(*view->printable(), m_window);
    if (!error.isEmpty())
        QMessageBox::warning(m_window, tr("Print"), tr("Could not print:\n%1").arg(error));
}

void ViewActions::exportDialog(Format format)
{
    View* view = m_host ? m_host->currentView() : nullptr;
    if (!view || !view->printable())
        return;
    static const char* const kSuffix[] = {"pdf", "png", "svg"};
    static const char* const kFilter[] = {QT_TR_NOOP("PDF files (*.pdf)"), QT_TR_NOOP("PNG images (*.png)"),
                                          QT_TR_NOOP("SVG images (*.svg)")};
    const auto f = static_cast<std::size_t>(format);
    const QString suffix = QString::fromLatin1(kSuffix[f]);
    QString name = view->printable()->printTitle().simplified();
    static const QRegularExpression bad(QStringLiteral("[\\\\/:*?\"<>|]"));
    name.replace(bad, QStringLiteral("-"));
    QString path = QFileDialog::getSaveFileName(m_window, tr("Export"),
                                                QDir(QDir::homePath()).filePath(name + QLatin1Char('.') + suffix),
                                                tr(kFilter[f]));
    if (path.isEmpty())
        return;
    if (!path.endsWith(QLatin1Char('.') + suffix, Qt::CaseInsensitive))
        path += QLatin1Char('.') + suffix;
    int dpi = kDefaultPngDpi;
    if (format == Format::Png) {
        bool ok = false;
        dpi = QInputDialog::getInt(m_window, tr("Export PNG"), tr("Resolution (dots per inch):"), kDefaultPngDpi, 72,
                                   1200, 1, &ok);
        if (!ok)
            return;
    }
    const QString error = exportCurrentView(format, path, dpi);
    if (error.isEmpty())
        m_window->statusBar()->showMessage(tr("Exported to %1").arg(QDir::toNativeSeparators(path)), 5000);
    else
        QMessageBox::warning(m_window, tr("Export"), tr("Could not export:\n%1").arg(error));
}

QString ViewActions::exportCurrentView(Format format, const QString& path, int dpi)
{
    View* view = m_host ? m_host->currentView() : nullptr;
    if (!view || !view->printable())
        return tr("The current view has nothing to export.");
    const Printable& printable = *view->printable();
    switch (format) {
    case Format::Pdf: return exportPdf(printable, path);   // every page, A4 landscape, vector
    case Format::Svg: return exportSvg(printable, path, kFigurePoints);
    case Format::Png: {
        // The same figure in points at any DPI: one point is dpi/72 pixels (exporters.h), so
        // a high-DPI export is sharper, not smaller.
        const QSize pixels(kFigurePoints.width() * dpi / 72, kFigurePoints.height() * dpi / 72);
        return exportPng(printable, path, pixels, dpi);
    }
    }
    return {};
}

} // namespace gemba::ui
