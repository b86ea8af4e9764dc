#include "analysis/distributionview.h"

#include "analysis/analysisrunner.h"

#include <QChart>
#include <QChartView>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QScrollArea>
#include <QSplitter>

namespace gemba::ui {
namespace {

// Replaces the chart a view shows, deleting the old one (QChartView releases it, not deletes it).
void setChart(QChartView* view, QChart* chart)
{
    QChart* old = view->chart();
    view->setChart(chart ? chart : new QChart);
    delete old;
}

} // namespace

DistributionView::DistributionView(WindowContext* context, QWidget* parent)
    : AnalysisView(context, parent)
    , m_summary(new QLabel(this))
    , m_panel(new QScrollArea(this))
    , m_histogram(new QChartView(this))
    , m_probability(new QChartView(this))
{
    m_summary->setObjectName(QStringLiteral("summary"));
    m_summary->setTextFormat(Qt::RichText);
    m_summary->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_summary->setMargin(6);
    m_summary->setWordWrap(true);
    toolRow()->addStretch(1);
    m_panel->setObjectName(QStringLiteral("summaryPanel"));
    m_panel->setWidget(m_summary);
    m_panel->setWidgetResizable(true);
    m_panel->setMinimumWidth(280);

    for (QChartView* view : {m_histogram, m_probability}) {
        view->setRenderHint(QPainter::Antialiasing);
        view->setMinimumSize(260, 220);
    }
    m_histogram->setObjectName(QStringLiteral("histogram"));
    m_probability->setObjectName(QStringLiteral("probabilityPlot"));

    auto* charts = new QSplitter(Qt::Horizontal, this);
    charts->addWidget(m_histogram);
    charts->addWidget(m_probability);
    auto* splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(m_panel);
    splitter->addWidget(charts);
    splitter->setStretchFactor(0, 0);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({320, 1000});
    setContent(splitter);
    showNothing(QString());
}

void DistributionView::analyse(std::shared_ptr<const std::vector<double>> values, const QString& subject)
{
    setStatus(tr("Computing…"));
    runner()->run<DistributionAnalysis>(
        [values](const AnalysisRunner::Superseded&) { return analyseDistribution(*values); },
        [this, subject](DistributionAnalysis analysis) {
            m_figure.setAnalysis(std::move(analysis), subject);
            display();
        });
}

void DistributionView::display()
{
    const FigureStyle style = FigureStyle::forWidget(this);
    setChart(m_histogram, m_figure.createHistogramChart(style));
    setChart(m_probability, m_figure.createProbabilityChart(style));
    m_summary->setText(m_figure.summaryHtml());
    fitPanelToText(m_panel, m_summary);
    const auto& a = m_figure.analysis();
    setStatus(a.n == 0 ? a.error : m_figure.subject());
    emit analysisShown();
}

void DistributionView::showNothing(const QString& message)
{
    m_figure.setAnalysis(DistributionAnalysis{}, QString());
    setChart(m_histogram, nullptr);
    setChart(m_probability, nullptr);
    m_summary->clear();
    setStatus(message);
}

void DistributionView::changeEvent(QEvent* event)
{
    AnalysisView::changeEvent(event);
    if (event->type() == QEvent::PaletteChange && m_figure.analysis().n > 0)
        display();
}

} // namespace gemba::ui
