// The CLI's chart renderer (see clirender.h).
#include "report/clirender.h"

#include "charts/controlchartfigure.h"
#include "cli/renderhooks.h"
#include "report/exporters.h"

#include <QApplication>
#include <QPageSize>

#include <cstdio>

namespace gemba::ui {
namespace {

std::string renderChart(const stats::ChartAnalysis& analysis, const cli::ChartRenderRequest& request);

} // namespace

// The CLI exits right after writing the file, so the application is never deleted.
void ensureCliApplication()
{
    if (QCoreApplication::instance())
        return;
    // A file needs no display: draw offscreen, which also starts faster than a window system.
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    // Qt's warnings (no XDG_RUNTIME_DIR and the like) are noise on a command's stderr; errors stay.
    qInstallMessageHandler([](QtMsgType type, const QMessageLogContext&, const QString& message) {
        if (type == QtCriticalMsg || type == QtFatalMsg)
            std::fprintf(stderr, "gemba: %s\n", qPrintable(message));
    });
    static int argc = 1;
    static char name[] = "gemba";
    static char* argv[] = {name, nullptr};
    new QApplication(argc, argv);   // deliberately never deleted (see above)
}

namespace {

std::string renderChart(const stats::ChartAnalysis& analysis, const cli::ChartRenderRequest& request)
{
    ensureCliApplication();
    ControlChartFigure figure;
    ControlChartFigure::Options options;
    options.title = QString::fromStdString(request.title);
    options.valueUnit = QString::fromStdString(request.valueUnit);
    figure.setOptions(options);
    // The analysis outlives the figure: share it without copying a million values.
    figure.setAnalysis(std::shared_ptr<const stats::ChartAnalysis>(std::shared_ptr<void>(), &analysis));
    const QString path = QString::fromStdString(request.path);
    const QSize size(request.width, request.height);
    QString error;
    switch (request.format) {
    case cli::FigureFormat::Png:
        error = exportPng(figure, path, size, request.dpi);
        break;
    case cli::FigureFormat::Svg:
        error = exportSvg(figure, path, size);
        break;
    case cli::FigureFormat::Pdf:
        // One page of exactly the figure's size, in points.
        error = exportPdf(figure, path, QPageSize(QSizeF(size), QPageSize::Point, QString(), QPageSize::ExactMatch),
                          QPageLayout::Portrait);
        break;
    }
    return error.toStdString();
}

} // namespace

void installRenderHooks()
{
    cli::RenderHooks hooks = cli::renderHooks();
    hooks.renderChart = &renderChart;
    cli::setRenderHooks(std::move(hooks));
}

} // namespace gemba::ui
