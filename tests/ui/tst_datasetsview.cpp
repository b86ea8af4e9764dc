// Data sets in the window (issue 7 §1): imported through the document (all or nothing, one
// undo step), deleted and renamed with undo that restores them exactly, and charted with a
// saved ChartSpec whose source is the data set's column.
#include "commands/removedatasetcommand.h"
#include "datasets/chartcolumndialog.h"
#include "datasets/datasetimportdialog.h"
#include "datasets/datasetsview.h"
#include "projectdocument.h"

#include "store/project.h"

#include <QComboBox>
#include <QFile>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTreeWidget>
#include <QtTest>

#include <cmath>
#include <cstring>

using namespace gemba;
using namespace gemba::ui;

namespace {

void writeFile(const QString& path, const QByteArray& text)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(text);
}

// Bit for bit, so NaN (an empty cell) and -0.0 count too.
bool sameBits(const std::vector<double>& a, const std::vector<double>& b)
{
    return a.size() == b.size() && (a.empty() || std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0);
}

struct Values {
    store::DataSetInfo info;
    std::vector<double> width;
    std::vector<double> n;
    std::vector<std::string> lot;
};

Values valuesOf(ProjectDocument& doc, study::Id id)
{
    Values v;
    auto info = doc.project().dataSet(id);
    if (!info)
        return v;
    v.info = *info;
    if (auto c = doc.project().dataSetColumn(id, "width"))
        v.width = c->numbers;
    if (auto c = doc.project().dataSetColumn(id, "n"))
        v.n = c->numbers;
    if (auto c = doc.project().dataSetColumn(id, "lot"))
        v.lot = c->texts;
    return v;
}

const QByteArray kGood = "width;n;lot\n"
                         "10,25;50;A\n"
                         "9,75;50;A\n"
                         ";48;B\n"
                         "10,125;50;B\n"
                         "-0,5;49;C\n";

} // namespace

class TestDataSetsView : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::unique_ptr<ProjectDocument> open(const QString& name)
    {
        QString error;
        auto doc = ProjectDocument::open(m_dir.filePath(name), &error);
        if (!doc)
            qWarning() << error;
        return doc;
    }
    study::Id importGood(ProjectDocument& doc, const QString& name = QStringLiteral("gauge"))
    {
        const QString path = m_dir.filePath(name + QStringLiteral(".csv"));
        writeFile(path, kGood);
        io::CsvOptions o;
        o.delimiter = ';';
        o.decimal = io::DecimalMark::Comma;
        return doc.importDataSet(path, name, o).id;
    }

