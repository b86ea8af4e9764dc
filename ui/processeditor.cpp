// Edits the steps of the current process: add, rename, reorder, delete, type and value class.
#include "processeditor.h"

#include "choicedelegate.h"
#include "commands/addstepcommand.h"
#include "commands/movestepcommand.h"
#include "commands/removestepcommand.h"
#include "models/stepsmodel.h"
#include "projectdocument.h"
#include "windowcontext.h"

#include <QAction>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QMessageBox>
#include <QTableView>
#include <QVBoxLayout>

namespace gemba::ui {

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
{
    m_view->setObjectName(QStringLiteral("stepsView"));
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed |
                            QAbstractItemView::AnyKeyPressed);
    for (int column : {StepsModel::Type, StepsModel::ValueClass, StepsModel::WasteKind})
        m_view->setItemDelegateForColumn(column, new ChoiceDelegate(StepsModel::choices(column), this));
    m_view->horizontalHeader()->setSectionResizeMode(StepsModel::Name, QHeaderView::Stretch);
    m_view->horizontalHeader()->setSectionResizeMode(StepsModel::Description, QHeaderView::Stretch);
    m_view->horizontalHeader()->setSectionResizeMode(StepsModel::Type, QHeaderView::ResizeToContents);
    m_view->horizontalHeader()->setSectionResizeMode(StepsModel::ValueClass, QHeaderView::ResizeToContents);
    m_view->horizontalHeader()->setSectionResizeMode(StepsModel::WasteKind, QHeaderView::ResizeToContents);

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

    auto* hint = new QLabel(tr("F2 renames a step. Ctrl+T starts timing this process."), this);
    hint->setForegroundRole(QPalette::PlaceholderText);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_view, 1);
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
