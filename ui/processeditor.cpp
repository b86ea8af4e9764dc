// Edits the steps of the current process: add, rename, reorder, delete, type and value class.
#include "processeditor.h"

#include "choicedelegate.h"
#include "commands/addstepcommand.h"
#include "commands/movestepcommand.h"
#include "commands/removestepcommand.h"
#include "models/stepsmodel.h"
#include "projectdocument.h"
#include "numberdelegate.h"
#include "theme.h"
#include "windowcontext.h"

#include <QAction>
#include <QComboBox>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QMessageBox>
#include <QTableView>
#include <QVBoxLayout>

namespace gemba::ui {
namespace {
// The Inside column's choices depend on the row (the other machine-controlled steps), so they
// come from the model when the editor opens.
class InsideDelegate : public QStyledItemDelegate {
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    QWidget* createEditor(QWidget* parent, const QStyleOptionViewItem&, const QModelIndex& index) const override
    {
        auto* combo = new QComboBox(parent);
        if (const auto* model = qobject_cast<const StepsModel*>(index.model()))
            combo->addItems(model->insideChoices(index.row()));
        return combo;
    }
    void setEditorData(QWidget* editor, const QModelIndex& index) const override
    {
        static_cast<QComboBox*>(editor)->setCurrentIndex(index.data(Qt::EditRole).toInt());
    }
    void setModelData(QWidget* editor, QAbstractItemModel* model, const QModelIndex& index) const override
    {
        model->setData(index, static_cast<QComboBox*>(editor)->currentIndex(), Qt::EditRole);
    }
};
} // namespace

ProcessEditor::ProcessEditor(ProjectDocument* document, QWidget* parent)
    : ProcessEditor(document->primaryContext(), parent)
{
}

ProcessEditor::ProcessEditor(WindowContext& context, QWidget* parent)
    : QWidget(parent)
    , m_context(&context)
    , m_document(context.document())
    , m_model(new StepsModel(context, this))
    , m_view(new QTableView(this))
    , m_message(new QLabel(this))
{
    m_view->setObjectName(QStringLiteral("stepsView"));
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed |
                            QAbstractItemView::AnyKeyPressed);
    for (int column : {StepsModel::Type, StepsModel::Kind, StepsModel::Per, StepsModel::ValueClass, StepsModel::WasteKind})
        m_view->setItemDelegateForColumn(column, new ChoiceDelegate(StepsModel::choices(column), this));
    m_view->setItemDelegateForColumn(StepsModel::Inside, new InsideDelegate(this));
    // 0 can be typed, so that the model says why it is refused.
    m_view->setItemDelegateForColumn(StepsModel::Every, new NumberDelegate(3, 0, 1e6, {}, this));
    // One step below 0 (or clearing) gives the step back the study's categories.
    for (int column : {StepsModel::Personal, StepsModel::BasicFatigue, StepsModel::VariableFatigue, StepsModel::Delay})
        m_view->setItemDelegateForColumn(column, new NumberDelegate(1, 0, 99.9, tr("study's"), this));
    auto* header = m_view->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::ResizeToContents);
    header->setSectionResizeMode(StepsModel::Name, QHeaderView::Stretch);
    header->setSectionResizeMode(StepsModel::Description, QHeaderView::Stretch);
    // A long step name in the Inside column elides (the cell's tooltip names it in full), so the
    // column cannot push Description off a 1366 px screen.
    header->setSectionResizeMode(StepsModel::Inside, QHeaderView::Interactive);
    header->resizeSection(StepsModel::Inside, m_view->fontMetrics().horizontalAdvance(QStringLiteral("M")) * 9);
    m_view->setWordWrap(false);
    m_view->setTextElideMode(Qt::ElideRight);

    // Why an edit was refused, beside the table rather than in a box that takes the keyboard.
    m_message->setObjectName(QStringLiteral("stepEditMessage"));
    m_message->setWordWrap(true);
    m_message->hide();
    {
        QPalette p = m_message->palette();
        p.setColor(QPalette::WindowText, Theme::stateColour(Theme::State::Attention, p, QPalette::Window));
        m_message->setPalette(p);
    }
    connect(m_model, &StepsModel::editRejected, this, [this](const QString& reason) {
        m_message->setText(reason);
        m_message->show();
    });
    connect(m_document, &ProjectDocument::stepsChanged, m_message, &QLabel::hide);

    // The window shows these in its menu and toolbar while the editor is current (viewActions).
    auto makeAction = [&](const QString& text, const QKeySequence& key, auto fn) {
        auto* a = new QAction(text, this);
        connect(a, &QAction::triggered, this, fn);
        a->setShortcut(key);
        a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        a->setToolTip(QStringLiteral("%1 (%2)").arg(text, key.toString(QKeySequence::NativeText)));
        a->setEnabled(!m_document->readOnly());   // every one of them edits the project
        this->addAction(a);
        return a;
    };
    makeAction(tr("Add step"), QKeySequence(Qt::CTRL | Qt::Key_Return), [this] { this->addStep(); });
    makeAction(tr("Delete step"), QKeySequence(Qt::CTRL | Qt::Key_Delete), [this] { removeStep(); });
    makeAction(tr("Move up"), QKeySequence(Qt::ALT | Qt::Key_Up), [this] { moveStep(-1); });
    makeAction(tr("Move down"), QKeySequence(Qt::ALT | Qt::Key_Down), [this] { moveStep(+1); });

    auto* hint = new QLabel(tr("F2 edits a cell (the name, or the choice of a column). An occasional step occurs once "
                               "every N cycles or units; manual work inside a machine-controlled step is internal "
                               "work. Ctrl+T starts timing this process."),
                            this);
    hint->setWordWrap(true);
    hint->setForegroundRole(QPalette::PlaceholderText);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_message);
    layout->addWidget(hint);
}

