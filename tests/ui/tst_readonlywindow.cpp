// A project the user may not write opens in the window read-only: the title and the status bar
// say so, and every action that would change the project is disabled.
#include "mainwindow.h"
#include "processeditor.h"
#include "projectdocument.h"

#include "store/project.h"

#include <QAction>
#include <QApplication>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTimer>
#include <QtTest>

#include <sys/stat.h>

using namespace gemba;

class TestReadOnlyWindow : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void unwritableProjectDisablesEdits();
};

static std::string makeProject(const QString& path)
{
    auto p = store::Project::open(path.toStdString());
    if (!p)
        qFatal("open: %s", p.error().message.c_str());
    study::Process proc{0, "Assembly", ""};
    study::Step step;
    study::Study s;
    if (!(*p)->addProcess(proc))
        qFatal("addProcess");
    step.processId = proc.id;
    step.name = "Fit cover";
    s.processId = proc.id;
    s.date = "2026-11-23";
    if (!(*p)->addStep(step) || !(*p)->addStudy(s))
        qFatal("addStep/addStudy");
    return path.toStdString();
}

// The menu actions with these shortcuts change the project.
static QList<QAction*> editActions(gemba::ui::MainWindow& window)
{
    const QList<QKeySequence> keys{QKeySequence(Qt::CTRL | Qt::Key_I),
                                   QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N),
                                   QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R),
                                   QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_X),
                                   QKeySequence(Qt::CTRL | Qt::Key_T),
                                   QKeySequence(Qt::CTRL | Qt::Key_D)};
    QList<QAction*> found;
    for (QAction* a : window.menuBar()->findChildren<QAction*>())
        if (keys.contains(a->shortcut()))
            found << a;
    return found;
}

void TestReadOnlyWindow::unwritableProjectDisablesEdits()
{
    QTemporaryDir dir;
    const QString lockedPath = dir.filePath(QStringLiteral("locked.gemba"));
    const QString writablePath = dir.filePath(QStringLiteral("open.gemba"));
    const std::string locked = makeProject(lockedPath);
    makeProject(writablePath);
    QVERIFY(::chmod(locked.c_str(), 0444) == 0);

    gemba::ui::MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QCOMPARE(editActions(window).size(), 6);

    // Opening says why in a message box; answer it.
    QString boxText;
    QTimer closer;
    connect(&closer, &QTimer::timeout, this, [&] {
        if (auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget())) {
            boxText = box->text();
            box->accept();
        }
    });
    closer.start(10);
    QVERIFY(window.openProject(lockedPath));
    closer.stop();
    QVERIFY2(boxText.contains(QStringLiteral("is read-only")), qPrintable(boxText));

    QVERIFY(window.document()->readOnly());
    QVERIFY2(window.windowTitle().contains(QStringLiteral("read-only")), qPrintable(window.windowTitle()));
    auto* label = window.statusBar()->findChild<QLabel*>(QStringLiteral("readOnlyLabel"));
    QVERIFY(label);
    QVERIFY(label->isVisible());
    QVERIFY(label->toolTip().contains(QStringLiteral("is read-only")));
    for (QAction* a : editActions(window))
        QVERIFY2(!a->isEnabled(), qPrintable(a->text() + " is enabled in a read-only project"));
    const auto editorActions = window.processEditor()->actions();
    QVERIFY(editorActions.size() >= 4);
    for (QAction* a : editorActions)
        QVERIFY2(!a->isEnabled(), qPrintable(a->text() + " is enabled in a read-only project"));
    QVERIFY(!QFile::exists(lockedPath + "-wal") && !QFile::exists(lockedPath + "-shm"));

    // A writable project next: everything is back.
    QVERIFY(window.openProject(writablePath));
    QVERIFY(!window.document()->readOnly());
    QVERIFY(!label->isVisible());
    QVERIFY(!window.windowTitle().contains(QStringLiteral("read-only")));
    for (QAction* a : editActions(window))
        QVERIFY2(a->isEnabled(), qPrintable(a->text()));
    for (QAction* a : window.processEditor()->actions())
        QVERIFY2(a->isEnabled(), qPrintable(a->text()));
    QVERIFY(!QFile::exists(lockedPath + "-wal") && !QFile::exists(lockedPath + "-shm"));
    ::chmod(locked.c_str(), 0644);
}

QTEST_MAIN(TestReadOnlyWindow)
#include "tst_readonlywindow.moc"
