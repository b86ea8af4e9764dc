// The steps of the current process as an editable table; edits become undo commands.
#include "models/stepsmodel.h"

#include "commands/changestepcommand.h"
#include "projectdocument.h"
#include "windowcontext.h"

#include <algorithm>

namespace gemba::ui {

StepsModel::StepsModel(WindowContext& context, QObject* parent)
    : QAbstractTableModel(parent)
    , m_context(&context)
    , m_document(context.document())
{
    m_rows = m_context->steps();
    m_processId = m_context->processId();
    connect(m_document, &ProjectDocument::stepsChanged, this, [this](study::Id processId) {
        if (processId == m_context->processId())
            sync();
    });
    connect(m_context, &WindowContext::processChanged, this, &StepsModel::sync);
}

void StepsModel::sync()
{
    const auto& wanted = m_context->steps();
    if (m_context->processId() != m_processId) {
        beginResetModel();   // another process: other rows altogether
        m_rows = wanted;
        m_processId = m_context->processId();
        endResetModel();
        return;
    }
    auto inWanted = [&](study::Id id) {
        return std::any_of(wanted.begin(), wanted.end(), [id](const auto& s) { return s.id == id; });
    };
    for (int r = static_cast<int>(m_rows.size()) - 1; r >= 0; --r) {
        if (inWanted(m_rows[static_cast<std::size_t>(r)].id))
            continue;
        beginRemoveRows({}, r, r);
        m_rows.erase(m_rows.begin() + r);
        endRemoveRows();
    }
    for (int i = 0; i < static_cast<int>(wanted.size()); ++i) {
        const auto& w = wanted[static_cast<std::size_t>(i)];
        const auto at = std::find_if(m_rows.begin() + i, m_rows.end(), [&](const auto& s) { return s.id == w.id; });
        if (at == m_rows.end()) {
            beginInsertRows({}, i, i);
            m_rows.insert(m_rows.begin() + i, w);
            endInsertRows();
            continue;
        }
        const int from = static_cast<int>(at - m_rows.begin());
        if (from != i) {
            beginMoveRows({}, from, from, {}, i);
            const study::Step moved = *at;
            m_rows.erase(at);
            m_rows.insert(m_rows.begin() + i, moved);
            endMoveRows();
        }
        auto& have = m_rows[static_cast<std::size_t>(i)];
        const bool same = have.name == w.name && have.description == w.description && have.type == w.type &&
                          have.valueClass == w.valueClass && have.wasteKind == w.wasteKind;
        have = w;
        if (!same)
            emit dataChanged(index(i, 0), index(i, ColumnCount - 1));
    }
}

int StepsModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
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
    const auto& step = m_rows[static_cast<std::size_t>(index.row())];
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
    const auto& before = m_rows[static_cast<std::size_t>(index.row())];
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
    if (after.name == before.name && after.description == before.description && after.type == before.type &&
        after.valueClass == before.valueClass && after.wasteKind == before.wasteKind)
        return true;   // nothing changed: no undo step
    m_document->undoStack()->push(new ChangeStepCommand(m_document, before, after, index.column()));
    return true;
}

} // namespace gemba::ui
