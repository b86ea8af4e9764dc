// The observations of the current study beside its per-step summary.
#pragma once

#include <QWidget>

class QTableView;
class QLabel;

namespace gemba::ui {

class ProjectDocument;
class ObservationsModel;
class SummaryModel;

class ObservationsPage : public QWidget {
    Q_OBJECT
public:
    explicit ObservationsPage(ProjectDocument* document, QWidget* parent = nullptr);
    QTableView* observationsView() const { return m_view; }
    QTableView* summaryView() const { return m_summaryView; }
    ObservationsModel* observationsModel() const { return m_model; }
    SummaryModel* summaryModel() const { return m_summary; }

    // Asks for a reason and excludes the selected observation (or includes it again).
    void toggleExcludeSelected();
    // Asks, then deletes the selected observation (undoable).
    void deleteSelected();

signals:
    void summaryReady();   // the summary shows the study as it is now

private:
    void updateCaption();
    void fitSummaryWidth();

    ProjectDocument* m_document;
    ObservationsModel* m_model;
    SummaryModel* m_summary;
    QTableView* m_view;
    QTableView* m_summaryView;
    QLabel* m_caption;
    QLabel* m_totals;
    quint64 m_requestedRevision = 0;   // the document revision of the summary asked for last
};

} // namespace gemba::ui
