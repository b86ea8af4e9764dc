// The view registry and the window built from it: tabs, the View menu and Ctrl+1…n come from
// the registered views; a view's own actions are in the window only while it is current;
// Print and Export follow the current view's printable; each view's state is kept.
#include "demoproject.h"
#include "mainwindow.h"
#include "projectdocument.h"
#include "report/printable.h"
#include "views/view.h"
#include "views/viewactions.h"
#include "views/viewhost.h"
#include "views/viewregistry.h"
#include "windowcontext.h"

#include <QAction>
#include <QFile>
#include <QImage>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QPainter>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QToolBar>
#include <QtTest>

using namespace gemba::ui;

namespace {

class OnePage : public Printable {
public:
    QString printTitle() const override { return QStringLiteral("Test figure"); }
    int pageCount(const QSizeF&) const override { return 1; }
    void paintPage(QPainter& painter, const QRectF& rect, int) const override { painter.drawRect(rect); }
};

// A view registered by the test: printable, with one action of its own and a state.
class TestView : public QLabel, public View {
public:
    TestView(WindowContext& context, QWidget* parent) : QLabel(parent), m_context(&context)
    {
        m_action = new QAction(QStringLiteral("Test action"), this);
        m_action->setShortcut(QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_K));
        addAction(m_action);
    }
    QString viewId() const override { return QStringLiteral("testview"); }
    QString viewTitle() const override { return QStringLiteral("Test view"); }
    QWidget* viewWidget() override { return this; }
    QList<QAction*> viewActions() const override { return {m_action}; }
    const Printable* printable() const override { return &m_page; }
    QByteArray saveViewState() const override { return m_state; }
    void restoreViewState(const QByteArray& state) override { m_state = state; }

    WindowContext* m_context;
    QAction* m_action;
    QByteArray m_state;
    OnePage m_page;
};

} // namespace

class TestViewRegistry : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    // The demo project in a file of this run's own.
    bool openDemo(MainWindow& window)
    {
        const QString path = m_dir.filePath(QStringLiteral("demo.gemba"));
        const bool fresh = !QFile::exists(path);
        if (!window.openProject(path))
            return false;
        return !fresh || populateDemoProject(*window.document()).isEmpty();
    }

