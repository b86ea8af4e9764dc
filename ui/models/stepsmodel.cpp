// The steps of the current process as an editable table; edits become undo commands.
#include "models/stepsmodel.h"

#include "commands/changestepcommand.h"
#include "projectdocument.h"
#include "theme.h"
#include "windowcontext.h"

#include "study/stepsummary.h"

#include <QBrush>
#include <QFont>
#include <QGuiApplication>
#include <QLocale>

#include <algorithm>
#include <cmath>

namespace gemba::ui {
namespace {
double category(const study::Allowances& a, int column)
{
    switch (column) {
    case StepsModel::Personal: return a.personal;
    case StepsModel::BasicFatigue: return a.basicFatigue;
    case StepsModel::VariableFatigue: return a.variableFatigue;
    default: return a.delay;
    }
}

void setCategory(study::Allowances& a, int column, double v)
{
    switch (column) {
    case StepsModel::Personal: a.personal = v; break;
    case StepsModel::BasicFatigue: a.basicFatigue = v; break;
    case StepsModel::VariableFatigue: a.variableFatigue = v; break;
    default: a.delay = v; break;
    }
}

QString percent(double v) { return QLocale().toString(v, 'f', 1); }
} // namespace

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
    // The categories a step without its own show the current study's (greyed).
    auto allowancesShown = [this] {
        if (rowCount() > 0)
            emit dataChanged(index(0, Personal), index(rowCount() - 1, Delay));
    };
    connect(m_context, &WindowContext::studyChanged, this, allowancesShown);
    connect(m_document, &ProjectDocument::studyDetailsChanged, this, allowancesShown);
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
        const bool same = sameStepFields(have, w);
        have = w;
        if (!same)
            emit dataChanged(index(i, 0), index(i, ColumnCount - 1));
    }
    // The Inside column names other rows: a renamed or re-kinded machine step changes it.
    if (!m_rows.empty())
        emit dataChanged(index(0, Inside), index(rowCount() - 1, Inside));
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
    case Kind: return {tr("Cyclic"), tr("Occasional"), tr("Machine-controlled")};
    case Per: return {tr("cycles"), tr("units")};
    case ValueClass: return {tr("Value-adding"), tr("Necessary non-value-adding"), tr("Waste")};
    case WasteKind:
        return {tr("-"),          tr("Overproduction"), tr("Waiting"), tr("Transport"),     tr("Over-processing"),
                tr("Inventory"), tr("Motion"),         tr("Defects"), tr("Unused talent")};
    default: return {};
    }
}

const study::Step* StepsModel::stepById(study::Id id) const
{
    const auto at = std::find_if(m_rows.begin(), m_rows.end(), [id](const auto& s) { return s.id == id; });
    return at == m_rows.end() ? nullptr : &*at;
}

std::vector<study::Id> StepsModel::insideChoiceIds(int row) const
{
    std::vector<study::Id> ids;
    const study::Id own = row >= 0 && row < rowCount() ? m_rows[static_cast<std::size_t>(row)].id : 0;
    for (const auto& s : m_rows)
        if (s.kind == study::ElementKind::MachineControlled && s.id != own)
            ids.push_back(s.id);
    return ids;
}

QStringList StepsModel::insideChoices(int row) const
{
    QStringList names{tr("— (external)")};
    for (study::Id id : insideChoiceIds(row))
        names << QString::fromStdString(stepById(id)->name);
    return names;
}

