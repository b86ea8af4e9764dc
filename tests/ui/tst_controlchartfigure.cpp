// The control chart figure draws core's center, limits and signals for the reference data sets
// (tests/data/reference, qcc 3.0), keeps the extremes of a decimated million-point series, and
// exports valid PDF, SVG and PNG files. Set GEMBA_FIGURE_DIR to keep the PNGs for a look.
#include "charts/chartcolours.h"
#include "charts/controlchartfigure.h"
#include "charts/chartcanvas.h"
#include "io/csvreader.h"
#include "referencedata.h"
#include "report/exporters.h"
#include "stats/chartinput.h"

#include <QFile>
#include <QImage>
#include <QPainter>
#include <QJsonArray>
#include <QProcess>
#include <QSignalSpy>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QXmlStreamReader>
#include <QtCharts/QChart>
#include <QtCharts/QValueAxis>
#include <QtCharts/QXYSeries>
#include <QtTest>

#include <random>

using namespace gemba;
using namespace gemba::test;
using Figure = ui::ControlChartFigure;
using Role = Figure::Role;

namespace {

// Reads a reference CSV the way `gemba chart` does: rows with the same `sample` form a subgroup
// (xbar charts) or label the point; trial = TRUE rows are phase I when `phases`, and only
// they are read when `trialOnly`.
stats::PreparedChart loadReference(const QString& csv, stats::ChartType type, bool phases, bool trialOnly,
                                   stats::RuleSet rules = stats::RuleSet::nelson())
{
    const bool attribute = stats::isAttributeChart(type);
    const bool hasTrial = phases || trialOnly;
    std::vector<io::ColumnRequest> req = {{"sample", io::ColumnKind::Text},
                                          {hasTrial ? "trial" : "sample", io::ColumnKind::Text}};
    if (attribute) {
        const bool defects = csv.startsWith("circuit") || csv.startsWith("pcmanufact") || csv.startsWith("dyedcloth");
        req.push_back({defects ? "defects" : "defectives", io::ColumnKind::Number});
        req.push_back({"size", io::ColumnKind::Number});
    } else {
        req.push_back({"value", io::ColumnKind::Number});
    }
    auto data = io::readCsv(referencePath(csv).toStdString(), req);
    if (!data)
        qFatal("%s", data.error().message.c_str());
    stats::ChartColumns cols;
    for (std::size_t r = 0; r < data->rows; ++r) {
        const bool trial = hasTrial && data->columns[1].texts[r] == "TRUE";
        if (trialOnly && !trial)
            continue;
        cols.labels.push_back(data->columns[0].texts[r]);
        if (phases)
            cols.trial.push_back(trial ? 1 : 0);
        if (attribute) {
            cols.counts.push_back(data->columns[2].numbers[r]);
            cols.sizes.push_back(data->columns[3].numbers[r]);
        } else {
            cols.values.push_back(data->columns[2].numbers[r]);
        }
    }
    stats::ChartOptions options;
    options.rules = rules;
    auto prepared = stats::analyzeChart(type, std::move(cols), options);
    if (!prepared)
        qFatal("%s", prepared.error().message.c_str());
    return std::move(*prepared);
}

// The y of the horizontal step of `series` over x (a stair-step line: pairs of points).
double stepAt(const QXYSeries* series, double x)
{
    const auto pts = series->points();
    for (qsizetype k = 0; k + 1 < pts.size(); ++k)
        if (pts[k].y() == pts[k + 1].y() && pts[k].x() <= x && x <= pts[k + 1].x())
            return pts[k].y();
    return std::nan("");
}

std::unique_ptr<Figure> makeFigure(stats::ChartAnalysis analysis, const QString& title, bool zones = false)
{
    auto figure = std::make_unique<Figure>();
    Figure::Options o;
    o.title = title;
    o.showZones = zones;
    figure->setOptions(o);
    figure->setAnalysis(std::move(analysis));
    figure->layout(QSizeF(1000, 600));
    return figure;
}

void keepPng(const Figure& figure, const QString& name)
{
    const QString dir = qEnvironmentVariable("GEMBA_FIGURE_DIR");
    if (dir.isEmpty())
        return;
    const QString error = ui::exportPng(figure, dir + "/" + name + ".png", QSize(1600, 900), 144);
    QVERIFY2(error.isEmpty(), qPrintable(error));
}

} // namespace

