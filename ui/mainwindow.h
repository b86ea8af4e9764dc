// The main window: the frame every view of Gemba Workbench lives in.
#pragma once

#include <QMainWindow>

namespace gemba::ui {

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);

private:
    void createMenus();
    void showAbout();
};

} // namespace gemba::ui
