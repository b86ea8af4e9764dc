// Asks why an observation is left out of the analysis.
#include "dialogs/excludereasondialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace gemba::ui {

QStringList ExcludeReasonDialog::commonReasons()
{
    return {tr("Lap key pressed late or early (mistimed)"),
            tr("Foreign element inside the reading"),
            tr("Interrupted (talk, phone, question)"),
            tr("Wrong method or a mistake, redone"),
            tr("Material or equipment fault"),
            tr("Not the element (wrong step recorded)")};
}

ExcludeReasonDialog::ExcludeReasonDialog(const QString& what, QWidget* parent)
    : QDialog(parent)
    , m_reason(new QComboBox(this))
{
    setWindowTitle(tr("Exclude observation"));
    m_reason->setObjectName(QStringLiteral("excludeReason"));
    m_reason->setEditable(true);
    m_reason->setInsertPolicy(QComboBox::NoInsert);
    m_reason->addItems(commonReasons());
    m_reason->setCurrentIndex(-1);   // nothing chosen: the observer picks or types one
    m_reason->lineEdit()->setPlaceholderText(tr("Pick a reason or type your own"));
    m_reason->setMinimumContentsLength(40);

    auto* label = new QLabel(what.isEmpty() ? tr("Why is this observation left out of the analysis?")
                                            : tr("Why is %1 left out of the analysis?").arg(what),
                             this);
    label->setWordWrap(true);
    label->setBuddy(m_reason);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    m_ok->setText(tr("Exclude"));
    m_ok->setEnabled(false);
    connect(m_reason, &QComboBox::currentTextChanged, this,
            [this](const QString& text) { m_ok->setEnabled(!text.trimmed().isEmpty()); });
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        if (!reason().isEmpty())
            accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(label);
    layout->addWidget(m_reason);
    layout->addWidget(buttons);
    m_reason->setFocus();
}

QString ExcludeReasonDialog::reason() const { return m_reason->currentText().trimmed(); }

} // namespace gemba::ui
