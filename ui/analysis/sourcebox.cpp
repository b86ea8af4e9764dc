#include "analysis/sourcebox.h"

#include "windowcontext.h"

#include <QSignalBlocker>

namespace gemba::ui {

SourceBox::SourceBox(QWidget* parent)
    : QComboBox(parent)
{
    setSizeAdjustPolicy(QComboBox::AdjustToContents);
    setMinimumContentsLength(16);
    connect(this, &QComboBox::activated, this, [this] { m_wanted = stepId(); });
}

void SourceBox::fill(const WindowContext& context)
{
    const QSignalBlocker blocker(this);
    clear();
    addItem(tr("Cycle total"), QVariant::fromValue<qint64>(0));
    for (const auto& step : context.steps())
        addItem(QString::fromStdString(step.name), QVariant::fromValue<qint64>(step.id));
    const int index = findData(QVariant::fromValue<qint64>(m_wanted));
    setCurrentIndex(index >= 0 ? index : 0);
}

study::Id SourceBox::stepId() const
{
    return currentIndex() < 0 ? 0 : currentData().toLongLong();
}

void SourceBox::setStepId(study::Id stepId)
{
    m_wanted = stepId;
    const int index = findData(QVariant::fromValue<qint64>(stepId));
    if (index >= 0)
        setCurrentIndex(index);
}

QString SourceBox::subject(const WindowContext& context) const
{
    const study::Study* study = context.study();
    const QString what = stepId() == 0 ? tr("Cycle total") : tr("Step “%1”").arg(currentText());
    if (!study)
        return what;
    return tr("%1 — study %2, %3")
        .arg(what, QString::fromStdString(study->date), QString::fromStdString(study->observer));
}

} // namespace gemba::ui
