#include "analysis/capabilityview.h"

#include "analysis/analysisrunner.h"
#include "charts/chartstore.h"
#include "commands/changechartcommand.h"
#include "projectdocument.h"
#include "windowcontext.h"

#include <QChart>
#include <QChartView>
#include <QDoubleValidator>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QScrollArea>
#include <QSplitter>
#include <QStyle>
#include <QVBoxLayout>

namespace gemba::ui {
namespace {

void setChart(QChartView* view, QChart* chart)
{
    QChart* old = view->chart();
    view->setChart(chart ? chart : new QChart);
    delete old;
}

// A limit field's number: empty means "no limit"; the user's locale first, then C ("12.5").
std::optional<double> parseLimit(const QLineEdit* edit)
{
    const QString text = edit->text().trimmed();
    if (text.isEmpty())
        return std::nullopt;
    bool ok = false;
    double v = QLocale().toDouble(text, &ok);
    if (!ok)
        v = QLocale::c().toDouble(text, &ok);
    return ok ? std::optional<double>(v) : std::nullopt;
}

QString limitText(const std::optional<double>& v)
{
    return v ? QLocale().toString(*v, 'g', 10) : QString();
}

} // namespace

CapabilityView::CapabilityView(WindowContext* context, QWidget* parent)
    : AnalysisView(context, parent)
    , m_lsl(new QLineEdit(this))
    , m_usl(new QLineEdit(this))
    , m_target(new QLineEdit(this))
    , m_warning(new QLabel(this))
    , m_summary(new QLabel(this))
    , m_chart(new QChartView(this))
{
    const struct {
        QLineEdit* edit;
        QString label;
        QString name;
    } fields[] = {{m_lsl, tr("&LSL (s):"), QStringLiteral("lsl")},
                  {m_target, tr("T&arget (s):"), QStringLiteral("target")},
                  {m_usl, tr("&USL (s):"), QStringLiteral("usl")}};
    for (const auto& f : fields) {
        auto* label = new QLabel(f.label, this);
        label->setBuddy(f.edit);
        f.edit->setObjectName(f.name);
        f.edit->setPlaceholderText(tr("none"));
        f.edit->setClearButtonEnabled(true);
        f.edit->setMaximumWidth(110);
        f.edit->setValidator(new QDoubleValidator(f.edit));
        connect(f.edit, &QLineEdit::editingFinished, this, &CapabilityView::specEdited);
        toolRow()->addSpacing(12);
        toolRow()->addWidget(label);
        toolRow()->addWidget(f.edit);
    }
    m_lsl->setToolTip(tr("Lower specification limit, in seconds; leave empty for none"));
    m_usl->setToolTip(tr("Upper specification limit, in seconds; leave empty for none"));
    m_target->setToolTip(tr("Target time, in seconds; leave empty for none (then no Cpm and Ppm)"));
    toolRow()->addStretch(1);

    m_warning->setObjectName(QStringLiteral("stabilityWarning"));
    m_warning->setWordWrap(true);
    m_warning->setTextFormat(Qt::PlainText);
    QFont bold = m_warning->font();
    bold.setBold(true);
    m_warning->setFont(bold);
    m_warning->setAutoFillBackground(true);
    m_warning->setMargin(6);
    m_warning->setForegroundRole(QPalette::ToolTipText);
    m_warning->setBackgroundRole(QPalette::ToolTipBase);
    m_warning->hide();

    m_summary->setObjectName(QStringLiteral("summary"));
    m_summary->setTextFormat(Qt::RichText);
    m_summary->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_summary->setMargin(6);
    m_summary->setWordWrap(true);
    auto* scroll = new QScrollArea(this);
    scroll->setWidget(m_summary);
    scroll->setWidgetResizable(true);
    scroll->setMinimumWidth(300);

    m_chart->setObjectName(QStringLiteral("capabilityChart"));
    m_chart->setRenderHint(QPainter::Antialiasing);
    m_chart->setMinimumSize(320, 240);

    auto* splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(m_chart);
    splitter->addWidget(scroll);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 0);
    splitter->setSizes({900, 400});

    auto* content = new QWidget(this);
    auto* layout = new QVBoxLayout(content);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_warning);
    layout->addWidget(splitter, 1);
    setContent(content);
    showNothing(QString());

    // An undo or redo of a chart of this study may have changed the limits shown.
    connect(ChartStore::of(context->document()), &ChartStore::chartChanged, this, [this](study::Id studyId) {
        const auto source = currentSource();
        if (!source || source->studyId != studyId)
            return;
        loadSpecLimits();
        if (values())
            analyse(values(), subject());
    });
    loadSpecLimits();
}