class TestControlChartFigure : public QObject {
    Q_OBJECT
private slots:
    void centerAndLimitsAreCores_data()
    {
        QTest::addColumn<QString>("reference");
        QTest::addColumn<QString>("csv");
        QTest::addColumn<int>("type");
        QTest::addColumn<int>("panel");
        QTest::addColumn<bool>("phases");
        QTest::addColumn<bool>("trialOnly");
        QTest::newRow("I, phase I") << "viscosity.xbar_one" << "viscosity.csv" << int(stats::ChartType::IMR) << 0
                                    << false << true;
        QTest::newRow("MR, phase I") << "viscosity.MR" << "viscosity.csv" << int(stats::ChartType::IMR) << 1 << false
                                     << true;
        QTest::newRow("X̄, phase II") << "pistonrings.xbar_R.phase2" << "pistonrings.csv"
                                      << int(stats::ChartType::XbarR) << 0 << true << false;
        QTest::newRow("R, phase II") << "pistonrings.R.phase2" << "pistonrings.csv" << int(stats::ChartType::XbarR)
                                     << 1 << true << false;
        QTest::newRow("X̄, unequal sizes") << "pistonrings_unequal.xbar_R.phase2" << "pistonrings_unequal.csv"
                                           << int(stats::ChartType::XbarR) << 0 << true << false;
        QTest::newRow("S, unequal sizes") << "pistonrings_unequal.S.phase2" << "pistonrings_unequal.csv"
                                          << int(stats::ChartType::XbarS) << 1 << true << false;
        QTest::newRow("p, phase II") << "orangejuice2.p.phase2" << "orangejuice2.csv" << int(stats::ChartType::P)
                                     << 0 << true << false;
        QTest::newRow("u, varying n") << "dyedcloth.u" << "dyedcloth.csv" << int(stats::ChartType::U) << 0 << false
                                      << false;
    }
    void centerAndLimitsAreCores()
    {
        QFETCH(QString, reference);
        QFETCH(QString, csv);
        QFETCH(int, type);
        QFETCH(int, panel);
        QFETCH(bool, phases);
        QFETCH(bool, trialOnly);
        const QJsonObject ref = loadReferenceJson(reference + ".json");
        auto prepared = loadReference(csv, stats::ChartType(type), phases, trialOnly);
        auto figure = makeFigure(prepared.analysis, reference);
        const auto stat = toDoubles(ref["statistics"].toArray());
        const auto& chart = figure->analysis()->charts[static_cast<std::size_t>(panel)];
        // qcc's statistics (the MR chart's from point 2 on, like core's) are the plotted values.
        const std::size_t offset = chart.firstObservation;
        QCOMPARE(chart.size(), stat.size());
        for (std::size_t i = 0; i < chart.size(); ++i) {
            // Point i is drawn at x = its 1-based analysis point number; each step holds core's value.
            const double x = double(i + offset + 1);
            GEMBA_COMPARE_REL(stepAt(figure->series(panel, Role::Center), x), chart.centerLine.at(i), 1e-12);
            GEMBA_COMPARE_REL(stepAt(figure->series(panel, Role::Ucl), x), chart.ucl.at(i), 1e-12);
            GEMBA_COMPARE_REL(stepAt(figure->series(panel, Role::Lcl), x), chart.lcl.at(i), 1e-12);
        }
        // Every plotted statistic is on the data line (short series are not decimated).
        const auto line = figure->series(panel, Role::Data)->points();
        QCOMPARE(std::size_t(line.size()), chart.size());
        for (qsizetype k = 0; k < line.size(); ++k) {
            QCOMPARE(line[k].x(), double(k + 1 + qsizetype(offset)));
            GEMBA_COMPARE_REL(line[k].y(), stat[std::size_t(k)], 1e-12);
        }
        // The right-edge labels show the last point's limits.
        const auto labels = figure->limitLabels(panel);
        QCOMPARE(labels.size(), 3);
        QVERIFY2(labels[0].text.startsWith("UCL="), qPrintable(labels[0].text));
        QVERIFY2(labels[2].text.startsWith("LCL="), qPrintable(labels[2].text));
        GEMBA_COMPARE_REL(labels[0].text.mid(4).toDouble(), chart.ucl.at(chart.size() - 1), 1e-4);
        keepPng(*figure, reference);
    }

