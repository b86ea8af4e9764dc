// The main window opens with its menus, and every menu action has a keyboard shortcut.
#include "mainwindow.h"

#include <QAction>
#include <QMenu>
#include <QMenuBar>
#include <QtTest>

class TestMainWindow : public QObject {
    Q_OBJECT
private slots:
    void opensWithMenusAndShortcuts()
    {
        gemba::ui::MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QCOMPARE(window.windowTitle(), QStringLiteral("Gemba Workbench"));
        const auto menus = window.menuBar()->findChildren<QMenu*>();
        QVERIFY(menus.size() >= 2);
        int actions = 0;
        for (const QMenu* menu : menus) {
            for (const QAction* action : menu->actions()) {
                if (action->isSeparator() || action->menu())
                    continue;
                ++actions;
                QVERIFY2(!action->shortcut().isEmpty(), qPrintable(action->text() + " has no shortcut"));
            }
        }
        QVERIFY(actions >= 2);
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