QVariant StepsModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const auto& step = m_rows[static_cast<std::size_t>(index.row())];
    const int column = index.column();
    const bool occasional = step.kind == study::ElementKind::Occasional;
    const bool machine = step.kind == study::ElementKind::MachineControlled;
    const QPalette palette = QGuiApplication::palette();
    const QBrush secondary(Theme::stateColour(Theme::State::Secondary, palette, QPalette::Base));
    const QBrush attention(Theme::stateColour(Theme::State::Attention, palette, QPalette::Base));

    if (column == Every || column == Per) {
        if (role == Qt::DisplayRole)
            return !occasional ? QString()
                   : column == Every ? QLocale().toString(step.every, 'g', 6)
                                     : choices(Per).value(static_cast<int>(step.everyBasis));
        if (role == Qt::EditRole)
            return column == Every ? QVariant(step.every) : QVariant(static_cast<int>(step.everyBasis));
        if (role == Qt::ToolTipRole)
            return occasional ? tr("Occurs once every %1 %2: %3 of its time counts per cycle.")
                                    .arg(QLocale().toString(step.every, 'g', 6),
                                         choices(Per).value(static_cast<int>(step.everyBasis)),
                                         step.everyBasis == study::FrequencyBasis::Cycles
                                             ? tr("1/%1").arg(QLocale().toString(step.every, 'g', 6))
                                             : tr("units per cycle / %1").arg(QLocale().toString(step.every, 'g', 6)))
                              : tr("Only an occasional element has a frequency.");
        if (role == Qt::TextAlignmentRole && column == Every)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    }
    if (column == Inside) {
        const study::Step* host = step.insideStepId ? stepById(step.insideStepId) : nullptr;
        const bool hostValid = host && host->kind == study::ElementKind::MachineControlled;
        if (role == Qt::DisplayRole)
            return machine ? QString() : host ? QString::fromStdString(host->name) : tr("—");
        if (role == Qt::EditRole) {
            const auto ids = insideChoiceIds(index.row());
            const auto at = std::find(ids.begin(), ids.end(), step.insideStepId);
            return at == ids.end() ? 0 : static_cast<int>(at - ids.begin()) + 1;
        }
        if (role == Qt::ForegroundRole && host && !hostValid)
            return attention;
        if (role == Qt::ToolTipRole) {
            if (machine)
                return tr("A machine-controlled element is not done inside another.");
            if (host && !hostValid)
                return tr("'%1' is no longer machine-controlled: this step counts as external work.")
                    .arg(QString::fromStdString(host->name));
            return host ? tr("Internal work: done while '%1' runs, it adds to the cycle only beyond the "
                             "machine time.")
                              .arg(QString::fromStdString(host->name))
                        : tr("External work: adds to the cycle. Choose a machine-controlled step of the process "
                             "when this work is done while the machine runs.");
        }
        return {};
    }
    if (isAllowanceColumn(column)) {
        const bool applies = !machine || column == Delay;
        if (role == Qt::EditRole)
            return step.allowances ? QVariant(category(*step.allowances, column)) : QVariant();
        if (role == Qt::DisplayRole) {
            if (!applies)
                return QString();
            if (step.allowances)
                return percent(category(*step.allowances, column));
            // Without categories of its own the step takes its type's or the study's: shown greyed
            // (not when the study has none, only the older single PF&D figure: 0.0 would mislead).
            if (const study::Study* s = m_context->study()) {
                const study::Allowances inherited = study::allowancesFor(step, *s);
                if (inherited.total() > 0)
                    return percent(category(inherited, column));
            }
            return QString();
        }
        if (role == Qt::ForegroundRole && !step.allowances)
            return secondary;
        if (role == Qt::FontRole && !step.allowances) {
            QFont f;
            f.setItalic(true);
            return f;
        }
        if (role == Qt::TextAlignmentRole)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        if (role == Qt::ToolTipRole) {
            if (!applies)
                return tr("A machine-controlled element takes the delay (contingency) category only: personal "
                          "needs and fatigue are met while the machine runs (ILO).");
            return step.allowances ? tr("This step's own allowance (%). Clear it to use the study's categories again.")
                                   : tr("The study's (or the step type's) allowance, greyed; type a value to give "
                                        "this step categories of its own.");
        }
        return {};
    }

    const int enumValue = column == Type         ? static_cast<int>(step.type)
                          : column == Kind       ? static_cast<int>(step.kind)
                          : column == ValueClass ? static_cast<int>(step.valueClass)
                          : column == WasteKind  ? static_cast<int>(step.wasteKind)
                                                 : -1;
    if (role == Qt::DisplayRole || role == Qt::EditRole) {
        switch (column) {
        case Name: return QString::fromStdString(step.name);
        case Description: return QString::fromStdString(step.description);
        default: return role == Qt::EditRole ? QVariant(enumValue) : QVariant(choices(column).value(enumValue));
        }
    }
    if (role == Qt::ToolTipRole && column == Description)
        return QString::fromStdString(step.description);
    if (role == Qt::ToolTipRole && column == Kind)
        return tr("Cyclic: every cycle. Occasional: once every N cycles or units (a reel change). "
                  "Machine-controlled: its time is set by the machine; not rated, delay allowance only (ILO).");
    return {};
}

QVariant StepsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Vertical)
        return role == Qt::DisplayRole ? QVariant(section + 1) : QVariant();
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case Every: return tr("An occasional element occurs once every N cycles or units.");
        case Per: return tr("What N counts: cycles, or units (pieces) made.");
        case Inside: return tr("The machine-controlled step this manual work is done inside (internal work).");
        case Personal: return tr("Personal needs allowance (%)");
        case BasicFatigue: return tr("Basic fatigue allowance (%)");
        case VariableFatigue: return tr("Variable fatigue allowance (%)");
        case Delay: return tr("Delay (contingency) allowance (%)");
        default: return {};
        }
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Name: return tr("Step");
    case Type: return tr("Type");
    case Kind: return tr("Kind");
    case Every: return tr("Every");
    case Per: return tr("Per");
    case Inside: return tr("Inside");
    case Personal: return tr("Pers. %");
    case BasicFatigue: return tr("Fatigue %");
    case VariableFatigue: return tr("Var. fat. %");
    case Delay: return tr("Delay %");
    case ValueClass: return tr("Value class");
    case WasteKind: return tr("Waste kind");
    case Description: return tr("Description");
    default: return {};
    }
}

