// Edits a number column with a spin box of the column's own range and precision.
#include "numberdelegate.h"

#include <QDoubleSpinBox>

#include <cmath>

namespace gemba::ui {

NumberDelegate::NumberDelegate(int decimals, double minimum, double maximum, QString emptyText, QObject* parent)
    : QStyledItemDelegate(parent)
    , m_decimals(decimals)
    , m_minimum(minimum)
    , m_maximum(maximum)
    , m_emptyText(std::move(emptyText))
{
}

QWidget* NumberDelegate::createEditor(QWidget* parent, const QStyleOptionViewItem&, const QModelIndex&) const
{
    auto* spin = new QDoubleSpinBox(parent);
    spin->setDecimals(m_decimals);
    spin->setFrame(false);
    spin->setGroupSeparatorShown(false);
    const double step = std::pow(10.0, -m_decimals);
    spin->setRange(m_emptyText.isEmpty() ? m_minimum : m_minimum - step, m_maximum);
    spin->setSpecialValueText(m_emptyText);
    spin->setSingleStep(m_decimals > 2 ? 0.1 : 1);
    return spin;
}

void NumberDelegate::setEditorData(QWidget* editor, const QModelIndex& index) const
{
    auto* spin = static_cast<QDoubleSpinBox*>(editor);
    const QVariant v = index.data(Qt::EditRole);
    spin->setValue(v.isValid() && !v.isNull() ? v.toDouble() : spin->minimum());
}

void NumberDelegate::setModelData(QWidget* editor, QAbstractItemModel* model, const QModelIndex& index) const
{
    auto* spin = static_cast<QDoubleSpinBox*>(editor);
    spin->interpretText();
    if (!m_emptyText.isEmpty() && spin->value() < m_minimum)
        model->setData(index, QString(), Qt::EditRole);
    else
        model->setData(index, spin->value(), Qt::EditRole);
}

} // namespace gemba::ui
