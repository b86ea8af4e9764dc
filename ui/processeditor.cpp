// Edits the steps of the current process: add, rename, reorder, delete, type and value class.
#include "processeditor.h"

#include "choicedelegate.h"
#include "commands/addstepcommand.h"
#include "commands/movestepcommand.h"
#include "commands/removestepcommand.h"
#include "models/stepsmodel.h"
#include "projectdocument.h"

#include <QAction>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QTableView>
#include <QToolBar>
#include <QVBoxLayout>

namespace gemba::ui {

ProcessEditor::ProcessEditor(ProjectDocument* document, QWidget* parent)
    : QWidget(parent)
    , m_document(document)
    , m_model(new StepsModel(document, this))
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

    auto* bar = new QToolBar(this);
    auto makeAction = [&](const QString& text, const QKeySequence& key, auto fn) {
        auto* a = bar->addAction(text, this, fn);
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
    layout->addWidget(bar);
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
    if (!m_document->currentProcessId() || m_document->readOnly())
        return;
    study::Step step;
    const int row = currentRow();
    step.position = row < 0 ? static_cast<int>(m_document->steps().size()) : row + 1;
    step.name = tr("Step %1").arg(m_document->steps().size() + 1).toStdString();
    m_document->undoStack()->push(new AddStepCommand(m_document, step));
    selectRow(step.position);
    m_view->edit(m_model->index(step.position, StepsModel::Name));
}

void ProcessEditor::removeStep()
{
    const int row = currentRow();
    if (row < 0 || m_document->readOnly())
        return;
    const auto step = m_document->steps()[static_cast<std::size_t>(row)];
    const int before = m_document->undoStack()->count();
    m_document->undoStack()->push(new RemoveStepCommand(m_document, step));
    if (m_document->undoStack()->count() > before || m_document->stepIndex(step.id) < 0)
        selectRow(std::min(row, m_model->rowCount() - 1));
}

void ProcessEditor::moveStep(int delta)
{
    const int row = currentRow();
    const int target = row + delta;
    const auto& steps = m_document->steps();
    if (row < 0 || target < 0 || target >= static_cast<int>(steps.size()) || m_document->readOnly())
        return;
    std::vector<study::Id> before, after;
    for (const auto& s : steps)
        before.push_back(s.id);
    after = before;
    std::swap(after[static_cast<std::size_t>(row)], after[static_cast<std::size_t>(target)]);
    m_document->undoStack()->push(new MoveStepCommand(m_document, before, after));
    selectRow(target);
}

} // namespace gemba::ui
