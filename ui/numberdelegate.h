// Edits a number column with a spin box of the column's own range and precision.
#pragma once

#include <QString>
#include <QStyledItemDelegate>

namespace gemba::ui {

// Qt's default editor for a double is a spin box with 2 decimals and a maximum of 99.99, which
// rounds what it shows (13.785146 s becomes 13.79 s) and clips larger values. This one shows
// the stored precision, so Enter on an untouched value writes back exactly what was there.
// With `emptyText` set, one step below the minimum means "no value" (an empty string is
// written to the model).
class NumberDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    NumberDelegate(int decimals, double minimum, double maximum, QString emptyText = {}, QObject* parent = nullptr);
    QWidget* createEditor(QWidget* parent, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
    void setEditorData(QWidget* editor, const QModelIndex& index) const override;
    void setModelData(QWidget* editor, QAbstractItemModel* model, const QModelIndex& index) const override;

private:
    int m_decimals;
    double m_minimum;
    double m_maximum;
    QString m_emptyText;
};

} // namespace gemba::ui