stats::SpecLimits CapabilityView::specLimits() const
{
    stats::SpecLimits spec;
    spec.lsl = parseLimit(m_lsl);
    spec.usl = parseLimit(m_usl);
    spec.target = parseLimit(m_target);
    return spec;
}

void CapabilityView::setSpecLimits(const stats::SpecLimits& spec)
{
    setFields(spec);
    specEdited();
}

void CapabilityView::setFields(const stats::SpecLimits& spec)
{
    m_lsl->setText(limitText(spec.lsl));
    m_usl->setText(limitText(spec.usl));
    m_target->setText(limitText(spec.target));
}

std::optional<store::ChartSpec> CapabilityView::savedChart(const ValueSource& source) const
{
    ProjectDocument* doc = context()->document();
    const study::Study* study = doc->study(source.studyId);
    if (!study)
        return std::nullopt;
    auto charts = doc->project().charts(study->processId);
    if (!charts)
        return std::nullopt;
    const auto kind = source.isCycleTotal() ? store::ChartSourceKind::CycleTotal : store::ChartSourceKind::StepDurations;
    for (auto& chart : *charts) {
        const auto& s = chart.source;
        if (s.kind == kind && s.studyIds == std::vector<study::Id>{source.studyId} &&
            (source.isCycleTotal() || s.stepId == source.stepId))
            return std::move(chart);
    }
    return std::nullopt;
}

void CapabilityView::sourceChanged()
{
    loadSpecLimits();
}

void CapabilityView::loadSpecLimits()
{
    const auto source = currentSource();
    if (!source)
        return;   // values given by showValues(): the fields are their limits
    const auto chart = savedChart(*source);
    const store::SpecLimits saved = chart ? chart->specLimits : store::SpecLimits{};
    setFields(stats::SpecLimits{saved.lsl, saved.usl, saved.target});
}

void CapabilityView::specEdited()
{
    ProjectDocument* doc = context()->document();
    const auto source = currentSource();
    if (source && !doc->readOnly()) {
        store::ChartSpec before;
        if (auto saved = savedChart(*source)) {
            before = std::move(*saved);
        } else {
            // A new I-MR chart of the source (ChartSpec's defaults), saved with the limits.
            if (const study::Study* study = doc->study(source->studyId))
                before.processId = study->processId;
            before.source.kind =
                source->isCycleTotal() ? store::ChartSourceKind::CycleTotal : store::ChartSourceKind::StepDurations;
            before.source.studyIds = {source->studyId};
            before.source.stepId = source->stepId;
        }
        const stats::SpecLimits edited = specLimits();
        store::ChartSpec after = before;
        after.specLimits = store::SpecLimits{edited.lsl, edited.usl, edited.target};
        if (after.specLimits != before.specLimits) {
            // redo() saves at once; chartChanged() then reads the limits back and analyses.
            doc->undoStack()->push(new ChangeChartCommand(doc, ChangeChartCommand::SpecLimits, std::move(before),
                                                          std::move(after), tr("Set the spec limits")));
            return;
        }
    }
    if (values())
        analyse(values(), subject());
}

void CapabilityView::analyse(std::shared_ptr<const std::vector<double>> values, const QString& subject)
{
    setStatus(tr("Computing…"));
    const stats::SpecLimits spec = specLimits();
    runner()->run<CapabilityAnalysis>(
        [values, spec](const AnalysisRunner::Superseded&) { return analyseCapability(*values, spec); },
        [this, subject](CapabilityAnalysis analysis) {
            m_figure.setAnalysis(std::move(analysis), subject);
            display();
        });
}

void CapabilityView::display()
{
    const FigureStyle style = FigureStyle::forWidget(this);
    setChart(m_chart, m_figure.createChart(style));
    m_summary->setText(m_figure.summaryHtml());
    const QString warning = m_figure.stabilityWarning();
    m_warning->setText(warning);
    m_warning->setVisible(!warning.isEmpty());
    const auto& a = m_figure.analysis();
    setStatus(a.n == 0 ? a.error : tr("%1. Within σ by the average moving range (MR̄/d2), overall σ by the sample SD.")
                                       .arg(m_figure.subject()));
    emit analysisShown();
}

void CapabilityView::showNothing(const QString& message)
{
    m_figure.setAnalysis(CapabilityAnalysis{}, QString());
    setChart(m_chart, nullptr);
    m_summary->clear();
    m_warning->hide();
    setStatus(message);
}

void CapabilityView::changeEvent(QEvent* event)
{
    AnalysisView::changeEvent(event);
    if (event->type() == QEvent::PaletteChange && m_figure.analysis().n > 0)
        display();
}

} // namespace gemba::ui
