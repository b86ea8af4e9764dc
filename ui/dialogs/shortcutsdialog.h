// The keyboard reference (F1): every action with its keys, in a table.
#pragma once

#include <QDialog>
#include <QList>
#include <QPair>
#include <QString>

namespace gemba::ui {

class ShortcutsDialog : public QDialog {
    Q_OBJECT
public:
    // `rows`: (action, keys), as MainWindow::shortcutList() builds them.
    explicit ShortcutsDialog(const QList<QPair<QString, QString>>& rows, QWidget* parent = nullptr);
};

} // namespace gemba::ui
