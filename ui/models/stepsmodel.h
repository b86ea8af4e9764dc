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
    // Kind, Every, Per and Inside describe the element (issue 8: occasional and machine-controlled
    // elements, internal work); Personal .. Delay are the step's own allowance categories (empty:
    // the study's, or its step type's, apply).
    enum Column {
        Name,
        Type,
        Kind,
        Every,
        Per,
        Inside,
        Personal,
        BasicFatigue,
        VariableFatigue,
        Delay,
        ValueClass,
        WasteKind,
        Description,
        ColumnCount
    };

    // The steps of the context's current process.
    explicit StepsModel(WindowContext& context, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    // An edit the element cannot take (every ≤ 0, inside a step that is not machine-controlled,
    // a machine-controlled step inside another) is refused: returns false and emits editRejected
    // with the reason.
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;

    // Display names of the choices of an enum column (Type, Kind, Per, ValueClass, WasteKind), in
    // enum order.
    static QStringList choices(int column);
    // The choices of the Inside column for `row`: "—" (external work), then the machine-controlled
    // steps of the process other than the row's own. Index i > 0 is insideChoiceIds(row)[i - 1].
    QStringList insideChoices(int row) const;
    std::vector<study::Id> insideChoiceIds(int row) const;
    static bool isAllowanceColumn(int column) { return column >= Personal && column <= Delay; }

signals:
    void editRejected(const QString& reason);

private:
    // Brings m_rows to the document's steps with the finest signals that describe the change
    // (rows inserted, removed, moved, data changed), so a view keeps its current row, its
    // selection and its focus across an edit; a whole new process is a reset.
    void sync();
    bool reject(const QString& reason);
    const study::Step* stepById(study::Id id) const;

    WindowContext* m_context;
    ProjectDocument* m_document;
    std::vector<study::Step> m_rows;   // what the views have been told
    study::Id m_processId = 0;
};

} // namespace gemba::ui
