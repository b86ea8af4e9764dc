// One step's I chart and histogram side by side (issue 8: "a histogram per element beside its
// I chart"), for the observations page. Both come from the code the chart and distribution
// views use: the chart from computeChart (charts/chartcomputation.h, an I-MR chart of the step's
// durations), the histogram from core's stats::histogram over the same step's counted times
// (analysis/studyvalues.h) drawn by makeHistogramChart (analysis/figurecharts.h). Read on the
// document's data service worker, the latest request winning.
#pragma once

#include "study/model.h"

#include <QWidget>

QT_BEGIN_NAMESPACE
class QChartView;
QT_END_NAMESPACE
class QLabel;

namespace gemba::ui {

class ChartCanvas;
class ProjectDocument;
struct StepFigures;

class StepFiguresPanel : public QWidget {
    Q_OBJECT
public:
    explicit StepFiguresPanel(ProjectDocument* document, QWidget* parent = nullptr);
    ~StepFiguresPanel() override;

    // Shows step `stepId` of study `studyId` ("name" for the title) as the study is at `revision`
    // (ProjectDocument::studyRevision); nothing when either id is 0.
    void showStep(study::Id studyId, study::Id stepId, const QString& name, quint64 revision);
    study::Id stepId() const { return m_stepId; }

    ChartCanvas* chart() const { return m_chart; }
    QChartView* histogram() const { return m_histogram; }
    QLabel* caption() const { return m_caption; }

signals:
    void figuresReady();   // both figures show the step asked for last

private:
    void show(const StepFigures& figures);

    ProjectDocument* m_document;
    QLabel* m_caption;
    ChartCanvas* m_chart;
    QChartView* m_histogram;
    study::Id m_studyId = 0;
    study::Id m_stepId = 0;
    QString m_name;
};

} // namespace gemba::ui
