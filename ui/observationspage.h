// The observations of the current study beside its per-step summary.
#pragma once

#include "views/view.h"

#include <QWidget>

class QTableView;
class QLabel;
class QSplitter;

namespace gemba::ui {

class ProjectDocument;
class WindowContext;
class ObservationsModel;
class SummaryModel;
class StepFiguresPanel;

class ObservationsPage : public QWidget, public View {
    Q_OBJECT
public:
    // Follows the window's context (the current study).
    ObservationsPage(WindowContext& context, QWidget* parent = nullptr);
    // On the document's primary context (tests, a page on its own).
    explicit ObservationsPage(ProjectDocument* document, QWidget* parent = nullptr);

    QString viewId() const override { return QStringLiteral("observations"); }
    QString viewTitle() const override { return tr("Observations"); }
    QWidget* viewWidget() override { return this; }
    QList<QAction*> viewActions() const override;
    QByteArray saveViewState() const override;
    void restoreViewState(const QByteArray& state) override;

    QTableView* observationsView() const { return m_view; }
    QTableView* summaryView() const { return m_summaryView; }
    ObservationsModel* observationsModel() const { return m_model; }
    SummaryModel* summaryModel() const { return m_summary; }
    QLabel* validityLabel() const { return m_validity; }
    // The current observation's step: its I chart beside its histogram (hidden until shown).
    StepFiguresPanel* figuresPanel() const { return m_figures; }
    void setFiguresShown(bool shown);

    // Asks for a reason (ExcludeReasonDialog: a common one or free text; Esc cancels and nothing
    // is excluded) and excludes the selected observation (or includes it again).
    void toggleExcludeSelected();
    // Asks, then deletes the selected observation (undoable).
    void deleteSelected();

signals:
    void summaryReady();   // the summary shows the study as it is now

private:
    void updateCaption();
    void updateValidity();
    void updateFigures(bool force);
    void fitSummaryWidth();

    WindowContext* m_context;
    ProjectDocument* m_document;
    ObservationsModel* m_model;
    SummaryModel* m_summary;
    QTableView* m_view;
    QTableView* m_summaryView;
    QLabel* m_caption;
    QLabel* m_totals;
    QLabel* m_validity;
    QSplitter* m_split = nullptr;
    QSplitter* m_vsplit = nullptr;   // the observations and the step's figures, side by side
    StepFiguresPanel* m_figures = nullptr;
    QAction* m_figuresAction = nullptr;
    quint64 m_requestedRevision = 0;   // the document revision of the summary asked for last
};

} // namespace gemba::ui