Qt::ItemFlags StepsModel::flags(const QModelIndex& index) const
{
    auto f = QAbstractTableModel::flags(index);
    if (!index.isValid() || index.row() >= rowCount() || m_document->readOnly())
        return f;
    const auto& step = m_rows[static_cast<std::size_t>(index.row())];
    const bool machine = step.kind == study::ElementKind::MachineControlled;
    // What does not apply to the element is shown disabled, not editable.
    if ((index.column() == Every || index.column() == Per) && step.kind != study::ElementKind::Occasional)
        return f & ~Qt::ItemIsEnabled;
    if (index.column() == Inside && machine)
        return f & ~Qt::ItemIsEnabled;
    if (isAllowanceColumn(index.column()) && machine && index.column() != Delay)
        return f & ~Qt::ItemIsEnabled;
    return f | Qt::ItemIsEditable;
}

bool StepsModel::reject(const QString& reason)
{
    emit editRejected(reason);
    return false;
}

bool StepsModel::setData(const QModelIndex& index, const QVariant& value, int role)
{
    if (!index.isValid() || role != Qt::EditRole || index.row() >= rowCount())
        return false;
    const auto& before = m_rows[static_cast<std::size_t>(index.row())];
    study::Step after = before;
    const int column = index.column();
    switch (column) {
    case Name: {
        const QString name = value.toString().trimmed();
        if (name.isEmpty())
            return false;
        after.name = name.toStdString();
        break;
    }
    case Description: after.description = value.toString().toStdString(); break;
    case Type: after.type = static_cast<study::StepType>(value.toInt()); break;
    case Kind: {
        const int k = value.toInt();
        if (k < 0 || k > static_cast<int>(study::ElementKind::MachineControlled))
            return false;
        after.kind = static_cast<study::ElementKind>(k);
        if (after.kind == study::ElementKind::MachineControlled) {
            if (before.insideStepId)   // the machine element itself runs inside nothing
                after.insideStepId = 0;
        }
        if (after.kind == study::ElementKind::Occasional && !(after.every > 0))
            after.every = 1;
        break;
    }
    case Every: {
        bool ok = false;
        const double every = value.toDouble(&ok);
        if (!ok || !std::isfinite(every) || every <= 0)
            return reject(tr("An occasional element occurs once every N cycles or units: N must be more than 0."));
        after.every = every;
        break;
    }
    case Per: after.everyBasis = value.toInt() == 1 ? study::FrequencyBasis::Units : study::FrequencyBasis::Cycles; break;
    case Inside: {
        if (before.kind == study::ElementKind::MachineControlled)
            return reject(tr("A machine-controlled element is not done inside another."));
        // An index into insideChoices, or a step id given as a qlonglong (tests, scripts).
        study::Id host = 0;
        if (value.typeId() == QMetaType::LongLong) {
            host = value.toLongLong();
        } else {
            const int choice = value.toInt();
            const auto ids = insideChoiceIds(index.row());
            if (choice > 0 && choice <= static_cast<int>(ids.size()))
                host = ids[static_cast<std::size_t>(choice - 1)];
        }
        if (host != 0) {
            const study::Step* s = stepById(host);
            if (!s || s->id == before.id || s->kind != study::ElementKind::MachineControlled)
                return reject(tr("Work is done inside a machine-controlled step of the same process only."));
        }
        after.insideStepId = host;
        break;
    }
    case Personal:
    case BasicFatigue:
    case VariableFatigue:
    case Delay: {
        if (value.isNull() || value.toString().trimmed().isEmpty()) {
            after.allowances.reset();   // back to the study's categories
            break;
        }
        bool ok = false;
        const double v = value.toDouble(&ok);
        if (!ok || !std::isfinite(v) || v < 0 || v >= 100)
            return reject(tr("An allowance is a percentage from 0 to less than 100."));
        if (!after.allowances) {
            // A step's own categories start from those that applied to it so far.
            study::Step plain = before;
            plain.kind = study::ElementKind::Cyclic;
            const study::Study* s = m_context->study();
            after.allowances = s ? study::allowancesFor(plain, *s) : study::Allowances{};
        }
        setCategory(*after.allowances, column, v);
        break;
    }
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
    if (sameStepFields(after, before))
        return true;   // nothing changed: no undo step
    m_document->undoStack()->push(new ChangeStepCommand(m_document, before, after, column));
    return true;
}

} // namespace gemba::ui
