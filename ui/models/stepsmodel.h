// The steps of the current process as an editable table; edits become undo commands.
#pragma once

#include "study/model.h"

#include <QAbstractTableModel>

#include <vector>

namespace gemba::ui {

class ProjectDocument;
class WindowContext;

class StepsModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Name, Type, ValueClass, WasteKind, Description, ColumnCount };

    // The steps of the context's current process.
    explicit StepsModel(WindowContext& context, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;

    // Display names of the choices of an enum column (Type, ValueClass, WasteKind), in enum order.
    static QStringList choices(int column);

private:
    // Brings m_rows to the document's steps with the finest signals that describe the change
    // (rows inserted, removed, moved, data changed), so a view keeps its current row, its
    // selection and its focus across an edit; a whole new process is a reset.
    void sync();

    WindowContext* m_context;
    ProjectDocument* m_document;
    std::vector<study::Step> m_rows;   // what the views have been told
    study::Id m_processId = 0;
};

} // namespace gemba::ui
