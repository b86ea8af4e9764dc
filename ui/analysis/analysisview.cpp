#include "analysis/analysisview.h"

#include "analysis/analysisrunner.h"
#include "analysis/sourcebox.h"
#include "analysis/studyvalues.h"
#include "projectdocument.h"
#include "store/project.h"
#include "windowcontext.h"

#include <QHBoxLayout>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QTimer>
#include <QVBoxLayout>

namespace gemba::ui {
namespace {

struct ReadResult {
    std::shared_ptr<const std::vector<double>> values;
    QString error;
};

constexpr int kRefreshDelayMs = 150;   // coalesces the bursts of change signals of one edit

} // namespace

AnalysisView::AnalysisView(WindowContext* context, QWidget* parent)
    : QWidget(parent)
    , m_context(context)
    , m_runner(new AnalysisRunner(this))
    , m_source(new SourceBox(this))
    , m_status(new QLabel(this))
    , m_toolRow(new QHBoxLayout)
    , m_layout(new QVBoxLayout(this))
    , m_refreshTimer(new QTimer(this))
{
    m_source->setObjectName(QStringLiteral("source"));
    m_status->setObjectName(QStringLiteral("status"));
    m_status->setWordWrap(true);
    auto* label = new QLabel(tr("&Times of:"), this);
    label->setBuddy(m_source);
    m_toolRow->addWidget(label);
    m_toolRow->addWidget(m_source);
    m_layout->addLayout(m_toolRow);
    m_layout->addWidget(m_status);

    m_refreshTimer->setSingleShot(true);
    m_refreshTimer->setInterval(kRefreshDelayMs);
    connect(m_refreshTimer, &QTimer::timeout, this, &AnalysisView::refreshNow);
    connect(m_source, &QComboBox::currentIndexChanged, this, [this] {
        sourceChanged();
        scheduleRefresh();
    });

    ProjectDocument* doc = m_context->document();
    connect(m_context, &WindowContext::processChanged, this, [this] {
        refillSources();
        scheduleRefresh();
    });
    connect(doc, &ProjectDocument::stepsChanged, this, [this] {
        refillSources();
        scheduleRefresh();
    });
    connect(m_context, &WindowContext::studyChanged, this, [this] {
        sourceChanged();
        scheduleRefresh();
    });
    connect(doc, &ProjectDocument::observationsChanged, this, &AnalysisView::scheduleRefresh);
    connect(doc, &ProjectDocument::observationChanged, this, &AnalysisView::scheduleRefresh);
    connect(doc, &ProjectDocument::observationsRemoved, this, &AnalysisView::scheduleRefresh);
    connect(doc, &ProjectDocument::observationsRestored, this, &AnalysisView::scheduleRefresh);
    connect(doc, &ProjectDocument::observationsUpdated, this, &AnalysisView::scheduleRefresh);
    refillSources();
}

AnalysisView::~AnalysisView() = default;

bool AnalysisView::isBusy() const
{
    return m_runner->isBusy() || m_refreshTimer->isActive();
}

void AnalysisView::setContent(QWidget* content)
{
    m_layout->addWidget(content, 1);
}

void AnalysisView::setStatus(const QString& text)
{
    m_status->setText(text);
    m_status->setVisible(!text.isEmpty());
}

void AnalysisView::refillSources()
{
    m_source->fill(*m_context);
}

void AnalysisView::scheduleRefresh()
{
    m_dirty = true;
    if (isVisible())
        m_refreshTimer->start();
}

void AnalysisView::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    if (m_dirty)
        m_refreshTimer->start();
}

std::optional<ValueSource> AnalysisView::currentSource() const
{
    const study::Study* study = m_context->study();
    if (m_explicitValues || !study)
        return std::nullopt;
    return ValueSource{study->id, m_source->stepId()};
}

void AnalysisView::showValues(std::vector<double> values, const QString& subject)
{
    m_refreshTimer->stop();
    m_dirty = false;
    m_explicitValues = true;
    sourceChanged();
    m_valuesKey.reset();
    m_values = std::make_shared<const std::vector<double>>(std::move(values));
    m_subject = subject;
    analyse(m_values, m_subject);
}

void AnalysisView::refreshNow()
{
    if (!isVisible())
        return;   // stays dirty: showEvent() refreshes
    m_dirty = false;
    m_explicitValues = false;
    sourceChanged();
    const study::Study* study = m_context->study();
    if (!study) {
        m_values.reset();
        m_valuesKey.reset();
        m_runner->cancel();
        showNothing(tr("There is no study of this process yet: time one (Ctrl+T) or import one."));
        return;
    }
    const ValueSource source{study->id, m_source->stepId()};
    const quint64 revision = m_context->document()->revision();
    const auto key = std::make_tuple(qint64(source.studyId), qint64(source.stepId), revision);
    m_subject = m_source->subject(*m_context);
    if (m_values && m_valuesKey == key) {
        analyse(m_values, m_subject);
        return;
    }
    auto reader = store::Project::openSibling(m_context->document()->project(), store::OpenMode::ReadOnly);
    if (!reader) {
        showNothing(tr("The times cannot be read: %1").arg(QString::fromStdString(reader.error().message)));
        return;
    }
    std::shared_ptr<store::Project> connection(std::move(reader.value()));
    setStatus(tr("Reading the times…"));
    m_runner->run<ReadResult>(
        [connection, source](const AnalysisRunner::Superseded&) {
            ReadResult result;
            auto values = readValues(*connection, source);
            if (values)
                result.values = std::make_shared<const std::vector<double>>(std::move(values.value()));
            else
                result.error = QString::fromStdString(values.error().message);
            return result;
        },
        [this, key](ReadResult result) {
            if (!result.values) {
                showNothing(tr("The times cannot be read: %1").arg(result.error));
                return;
            }
            m_values = std::move(result.values);
            m_valuesKey = key;
            analyse(m_values, m_subject);
        });
}

QByteArray AnalysisView::saveViewState() const
{
    QJsonObject state;
    state.insert(QStringLiteral("step"), qint64(m_source->stepId()));
    saveExtraState(state);
    return QJsonDocument(state).toJson(QJsonDocument::Compact);
}

void AnalysisView::restoreViewState(const QByteArray& bytes)
{
    const QJsonObject state = QJsonDocument::fromJson(bytes).object();
    if (state.isEmpty())
        return;
    m_source->setStepId(state.value(QStringLiteral("step")).toInteger());
    restoreExtraState(state);
    scheduleRefresh();
}

} // namespace gemba::ui
