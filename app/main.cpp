// The gemba executable: runs a CLI subcommand, or starts the Gemba Workbench window.
#include "cli/commands.h"

#ifdef GEMBA_WITH_GUI
#include "mainwindow.h"
#include "report/reportcli.h"
#include "report/clirender.h"

#include <QApplication>
#include <QScreen>
#endif

#include <cstdio>
#include <string>
#include <vector>

int main(int argc, char* argv[])
{
    // `gemba project.gemba` opens that project in the window; other words are CLI commands.
    const bool projectArgument = argc > 1 && std::string(argv[1]).ends_with(".gemba");
    if (argc > 1 && !projectArgument && gemba::cli::isCliInvocation(argv[1])) {
#ifdef GEMBA_WITH_GUI
        // The CLI is Qt-free; the drawing commands call back into gemba_ui through these hooks.
        gemba::ui::installReportHook();
#endif
        const std::vector<std::string> args(argv + 1, argv + argc);
#ifdef GEMBA_WITH_GUI
        // `gemba chart ... --png OUT` draws with the GUI's charts; Qt starts only if asked to.
        gemba::ui::installRenderHooks();
#endif
        return gemba::cli::run(args, stdout, stderr);
    }
#ifdef GEMBA_WITH_GUI
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Gemba Workbench"));
    QApplication::setOrganizationName(QStringLiteral("Gemba Workbench"));
    QApplication::setApplicationVersion(QStringLiteral(GEMBA_VERSION));
    gemba::ui::MainWindow window;
    // On a small laptop screen (1366x768 and the like) use all of it.
    if (window.screen() && window.screen()->availableGeometry().width() < 1400)
        window.showMaximized();
    else
        window.show();
    if (projectArgument)
        window.openProject(QString::fromLocal8Bit(argv[1]));
    else
        window.openStartupProject();
    return QApplication::exec();
#else
    return gemba::cli::run({"--help"}, stdout, stderr);
#endif
}
