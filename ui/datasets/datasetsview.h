// The data sets of the project (issue 7 §1): each with its rows, its columns and their kinds,
// the file it came from and when. Rename (F2), delete (Ctrl+Delete) and "Chart Column…"
// (Ctrl+Shift+C), each one undo step through the document; File > Import Data Set…
// (Ctrl+Shift+I, DataSetImportDialog) adds them. The list follows
// ProjectDocument::dataSetsChanged(id) one data set at a time.
#pragma once

#include "store/chartspec.h"
#include "store/dataset.h"
#include "views/view.h"

#include <QWidget>

class QAction;
class QLabel;
class QTreeWidget;
class QTreeWidgetItem;

namespace gemba::ui {

class ProjectDocument;
class WindowContext;

class DataSetsView : public QWidget, public View {
    Q_OBJECT
public:
    DataSetsView(WindowContext& context, QWidget* parent = nullptr);
    explicit DataSetsView(ProjectDocument* document, QWidget* parent = nullptr);

    QString viewId() const override { return QStringLiteral("dataSets"); }
    QString viewTitle() const override { return tr("Data sets"); }
    QWidget* viewWidget() override { return this; }
    QList<QAction*> viewActions() const override { return actions(); }

    QTreeWidget* tree() const { return m_tree; }
    study::Id currentDataSetId() const;   // 0 when none is selected
    void selectDataSet(study::Id id);

    // Each one undo step on the document's stack; false (with the document's message) when
    // refused, such as a name another data set has.
    bool renameDataSet(study::Id id, const QString& name);
    bool removeDataSet(study::Id id);
    // Saves the chart (AddChartCommand); the document announces it with chartAdded(id).
    study::Id addChart(const store::ChartSpec& spec);

    void renameCurrent();      // F2: the name opens for typing
    void removeCurrent();      // Ctrl+Delete
    void chartCurrentColumn(); // Ctrl+Shift+C: ChartColumnDialog

private:
    void reload();
    void refresh(study::Id id);
    void fill(QTreeWidgetItem* item, const store::DataSetInfo& info);
    QTreeWidgetItem* itemOf(study::Id id) const;
    void nameEdited(QTreeWidgetItem* item, int column);
    void updateActions();

    WindowContext* m_context;
    ProjectDocument* m_document;
    QTreeWidget* m_tree;
    QLabel* m_empty;
    QAction* m_rename;
    QAction* m_remove;
    QAction* m_chart;
    bool m_filling = false;   // itemChanged from our own fill() is not an edit
};

} // namespace gemba::ui