private slots:
    void initTestCase()
    {
        // Settings of this run only: other worktrees' tests run on the same machine.
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("gemba-test-%1").arg(QCoreApplication::applicationPid()));
        QCoreApplication::setApplicationName(QStringLiteral("tst_viewregistry"));
        QSettings().clear();
        QVERIFY(m_dir.isValid());
    }
    void cleanupTestCase() { QSettings().clear(); }

    void processAndObservationsKeepCtrl1And2()
    {
        const auto& factories = ViewRegistry::factories();
        QVERIFY(factories.size() >= 2);
        QCOMPARE(factories[0].id, QStringLiteral("process"));
        QCOMPARE(factories[1].id, QStringLiteral("observations"));
        QCOMPARE(ViewRegistry::shortcut(0), QKeySequence(Qt::CTRL | Qt::Key_1));
        QCOMPARE(ViewRegistry::shortcut(1), QKeySequence(Qt::CTRL | Qt::Key_2));
        QCOMPARE(ViewRegistry::shortcut(8), QKeySequence(Qt::CTRL | Qt::Key_9));
        QVERIFY(ViewRegistry::shortcut(9).isEmpty());
        // Ids are unique: they name the saved state.
        QSet<QString> ids;
        for (const auto& f : factories)
            ids.insert(f.id);
        QCOMPARE(ids.size(), static_cast<qsizetype>(factories.size()));
    }

    void windowIsBuiltFromTheRegistry()
    {
        ViewRegistry::add(viewFactory<TestView>(QStringLiteral("testview"), "Test view", 1000));
        {
            MainWindow window;
            QVERIFY(openDemo(window));
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            const auto& factories = ViewRegistry::factories();
            const int n = static_cast<int>(factories.size());
            QCOMPARE(factories.back().id, QStringLiteral("testview"));

            // One tab per view, in order; the View menu lists them with Ctrl+1…n.
            ViewHost* host = window.viewHost();
            QCOMPARE(host->count(), n);
            ViewActions* actions = window.viewActions();
            const QList<QAction*> menu = actions->viewMenu()->actions();
            QCOMPARE(menu.size(), n);
            for (int i = 0; i < n; ++i) {
                QCOMPARE(host->views()[i]->viewId(), factories[static_cast<std::size_t>(i)].id);
                QCOMPARE(menu[i]->text(), factories[static_cast<std::size_t>(i)].translatedTitle());
                QCOMPARE(menu[i]->shortcut(), ViewRegistry::shortcut(static_cast<std::size_t>(i)));
                QVERIFY(menu[i]->isEnabled());
            }
            QVERIFY(window.menuBar()->actions().contains(actions->viewMenu()->menuAction()));

            // Ctrl+<n> reaches every view, the last one too.
            for (int i = n - 1; i >= 0; --i) {
                QTest::keyClick(&window, static_cast<Qt::Key>(Qt::Key_1 + i), Qt::ControlModifier);
                QCOMPARE(host->currentIndex(), i);
                QCOMPARE(host->currentView(), host->views()[i]);
            }

            // The process editor is current: its actions are in the window, print is off.
            auto* test = host->find<TestView>();
            QVERIFY(test);
            QCOMPARE(test->m_context, window.context());
            QCOMPARE(actions->currentViewMenu()->title(), host->views()[0]->viewTitle());
            QVERIFY(actions->currentViewMenu()->actions().size() >= 4);
            QVERIFY(!actions->currentViewMenu()->actions().contains(test->m_action));
            QVERIFY(!actions->currentViewBar()->actions().contains(test->m_action));
            for (QAction* a : {actions->printAction(), actions->exportPdfAction(), actions->exportPngAction(),
                               actions->exportSvgAction()})
                QVERIFY2(!a->isEnabled(), qPrintable(a->text()));

            // The test view: its action instead of the editor's, and Print/Export are on.
            QTest::keyClick(&window, static_cast<Qt::Key>(Qt::Key_1 + n - 1), Qt::ControlModifier);
            QCOMPARE(actions->currentViewMenu()->actions(), QList<QAction*>{test->m_action});
            QCOMPARE(actions->currentViewBar()->actions(), QList<QAction*>{test->m_action});
            QCOMPARE(actions->printAction()->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_P));
            for (QAction* a : {actions->printAction(), actions->exportPdfAction(), actions->exportPngAction(),
                               actions->exportSvgAction()})
                QVERIFY2(a->isEnabled(), qPrintable(a->text()));
            // Export writes the current view's printable: PDF, SVG, and PNG at the DPI asked.
            const QString pdf = m_dir.filePath(QStringLiteral("figure.pdf"));
            const QString svg = m_dir.filePath(QStringLiteral("figure.svg"));
            const QString png = m_dir.filePath(QStringLiteral("figure.png"));
            QCOMPARE(actions->exportCurrentView(ViewActions::Format::Pdf, pdf), QString());
            QCOMPARE(actions->exportCurrentView(ViewActions::Format::Svg, svg), QString());
            QCOMPARE(actions->exportCurrentView(ViewActions::Format::Png, png, 144), QString());
            QFile pdfFile(pdf);
            QVERIFY(pdfFile.open(QIODevice::ReadOnly));
            QVERIFY(pdfFile.read(5) == "%PDF-");
            QFile svgFile(svg);
            QVERIFY(svgFile.open(QIODevice::ReadOnly));
            QVERIFY(svgFile.readAll().contains("<svg"));
            const QImage image(png);
            QCOMPARE(image.size(), QSize(ViewActions::kFigurePoints.width() * 2, ViewActions::kFigurePoints.height() * 2));

            // The F1 reference names every view's actions under its title.
            bool listed = false;
            for (const auto& row : window.shortcutList())
                listed = listed || row.first == QStringLiteral("Test view: Test action");
            QVERIFY(listed);

            // Back to the observations: Print is off again.
            QTest::keyClick(&window, Qt::Key_2, Qt::ControlModifier);
            QCOMPARE(host->currentView()->viewId(), QStringLiteral("observations"));
            QVERIFY(!actions->printAction()->isEnabled());
            QVERIFY(!actions->currentViewMenu()->actions().contains(test->m_action));
            QVERIFY(!actions->exportCurrentView(ViewActions::Format::Pdf, m_dir.filePath(QStringLiteral("no.pdf"))).isEmpty());
            QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("no.pdf"))));

            test->m_state = "left as it was";
        }   // closing the window saves every view's state ...
        {
            MainWindow window;
            QVERIFY(openDemo(window));
            auto* test = window.viewHost()->find<TestView>();
            QVERIFY(test);
            QCOMPARE(test->m_state, QByteArray("left as it was"));   // ... and the next one restores it
        }
        ViewRegistry::remove(QStringLiteral("testview"));
        QVERIFY(!ViewRegistry::find(QStringLiteral("testview")));
    }

    void noProjectNoViews()
    {
        MainWindow window;
        QVERIFY(!window.viewHost());
        for (QAction* a : window.viewActions()->viewMenu()->actions())
            QVERIFY(!a->isEnabled());
        QVERIFY(!window.viewActions()->printAction()->isEnabled());
    }
};

QTEST_MAIN(TestViewRegistry)
#include "tst_viewregistry.moc"
