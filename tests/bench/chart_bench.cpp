// Benchmark: the first paint of an I-MR chart of 100,000 and 1,000,000 points, on screen (the
// ChartCanvas, shown and grabbed) and into a 1600x900 PNG (the figure's print path).
// Targets (issue 7): first paint under 300 ms at 100,000 points and under 1 s at 1,000,000.
// With --csv DIR it also writes imr_100000.csv and imr_1000000.csv for timing the CLI:
//   time gemba chart imr DIR/imr_1000000.csv --value value --png out.png
// Usage: QT_QPA_PLATFORM=offscreen gemba_chart_bench [--csv DIR]
#include "charts/chartcanvas.h"
#include "charts/controlchartfigure.h"
#include "report/exporters.h"
#include "stats/controlchart.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>

#include <cstdio>
#include <random>

using namespace gemba;

namespace {

std::vector<double> series(std::size_t n)
{
    std::mt19937_64 rng(42);
    std::normal_distribution<double> normal(30, 2.5);   // seconds per cycle
    std::vector<double> v(n);
    for (auto& x : v)
        x = normal(rng);
    v[n / 3] = 55;   // one far signal, which the picture must show
    return v;
}

void writeCsv(const QString& path, const std::vector<double>& values)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return;
    QByteArray out = "value\n";
    out.reserve(static_cast<qsizetype>(values.size() * 10));
    for (double v : values) {
        // Four decimals: "31.762" could be read as 31762 with a thousands separator, and the CSV
        // reader rightly refuses to guess.
        out += QByteArray::number(v, 'f', 4);
        out += '\n';
    }
    f.write(out);
}

} // namespace

int main(int argc, char** argv)
{
    qInstallMessageHandler([](QtMsgType type, const QMessageLogContext&, const QString& msg) {
        if (type != QtDebugMsg && !msg.contains(QLatin1String("XDG_RUNTIME_DIR")))
            std::fprintf(stderr, "%s\n", qPrintable(msg));
    });
    QApplication app(argc, argv);
    QString csvDir;
    for (int i = 1; i + 1 < argc; ++i)
        if (QByteArray(argv[i]) == "--csv")
            csvDir = QString::fromLocal8Bit(argv[i + 1]);

    // Warm up fonts and Qt Charts once, as an open window would have.
    {
        ui::ChartCanvas warm;
        auto a = std::make_shared<ui::ChartResult>();
        a->analysis = std::move(*stats::individualsCharts(series(100), {}, {}));
        warm.setResult(a);
        warm.resize(400, 300);
        warm.show();
        (void)warm.grab();
    }

    std::printf("%-10s %12s %16s %16s %14s\n", "points", "core (ms)", "first paint (ms)", "repaint (ms)",
                "PNG (ms)");
    for (std::size_t n : {std::size_t(100'000), std::size_t(1'000'000)}) {
        auto values = series(n);
        if (!csvDir.isEmpty())
            writeCsv(csvDir + QStringLiteral("/imr_%1.csv").arg(n), values);
        QElapsedTimer t;
        t.start();
        auto analysis = stats::individualsCharts(std::move(values), {}, {});
        const double coreMs = static_cast<double>(t.nsecsElapsed()) / 1e6;
        if (!analysis) {
            std::fprintf(stderr, "%s\n", analysis.error().message.c_str());
            return 1;
        }
        auto shared = std::make_shared<ui::ChartResult>();
        shared->analysis = std::move(*analysis);

        // First paint: from handing the analysis to a new widget until its first frame is drawn.
        t.restart();
        ui::ChartCanvas widget;
        widget.resize(1600, 900);
        widget.setResult(shared);
        widget.show();
        const QPixmap first = widget.grab();
        const double paintMs = static_cast<double>(t.nsecsElapsed()) / 1e6;
        t.restart();
        (void)widget.grab();
        const double repaintMs = static_cast<double>(t.nsecsElapsed()) / 1e6;

        QTemporaryDir dir;
        t.restart();
        const QString error = ui::exportPng(*widget.figure(), dir.filePath("imr.png"), QSize(1600, 900), 96);
        const double pngMs = static_cast<double>(t.nsecsElapsed()) / 1e6;
        if (!error.isEmpty() || first.isNull()) {
            std::fprintf(stderr, "rendering failed: %s\n", qPrintable(error));
            return 1;
        }
        std::printf("%-10zu %12.1f %16.1f %16.1f %14.1f\n", n, coreMs, paintMs, repaintMs, pngMs);
    }
    return 0;
}
