// The "what to analyse" choice of the distribution and capability views: the cycle total or
// one step of the current process. Keeps the chosen step across refills.
#pragma once

#include "analysis/studyvalues.h"

#include <QComboBox>

namespace gemba::ui {

class WindowContext;

class SourceBox : public QComboBox {
    Q_OBJECT
public:
    explicit SourceBox(QWidget* parent = nullptr);

    // Refills from the context's steps, keeping the chosen step when it is still there.
    void fill(const WindowContext& context);
    study::Id stepId() const;   // 0: cycle total
    void setStepId(study::Id stepId);
    // What the current study and choice name, for titles: "Fit cover — study 2026-11-23, tester".
    QString subject(const WindowContext& context) const;

private:
    study::Id m_wanted = 0;
};

} // namespace gemba::ui
