// The data sets of the project.
#include "datasets/datasetsview.h"

#include "commands/addchartcommand.h"
#include "commands/removedatasetcommand.h"
#include "commands/renamedatasetcommand.h"
#include "datasets/chartcolumndialog.h"
#include "projectdocument.h"
#include "windowcontext.h"

#include <QAction>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace gemba::ui {
namespace {

constexpr int kIdRole = Qt::UserRole;
constexpr int kNameRole = Qt::UserRole + 1;   // the stored name, to tell an edit from a fill

enum Column { Name, Rows, Columns, Source, Imported, ColumnCount };

} // namespace

DataSetsView::DataSetsView(ProjectDocument* document, QWidget* parent)
    : DataSetsView(*new WindowContext(document, nullptr), parent)
{
    m_context->setParent(this);
}

DataSetsView::DataSetsView(WindowContext& context, QWidget* parent)
    : QWidget(parent)
    , m_context(&context)
    , m_document(context.document())
    , m_tree(new QTreeWidget(this))
    , m_empty(new QLabel(this))
{
    m_tree->setObjectName(QStringLiteral("dataSetsTree"));
    m_tree->setColumnCount(ColumnCount);
    m_tree->setHeaderLabels({tr("Name"), tr("Rows"), tr("Columns"), tr("Source file"), tr("Imported")});
    m_tree->setSelectionMode(QAbstractItemView::SingleSelection);
    m_tree->setEditTriggers(QAbstractItemView::EditKeyPressed | QAbstractItemView::DoubleClicked);
    // Not sorted by the view: sorting would also reorder each data set's columns, which are
    // listed in the file's order. The list is by name as core gives it; a new one goes in place.
    m_tree->setAlternatingRowColors(true);
    m_tree->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_tree->header()->setStretchLastSection(false);
    m_tree->header()->setSectionResizeMode(Source, QHeaderView::Stretch);

    auto makeAction = [&](const QString& text, const QKeySequence& key, auto fn) {
        auto* a = new QAction(text, this);
        connect(a, &QAction::triggered, this, fn);
        a->setShortcut(key);
        a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        a->setToolTip(QStringLiteral("%1 (%2)").arg(text, key.toString(QKeySequence::NativeText)));
        addAction(a);
        return a;
    };
    m_rename = makeAction(tr("Rename Data Set"), QKeySequence(Qt::Key_F2), [this] { renameCurrent(); });
    m_remove = makeAction(tr("Delete Data Set"), QKeySequence(Qt::CTRL | Qt::Key_Delete), [this] { removeCurrent(); });
    m_chart = makeAction(tr("Chart Column..."), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C),
                         [this] { chartCurrentColumn(); });

    m_empty->setText(tr("No data sets yet. File > Import Data Set… (%1) adds a CSV file of measurements or "
                        "defect counts to the project.")
                         .arg(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_I).toString(QKeySequence::NativeText)));
    m_empty->setWordWrap(true);
    auto* hint = new QLabel(tr("F2 renames a data set, Ctrl+Delete deletes it, Ctrl+Shift+C charts one of its "
                               "columns. Every change can be undone."),
                            this);
    hint->setForegroundRole(QPalette::PlaceholderText);
    hint->setWordWrap(true);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_empty);
    layout->addWidget(m_tree, 1);
    layout->addWidget(hint);

    connect(m_tree, &QTreeWidget::itemChanged, this, &DataSetsView::nameEdited);
    connect(m_tree, &QTreeWidget::currentItemChanged, this, &DataSetsView::updateActions);
    connect(m_document, &ProjectDocument::dataSetsChanged, this, [this](qint64 id) { refresh(id); });
    reload();
}

void DataSetsView::reload()
{
    m_tree->clear();
    auto list = m_document->project().dataSets();
    if (list)
        for (const auto& info : *list)
            fill(new QTreeWidgetItem(m_tree), info);
    if (m_tree->topLevelItemCount() > 0)
        m_tree->setCurrentItem(m_tree->topLevelItem(0));
    updateActions();
}

QTreeWidgetItem* DataSetsView::itemOf(study::Id id) const
{
    for (int i = 0; i < m_tree->topLevelItemCount(); ++i)
        if (m_tree->topLevelItem(i)->data(Name, kIdRole).toLongLong() == id)
            return m_tree->topLevelItem(i);
    return nullptr;
}

void DataSetsView::refresh(study::Id id)
{
    // One data set at a time: the others keep their selection and expansion.
    auto info = m_document->project().dataSet(id);
    QTreeWidgetItem* item = itemOf(id);
    if (!info) {
        delete item;
    } else if (item) {
        fill(item, *info);
    } else {
        item = new QTreeWidgetItem;
        const QString name = QString::fromStdString(info->name);
        int at = 0;
        while (at < m_tree->topLevelItemCount() && m_tree->topLevelItem(at)->text(Name) < name)
            ++at;
        m_tree->insertTopLevelItem(at, item);
        fill(item, *info);
        m_tree->setCurrentItem(item);   // what was just imported or restored is in view
    }
    updateActions();
}

