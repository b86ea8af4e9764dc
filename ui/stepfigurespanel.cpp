// One step's I chart and histogram side by side.
#include "stepfigurespanel.h"

#include "analysis/figurecharts.h"
#include "analysis/studyvalues.h"
#include "charts/chartcomputation.h"
#include "charts/chartcanvas.h"
#include "data/dataservice.h"
#include "projectdocument.h"

#include "stats/histogram.h"

#include <QChart>
#include <QChartView>
#include <QHBoxLayout>
#include <QLabel>
#include <QSplitter>
#include <QVBoxLayout>

#include <optional>

namespace gemba::ui {

// What the worker hands back: the chart and the histogram of one step, or why not.
struct StepFigures {
    study::Id studyId = 0;
    study::Id stepId = 0;
    ChartResult chart;
    std::optional<stats::Histogram> histogram;
    QString error;
};

StepFiguresPanel::StepFiguresPanel(ProjectDocument* document, QWidget* parent)
    : QWidget(parent)
    , m_document(document)
    , m_caption(new QLabel(this))
    , m_chart(new ChartCanvas(this))
    , m_histogram(new QChartView(this))
{
    m_caption->setWordWrap(true);
    m_chart->setMinimumSize(240, 160);
    m_histogram->setMinimumSize(200, 160);
    m_histogram->setRenderHint(QPainter::Antialiasing);
    m_histogram->setChart(new QChart);
    auto* split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(m_chart);
    split->addWidget(m_histogram);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    split->setSizes({600, 400});
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_caption);
    layout->addWidget(split, 1);
}

StepFiguresPanel::~StepFiguresPanel() = default;

void StepFiguresPanel::showStep(study::Id studyId, study::Id stepId, const QString& name, quint64 revision)
{
    m_studyId = studyId;
    m_stepId = stepId;
    m_name = name;
    if (!studyId || !stepId) {
        m_caption->setText(tr("Choose an observation to see its step's I chart and histogram."));
        return;
    }
    m_caption->setText(tr("Reading '%1'…").arg(name));
    // An I-MR chart of the step's durations, as a chart of the step made in the chart view.
    store::ChartSpec spec;
    spec.processId = m_document->study(studyId) ? std::optional(m_document->study(studyId)->processId) : std::nullopt;
    spec.source.kind = store::ChartSourceKind::StepDurations;
    spec.source.studyIds = {studyId};
    spec.source.stepId = stepId;
    spec.type = stats::ChartType::IMR;
    const DataKey key{QStringLiteral("step-figures"), studyId, revision, QString::number(stepId)};
    m_document->dataService()->submit<StepFigures>(
        this, QStringLiteral("step-figures"), key,
        [spec, studyId, stepId](const DataJob& job) {
            StepFigures f;
            f.studyId = studyId;
            f.stepId = stepId;
            if (!job.reader()) {
                f.error = job.readerError();
                return f;
            }
            f.chart = computeChart(*job.reader(), spec);
            if (auto values = readValues(*job.reader(), ValueSource{studyId, stepId}); !values) {
                f.error = QString::fromStdString(values.error().message);
            } else if (!values->empty()) {
                if (auto h = stats::histogram(*values))
                    f.histogram = std::move(h).value();
                else
                    f.error = QString::fromStdString(h.error().message);
            }
            return f;
        },
        [this](const StepFigures& f) { show(f); },
        [](const StepFigures& f) { return f.error.isEmpty(); });
}

void StepFiguresPanel::show(const StepFigures& f)
{
    if (f.studyId != m_studyId || f.stepId != m_stepId)
        return;
    const FigureStyle style = FigureStyle::forWidget(this);
    if (f.chart.hasChart())
        m_chart->setResult(std::make_shared<const ChartResult>(f.chart));   // unit s, no footer
    QChart* chart = f.histogram ? makeHistogramChart(*f.histogram, &f.histogram->normalCurve,
                                                     tr("Histogram"), tr("Time (s)"), style)
                                : new QChart;
    QChart* old = m_histogram->chart();
    m_histogram->setChart(chart);   // the view releases the old chart, it does not delete it
    delete old;
    QString text = tr("'%1': I chart and histogram of its times (n = %2).")
                       .arg(m_name)
                       .arg(f.histogram ? static_cast<qulonglong>(f.histogram->n) : 0ULL);
    if (!f.chart.error.isEmpty())
        text += QLatin1Char(' ') + f.chart.error;
    if (!f.error.isEmpty())
        text += QLatin1Char(' ') + f.error;
    m_caption->setText(text);
    emit figuresReady();
}

} // namespace gemba::ui