private slots:
    void importLandsTheDataSet()
    {
        auto doc = open("import.gemba");
        QVERIFY(doc);
        DataSetsView view(doc.get());
        QSignalSpy changed(doc.get(), &ProjectDocument::dataSetsChanged);
        const study::Id id = importGood(*doc);
        QVERIFY(id != 0);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(changed.front().front().toLongLong(), static_cast<qlonglong>(id));
        const Values v = valuesOf(*doc, id);
        QCOMPARE(v.info.name, std::string("gauge"));
        QCOMPARE(v.info.rowCount, std::int64_t(5));
        QCOMPARE(v.info.columns.size(), std::size_t(3));
        QVERIFY(v.info.columns[0].numeric);
        QVERIFY(v.info.columns[1].numeric);
        QVERIFY(!v.info.columns[2].numeric);
        QCOMPARE(v.width.size(), std::size_t(5));
        QCOMPARE(v.width[0], 10.25);
        QCOMPARE(v.width[3], 10.125);
        QVERIFY(std::isnan(v.width[2]));
        QCOMPARE(v.n[2], 48.0);
        QCOMPARE(v.lot[4], std::string("C"));
        // The view lists it with its rows and its columns' kinds.
        QCOMPARE(view.tree()->topLevelItemCount(), 1);
        QTreeWidgetItem* item = view.tree()->topLevelItem(0);
        QCOMPARE(item->text(0), QStringLiteral("gauge"));
        QCOMPARE(item->text(1), QStringLiteral("5"));
        QCOMPARE(item->text(2), QStringLiteral("width (number), n (number), lot (text)"));
        QCOMPARE(item->childCount(), 3);
        QCOMPARE(view.currentDataSetId(), id);
        QCOMPARE(doc->undoStack()->count(), 1);
        // The next import of the same file is offered a free name.
        QCOMPARE(doc->uniqueDataSetName(QStringLiteral("gauge")), QStringLiteral("gauge (2)"));
    }

    void badCellOnLine5ChangesNothing()
    {
        auto doc = open("bad.gemba");
        QVERIFY(doc);
        DataSetsView view(doc.get());
        const QString path = m_dir.filePath("bad.csv");
        // Line 5 has a field too many: the whole file is refused.
        writeFile(path, "width,n\n1.5,10\n2.5,10\n3.5,10\n4.5,10,7\n5.5,10\n");
        QSignalSpy changed(doc.get(), &ProjectDocument::dataSetsChanged);
        const auto outcome = doc->importDataSet(path, QStringLiteral("bad"), {});
        QCOMPARE(outcome.id, study::Id(0));
        QVERIFY2(outcome.error.contains(QStringLiteral("bad.csv:5")), qPrintable(outcome.error));
        QCOMPARE(changed.count(), 0);
        QCOMPARE(doc->undoStack()->count(), 0);
        auto list = doc->project().dataSets();
        QVERIFY(list.hasValue());
        QVERIFY(list->empty());
        QCOMPARE(view.tree()->topLevelItemCount(), 0);

        // A cell that is not UTF-8 on line 5: refused too, naming line 5.
        writeFile(path, "width,lot\n1.5,A\n2.5,B\n3.5,C\n4.5,\xff\n");
        const auto again = doc->importDataSet(path, QStringLiteral("bad"), {});
        QCOMPARE(again.id, study::Id(0));
        QVERIFY2(again.error.contains(QStringLiteral("bad.csv:5: the text is not valid UTF-8")), qPrintable(again.error));
        QVERIFY(doc->project().dataSets()->empty());
        QCOMPARE(doc->undoStack()->count(), 0);
    }

    void undoRedoImportRestoresExactly()
    {
        auto doc = open("undoimport.gemba");
        QVERIFY(doc);
        DataSetsView view(doc.get());
        const study::Id id = importGood(*doc);
        QVERIFY(id != 0);
        const Values before = valuesOf(*doc, id);
        doc->undoStack()->undo();
        QVERIFY(!doc->project().dataSet(id).hasValue());
        QCOMPARE(view.tree()->topLevelItemCount(), 0);
        doc->undoStack()->redo();
        const Values after = valuesOf(*doc, id);
        QCOMPARE(after.info, before.info);
        QVERIFY(sameBits(after.width, before.width));
        QVERIFY(sameBits(after.n, before.n));
        QCOMPARE(after.lot, before.lot);
        QCOMPARE(view.tree()->topLevelItemCount(), 1);
    }

    void undoRedoDeleteRestoresExactly()
    {
        auto doc = open("undodelete.gemba");
        QVERIFY(doc);
        DataSetsView view(doc.get());
        const study::Id id = importGood(*doc);
        QVERIFY(id != 0);
        // Its chart goes with it and comes back with it.
        const store::ChartSpec spec =
            ChartColumnDialog::makeSpec(*doc->project().dataSet(id), stats::ChartType::IMR, QStringLiteral("width"), {});
        const study::Id chartId = view.addChart(spec);
        QVERIFY(chartId != 0);
        const Values before = valuesOf(*doc, id);
        QSignalSpy removedCharts(doc.get(), &ProjectDocument::chartRemoved);
        view.selectDataSet(id);
        view.removeCurrent();
        QVERIFY(!doc->project().dataSet(id).hasValue());
        QVERIFY(!doc->project().chart(chartId).hasValue());
        QCOMPARE(removedCharts.count(), 1);
        QCOMPARE(view.tree()->topLevelItemCount(), 0);
        doc->undoStack()->undo();
        const Values after = valuesOf(*doc, id);
        QCOMPARE(after.info, before.info);
        QVERIFY(sameBits(after.width, before.width));
        QVERIFY(sameBits(after.n, before.n));
        QCOMPARE(after.lot, before.lot);
        auto chart = doc->project().chart(chartId);
        QVERIFY(chart.hasValue());
        QCOMPARE(chart->source, spec.source);
        doc->undoStack()->redo();
        QVERIFY(!doc->project().dataSet(id).hasValue());
    }

    void undoRedoRename()
    {
        auto doc = open("rename.gemba");
        QVERIFY(doc);
        DataSetsView view(doc.get());
        const study::Id id = importGood(*doc);
        const study::Id other = importGood(*doc, QStringLiteral("other"));
        QVERIFY(id != 0 && other != 0);
        const Values before = valuesOf(*doc, id);
        QVERIFY(view.renameDataSet(id, QStringLiteral("caliper")));
        QCOMPARE(doc->project().dataSet(id)->name, std::string("caliper"));
        QVERIFY(view.tree()->findItems(QStringLiteral("caliper"), Qt::MatchExactly).size() == 1);
        // A name another data set has is refused and changes nothing (no undo step either).
        const int steps = doc->undoStack()->count();
        QVERIFY(!view.renameDataSet(id, QStringLiteral("other")));
        QCOMPARE(doc->undoStack()->count(), steps);
        QCOMPARE(doc->project().dataSet(id)->name, std::string("caliper"));
        doc->undoStack()->undo();
        const Values undone = valuesOf(*doc, id);
        QCOMPARE(undone.info, before.info);
        QVERIFY(sameBits(undone.width, before.width));
        doc->undoStack()->redo();
        QCOMPARE(doc->project().dataSet(id)->name, std::string("caliper"));
    }

    void chartColumnAddsChartSpec()
    {
        auto doc = open("chart.gemba");
        QVERIFY(doc);
        DataSetsView view(doc.get());
        const study::Id id = importGood(*doc);
        QVERIFY(id != 0);
        QSignalSpy added(doc.get(), &ProjectDocument::chartAdded);
        ChartColumnDialog dialog(*doc->project().dataSet(id));
        dialog.choose(stats::ChartType::P, QStringLiteral("width"), QStringLiteral("n"));
        const study::Id chartId = view.addChart(dialog.spec());
        QVERIFY(chartId != 0);
        QCOMPARE(added.count(), 1);
        QCOMPARE(added.front().front().toLongLong(), static_cast<qlonglong>(chartId));
        auto chart = doc->project().chart(chartId);
        QVERIFY(chart.hasValue());
        QVERIFY(chart->type == stats::ChartType::P);
        QVERIFY(chart->source.kind == store::ChartSourceKind::DataSetColumn);
        QCOMPARE(chart->source.dataSetId, id);
        QCOMPARE(chart->source.valueColumn, std::string("width"));
        QCOMPARE(chart->source.sizeColumn, std::string("n"));
        QVERIFY(!chart->processId.has_value());
        // Undoable: the chart goes, and comes back with its id.
        doc->undoStack()->undo();
        QVERIFY(!doc->project().chart(chartId).hasValue());
        doc->undoStack()->redo();
        QVERIFY(doc->project().chart(chartId).hasValue());

        // X̄-R of consecutive rows: subgroups for analysis::seriesOf, no sizes.
        dialog.choose(stats::ChartType::XbarR, QStringLiteral("width"));
        const store::ChartSpec xbar = dialog.spec();
        QVERIFY(xbar.source.subgroupBy == store::SubgroupBy::CycleRange);
        QCOMPARE(xbar.source.subgroupSize, 5);
        QVERIFY(xbar.source.sizeColumn.empty());
        // Only number columns are offered for the values.
        QVERIFY(dialog.findChildren<QComboBox*>().size() >= 3);
    }

    // Two data sets at 1366x768; with GEMBA_SCREENSHOT_DIR set the picture is saved to look at.
    void twoDataSetsAt1366x768()
    {
        auto doc = open("shot.gemba");
        QVERIFY(doc);
        DataSetsView view(doc.get());
        QVERIFY(importGood(*doc, QStringLiteral("Widths wk 48")) != 0);
        const QString rejects = m_dir.filePath("rejects.csv");
        writeFile(rejects, "day,rejects,inspected\n2026-11-30,4,200\n2026-12-01,7,210\n2026-12-02,3,190\n");
        QVERIFY(doc->importDataSet(rejects, QStringLiteral("Rejects"), {}).id != 0);
        view.resize(1366, 768);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QCOMPARE(view.tree()->topLevelItemCount(), 2);
        view.tree()->expandAll();
        const QPixmap shot = view.grab();
        QCOMPARE(shot.size(), QSize(1366, 768));
        if (const QString dir = qEnvironmentVariable("GEMBA_SCREENSHOT_DIR"); !dir.isEmpty())
            QVERIFY(shot.save(QDir(dir).filePath(QStringLiteral("datasetsview.png"))));
    }

    void importDialogPreviewsKinds()
    {
        auto doc = open("dialog.gemba");
        QVERIFY(doc);
        const QString path = m_dir.filePath("dialog.csv");
        writeFile(path, kGood);
        DataSetImportDialog dialog(doc.get(), path);
        QCOMPARE(dialog.name(), QStringLiteral("dialog"));
        QVERIFY2(dialog.problem().isEmpty(), qPrintable(dialog.problem()));
        QCOMPARE(dialog.preview()->columnCount(), 3);
        QCOMPARE(dialog.preview()->rowCount(), 5);
        QCOMPARE(dialog.preview()->horizontalHeaderItem(0)->text(), QStringLiteral("width\nnumber"));
        QCOMPARE(dialog.preview()->horizontalHeaderItem(2)->text(), QStringLiteral("lot\ntext"));
        QCOMPARE(dialog.preview()->item(1, 0)->text(), QStringLiteral("9,75"));
    }
};

QTEST_MAIN(TestDataSetsView)
#include "tst_datasetsview.moc"