    void flaggedPointsCarryTheirLowestTest()
    {
        // pistonrings, limits from samples 1-25 applied to 26-40, Nelson's tests. qcc's lists
        // (1-based): test 1 at 37, 38, 39; test 5 at 35, 37-40; test 6 at 35, 38-40; so the
        // lowest test is 5 at 35 and 40, 1 at 37-39.
        const QJsonObject ref = loadReferenceJson("pistonrings.xbar_R.phase2.json");
        QMap<int, int> lowest;   // 1-based point -> lowest failing test
        const QJsonObject nelson = ref["violations"].toObject()["nelson"].toObject();
        for (auto it = nelson.begin(); it != nelson.end(); ++it) {
            const int test = QRegularExpression("^rule(\\d)_").match(it.key()).captured(1).toInt();
            for (int p : toInts(it.value().toArray()))
                if (!lowest.contains(p) || test < lowest[p])
                    lowest[p] = test;
        }
        QCOMPARE(lowest, (QMap<int, int>{{35, 5}, {37, 1}, {38, 1}, {39, 1}, {40, 5}}));

        auto prepared = loadReference("pistonrings.csv", stats::ChartType::XbarR, true, false);
        Figure::Options o;
        auto figure = makeFigure(prepared.analysis, "pistonrings X̄-R, phase II", true);
        QMap<int, int> drawn;
        for (const auto& label : figure->testLabels(0))
            drawn[int(label.point) + 1] = label.text.toInt();
        QCOMPARE(drawn, lowest);
        // Failing points are drawn as signal markers (a different shape), the others are not.
        QCOMPARE(figure->series(0, Role::Signals)->points().size(), 5);
        QCOMPARE(figure->markers(0, Role::Signals), figure->series(0, Role::Signals)->points());
        QCOMPARE(figure->series(0, Role::Points)->points().size(), 35);
        QCOMPARE(figure->series(0, Role::Signals)->points().at(0), QPointF(35, prepared.analysis.charts[0].values[34]));
        // The phase boundary after sample 25 is drawn, and the 1σ and 2σ zone lines are there.
        const auto& xbar = prepared.analysis.charts[0];
        GEMBA_COMPARE_REL(stepAt(figure->series(0, Role::ZonePlus2), 10.0), xbar.centerLine.at(9) + 2 * xbar.sd.at(9),
                          1e-12);
        GEMBA_COMPARE_REL(stepAt(figure->series(0, Role::ZoneMinus1), 10.0), xbar.centerLine.at(9) - xbar.sd.at(9),
                          1e-12);
        QCOMPARE(figure->series(0, Role::Signals)->points().size(), 5);
        keepPng(*figure, "signals-xbar-r");
    }

