// Edits the steps of the current process: add, rename, reorder, delete, type and value class.
#pragma once

#include <QWidget>

class QTableView;
class QAction;

namespace gemba::ui {

class ProjectDocument;
class StepsModel;

class ProcessEditor : public QWidget {
    Q_OBJECT
public:
    explicit ProcessEditor(ProjectDocument* document, QWidget* parent = nullptr);
    QTableView* view() const { return m_view; }

    void addStep();
    void removeStep();
    void moveStep(int delta);
    void editStepName(int row);   // selects the row and opens its name for typing

private:
    int currentRow() const;
    void selectRow(int row);

    ProjectDocument* m_document;
    StepsModel* m_model;
    QTableView* m_view;
};

} // namespace gemba::ui
