// The main window: the frame every view of Gemba Workbench lives in.
#include "mainwindow.h"

#include <QApplication>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QStatusBar>

#include <boost/version.hpp>
#include <sqlite3.h>

// Resources live in the static gemba_ui library, so they must be registered explicitly
// (outside any namespace, as Q_INIT_RESOURCE requires).
static void initUiResources() { Q_INIT_RESOURCE(resources); }

namespace gemba::ui {

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent)
{
    initUiResources();
    setWindowTitle(tr("Gemba Workbench"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/gemba.svg")));
    auto* welcome = new QLabel(tr("<h2>Gemba Workbench</h2>"
                                  "<p>Time a process at the gemba, then analyse it.</p>"
                                  "<p>The analyses also run headless: <tt>gemba --help</tt></p>"),
                               this);
    welcome->setAlignment(Qt::AlignCenter);
    welcome->setObjectName(QStringLiteral("welcome"));
    setCentralWidget(welcome);
    createMenus();
    statusBar()->showMessage(tr("Ready"));
    resize(1100, 700);
}

void MainWindow::createMenus()
{
    auto* file = menuBar()->addMenu(tr("&File"));
    auto* quit = file->addAction(tr("&Quit"), qApp, &QApplication::quit);
    quit->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Q));   // QKeySequence::Quit is empty on some platforms

    auto* help = menuBar()->addMenu(tr("&Help"));
    auto* about = help->addAction(tr("&About Gemba Workbench"), this, &MainWindow::showAbout);
    about->setShortcut(QKeySequence(Qt::Key_F1));
}

void MainWindow::showAbout()
{
    QMessageBox::about(this, tr("About Gemba Workbench"),
                       tr("<h3>Gemba Workbench %1</h3>"
                          "<p>Process studies and Six Sigma analysis.</p>"
                          "<p>Qt %2 · SQLite %3 · Boost %4.%5.%6</p>")
                           .arg(QStringLiteral(GEMBA_VERSION), QString::fromLatin1(qVersion()),
                                QString::fromLatin1(sqlite3_libversion()))
                           .arg(BOOST_VERSION / 100000)
                           .arg(BOOST_VERSION / 100 % 1000)
                           .arg(BOOST_VERSION % 100));
}

} // namespace gemba::ui