    void excludedPointsAreHollowAndNotesNumbered()
    {
        auto prepared = loadReference("viscosity.csv", stats::ChartType::IMR, true, false);
        stats::ChartColumns cols;
        // Re-run with point 4 excluded (viscosity.xbar_one.revised drops it).
        auto data = io::readCsv(referencePath("viscosity.csv").toStdString(),
                                {{"value", io::ColumnKind::Number}, {"trial", io::ColumnKind::Text}});
        QVERIFY(data.hasValue());
        cols.values = data->columns[0].numbers;
        for (const auto& t : data->columns[1].texts)
            cols.trial.push_back(t == "TRUE");
        cols.excludedPoints = {3};
        stats::ChartOptions options;
        options.rules = stats::RuleSet::nelson();
        auto excluded = stats::analyzeChart(stats::ChartType::IMR, std::move(cols), options);
        QVERIFY(excluded.hasValue());
        auto figure = makeFigure(excluded->analysis, "viscosity, point 4 excluded");
        figure->setNotes({{26, 1}, {30, 2}});
        figure->layout(QSizeF(1000, 600));
        // Point 4 (35.96) is beyond the UCL: a hollow triangle; no other point is hollow.
        QCOMPARE(figure->series(0, Role::Excluded)->points().size(), 0);
        QCOMPARE(figure->series(0, Role::ExcludedSignals)->points(), QList<QPointF>{QPointF(4, 35.96)});
        // The moving ranges 3-4 and 4-5 lean on the excluded value: hollow too.
        QCOMPARE(figure->series(1, Role::Excluded)->points().size() +
                     figure->series(1, Role::ExcludedSignals)->points().size(),
                 2);
        const auto notes = figure->noteLabels(0);
        QCOMPARE(notes.size(), 2);
        QCOMPARE(notes[0].text, QString("1"));
        QCOMPARE(notes[0].point, std::size_t(26));
        QCOMPARE(notes[0].anchor, *figure->pointPosition(0, 26));
        // A click on a point's position finds it; a click in the margin finds nothing.
        QCOMPARE(figure->pointAt(*figure->pointPosition(0, 12)), std::optional<std::size_t>(12));
        QCOMPARE(figure->pointAt(*figure->pointPosition(1, 20) + QPointF(2, 30)), std::optional<std::size_t>(20));
        QCOMPARE(figure->pointAt(QPointF(2, 2)), std::optional<std::size_t>());
        keepPng(*figure, "excluded-notes-imr");
    }

