// For looking at the issue-8 editors with the demo project: GEMBA_SCREENSHOTS=DIR saves the
// window with the step editor, the observations page (with the step's I chart and histogram)
// and the study details dialog at 1366x768 and 1920x1080. Without it, checks that at 1366x768
// nothing the editors show is cut: every column of the step editor is at least its header wide.
#include "dialogs/studydialog.h"
#include "mainwindow.h"
#include "observationspage.h"
#include "processeditor.h"
#include "projectdocument.h"
#include "views/viewhost.h"
#include "windowcontext.h"

#include <QFile>
#include <QHeaderView>
#include <QStandardPaths>
#include <QTableView>
#include <QtTest>

using namespace gemba::ui;

class TestIssue8Screens : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QFile::remove(MainWindow::defaultProjectPath());
    }

    void stepColumnsAreNotCutAt1366()
    {
        MainWindow window;
        QVERIFY(window.openDefaultProject());
        window.resize(1366, 768);
        window.show();
        QVERIFY(window.viewHost()->showView(QStringLiteral("process")));
        QCoreApplication::processEvents();
        QTableView* view = window.processEditor()->view();
        QHeaderView* header = view->horizontalHeader();
        for (int c = 0; c < header->count(); ++c)
            QVERIFY2(header->sectionSize(c) >= header->sectionSizeHint(c) - 2 ||
                         header->sectionResizeMode(c) == QHeaderView::Interactive,
                     qPrintable(QStringLiteral("column %1: %2 < %3")
                                    .arg(c)
                                    .arg(header->sectionSize(c))
                                    .arg(header->sectionSizeHint(c))));
        // The whole table fits the window's width: no horizontal scrolling at 1366.
        QVERIFY2(header->length() <= view->viewport()->width(),
                 qPrintable(QStringLiteral("%1 > %2").arg(header->length()).arg(view->viewport()->width())));
    }

    void screenshots()
    {
        const QString dir = qEnvironmentVariable("GEMBA_SCREENSHOTS");
        if (dir.isEmpty())
            QSKIP("GEMBA_SCREENSHOTS not set");
        MainWindow window;
        QVERIFY(window.openDefaultProject());
        window.show();
        for (const QSize size : {QSize(1366, 768), QSize(1920, 1080)}) {
            window.resize(size);
            const QString suffix = QStringLiteral("%1x%2.png").arg(size.width()).arg(size.height());
            QVERIFY(window.viewHost()->showView(QStringLiteral("process")));
            QTest::qWait(100);
            QVERIFY(window.grab().save(dir + QStringLiteral("/stepeditor-") + suffix));
            QVERIFY(window.viewHost()->showView(QStringLiteral("observations")));
            ObservationsPage* page = window.observationsPage();
            page->setFiguresShown(true);
            QTest::qWait(1500);
            QVERIFY(window.grab().save(dir + QStringLiteral("/observations-") + suffix));
            page->setFiguresShown(false);
            QTest::qWait(300);
            QVERIFY(window.grab().save(dir + QStringLiteral("/observations-nofig-") + suffix));
        }
        StudyDialog dialog(*window.context()->study(), &window);
        dialog.show();
        QTest::qWait(100);
        QVERIFY(dialog.grab().save(dir + QStringLiteral("/studydialog.png")));
    }
};

QTEST_MAIN(TestIssue8Screens)
#include "tst_issue8screens.moc"
