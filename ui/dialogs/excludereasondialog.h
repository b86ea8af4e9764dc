// Asks why an observation is left out of the analysis: a common reason or one's own words.
// An excluded reading always carries its reason (issue 8); Esc cancels and nothing is excluded.
#pragma once

#include <QDialog>

class QComboBox;
class QPushButton;

namespace gemba::ui {

class ExcludeReasonDialog : public QDialog {
    Q_OBJECT
public:
    explicit ExcludeReasonDialog(const QString& what, QWidget* parent = nullptr);
    QString reason() const;   // trimmed; OK is enabled only when it is not empty
    QComboBox* reasonBox() const { return m_reason; }
    // The reasons offered, most common first (the usual causes of a reading the analyst drops).
    static QStringList commonReasons();

private:
    QComboBox* m_reason;
    QPushButton* m_ok = nullptr;
};

} // namespace gemba::ui