    void millionPointsKeepTheGlobalExtremes()
    {
        std::mt19937_64 rng(11);
        std::normal_distribution<double> normal(50, 2);
        std::vector<double> values(1'000'000);
        for (auto& v : values)
            v = normal(rng);
        values[654'321] = 90;   // far beyond the UCL: the global maximum
        values[111'111] = 5;    // the global minimum
        stats::ChartOptions options;
        auto analysis = stats::individualsCharts(values, {}, options);
        QVERIFY(analysis.hasValue());
        auto figure = makeFigure(std::move(*analysis), "a million individuals");
        figure->layout(QSizeF(1600, 900));
        const auto line = figure->series(0, Role::Data)->points();
        QVERIFY2(line.size() < 60'000, qPrintable(QString::number(line.size())));
        auto has = [&](double x, double y) {
            return std::any_of(line.begin(), line.end(), [&](const QPointF& p) { return p.x() == x && p.y() == y; });
        };
        QVERIFY(has(654'322, 90));
        QVERIFY(has(111'112, 5));
        double maxY = -1e300;
        for (const auto& p : line)
            maxY = std::max(maxY, p.y());
        QCOMPARE(maxY, 90.0);
        // Both extremes are signals, drawn as markers with their test number.
        const auto signalPoints = figure->markers(0, Role::Signals);
        QVERIFY(signalPoints.contains(QPointF(654'322, 90)));
        // Thousands of run-test signals: painted by the figure, not one Qt Charts item each.
        QVERIFY(signalPoints.size() > 1500);
        QVERIFY(figure->series(0, Role::Signals)->points().isEmpty());
        QVERIFY(signalPoints.contains(QPointF(111'112, 5)));
        // The MR panel's spikes survive too: |90 - x| at 654'322 and 654'323.
        const auto mr = figure->series(1, Role::Data)->points();
        QVERIFY(std::any_of(mr.begin(), mr.end(), [&](const QPointF& p) { return p.x() == 654'322 && p.y() > 30; }));
        keepPng(*figure, "million-imr");
    }

    void denseSeriesDrawTheirLimitsAndExtremesOnTop()
    {
        // 100,000 individuals on a 1600-pixel figure: some 75 points per pixel column. The
        // raster path draws one span per column; the center line and limits are drawn over the
        // band, and the one far spike keeps its full height.
        std::mt19937_64 rng(5);
        std::normal_distribution<double> normal(50, 2);
        std::vector<double> values(100'000);
        for (auto& v : values)
            v = normal(rng);
        values[60'000] = 90;
        stats::ChartOptions plain;
        plain.rules = stats::RuleSet::none();
        auto analysis = stats::individualsCharts(values, {}, plain);
        QVERIFY(analysis.hasValue());
        auto figure = makeFigure(std::move(*analysis), "dense");
        figure->layout(QSizeF(1600, 900));
        QImage image(1600, 900, QImage::Format_RGB32);
        image.fill(Qt::white);
        {
            QPainter painter(&image);
            painter.setRenderHint(QPainter::Antialiasing);
            figure->render(painter, QRectF(0, 0, 1600, 900));
        }
        const QRectF plot = figure->plotArea(0);
        const auto* y = static_cast<const QValueAxis*>(figure->panel(0)->axes(Qt::Vertical).first());
        auto rowOf = [&](double v) { return plot.bottom() - (v - y->min()) / (y->max() - y->min()) * plot.height(); };
        const auto colours = ui::ChartColours::forPrint();
        auto near = [](QColor a, QColor b) {
            return std::abs(a.red() - b.red()) + std::abs(a.green() - b.green()) + std::abs(a.blue() - b.blue()) < 60;
        };
        // Along the center line, inside the band: the center colour, not the data colour.
        const double center = figure->analysis()->charts[0].centerLine.at(0);
        const int centerRow = int(std::floor(rowOf(center)));
        int onCenter = 0, across = 0;
        for (int x = int(plot.left()) + 5; x < int(plot.right()) - 5; ++x, ++across) {
            bool hit = false;
            for (int dy = -1; dy <= 1 && !hit; ++dy)
                hit = near(image.pixelColor(x, centerRow + dy), colours.center);
            onCenter += hit;
        }
        QVERIFY2(onCenter > across * 9 / 10, qPrintable(QString("%1 of %2").arg(onCenter).arg(across)));
        // The band itself is there, in the data colour, above and below the center line.
        const int mid = int(plot.center().x());
        QVERIFY(near(image.pixelColor(mid, int(rowOf(center + 2))), colours.data));
        QVERIFY(near(image.pixelColor(mid, int(rowOf(center - 2))), colours.data));
        // The spike's column: the data colour from the band's top up to near its value.
        const auto spike = figure->pointPosition(0, 60'000);
        QVERIFY(spike.has_value());
        for (double v = 65; v <= 88; v += 1) {
            bool hit = false;
            for (int dx = -1; dx <= 1 && !hit; ++dx)
                hit = near(image.pixelColor(int(spike->x()) + dx, int(rowOf(v))), colours.data);
            QVERIFY2(hit, qPrintable(QString("no line at %1").arg(v)));
        }
        // Beside it, above the band, nothing but the background and grid.
        QVERIFY(!near(image.pixelColor(int(spike->x()) + 40, int(rowOf(80))), colours.data));
    }

    void denseSeriesAreOnePolylineInVectorOutput()
    {
        // Vector output draws the decimated line itself, exact, in one polyline.
        std::mt19937_64 rng(6);
        std::normal_distribution<double> normal(10, 1);
        std::vector<double> values(20'000);
        for (auto& v : values)
            v = normal(rng);
        stats::ChartOptions plain;
        plain.rules = stats::RuleSet::none();
        auto analysis = stats::individualsCharts(values, {}, plain);
        QVERIFY(analysis.hasValue());
        auto figure = makeFigure(std::move(*analysis), "dense vector");
        QTemporaryDir dir;
        const QString svg = dir.filePath("dense.svg");
        QCOMPARE(ui::exportSvg(*figure, svg, QSize(800, 500)), QString());
        QFile svgFile(svg);
        QVERIFY(svgFile.open(QIODevice::ReadOnly));
        QXmlStreamReader xml(&svgFile);
        const QString dataColour = ui::ChartColours::forPrint().data.name();
        QString stroke;
        qsizetype longest = 0;
        while (!xml.atEnd()) {
            xml.readNext();
            if (xml.isStartElement() && xml.name() == u"g")
                stroke = xml.attributes().value("stroke").toString();
            if (xml.isStartElement() && xml.name() == u"polyline" && stroke == dataColour)
                longest = std::max(longest, xml.attributes().value("points").toString().split(' ', Qt::SkipEmptyParts).size());
        }
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
        // At least one min/max pair per column of an 800-point-wide figure's plot.
        QVERIFY2(longest > 1000, qPrintable(QString::number(longest)));
    }

    void exportsAreValidFiles()
    {
        QTemporaryDir dir;
        auto prepared = loadReference("pistonrings.csv", stats::ChartType::XbarR, true, false);
        auto figure = makeFigure(prepared.analysis, "Piston rings");
        const int n = int(prepared.analysis.pointCount);

        const QString pdf = dir.filePath("chart.pdf");
        QCOMPARE(ui::exportPdf(*figure, pdf, QPageSize(QPageSize::A4), QPageLayout::Landscape), QString());
        QFile pdfFile(pdf);
        QVERIFY(pdfFile.open(QIODevice::ReadOnly));
        QCOMPARE(pdfFile.read(5), QByteArray("%PDF-"));
        QProcess pdftotext;
        pdftotext.start("pdftotext", {"-layout", pdf, "-"});
        QVERIFY(pdftotext.waitForFinished(30000));
        const QString text = QString::fromUtf8(pdftotext.readAllStandardOutput());
        QVERIFY2(text.contains("UCL=74.0143"), qPrintable(text));
        QVERIFY2(text.contains("LCL="), qPrintable(text));
        QVERIFY2(text.contains("Piston rings"), qPrintable(text));

        const QString svg = qEnvironmentVariable("GEMBA_FIGURE_DIR").isEmpty() ? dir.filePath("chart.svg") : qEnvironmentVariable("GEMBA_FIGURE_DIR") + "/chart.svg";
        QCOMPARE(ui::exportSvg(*figure, svg, QSize(800, 500)), QString());
        QFile svgFile(svg);
        QVERIFY(svgFile.open(QIODevice::ReadOnly));
        QXmlStreamReader xml(&svgFile);
        // Qt Charts strokes a line series segment by segment: the data line is a chain of
        // polylines in a group stroked in the data colour, each starting where the last ended.
        const QString dataColour = ui::ChartColours::forPrint().data.name();
        QString stroke;
        QString lastEnd;
        int chain = 0, longestChain = 0;
        while (!xml.atEnd()) {
            xml.readNext();
            if (xml.isStartElement() && xml.name() == u"g")
                stroke = xml.attributes().value("stroke").toString();
            if (xml.isStartElement() && xml.name() == u"polyline" && stroke == dataColour) {
                const QStringList pts = xml.attributes().value("points").toString().split(' ', Qt::SkipEmptyParts);
                chain = (!pts.isEmpty() && pts.front() == lastEnd) ? chain + 1 : 1;
                lastEnd = pts.isEmpty() ? QString() : pts.back();
                longestChain = std::max(longestChain, chain);
            }
        }
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
        // The X̄ line through all 40 subgroups: 39 segments.
        QCOMPARE(longestChain, n - 1);

        const QString png = dir.filePath("chart.png");
        QCOMPARE(ui::exportPng(*figure, png, QSize(1234, 567), 192), QString());
        QImage image(png);
        QCOMPARE(image.size(), QSize(1234, 567));
        QCOMPARE(image.dotsPerMeterX(), int(std::lround(192 / 0.0254)));
        QCOMPARE(image.dotsPerMeterY(), int(std::lround(192 / 0.0254)));
        // Opaque RGB written by libpng (exporters.cpp), white paper, no alpha channel.
        QVERIFY(!image.hasAlphaChannel());
        QCOMPARE(image.pixelColor(0, 0), QColor(Qt::white));
        // Not blank: the signal colour is in the picture.
        bool red = false;
        for (int y = 0; y < image.height() && !red; y += 2)
            for (int x = 0; x < image.width() && !red; ++x) {
                const QColor c = image.pixelColor(x, y);
                red = c.red() > 180 && c.green() < 80 && c.blue() < 80;
            }
        QVERIFY(red);

        const QString csv = dir.filePath("chart.csv");
        QCOMPARE(ui::exportChartCsv(prepared.analysis, {}, csv), QString());
        QFile csvFile(csv);
        QVERIFY(csvFile.open(QIODevice::ReadOnly));
        const QStringList rows = QString::fromUtf8(csvFile.readAll()).split('\n', Qt::SkipEmptyParts);
        QCOMPARE(rows.size(), 1 + 2 * n);
        QCOMPARE(rows[0], QString("chart,point,label,phase,excluded,value,center,LCL,UCL,tests"));
        // Subgroup 37 (qcc: beyond the UCL; Nelson tests 1 and 5).
        const QStringList row37 = rows[37].split(',');
        QCOMPARE(row37[0], QString("xbar"));
        QCOMPARE(row37[1], QString("37"));
        QCOMPARE(row37[3], QString("II"));
        GEMBA_COMPARE_REL(row37[8].toDouble(), prepared.analysis.charts[0].ucl.at(36), 1e-15);
        QCOMPARE(row37[9], QString("1;5"));
    }

    void stagesAndAttributeChartsRender()
    {
        // For the eye (GEMBA_FIGURE_DIR): varying limits with a phase split, and a p chart.
        auto unequal = loadReference("pistonrings_unequal.csv", stats::ChartType::XbarS, true, false);
        auto figure = makeFigure(unequal.analysis, "pistonrings, unequal subgroups, X̄-S", true);
        QVERIFY(figure->series(0, Role::Ucl)->points().size() > 4);
        keepPng(*figure, "stages-xbar-s");
        auto p = loadReference("orangejuice2.csv", stats::ChartType::P, true, false);
        auto pFigure = makeFigure(p.analysis, "orange juice cans, p chart");
        QCOMPARE(pFigure->panelCount(), 1);
        QCOMPARE(pFigure->limitLabels(0)[1].text.left(2), QString("P") + QChar(0x0304));
        keepPng(*pFigure, "p-chart");
    }

    void compactIsTheFirstPanelWithoutAxisText()
    {
        // The live chart beside the stopwatch: I only (no MR), no limit labels, tick labels,
        // axis titles or footer, so the plot takes almost the whole widget.
        auto prepared = loadReference("pistonrings.csv", stats::ChartType::XbarR, true, false);
        Figure figure;
        Figure::Options o;
        o.valueUnit = "s";
        figure.setOptions(o);
        figure.setAnalysis(prepared.analysis);
        figure.layout(QSizeF(400, 160));
        QCOMPARE(figure.panelCount(), 2);
        const QRectF full = figure.plotArea(0);
        o.compact = true;
        figure.setOptions(o);
        figure.layout(QSizeF(400, 160));
        QCOMPARE(figure.panelCount(), 1);
        QVERIFY(figure.limitLabels(0).isEmpty());
        const auto* x = static_cast<const QValueAxis*>(figure.panel(0)->axes(Qt::Horizontal).front());
        const auto* y = static_cast<const QValueAxis*>(figure.panel(0)->axes(Qt::Vertical).front());
        QVERIFY(!x->labelsVisible() && !y->labelsVisible());
        QCOMPARE(x->titleText(), QString());
        QCOMPARE(y->titleText(), QString());
        const QRectF compact = figure.plotArea(0);
        QVERIFY2(compact.width() > 0.9 * 400 && compact.height() > 0.85 * 160,
                 qPrintable(QStringLiteral("%1x%2").arg(compact.width()).arg(compact.height())));
        QVERIFY(compact.width() > full.width() && compact.height() > full.height());
        // Every subgroup mean is still drawn, where core put it.
        const auto& chart = figure.analysis()->charts.front();
        const auto line = figure.series(0, Role::Data)->points();
        QCOMPARE(std::size_t(line.size()), chart.size());
        GEMBA_COMPARE_REL(line.back().y(), chart.values.back(), 1e-12);
        GEMBA_COMPARE_REL(stepAt(figure.series(0, Role::Ucl), 1.0), chart.ucl.at(0), 1e-12);
        // And back: both panels again.
        o.compact = false;
        figure.setOptions(o);
        figure.layout(QSizeF(400, 160));
        QCOMPARE(figure.panelCount(), 2);
        QCOMPARE(figure.limitLabels(0).size(), 3);
    }

    void widgetShowsTheFigureAndMapsClicks()
    {
        auto prepared = loadReference("pistonrings.csv", stats::ChartType::XbarR, true, false);
        ui::ChartCanvas widget;
        widget.resize(1100, 620);
        auto result = std::make_shared<ui::ChartResult>();
        result->analysis = prepared.analysis;
        widget.setResult(result);
        widget.show();
        QVERIFY(QTest::qWaitForWindowExposed(&widget));
        const auto on37 = widget.pointPosition(36);
        // Laid out to the widget (scene units are its pixels), the right-edge labels inside it.
        QCOMPARE(widget.figure()->size(), QSizeF(widget.size()));
        QCOMPARE(widget.figure()->panelCount(), 2);
        for (const auto& label : widget.figure()->limitLabels(0))
            QVERIFY(label.anchor.x() < widget.width());
        QSignalSpy clicked(&widget, &ui::ChartCanvas::pointClicked);
        QVERIFY(widget.rect().contains(on37.toPoint()));
        QTest::mouseClick(&widget, Qt::LeftButton, {}, on37.toPoint());
        QCOMPARE(clicked.size(), 1);
        QCOMPARE(clicked[0][0].toInt(), 36);
        QCOMPARE(widget.cursorPoint(), 36);
        const auto onR6 = widget.figure()->pointPosition(1, 5);
        QVERIFY(onR6.has_value());
        QTest::mouseClick(&widget, Qt::LeftButton, {}, onR6->toPoint() + QPoint(2, 0));
        QCOMPARE(clicked.size(), 2);
        QCOMPARE(clicked[1][0].toInt(), 5);
        QTest::mouseClick(&widget, Qt::LeftButton, {}, QPoint(3, 3));   // the margin
        QCOMPARE(clicked.size(), 2);
        QCOMPARE(widget.pointAt(on37.toPoint()), 36);
        // Colours follow the palette (dark mode); print stays on white paper.
        QPalette dark = widget.palette();
        dark.setColor(QPalette::Base, QColor(20, 20, 20));
        dark.setColor(QPalette::Window, QColor(30, 30, 30));
        dark.setColor(QPalette::Text, QColor(230, 230, 230));
        widget.setPalette(dark);
        (void)widget.grab();   // lays the figure out again in the new colours
        QCOMPARE(widget.figure()->colours().plotBackground, QColor(20, 20, 20));
        QCOMPARE(widget.figure()->panel(0)->plotAreaBackgroundBrush().color(), QColor(20, 20, 20));
        QTemporaryDir dir;
        QCOMPARE(ui::exportPng(*widget.figure(), dir.filePath("p.png"), QSize(400, 300), 96), QString());
        QCOMPARE(QImage(dir.filePath("p.png")).pixelColor(2, 2), QColor(Qt::white));
        const QString keep = qEnvironmentVariable("GEMBA_FIGURE_DIR");
        if (!keep.isEmpty())
            widget.grab().save(keep + "/widget-dark.png");
    }
};

QTEST_MAIN(TestControlChartFigure)
#include "tst_controlchartfigure.moc"
