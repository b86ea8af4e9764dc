// `gemba chart TYPE FILE ... --pdf|--png|--svg OUT`: the gemba executable draws core's chart
// through the render hooks (the CLI itself stays Qt-free), on the offscreen platform.
#include "referencedata.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QSize>
#include <QXmlStreamReader>
#include <QtTest>

using namespace gemba::test;

namespace {

struct Run {
    int status = -1;
    QByteArray out, err;
};

Run runGemba(const QStringList& args)
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    // As on a server: no display, no platform chosen; the command must pick offscreen itself.
    env.remove("DISPLAY");
    env.remove("WAYLAND_DISPLAY");
    env.remove("QT_QPA_PLATFORM");
    p.setProcessEnvironment(env);
    p.start(GEMBA_CLI_PATH, args);
    if (!p.waitForFinished(120000))
        return {};
    return {p.exitCode(), p.readAllStandardOutput(), p.readAllStandardError()};
}

QStringList pistonrings()
{
    return {"chart", "xbar-r", referencePath("pistonrings.csv"), "--value", "value", "--subgroup", "sample",
            "--trial", "trial", "--tests", "nelson"};
}

// A PNG's size and resolution, read from its IHDR and pHYs chunks (the app tests link no QtGui).
struct PngInfo {
    QSize size;
    int dotsPerMeter = 0;
};
PngInfo pngInfo(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    const QByteArray data = f.readAll();
    if (!data.startsWith("\x89PNG\r\n\x1a\n") || data.mid(12, 4) != "IHDR")
        return {};
    auto be32 = [&](qsizetype at) {
        return (quint32(quint8(data[at])) << 24) | (quint32(quint8(data[at + 1])) << 16) |
               (quint32(quint8(data[at + 2])) << 8) | quint32(quint8(data[at + 3]));
    };
    PngInfo info;
    info.size = QSize(int(be32(16)), int(be32(20)));
    const qsizetype phys = data.indexOf("pHYs");
    if (phys > 0)
        info.dotsPerMeter = int(be32(phys + 4));
    return info;
}

QString pdfText(const QString& path)
{
    QProcess p;
    p.start("pdftotext", {"-layout", path, "-"});
    p.waitForFinished(30000);
    return QString::fromUtf8(p.readAllStandardOutput());
}

} // namespace

class TestChartRender : public QObject {
    Q_OBJECT
private slots:
    void pngHasTheRequestedSize()
    {
        QTemporaryDir dir;
        const QString out = dir.filePath("chart.png");
        const Run r = runGemba(pistonrings() << "--png" << out << "--width" << "1200" << "--height" << "700" << "--dpi"
                                          << "144");
        QVERIFY2(r.status == 0, r.err.constData());
        QVERIFY2(r.out.isEmpty(), r.out.constData());   // the figure replaces the table
        QVERIFY2(r.err.isEmpty(), r.err.constData());   // and Qt's chatter stays off stderr
        const PngInfo info = pngInfo(out);
        QCOMPARE(info.size, QSize(1200, 700));
        QCOMPARE(info.dotsPerMeter, int(std::lround(144 / 0.0254)));
        // Default size: 1600 x 900.
        const Run d = runGemba(pistonrings() << "--png" << out);
        QCOMPARE(d.status, 0);
        QCOMPARE(pngInfo(out).size, QSize(1600, 900));
    }

    void pdfShowsCoresLimits()
    {
        QTemporaryDir dir;
        const QString out = dir.filePath("chart.pdf");
        const Run r = runGemba(pistonrings() << "--pdf" << out << "--title" << "Piston rings, phase II" << "--unit" << "mm");
        QVERIFY2(r.status == 0, r.err.constData());
        QFile f(out);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.read(5), QByteArray("%PDF-"));
        // The same limits the table prints (core's), in the PDF's text.
        const Run table = runGemba(pistonrings());
        QCOMPARE(table.status, 0);
        QVERIFY2(table.out.contains("UCL     74.014304"), table.out.constData());
        const QString text = pdfText(out);
        QVERIFY2(text.contains("UCL=74.0143"), qPrintable(text));
        QVERIFY2(text.contains("LCL=73.98805"), qPrintable(text));
        QVERIFY2(text.contains("UCL=0.048126"), qPrintable(text));   // the R chart's
        QVERIFY2(text.contains("Piston rings, phase II"), qPrintable(text));
        QVERIFY2(text.contains("Sample mean (mm)"), qPrintable(text));
        QVERIFY2(text.contains("Tests: nelson"), qPrintable(text));
    }

    void svgParses()
    {
        QTemporaryDir dir;
        const QString out = dir.filePath("chart.svg");
        const Run r = runGemba({"chart", "p", referencePath("orangejuice2.csv"), "--count", "defectives", "--size", "size",
                             "--trial", "trial", "--svg", out, "--width", "800", "--height", "450"});
        QVERIFY2(r.status == 0, r.err.constData());
        QFile f(out);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QXmlStreamReader xml(&f);
        int polylines = 0;
        QString width;
        while (!xml.atEnd()) {
            xml.readNext();
            if (xml.isStartElement() && xml.name() == u"svg")
                width = xml.attributes().value("viewBox").toString();
            polylines += xml.isStartElement() && xml.name() == u"polyline";
        }
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
        QCOMPARE(width, QString("0 0 800 450"));
        QVERIFY(polylines > 64);   // at least the p line's 63 segments and the limits
    }

    void badFigureOptionsAreUsageErrors()
    {
        QTemporaryDir dir;
        const Run both = runGemba(pistonrings() << "--png" << dir.filePath("a.png") << "--pdf" << dir.filePath("a.pdf"));
        QCOMPARE(both.status, 2);
        QVERIFY(both.err.contains("one of --pdf, --png and --svg"));
        const Run widthAlone = runGemba(pistonrings() << "--width" << "800");
        QCOMPARE(widthAlone.status, 2);
        QVERIFY(widthAlone.err.contains("--width applies to a figure"));
        const Run dpiPdf = runGemba(pistonrings() << "--pdf" << dir.filePath("a.pdf") << "--dpi" << "300");
        QCOMPARE(dpiPdf.status, 2);
        const Run unwritable = runGemba(pistonrings() << "--png" << "/nonexistent-dir/a.png");
        QCOMPARE(unwritable.status, 1);
        QVERIFY2(unwritable.err.contains("/nonexistent-dir/a.png"), unwritable.err.constData());
    }

    void tableAndJsonUnchangedWithoutFigure()
    {
        const Run table = runGemba(pistonrings());
        QCOMPARE(table.status, 0);
        QVERIFY(table.out.startsWith("xbar-r chart of "));
        QVERIFY(table.err.isEmpty());
        const Run json = runGemba(pistonrings() << "--json");
        QCOMPARE(json.status, 0);
        QVERIFY(json.out.trimmed().startsWith("{"));
    }
};

QTEST_GUILESS_MAIN(TestChartRender)
#include "tst_chartrender.moc"
