// The gemba executable: runs a CLI subcommand, or starts the Gemba Workbench window.
#include "cli/commands.h"

#ifdef GEMBA_WITH_GUI
#include "mainwindow.h"

#include <QApplication>
#endif

#include <cstdio>
#include <string>
#include <vector>

int main(int argc, char* argv[])
{
    if (argc > 1 && gemba::cli::isCliInvocation(argv[1])) {
        const std::vector<std::string> args(argv + 1, argv + argc);
        return gemba::cli::run(args, stdout, stderr);
    }
#ifdef GEMBA_WITH_GUI
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Gemba Workbench"));
    QApplication::setOrganizationName(QStringLiteral("Gemba Workbench"));
    QApplication::setApplicationVersion(QStringLiteral(GEMBA_VERSION));
    gemba::ui::MainWindow window;
    window.show();
    return QApplication::exec();
#else
    return gemba::cli::run({"--help"}, stdout, stderr);
#endif
}
