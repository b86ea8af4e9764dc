#include "analysis/capabilityview.h"

#include "analysis/analysisrunner.h"

#include <QChart>
#include <QChartView>
#include <QDoubleValidator>
#include <QEvent>
#include <QHBoxLayout>
#include <QJsonObject>
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
    m_target->setToolTip(tr("Target time, in seconds; empty: the middle of LSL and USL"));
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
    m_lsl->setText(limitText(spec.lsl));
    m_usl->setText(limitText(spec.usl));
    m_target->setText(limitText(spec.target));
    specEdited();
}

void CapabilityView::specEdited()
{
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

void CapabilityView::saveExtraState(QJsonObject& state) const
{
    const stats::SpecLimits spec = specLimits();
    if (spec.lsl)
        state.insert(QStringLiteral("lsl"), *spec.lsl);
    if (spec.usl)
        state.insert(QStringLiteral("usl"), *spec.usl);
    if (spec.target)
        state.insert(QStringLiteral("target"), *spec.target);
}

void CapabilityView::restoreExtraState(const QJsonObject& state)
{
    auto read = [&state](const char* key) {
        const QJsonValue v = state.value(QLatin1String(key));
        return v.isDouble() ? std::optional<double>(v.toDouble()) : std::nullopt;
    };
    m_lsl->setText(limitText(read("lsl")));
    m_usl->setText(limitText(read("usl")));
    m_target->setText(limitText(read("target")));
}

void CapabilityView::changeEvent(QEvent* event)
{
    AnalysisView::changeEvent(event);
    if (event->type() == QEvent::PaletteChange && m_figure.analysis().n > 0)
        display();
}

} // namespace gemba::ui
