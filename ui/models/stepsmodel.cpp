// The steps of the current process as an editable table; edits become undo commands.
#include "models/stepsmodel.h"

#include "commands/changestepcommand.h"
#include "projectdocument.h"

namespace gemba::ui {

StepsModel::StepsModel(ProjectDocument* document, QObject* parent)
    : QAbstractTableModel(parent)
    , m_document(document)
{
    connect(m_document, &ProjectDocument::stepsChanged, this, &StepsModel::reset);
}

void StepsModel::reset()
{
    beginResetModel();
    endResetModel();
}

int StepsModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_document->steps().size());
}

int StepsModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QStringList StepsModel::choices(int column)
{
    switch (column) {
    case Type: return {tr("Manual"), tr("Machine"), tr("Walk")};
    case ValueClass: return {tr("Value-adding"), tr("Necessary non-value-adding"), tr("Waste")};
    case WasteKind:
        return {tr("-"),          tr("Overproduction"), tr("Waiting"), tr("Transport"),     tr("Over-processing"),
                tr("Inventory"), tr("Motion"),         tr("Defects"), tr("Unused talent")};
    default: return {};
    }
}

QVariant StepsModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const auto& step = m_document->steps()[static_cast<std::size_t>(index.row())];
    const int enumValue = index.column() == Type         ? static_cast<int>(step.type)
                          : index.column() == ValueClass ? static_cast<int>(step.valueClass)
                          : index.column() == WasteKind  ? static_cast<int>(step.wasteKind)
                                                         : -1;
    if (role == Qt::DisplayRole || role == Qt::EditRole) {
        switch (index.column()) {
        case Name: return QString::fromStdString(step.name);
        case Description: return QString::fromStdString(step.description);
        default: return role == Qt::EditRole ? QVariant(enumValue) : QVariant(choices(index.column()).value(enumValue));
        }
    }
    if (role == Qt::ToolTipRole && index.column() == Description)
        return QString::fromStdString(step.description);
    return {};
}

QVariant StepsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (role != Qt::DisplayRole)
        return {};
    if (orientation == Qt::Vertical)
        return section + 1;
    switch (section) {
    case Name: return tr("Step");
    case Type: return tr("Type");
    case ValueClass: return tr("Value class");
    case WasteKind: return tr("Waste kind");
    case Description: return tr("Description");
    default: return {};
    }
}

Qt::ItemFlags StepsModel::flags(const QModelIndex& index) const
{
    auto f = QAbstractTableModel::flags(index);
    if (index.isValid() && !m_document->readOnly())
        f |= Qt::ItemIsEditable;
    return f;
}

bool StepsModel::setData(const QModelIndex& index, const QVariant& value, int role)
{
    if (!index.isValid() || role != Qt::EditRole || index.row() >= rowCount())
        return false;
    const auto& before = m_document->steps()[static_cast<std::size_t>(index.row())];
    study::Step after = before;
    switch (index.column()) {
    case Name: {
        const QString name = value.toString().trimmed();
        if (name.isEmpty())
            return false;
        after.name = name.toStdString();
        break;
    }
    case Description: after.description = value.toString().toStdString(); break;
    case Type: after.type = static_cast<study::StepType>(value.toInt()); break;
    case ValueClass:
        after.valueClass = static_cast<study::ValueClass>(value.toInt());
        if (after.valueClass != study::ValueClass::Waste)
            after.wasteKind = study::WasteKind::None;
        break;
    case WasteKind:
        after.wasteKind = static_cast<study::WasteKind>(value.toInt());
        if (after.wasteKind != study::WasteKind::None)
            after.valueClass = study::ValueClass::Waste;
        break;
    default: return false;
    }
    m_document->undoStack()->push(new ChangeStepCommand(m_document, before, after, index.column()));
    return true;
}

} // namespace gemba::ui
