// Edits the steps of the current process: add, rename, reorder, delete, type, kind and frequency,
// internal work, the step's own allowance categories and value class.
#pragma once

#include "views/view.h"

#include <QWidget>

class QTableView;
class QAction;
class QLabel;

namespace gemba::ui {

class ProjectDocument;
class StepsModel;
class WindowContext;

class ProcessEditor : public QWidget, public View {
    Q_OBJECT
public:
    // Follows the window's context (the current process).
    ProcessEditor(WindowContext& context, QWidget* parent = nullptr);
    // On the document's primary context (tests, an editor on its own).
    explicit ProcessEditor(ProjectDocument* document, QWidget* parent = nullptr);

    QString viewId() const override { return QStringLiteral("process"); }
    QString viewTitle() const override { return tr("Process steps"); }
    QWidget* viewWidget() override { return this; }
    // Add, delete, move up, move down: in the window's menu and toolbar while this is current.
    QList<QAction*> viewActions() const override { return actions(); }
    QTableView* view() const { return m_view; }
    // Why the last edit was refused (hidden until one is; hidden again by the next change).
    QLabel* messageLabel() const { return m_message; }

    void addStep();
    void removeStep();
    void moveStep(int delta);
    void editStepName(int row);   // selects the row and opens its name for typing

private:
    int currentRow() const;
    void selectRow(int row);

    WindowContext* m_context;
    ProjectDocument* m_document;
    StepsModel* m_model;
    QTableView* m_view;
    QLabel* m_message;
};

} // namespace gemba::ui
