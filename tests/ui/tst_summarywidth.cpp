// The per-step summary beside the observations at 1366 px: every step name reads in full on
// one line (the numeric columns fit their contents, the Step column gets the rest), and the
// full name is the Step cell's tooltip for when it is elided anyway.
#include "models/summarymodel.h"
#include "observationspage.h"
#include "projectdocument.h"
#include "uitestsupport.h"

#include <QHeaderView>
#include <QScrollBar>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

using namespace gemba;
using namespace gemba::ui;

namespace {

const char* const kNames[] = {"Pick housing from bin, seat it in the fixture", "Insert impeller", "Fit O-ring and cover",
                              "Label and put in tote"};

// Four steps (as in the demo project, the first one longer: it still fits on one line) and 5
// cycles of one study.
std::unique_ptr<ProjectDocument> makeDocument(const QString& path)
{
    auto doc = test::makeDocument(path, "Pump housing assembly", {std::begin(kNames), std::end(kNames)});
    study::Study s;
    s.date = "2026-12-02";
    test::addTimedStudy(*doc, s, 5, [](study::Observation& o, int c, std::size_t i) {
        o.durationUs = 10'000'000 + static_cast<std::int64_t>(c * 130'000 + i * 1'000'000);
    });
    return doc;
}

} // namespace

class TestSummaryWidth : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void stepNamesReadInFullAt1366()
    {
        QTemporaryDir dir;
        auto doc = makeDocument(dir.filePath("w.gemba"));
        ObservationsPage page(doc.get());
        QSignalSpy ready(&page, &ObservationsPage::summaryReady);
        // The page's share of a maximised 1366×768 window (margins and the tab frame off).
        page.resize(1340, 640);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        if (ready.isEmpty())
            QVERIFY(ready.wait(10000));
        QTest::qWait(50);   // the splitter and the header lay out after the summary arrives

        SummaryModel* model = page.summaryModel();
        QCOMPARE(model->rowCount(), 4);
        QTableView* view = page.summaryView();
        const int stepWidth = view->horizontalHeader()->sectionSize(SummaryModel::Step);
        for (int row = 0; row < 4; ++row) {
            const QModelIndex cell = model->index(row, SummaryModel::Step);
            QCOMPARE(model->data(cell, Qt::ToolTipRole).toString(), QString::fromLatin1(kNames[row]));
            QCOMPARE(model->data(cell).toString(), QString::fromLatin1(kNames[row]));
            // On one line, not elided: the column holds the text and the item's text margins
            // (QCommonStyle: PM_FocusFrameHMargin + 1 on each side).
            const int margin = view->style()->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, view) + 1;
            const int needed = view->fontMetrics().horizontalAdvance(QString::fromLatin1(kNames[row])) + 2 * margin;
            QVERIFY2(stepWidth >= needed,
                     qPrintable(QStringLiteral("%1: column %2 px, name needs %3 px").arg(kNames[row]).arg(stepWidth).arg(needed)));
        }
        QVERIFY(!view->wordWrap());
        QVERIFY(!view->horizontalScrollBar()->isVisible());   // the numbers are all on screen too
        // The numeric columns stay at their content width (Step takes the rest).
        QCOMPARE(view->horizontalHeader()->sectionResizeMode(SummaryModel::Mean), QHeaderView::ResizeToContents);
    }
};

QTEST_MAIN(TestSummaryWidth)
#include "tst_summarywidth.moc"