void DataSetsView::fill(QTreeWidgetItem* item, const store::DataSetInfo& info)
{
    m_filling = true;
    const QString name = QString::fromStdString(info.name);
    item->setFlags(item->flags() | Qt::ItemIsEditable);
    item->setText(Name, name);
    item->setData(Name, kIdRole, static_cast<qlonglong>(info.id));
    item->setData(Name, kNameRole, name);
    item->setData(Rows, Qt::DisplayRole, static_cast<qlonglong>(info.rowCount));
    item->setTextAlignment(Rows, Qt::AlignRight | Qt::AlignVCenter);
    QStringList columns;
    for (const auto& c : info.columns)
        columns << (c.numeric ? tr("%1 (number)") : tr("%1 (text)")).arg(QString::fromStdString(c.name));
    item->setText(Columns, columns.join(QStringLiteral(", ")));
    item->setToolTip(Columns, columns.join(QLatin1Char('\n')));
    const QString source = QString::fromStdString(info.sourceFile);
    item->setText(Source, QFileInfo(source).fileName());
    item->setToolTip(Source, QDir::toNativeSeparators(source));
    const QDateTime when = QDateTime::fromMSecsSinceEpoch(info.importedWallUs / 1000);
    item->setText(Imported, QLocale().toString(when, QLocale::ShortFormat));
    // One child per column: its name and kind, for a data set of many columns.
    qDeleteAll(item->takeChildren());
    for (const auto& c : info.columns) {
        auto* child = new QTreeWidgetItem(item);
        child->setFlags(child->flags() & ~Qt::ItemIsEditable);
        child->setText(Name, QString::fromStdString(c.name));
        child->setText(Columns, c.numeric ? tr("number") : tr("text"));
    }
    m_filling = false;
}

study::Id DataSetsView::currentDataSetId() const
{
    QTreeWidgetItem* item = m_tree->currentItem();
    while (item && item->parent())
        item = item->parent();
    return item ? item->data(Name, kIdRole).toLongLong() : 0;
}

void DataSetsView::selectDataSet(study::Id id)
{
    if (QTreeWidgetItem* item = itemOf(id))
        m_tree->setCurrentItem(item);
}

void DataSetsView::updateActions()
{
    const bool any = currentDataSetId() != 0;
    const bool writable = !m_document->readOnly();
    m_rename->setEnabled(any && writable);
    m_remove->setEnabled(any && writable);
    m_chart->setEnabled(any && writable);
    m_empty->setVisible(m_tree->topLevelItemCount() == 0);
}

bool DataSetsView::renameDataSet(study::Id id, const QString& name)
{
    auto info = m_document->project().dataSet(id);
    if (!info || m_document->readOnly())
        return false;
    const QString before = QString::fromStdString(info->name);
    const QString after = name.trimmed();
    if (after == before)
        return true;
    // The stack deletes a command that failed (became obsolete): look at the data set.
    m_document->undoStack()->push(new RenameDataSetCommand(m_document, id, before, after));
    auto now = m_document->project().dataSet(id);
    return now && QString::fromStdString(now->name) == after;
}

bool DataSetsView::removeDataSet(study::Id id)
{
    auto info = m_document->project().dataSet(id);
    if (!info || m_document->readOnly())
        return false;
    m_document->undoStack()->push(new RemoveDataSetCommand(m_document, id, QString::fromStdString(info->name)));
    return !m_document->project().dataSet(id);
}

study::Id DataSetsView::addChart(const store::ChartSpec& spec)
{
    if (m_document->readOnly())
        return 0;
    auto* command = new AddChartCommand(m_document, spec);
    const int before = m_document->undoStack()->count();
    m_document->undoStack()->push(command);
    // A failed command is deleted by the stack; a stored one stays, with its chart id.
    return m_document->undoStack()->count() > before ? command->chartId() : 0;
}

void DataSetsView::renameCurrent()
{
    QTreeWidgetItem* item = itemOf(currentDataSetId());
    if (!item || m_document->readOnly())
        return;
    m_tree->setCurrentItem(item);
    m_tree->editItem(item, Name);
}

void DataSetsView::nameEdited(QTreeWidgetItem* item, int column)
{
    if (m_filling || column != Name || item->parent())
        return;
    const QString stored = item->data(Name, kNameRole).toString();
    if (item->text(Name) == stored)
        return;
    const study::Id id = item->data(Name, kIdRole).toLongLong();
    const QString wanted = item->text(Name);
    if (!renameDataSet(id, wanted)) {
        // Refused (the document said why): the old name stays.
        m_filling = true;
        item->setText(Name, stored);
        m_filling = false;
    }
}

void DataSetsView::removeCurrent()
{
    if (const study::Id id = currentDataSetId())
        removeDataSet(id);
}

void DataSetsView::chartCurrentColumn()
{
    const study::Id id = currentDataSetId();
    auto info = m_document->project().dataSet(id);
    if (!info || m_document->readOnly())
        return;
    ChartColumnDialog dialog(*info, this);
    // A column selected in the list is the likely one.
    if (QTreeWidgetItem* item = m_tree->currentItem(); item && item->parent())
        dialog.choose(stats::ChartType::IMR, item->text(Name));
    if (dialog.exec() == QDialog::Accepted)
        addChart(dialog.spec());
}

} // namespace gemba::ui