int ProcessEditor::currentRow() const
{
    const auto rows = m_view->selectionModel()->selectedRows();
    return rows.isEmpty() ? m_view->currentIndex().row() : rows.front().row();
}

void ProcessEditor::selectRow(int row)
{
    if (row < 0 || row >= m_model->rowCount())
        return;
    m_view->selectRow(row);
    m_view->setCurrentIndex(m_model->index(row, StepsModel::Name));
}

void ProcessEditor::addStep()
{
    if (!m_context->processId() || m_document->readOnly())
        return;
    study::Step step;
    const int row = currentRow();
    step.position = row < 0 ? static_cast<int>(m_context->steps().size()) : row + 1;
    step.processId = m_context->processId();
    step.name = tr("Step %1").arg(m_context->steps().size() + 1).toStdString();
    m_document->undoStack()->push(new AddStepCommand(m_document, step));
    editStepName(step.position);
}

void ProcessEditor::editStepName(int row)
{
    selectRow(row);
    m_view->setFocus();
    m_view->edit(m_model->index(row, StepsModel::Name));
}

void ProcessEditor::removeStep()
{
    const int row = currentRow();
    if (row < 0 || m_document->readOnly())
        return;
    const auto steps = m_context->steps();
    const auto step = steps[static_cast<std::size_t>(row)];
    // A step that observations refer to cannot just go: offer to move them to another step of
    // the process, and do both as one undo step.
    study::Id moveTo = 0;
    const auto used = m_document->project().observationIdsOfStep(step.id);
    const int n = used ? static_cast<int>(used->size()) : 0;
    if (n > 0) {
        if (steps.size() < 2) {
            QMessageBox::information(this, tr("Delete step"),
                                     tr("Observations (%1) refer to '%2', the only step of the process. Delete "
                                        "the studies or the process instead.")
                                         .arg(n)
                                         .arg(QString::fromStdString(step.name)));
            return;
        }
        QStringList targets;
        std::vector<study::Id> ids;
        for (std::size_t i = 0; i < steps.size(); ++i) {
            if (steps[i].id == step.id)
                continue;
            targets << tr("%1. %2").arg(i + 1).arg(QString::fromStdString(steps[i].name));
            ids.push_back(steps[i].id);
        }
        QInputDialog dialog(this);
        dialog.setObjectName(QStringLiteral("moveObservationsDialog"));
        dialog.setWindowTitle(tr("Delete step"));
        const QString name = QString::fromStdString(step.name);
        dialog.setLabelText(n == 1 ? tr("1 observation refers to the step '%1'. Move it to:").arg(name)
                                   : tr("%1 observations refer to the step '%2'. Move them to:").arg(n).arg(name));
        dialog.setComboBoxItems(targets);
        // The next step is the usual home of a step merged away, else the one before.
        dialog.setTextValue(targets.value(std::min(row, static_cast<int>(targets.size()) - 1)));
        dialog.setOkButtonText(tr("Move and delete"));
        if (dialog.exec() != QDialog::Accepted)
            return;
        const auto chosen = targets.indexOf(dialog.textValue());
        if (chosen < 0)
            return;
        moveTo = ids[static_cast<std::size_t>(chosen)];
    }
    m_document->undoStack()->push(new RemoveStepCommand(m_document, step, moveTo));
    if (m_document->stepIndex(step.id) < 0)
        selectRow(std::min(row, m_model->rowCount() - 1));
}

void ProcessEditor::moveStep(int delta)
{
    const int row = currentRow();
    const int target = row + delta;
    const auto& steps = m_context->steps();
    if (row < 0 || target < 0 || target >= static_cast<int>(steps.size()) || m_document->readOnly())
        return;
    std::vector<study::Id> before, after;
    for (const auto& s : steps)
        before.push_back(s.id);
    after = before;
    std::swap(after[static_cast<std::size_t>(row)], after[static_cast<std::size_t>(target)]);
    m_document->undoStack()->push(new MoveStepCommand(m_document, m_context->processId(), before, after));
    selectRow(target);
}

} // namespace gemba::ui
