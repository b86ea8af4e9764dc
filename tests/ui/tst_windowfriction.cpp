// Friction outside the timing view: Open Recent on a missing file, the project a restart
// opens, Save a Copy over a file, export names, the F1 shortcut reference, the page of a
// project without processes.
#include "commands/removeprocesscommand.h"
#include "mainwindow.h"
#include "projectdocument.h"

#include <QAction>
#include <QDialog>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTimer>
#include <QtTest>

using namespace gemba;
using namespace gemba::ui;

namespace {
// Runs `fn` on the next modal dialog once it is up.
void onNextDialog(std::function<void(QWidget*)> fn)
{
    QTimer::singleShot(0, [fn] {
        if (QWidget* w = QApplication::activeModalWidget())
            fn(w);
        else
            onNextDialog(fn);
    });
}

} // namespace

class TestWindowFriction : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QSettings().clear();
    }

    void openRecentOnAMissingFileSaysNotFound()
    {
        const QString path = m_dir->filePath(QStringLiteral("moved.gemba"));
        {
            MainWindow window;
            QVERIFY(window.openProject(path));
        }
        QVERIFY(QFile::remove(path));
        MainWindow window;
        QString said;
        onNextDialog([&](QWidget* w) {
            auto* box = qobject_cast<QMessageBox*>(w);
            said = box->text();
            box->reject();   // keep it in the list
        });
        window.openRecent(path);
        QVERIFY(said.contains(QStringLiteral("was not found")));
        QVERIFY(!QFile::exists(path));   // no empty project made at the old path
        QVERIFY(!window.document());
        QCOMPARE(QSettings().value(QStringLiteral("files/recent")).toStringList(), QStringList{path});
        onNextDialog([&](QWidget* w) {
            auto* box = qobject_cast<QMessageBox*>(w);
            for (auto* b : box->buttons())
                if (b->text() == QStringLiteral("&Remove from List"))
                    b->click();
        });
        window.openRecent(path);
        QVERIFY(QSettings().value(QStringLiteral("files/recent")).toStringList().isEmpty());
    }

    void restartOpensTheLastProject()
    {
        const QString path = m_dir->filePath(QStringLiteral("mine.gemba"));
        {
            MainWindow window;
            QVERIFY(window.openProject(path));
        }
        MainWindow window;
        QVERIFY(window.openStartupProject());
        QCOMPARE(QFileInfo(window.document()->path()).absoluteFilePath(), QFileInfo(path).absoluteFilePath());
        QVERIFY(window.document()->processes().empty());   // not the demo
    }

    void saveCopyReplacesAnExistingFile()
    {
        MainWindow window;
        QVERIFY(window.openDefaultProject());
        const QString target = m_dir->filePath(QStringLiteral("copy.gemba"));
        {
            QFile f(target);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("old contents");
        }
        QCOMPARE(window.saveCopyTo(target), QString());
        QString error;
        auto copy = ProjectDocument::open(target, &error);
        QVERIFY2(copy, qPrintable(error));
        QCOMPARE(copy->processes().size(), std::size_t(1));
        QCOMPARE(*copy->project().observationCount(), 84);
        QCOMPARE(QDir(m_dir->path()).entryList(QDir::Files | QDir::Hidden).filter(QStringLiteral(".part")),
                 QStringList());
        // Over the open project itself: refused, the project untouched.
        QVERIFY(!window.saveCopyTo(window.document()->path()).isEmpty());
        QCOMPARE(*window.document()->project().observationCount(), 84);
    }

    void exportSuggestsProcessAndStudyDate()
    {
        MainWindow window;
        QVERIFY(window.openDefaultProject());
        const auto* s = window.document()->currentStudy();
        QVERIFY(s && s->startedWallUs > 0);
        const QString when =
            QDateTime::fromMSecsSinceEpoch(s->startedWallUs / 1000).toString(QStringLiteral("yyyy-MM-dd HHmm"));
        QCOMPARE(window.suggestedExportName(),
                 QStringLiteral("%1 %2.csv").arg(QString::fromStdString(window.document()->currentProcess()->name), when));
    }

    void f1ListsEveryShortcut()
    {
        MainWindow window;
        QVERIFY(window.openDefaultProject());
        const auto rows = window.shortcutList();
        auto keysOf = [&](const QString& action) {
            for (const auto& r : rows)
                if (r.first == action)
                    return r.second;
            return QString();
        };
        QCOMPARE(keysOf(QStringLiteral("Edit: Delete Study")),
                 QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Delete).toString(QKeySequence::NativeText));
        QCOMPARE(keysOf(QStringLiteral("Process steps: Add step")),
                 QKeySequence(Qt::CTRL | Qt::Key_Return).toString(QKeySequence::NativeText));
        QCOMPARE(keysOf(QStringLiteral("Observations: Delete observation")),
                 QKeySequence(Qt::CTRL | Qt::Key_Delete).toString(QKeySequence::NativeText));
        // Every menu action with a shortcut is in the list.
        int menuActions = 0;
        for (const QMenu* menu : window.menuBar()->findChildren<QMenu*>())
            for (const QAction* a : menu->actions())
                if (!a->isSeparator() && !a->menu() && !a->shortcut().isEmpty() && !a->text().startsWith(QLatin1Char('&') + QString::number(1)))
                    ++menuActions;
        QVERIFY(rows.size() >= menuActions);
        // F1 shows the reference, not About.
        QString title;
        onNextDialog([&](QWidget* w) {
            title = w->objectName();
            QCOMPARE(w->findChild<QTableWidget*>()->rowCount(), static_cast<int>(rows.size()));
            static_cast<QDialog*>(w)->reject();
        });
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QTest::keyClick(&window, Qt::Key_F1);
        QCOMPARE(title, QStringLiteral("shortcutsDialog"));
    }

    void projectWithoutProcessPointsToNewProcess()
    {
        MainWindow window;
        QVERIFY(window.openProject(m_dir->filePath(QStringLiteral("empty.gemba"))));
        auto* stack = window.findChild<QStackedWidget*>();
        QCOMPARE(stack->currentWidget()->objectName(), QStringLiteral("noProcessPage"));
        QVERIFY(stack->currentWidget()->findChild<QPushButton*>(QStringLiteral("newProcessButton")));
        // Deleting the last process leads there too; undo leads back.
        QVERIFY(window.openDefaultProject());
        QCOMPARE(stack->currentWidget()->objectName(), QStringLiteral("tabs"));
        auto* doc = window.document();
        doc->undoStack()->push(new RemoveProcessCommand(doc, doc->currentProcessId(), QStringLiteral("demo")));
        QCOMPARE(stack->currentWidget()->objectName(), QStringLiteral("noProcessPage"));
        doc->undoStack()->undo();
        QCOMPARE(stack->currentWidget()->objectName(), QStringLiteral("tabs"));
    }

private:
    std::unique_ptr<QTemporaryDir> m_dir;
};

QTEST_MAIN(TestWindowFriction)
#include "tst_windowfriction.moc"
