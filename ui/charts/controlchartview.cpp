// The control chart view: the current study's chart, its options, signals and notes.
#include "charts/controlchartview.h"

#include "charts/chartcanvas.h"
#include "charts/chartstore.h"
#include "charts/controlchartfigure.h"
#include "charts/signaltext.h"
#include "commands/addchartcommand.h"
#include "commands/changechartcommand.h"
#include "commands/removechartcommand.h"
#include "data/dataservice.h"
#include "projectdocument.h"
#include "report/exporters.h"
#include "windowcontext.h"

#include <QAction>
#include <QComboBox>
#include <QDateTime>
#include <QDataStream>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSpinBox>
#include <QSplitter>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>
#include <QListWidget>
#include <QUndoStack>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace gemba::ui {
namespace {

constexpr int kPointRole = Qt::UserRole + 1;
// "Chart of" entries: Qt::UserRole holds the step id (0: cycle total, -1: a data set column),
// these the data set's id and the column's name.
constexpr int kDataSetRole = Qt::UserRole + 2;
constexpr int kColumnRole = Qt::UserRole + 3;
constexpr qint64 kDataSetEntry = -1;

struct RuleChoice {
    const char* spec;
    const char* label;
};
// The rule sets offered, by their RuleSet::parse names.
constexpr RuleChoice kRuleChoices[] = {
    {"western-electric", QT_TRANSLATE_NOOP("ControlChartView", "Western Electric (1, 2, 5, 6)")},
    {"nelson", QT_TRANSLATE_NOOP("ControlChartView", "Nelson (1–8)")},
    {"1,2,3,4", QT_TRANSLATE_NOOP("ControlChartView", "Tests 1–4")},
    {"1", QT_TRANSLATE_NOOP("ControlChartView", "Test 1 only (beyond the limits)")},
    {"none", QT_TRANSLATE_NOOP("ControlChartView", "No tests")},
};

std::vector<stats::SigmaMethod> sigmaMethodsFor(stats::ChartType type)
{
    using M = stats::SigmaMethod;
    if (stats::isAttributeChart(type))
        return {stats::defaultSigmaMethod(type)};   // binomial or Poisson: no choice
    if (type == stats::ChartType::IMR)
        return {M::AverageMovingRange, M::MedianMovingRange, M::SampleSd};
    if (type == stats::ChartType::XbarR)
        return {M::RBar, M::MvlueR, M::PooledSd, M::SBar, M::MvlueS};
    return {M::SBar, M::MvlueS, M::PooledSd, M::RBar, M::MvlueR};
}

// "Chart" entries: Qt::UserRole holds the chart id, or one of these.
constexpr qint64 kNewChartEntry = -1;

// Shifts when subgrouping by shift, until the user gives the plant's own: three of eight hours
// from 06:00 (the common pattern). The start times are the chart's (ChartSource::
// shiftStartMinutes), as a subgroup column is an option of one chart in Minitab and JMP, which
// have no shift plan of their own.
const std::vector<int> kDefaultShiftStarts{6 * 60, 14 * 60, 22 * 60};

QString shiftText(const std::vector<int>& starts)
{
    QStringList parts;
    for (int m : starts)
        parts << QStringLiteral("%1:%2").arg(m / 60, 2, 10, QLatin1Char('0')).arg(m % 60, 2, 10, QLatin1Char('0'));
    return parts.join(QStringLiteral(", "));
}

// "06:00, 18:00" (or "6:00 18:00", "06:00; 18:00") as minutes after midnight, in order; none
// when a time does not read as H:MM or HH:MM on a 24-hour clock, or one is given twice.
std::optional<std::vector<int>> parseShiftStarts(const QString& text)
{
    static const QRegularExpression separators(QStringLiteral("[,;\\s]+"));
    static const QRegularExpression time(QStringLiteral("^(\\d{1,2}):(\\d{2})$"));
    std::vector<int> starts;
    for (const QString& part : text.split(separators, Qt::SkipEmptyParts)) {
        const auto m = time.match(part);
        if (!m.hasMatch())
            return std::nullopt;
        const int h = m.captured(1).toInt();
        const int min = m.captured(2).toInt();
        if (h > 23 || min > 59)
            return std::nullopt;
        starts.push_back(h * 60 + min);
    }
    std::sort(starts.begin(), starts.end());
    if (starts.empty() || std::adjacent_find(starts.begin(), starts.end()) != starts.end())
        return std::nullopt;
    return starts;
}

QString typeName(stats::ChartType type)
{
    switch (type) {
    case stats::ChartType::IMR: return ControlChartView::tr("I-MR");
    case stats::ChartType::XbarR: return ControlChartView::tr("X̄-R");
    case stats::ChartType::XbarS: return ControlChartView::tr("X̄-S");
    default: {
        const std::string_view name = stats::chartTypeName(type);
        return QString::fromLatin1(name.data(), static_cast<qsizetype>(name.size()));
    }
    }
}

QString secondsText(double v) { return QLocale().toString(v, 'f', 3); }

} // namespace

ControlChartView::ControlChartView(WindowContext& context, QWidget* parent)
    : QWidget(parent)
    , m_context(context)
    , m_document(context.document())
    , m_figure(std::make_unique<ControlChartFigure>())
{
    setObjectName(QStringLiteral("controlChartView"));
    buildUi();
    createActions();

    // Whatever changes the data (the revision) or the chart asks for a new computation.
    for (auto signal : {&ProjectDocument::observationsChanged, &ProjectDocument::stepsChanged,
                        &ProjectDocument::studiesChanged, &ProjectDocument::studyDetailsChanged})
        connect(m_document, signal, this, &ControlChartView::scheduleCompute);
    connect(m_document, &ProjectDocument::observationsRemoved, this, &ControlChartView::scheduleCompute);
    connect(m_document, &ProjectDocument::observationsRestored, this, &ControlChartView::scheduleCompute);
    connect(m_document, &ProjectDocument::observationsUpdated, this, &ControlChartView::scheduleCompute);
    connect(m_document, &ProjectDocument::observationChanged, this, &ControlChartView::scheduleCompute);
    connect(m_document, &ProjectDocument::stepsChanged, this, &ControlChartView::fillControls);
    // Another study chosen in the window: its chart, in place of a data set's.
    auto studyChosen = [this] {
        m_dataSetId = 0;
        m_dataSetColumn.clear();
        m_chartId = 0;
        loadChart();
    };
    connect(&m_context, &WindowContext::processChanged, this, studyChosen);
    connect(&m_context, &WindowContext::studyChanged, this, studyChosen);
    // Data sets imported, renamed or removed: "Chart of" lists their columns at once.
    connect(m_document, &ProjectDocument::dataSetsChanged, this, [this] {
        if (!m_filling)
            fillControls();
    });
    // A chart added (New Chart, the data sets view's Chart Column, the undo of a deletion):
    // shown here when it is a data set's or one of the current study's.
    connect(m_document, &ProjectDocument::chartAdded, this, [this](qint64 chartId) {
        auto chart = m_document->project().chart(chartId);
        if (!chart)
            return;
        if (chart->source.kind == store::ChartSourceKind::DataSetColumn) {
            m_dataSetId = chart->source.dataSetId;
            m_dataSetColumn = chart->source.valueColumn;
        } else {
            const auto& ids = chart->source.studyIds;
            if (std::find(ids.begin(), ids.end(), m_context.studyId()) == ids.end())
                return;
            m_dataSetId = 0;
            m_dataSetColumn.clear();
        }
        m_chartId = chartId;
        loadChart();
    });
    connect(m_document, &ProjectDocument::chartRemoved, this, [this](qint64 chartId) {
        if (chartId != m_chartId) {
            fillChartBox();
            return;
        }
        m_chartId = 0;   // the study's (or column's) first chart, or a new one
        if (isDataSetChart() && !m_document->project().dataSet(m_dataSetId)) {
            m_dataSetId = 0;   // the data set went with it: back to the study
            m_dataSetColumn.clear();
        }
        loadChart();
    });
    // A chart saved or removed by an undo command: the one shown again, or (an undo or redo of
    // another chart of this study or data set) that one, so the change is seen.
    connect(ChartStore::of(m_document), &ChartStore::chartChanged, this, [this](study::Id, study::Id chartId) {
        if (chartId != m_chartId && m_chartId != 0) {
            auto chart = m_document->project().chart(chartId);
            if (!chart || !showsHere(*chart)) {
                fillChartBox();   // a title shown in the list may have changed
                return;
            }
            m_chartId = chartId;
        }
        loadChart();
    });
    loadChart();
}

ControlChartView::~ControlChartView() = default;

void ControlChartView::buildUi()
{
    auto label = [this](const QString& text, QWidget* buddy) {
        auto* l = new QLabel(text, this);
        l->setBuddy(buddy);
        return l;
    };
    m_chartBox = new QComboBox(this);
    m_chartBox->setObjectName(QStringLiteral("savedChartBox"));
    m_chartBox->setMinimumContentsLength(22);
    m_chartBox->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_chartBox->setToolTip(tr("The saved charts of this study or data set (Alt+A); choose \"New Chart…\" to add one"));
    m_studiesButton = new QToolButton(this);
    m_studiesButton->setObjectName(QStringLiteral("chartStudiesButton"));
    m_studiesButton->setPopupMode(QToolButton::InstantPopup);
    m_studiesButton->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_studiesButton->setToolTip(tr("Chart other studies of this process with this one, each a stage with its own "
                                   "limits (a baseline and a later study); lock the baseline's limits (L) to judge "
                                   "the later study against them"));
    m_studiesMenu = new QMenu(m_studiesButton);
    m_studiesMenu->setObjectName(QStringLiteral("chartStudiesMenu"));
    m_studiesButton->setMenu(m_studiesMenu);
    m_shiftEdit = new QLineEdit(this);
    m_shiftEdit->setObjectName(QStringLiteral("chartShiftsEdit"));
    m_shiftEdit->setPlaceholderText(shiftText(kDefaultShiftStarts));
    m_shiftEdit->setToolTip(tr("The times each shift starts (24-hour clock), e.g. \"06:00, 14:00, 22:00\" or "
                               "\"06:00, 18:00\"; a shift runs until the next one starts"));
    m_shiftEdit->setMinimumWidth(m_shiftEdit->fontMetrics().horizontalAdvance(QStringLiteral("00:00, 00:00, 00:00 ")));
    m_sourceBox = new QComboBox(this);
    m_sourceBox->setObjectName(QStringLiteral("chartSourceBox"));
    m_sourceBox->setMinimumContentsLength(14);
    m_sourceBox->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_typeBox = new QComboBox(this);
    m_typeBox->setObjectName(QStringLiteral("chartTypeBox"));
    m_typeBox->addItem(tr("I-MR"), static_cast<int>(stats::ChartType::IMR));
    m_typeBox->addItem(tr("X̄-R"), static_cast<int>(stats::ChartType::XbarR));
    m_typeBox->addItem(tr("X̄-S"), static_cast<int>(stats::ChartType::XbarS));
    m_subgroupBox = new QSpinBox(this);
    m_subgroupBox->setObjectName(QStringLiteral("chartSubgroupBox"));
    m_subgroupBox->setRange(2, 25);
    m_subgroupBox->setSuffix(tr(" cycles"));
    m_groupByBox = new QComboBox(this);
    m_groupByBox->setObjectName(QStringLiteral("chartGroupByBox"));
    m_sizeBox = new QComboBox(this);
    m_sizeBox->setObjectName(QStringLiteral("chartSizeBox"));
    m_rulesBox = new QComboBox(this);
    m_rulesBox->setObjectName(QStringLiteral("chartRulesBox"));
    for (const auto& choice : kRuleChoices)
        m_rulesBox->addItem(tr(choice.label), QString::fromLatin1(choice.spec));
    m_sigmaBox = new QComboBox(this);
    m_sigmaBox->setObjectName(QStringLiteral("chartSigmaBox"));
    // Long entries ("σ by average moving range (MR̄/d2)") elide rather than widen the view past
    // a 1366-pixel screen; the open list shows them whole.
    for (QComboBox* box : {m_rulesBox, m_sigmaBox}) {
        box->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
        box->setMinimumContentsLength(12);
    }
    m_kBox = new QDoubleSpinBox(this);
    m_kBox->setObjectName(QStringLiteral("chartKBox"));
    m_kBox->setRange(1, 6);
    m_kBox->setSingleStep(0.5);
    m_kBox->setDecimals(1);

    // The view's own actions (filled by createActions): a compact bar beside the chart chooser,
    // not the window's tool bar, which stays for the window's actions.
    m_toolBar = new QToolBar(tr("Chart actions"), this);
    m_toolBar->setObjectName(QStringLiteral("chartToolBar"));
    m_toolBar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_toolBar->setFloatable(false);
    m_toolBar->setMovable(false);
    auto* chooser = new QHBoxLayout;
    chooser->addWidget(label(tr("Saved ch&art:"), m_chartBox));
    chooser->addWidget(m_chartBox);
    chooser->addWidget(m_toolBar, 1);

    auto* controls = new QHBoxLayout;
    controls->addWidget(label(tr("&Chart of:"), m_sourceBox));
    controls->addWidget(m_sourceBox, 2);
    controls->addWidget(m_studiesButton);
    controls->addSpacing(8);
    controls->addWidget(label(tr("T&ype:"), m_typeBox));
    controls->addWidget(m_typeBox);
    m_subgroupLabel = label(tr("Su&bgroups by"), m_groupByBox);
    controls->addWidget(m_subgroupLabel);
    controls->addWidget(m_groupByBox);
    controls->addWidget(m_subgroupBox);
    controls->addWidget(m_shiftEdit);
    m_sizeLabel = label(tr("Si&zes:"), m_sizeBox);
    controls->addWidget(m_sizeLabel);
    controls->addWidget(m_sizeBox);
    controls->addSpacing(8);
    controls->addWidget(label(tr("&Rules:"), m_rulesBox));
    controls->addWidget(m_rulesBox, 1);
    controls->addSpacing(8);
    controls->addWidget(label(tr("&σ:"), m_sigmaBox));
    controls->addWidget(m_sigmaBox, 1);
    controls->addSpacing(8);
    controls->addWidget(label(tr("&k:"), m_kBox));
    controls->addWidget(m_kBox);

    m_canvas = new ChartCanvas(this);
    m_canvas->setFocusPolicy(Qt::StrongFocus);
    m_canvas->setToolTipText([this](int point) { return pointToolTip(point); });
    connect(m_canvas, &ChartCanvas::pointClicked, this, [this](int point) { setCursorPoint(point); });
    m_messageLabel = new QLabel(this);
    m_messageLabel->setObjectName(QStringLiteral("chartMessage"));
    m_messageLabel->setAlignment(Qt::AlignCenter);
    m_messageLabel->setWordWrap(true);
    m_usedLabel = new QLabel(this);
    m_usedLabel->setObjectName(QStringLiteral("chartUsedLine"));
    m_usedLabel->setWordWrap(true);
    m_usedLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* chartPane = new QWidget(this);
    auto* chartLayout = new QVBoxLayout(chartPane);
    chartLayout->setContentsMargins(0, 0, 0, 0);
    chartLayout->addWidget(m_canvas, 1);
    chartLayout->addWidget(m_messageLabel);
    chartLayout->addWidget(m_usedLabel);

    // One entry per signal or note, its text wrapped to the list's width: the point and value,
    // each failed test in words, the note.
    m_signalList = new QListWidget(this);
    m_signalList->setObjectName(QStringLiteral("signalList"));
    m_signalList->setWordWrap(true);
    m_signalList->setResizeMode(QListView::Adjust);
    m_signalList->setUniformItemSizes(false);
    m_signalList->setTextElideMode(Qt::ElideNone);
    m_signalList->setAlternatingRowColors(true);
    m_signalList->setSpacing(2);
    m_signalList->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    connect(m_signalList, &QListWidget::currentItemChanged, this, [this](QListWidgetItem* item) {
        if (item && !m_filling)
            setCursorPoint(item->data(kPointRole).toInt());
    });
    connect(m_signalList, &QListWidget::itemActivated, this, [this] { editNote(); });

    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter->setObjectName(QStringLiteral("chartSplitter"));
    m_splitter->addWidget(chartPane);
    // Said in words when no point failed a test, so an empty list is not taken for a missing one.
    m_noSignalsLabel = new QLabel(this);
    m_noSignalsLabel->setObjectName(QStringLiteral("noSignalsLabel"));
    m_noSignalsLabel->setWordWrap(true);
    m_noSignalsLabel->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_noSignalsLabel->setMargin(6);
    m_noSignalsLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_noSignalsLabel->hide();
    auto* sidePane = new QWidget(this);
    auto* sideLayout = new QVBoxLayout(sidePane);
    sideLayout->setContentsMargins(0, 0, 0, 0);
    sideLayout->addWidget(m_noSignalsLabel);
    sideLayout->addWidget(m_signalList, 1);
    m_splitter->addWidget(sidePane);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setSizes({900, 380});

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(chooser);
    layout->addLayout(controls);
    layout->addWidget(m_splitter, 1);

    connect(m_chartBox, &QComboBox::activated, this, &ControlChartView::chartChosen);
    connect(m_sourceBox, &QComboBox::activated, this, &ControlChartView::controlsChanged);
    connect(m_shiftEdit, &QLineEdit::editingFinished, this, &ControlChartView::controlsChanged);
    connect(m_typeBox, &QComboBox::activated, this, &ControlChartView::controlsChanged);
    connect(m_rulesBox, &QComboBox::activated, this, &ControlChartView::controlsChanged);
    connect(m_sigmaBox, &QComboBox::activated, this, &ControlChartView::controlsChanged);
    connect(m_sizeBox, &QComboBox::activated, this, &ControlChartView::controlsChanged);
    connect(m_groupByBox, &QComboBox::activated, this, &ControlChartView::controlsChanged);
    connect(m_subgroupBox, &QSpinBox::editingFinished, this, &ControlChartView::controlsChanged);
    connect(m_kBox, &QDoubleSpinBox::editingFinished, this, &ControlChartView::controlsChanged);
    // The arrows of a spin box change it at once; typing waits for Enter or leaving the field.
    connect(m_subgroupBox, &QSpinBox::valueChanged, this, [this] {
        if (!m_subgroupBox->hasFocus())
            controlsChanged();
    });
    connect(m_kBox, &QDoubleSpinBox::valueChanged, this, [this] {
        if (!m_kBox->hasFocus())
            controlsChanged();
    });
}

void ControlChartView::createActions()
{
    // Point actions work where the chart or its signal list has the focus, so the keys stay
    // free for the option fields.
    auto make = [this](const QString& text, const QList<QKeySequence>& keys, auto slot, const char* name) {
        auto* a = new QAction(text, this);
        a->setObjectName(QString::fromLatin1(name));
        a->setShortcuts(keys);
        a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        connect(a, &QAction::triggered, this, slot);
        m_canvas->addAction(a);
        m_signalList->addAction(a);
        m_actions << a;
        return a;
    };
    make(tr("Previous Point"), {QKeySequence(Qt::Key_Left)}, [this] { moveCursor(-1); }, "previousPointAction");
    make(tr("Next Point"), {QKeySequence(Qt::Key_Right)}, [this] { moveCursor(1); }, "nextPointAction");
    make(tr("First Point"), {QKeySequence(Qt::Key_Home)}, [this] { setCursorPoint(0); }, "firstPointAction");
    make(tr("Last Point"), {QKeySequence(Qt::Key_End)},
         [this] { setCursorPoint(m_result ? static_cast<int>(m_result->analysis.pointCount) - 1 : -1); },
         "lastPointAction");
    make(tr("Previous Signal"), {QKeySequence(Qt::CTRL | Qt::Key_Left)}, [this] { moveToSignal(-1); },
         "previousSignalAction");
    make(tr("Next Signal"), {QKeySequence(Qt::CTRL | Qt::Key_Right)}, [this] { moveToSignal(1); },
         "nextSignalAction");
    m_excludeAction = make(tr("E&xclude/Include Point"), {QKeySequence(Qt::Key_X)}, [this] { toggleExclusion(); },
                           "excludePointAction");
    m_stageAction = make(tr("Start &Stage Here"), {QKeySequence(Qt::Key_S)}, [this] { toggleStageStart(); },
                         "stageStartAction");
    m_lockAction = make(tr("&Lock Limits Here"), {QKeySequence(Qt::Key_L)}, [this] { toggleLockLimits(); },
                        "lockLimitsAction");
    m_noteAction = make(tr("Signal &Note..."), {QKeySequence(Qt::Key_N)}, [this] { editNote(); }, "noteAction");
    auto* csv = make(tr("Export Chart Data as &CSV..."), {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E)},
                     [this] { exportCsv(); }, "exportChartCsvAction");
    csv->setShortcutContext(Qt::WindowShortcut);   // like the window's other exports
    csv->setParent(this);
    m_canvas->removeAction(csv);
    m_signalList->removeAction(csv);
    addAction(csv);
    // The 1σ and 2σ lines (zones A, B, C of the Western Electric tests), on screen and in print.
    m_zonesAction = make(tr("Show &Zones (1σ, 2σ)"), {QKeySequence(Qt::Key_Z)},
                         [this] { setShowZones(m_zonesAction->isChecked()); }, "showZonesAction");
    m_zonesAction->setCheckable(true);
    m_canvas->setContextMenuPolicy(Qt::ActionsContextMenu);

    // The saved charts: in the view's menu and its tool bar (the chooser itself is Alt+A).
    auto chartAction = [this](const QString& text, auto slot, const char* name) {
        auto* a = new QAction(text, this);
        a->setObjectName(QString::fromLatin1(name));
        connect(a, &QAction::triggered, this, slot);
        m_actions << a;
        return a;
    };
    m_newChartAction = chartAction(tr("&New Chart..."), [this] { promptNewChart(); }, "newChartAction");
    m_renameChartAction = chartAction(tr("Re&name Chart..."), [this] { promptRenameChart(); }, "renameChartAction");
    m_deleteChartAction = chartAction(tr("&Delete Chart"), [this] { deleteChart(); }, "deleteChartAction");

    // The tool bar: short words for the actions a reviewer uses on points; every key stays as it
    // was (the moves of the cursor are keys and context-menu entries only).
    auto find = [this](const char* name) { return findChild<QAction*>(QString::fromLatin1(name)); };
    const struct {
        const char* name;
        const char* text;
    } bar[] = {
        {"newChartAction", QT_TR_NOOP("New…")},
        {"renameChartAction", QT_TR_NOOP("Rename…")},
        {"deleteChartAction", QT_TR_NOOP("Delete")},
        {nullptr, nullptr},
        {"previousSignalAction", QT_TR_NOOP("◀ Signal")},
        {"nextSignalAction", QT_TR_NOOP("Signal ▶")},
        {nullptr, nullptr},
        {"excludePointAction", QT_TR_NOOP("Exclude")},
        {"stageStartAction", QT_TR_NOOP("Stage")},
        {"lockLimitsAction", QT_TR_NOOP("Lock Limits")},
        {"noteAction", QT_TR_NOOP("Note…")},
        {nullptr, nullptr},
        {"showZonesAction", QT_TR_NOOP("Zones")},
        {"exportChartCsvAction", QT_TR_NOOP("CSV…")},
    };
    for (const auto& entry : bar) {
        if (!entry.name) {
            m_toolBar->addSeparator();
            continue;
        }
        QAction* a = find(entry.name);
        a->setIconText(tr(entry.text));
        if (!a->shortcut().isEmpty())
            a->setToolTip(tr("%1 (%2)").arg(a->text().remove(QLatin1Char('&')).remove(QStringLiteral("...")),
                                            a->shortcut().toString(QKeySequence::NativeText)));
        m_toolBar->addAction(a);
    }
}

bool ControlChartView::showZones() const { return m_zonesAction->isChecked(); }

void ControlChartView::setShowZones(bool show)
{
    m_zonesAction->setChecked(show);
    m_canvas->setShowZones(show);
    updateFigure();
}

QList<QAction*> ControlChartView::viewActions() const { return m_actions; }

const Printable* ControlChartView::printable() const
{
    return m_result && m_result->hasChart() ? m_figure.get() : nullptr;
}

void ControlChartView::updateFigure()
{
    if (!m_result || !m_result->hasChart())
        return;
    ControlChartFigure::Options options;
    const study::Study* study = m_context.study();
    if (isDataSetChart()) {
        auto info = m_document->project().dataSet(m_dataSetId);
        options.title = tr("Data set %1: %2")
                            .arg(info ? QString::fromStdString(info->name) : QString(),
                                 QString::fromStdString(m_spec.source.valueColumn));
    } else {
        const QString source = m_spec.source.kind == store::ChartSourceKind::CycleTotal
                                   ? tr("Cycle total")
                                   : m_document->stepName(m_spec.source.stepId);
        if (m_spec.source.studyIds.size() > 1) {
            // A baseline and later studies, each a stage: their dates.
            QStringList dates;
            for (const auto& s : m_context.studies())
                if (std::find(m_spec.source.studyIds.begin(), m_spec.source.studyIds.end(), s.id) !=
                    m_spec.source.studyIds.end())
                    dates << QString::fromStdString(s.date);
            options.title = tr("%1 — studies of %2").arg(source, dates.join(QStringLiteral(", ")));
        } else {
            options.title = study ? tr("%1 — %2, %3").arg(source, QString::fromStdString(study->date),
                                                          QString::fromStdString(study->observer))
                                  : source;
        }
        options.valueUnit = QStringLiteral("s");
    }
    options.stageStarts = m_result->stageStarts;
    options.showZones = showZones();
    m_figure->setOptions(options);
    m_figure->setAnalysis(m_result->analysis);
    QList<ControlChartFigure::NoteMark> marks;
    for (const auto& [point, number] : noteNumbers())
        marks.append({point, number});
    m_figure->setNotes(marks);
}

QString ControlChartView::exportCsvTo(const QString& path) const
{
    if (!m_result || !m_result->hasChart())
        return tr("There is no chart to export.");
    QStringList labels;
    for (const auto& label : m_result->pointLabels)
        labels << QString::fromStdString(label);
    return exportChartCsv(m_result->analysis, labels, path);
}

void ControlChartView::exportCsv()
{
    if (!m_result || !m_result->hasChart())
        return;
    const QString path = QFileDialog::getSaveFileName(this, tr("Export Chart Data as CSV"),
                                                      QDir::home().filePath(m_figure->printTitle() + QStringLiteral(".csv")),
                                                      tr("CSV files (*.csv)"));
    if (path.isEmpty())
        return;
    if (const QString error = exportCsvTo(path); !error.isEmpty())
        m_document->warn(error);
}

namespace {
// The view state: a tag and version, then the splitter's state and the zones toggle. A state
// without the tag is the splitter's alone (as saved before the toggle).
constexpr quint32 kStateTag = 0x47434356;   // "GCCV"
constexpr quint8 kStateVersion = 1;
} // namespace

QByteArray ControlChartView::saveViewState() const
{
    QByteArray state;
    QDataStream out(&state, QIODevice::WriteOnly);
    out << kStateTag << kStateVersion << m_splitter->saveState() << showZones();
    return state;
}

void ControlChartView::restoreViewState(const QByteArray& state)
{
    QDataStream in(state);
    quint32 tag = 0;
    quint8 version = 0;
    in >> tag >> version;
    if (tag != kStateTag || version < 1) {
        m_splitter->restoreState(state);
        return;
    }
    QByteArray splitter;
    bool zones = false;
    in >> splitter >> zones;
    if (in.status() != QDataStream::Ok)
        return;
    m_splitter->restoreState(splitter);
    setShowZones(zones);
}

bool ControlChartView::canEdit() const
{
    return !m_document->readOnly() && (studyId() != 0 || isDataSetChart());
}

QString ControlChartView::valueText(double value) const
{
    // A data set's column has no unit the project knows.
    return isDataSetChart() ? QLocale().toString(value, 'g', 6) : tr("%1 s").arg(secondsText(value));
}

study::Id ControlChartView::studyId() const
{
    return m_spec.source.studyIds.empty() ? 0 : m_spec.source.studyIds.front();
}

const store::SignalNote* ControlChartView::noteOf(PointKey key) const
{
    const auto found = std::find_if(m_spec.notes.begin(), m_spec.notes.end(),
                                    [key](const store::SignalNote& n) { return n.pointKey == key; });
    return found == m_spec.notes.end() ? nullptr : &*found;
}

void ControlChartView::push(ChangeChartCommand* command)
{
    // The stack runs redo() at once: the chart is saved and chartChanged() reloads it here.
    m_document->undoStack()->push(command);
}

void ControlChartView::loadChart()
{
    const study::Id current = m_context.studyId();
    store::ChartSpec next;
    bool chosen = false;
    if (m_chartId) {
        if (auto saved = m_document->project().chart(m_chartId); saved && showsHere(*saved)) {
            next = *saved;
            chosen = true;
            if (isDataSetChart())
                m_dataSetColumn = next.source.valueColumn;
        }
    }
    if (!chosen && isDataSetChart())
        next = ChartStore::of(m_document)->dataSetChart(m_dataSetId, m_dataSetColumn);
    else if (!chosen && current)
        next = ChartStore::of(m_document)->studyChart(current);
    m_chartId = next.id;
    // Another saved chart, or another source: the cursor and the last result were of other points.
    const bool otherChart = (next.id != 0 && m_spec.id != 0 && next.id != m_spec.id) ||
                            next.source.studyIds != m_spec.source.studyIds ||
                            next.source.dataSetId != m_spec.source.dataSetId ||
                            next.source.valueColumn != m_spec.source.valueColumn;
    m_spec = next;
    if (otherChart) {
        m_result.reset();
        m_canvas->setResult(nullptr);
        m_canvas->setCursorPoint(-1);
    }
    fillControls();
    showResult();   // notes (which need no computation) show at once; another chart says "Computing…"
    scheduleCompute();
}

void ControlChartView::fillControls()
{
    fillChartBox();
    m_filling = true;
    const bool cycleTotal = m_spec.source.kind == store::ChartSourceKind::CycleTotal;
    m_sourceBox->clear();
    for (const auto& step : m_context.steps())
        m_sourceBox->addItem(QString::fromStdString(step.name), QVariant::fromValue<qint64>(step.id));
    if (m_context.studyId())
        m_sourceBox->addItem(tr("Cycle total"), QVariant::fromValue<qint64>(0));
    // Every data set's numeric columns (a text column has nothing to chart).
    std::vector<std::string> numericColumns;   // of the chosen data set
    if (auto sets = m_document->project().dataSets()) {
        for (const auto& set : *sets)
            for (const auto& column : set.columns) {
                if (!column.numeric)
                    continue;
                m_sourceBox->addItem(tr("Data set %1: %2").arg(QString::fromStdString(set.name),
                                                                 QString::fromStdString(column.name)),
                                     QVariant::fromValue<qint64>(kDataSetEntry));
                const int i = m_sourceBox->count() - 1;
                m_sourceBox->setItemData(i, QVariant::fromValue<qint64>(set.id), kDataSetRole);
                m_sourceBox->setItemData(i, QString::fromStdString(column.name), kColumnRole);
                if (set.id == m_dataSetId)
                    numericColumns.push_back(column.name);
            }
    }
    int source = -1;
    for (int i = 0; i < m_sourceBox->count() && source < 0; ++i) {
        const qint64 step = m_sourceBox->itemData(i).toLongLong();
        if (isDataSetChart() ? step == kDataSetEntry && m_sourceBox->itemData(i, kDataSetRole).toLongLong() == m_dataSetId &&
                                   m_sourceBox->itemData(i, kColumnRole).toString().toStdString() == m_dataSetColumn
                             : step == (cycleTotal ? 0 : m_spec.source.stepId))
            source = i;
    }
    m_sourceBox->setCurrentIndex(source);
    // Attribute charts count defects or defectives: only a data set holds such counts.
    m_typeBox->clear();
    m_typeBox->addItem(tr("I-MR"), static_cast<int>(stats::ChartType::IMR));
    m_typeBox->addItem(tr("X̄-R"), static_cast<int>(stats::ChartType::XbarR));
    m_typeBox->addItem(tr("X̄-S"), static_cast<int>(stats::ChartType::XbarS));
    if (isDataSetChart()) {
        m_typeBox->addItem(tr("p"), static_cast<int>(stats::ChartType::P));
        m_typeBox->addItem(tr("np"), static_cast<int>(stats::ChartType::NP));
        m_typeBox->addItem(tr("c"), static_cast<int>(stats::ChartType::C));
        m_typeBox->addItem(tr("u"), static_cast<int>(stats::ChartType::U));
    }
    m_typeBox->setCurrentIndex(m_typeBox->findData(static_cast<int>(m_spec.type)));
    const bool subgroups = m_spec.type == stats::ChartType::XbarR || m_spec.type == stats::ChartType::XbarS;
    m_subgroupBox->setSuffix(isDataSetChart() ? tr(" rows") : tr(" cycles"));
    m_subgroupBox->setValue(m_spec.source.subgroupSize > 1 ? m_spec.source.subgroupSize : 5);
    // A data set's rows are grouped by count or by a column; a step's by cycles, study, day or
    // shift (at the chart's shift start times).
    fillGroupByBox();
    const auto by = m_spec.source.subgroupBy == store::SubgroupBy::None ? store::SubgroupBy::CycleRange
                                                                        : m_spec.source.subgroupBy;
    m_groupByBox->setVisible(subgroups);
    m_subgroupLabel->setBuddy(m_groupByBox);
    m_subgroupBox->setVisible(subgroups && by == store::SubgroupBy::CycleRange);
    m_subgroupLabel->setVisible(subgroups);
    m_shiftEdit->setText(shiftText(m_spec.source.shiftStartMinutes.empty() ? kDefaultShiftStarts
                                                                            : m_spec.source.shiftStartMinutes));
    m_shiftEdit->setVisible(subgroups && by == store::SubgroupBy::Shift && !isDataSetChart());
    fillStudiesMenu();
    m_sizeBox->clear();
    for (const auto& column : numericColumns)
        if (column != m_dataSetColumn)
            m_sizeBox->addItem(QString::fromStdString(column), QString::fromStdString(column));
    m_sizeBox->setCurrentIndex(std::max(0, m_sizeBox->findData(QString::fromStdString(m_spec.source.sizeColumn))));
    const bool sizes = m_spec.type == stats::ChartType::P || m_spec.type == stats::ChartType::NP ||
                       m_spec.type == stats::ChartType::U;
    m_sizeBox->setVisible(sizes);
    m_sizeLabel->setVisible(sizes);
    const QString rulesSpec = QString::fromStdString(m_spec.rules);
    int rules = m_rulesBox->findData(rulesSpec);
    if (rules < 0) {   // a custom set saved elsewhere (the CLI): shown as it is
        m_rulesBox->addItem(rulesSpec, rulesSpec);
        rules = m_rulesBox->count() - 1;
    }
    m_rulesBox->setCurrentIndex(rules);
    m_sigmaBox->clear();
    for (stats::SigmaMethod m : sigmaMethodsFor(m_spec.type))
        m_sigmaBox->addItem(signaltext::sigmaMethod(m), QString::fromStdString(std::string(stats::sigmaMethodName(m))));
    const std::string sigma = m_spec.sigmaMethod.empty()
                                  ? std::string(stats::sigmaMethodName(stats::defaultSigmaMethod(m_spec.type)))
                                  : m_spec.sigmaMethod;
    m_sigmaBox->setCurrentIndex(std::max(0, m_sigmaBox->findData(QString::fromStdString(sigma))));
    m_kBox->setValue(m_spec.nsigmas);
    const bool editable = canEdit();
    for (QWidget* w : std::initializer_list<QWidget*>{m_typeBox, m_subgroupBox, m_groupByBox, m_shiftEdit, m_sizeBox,
                                                      m_rulesBox, m_sigmaBox, m_kBox})
        w->setEnabled(editable);
    m_newChartAction->setEnabled(!m_document->readOnly() && (studyId() != 0 || isDataSetChart()));
    m_renameChartAction->setEnabled(editable);
    m_deleteChartAction->setEnabled(editable && m_spec.id != 0);
    m_sourceBox->setEnabled(!m_document->readOnly() && m_sourceBox->count() > 0);
    for (QAction* a : {m_excludeAction, m_stageAction, m_lockAction, m_noteAction})
        a->setEnabled(editable);
    m_filling = false;
}

void ControlChartView::controlsChanged()
{
    if (m_filling || m_document->readOnly())
        return;
    // Another data set column, or a study's source in place of a data set's (or back): that
    // source's own saved chart, not a change of this one.
    const qint64 entry = m_sourceBox->currentData().toLongLong();
    const study::Id dataSetId = entry == kDataSetEntry ? m_sourceBox->currentData(kDataSetRole).toLongLong() : 0;
    const std::string column = dataSetId ? m_sourceBox->currentData(kColumnRole).toString().toStdString() : std::string();
    if (dataSetId != m_dataSetId || column != m_dataSetColumn) {
        m_dataSetId = dataSetId;
        m_dataSetColumn = column;
        m_chartId = 0;
        loadChart();
        if (dataSetId)
            return;
        m_filling = true;   // back to the study: the step chosen, not the one its chart had
        m_sourceBox->setCurrentIndex(m_sourceBox->findData(QVariant::fromValue<qint64>(entry)));
        m_filling = false;
    }
    if (!canEdit())
        return;
    store::ChartSpec next = m_spec;
    next.type = static_cast<stats::ChartType>(m_typeBox->currentData().toInt());
    if (isDataSetChart()) {
        controlsChangedFor(next);
        return;
    }
    const study::Id stepId = m_sourceBox->currentData().toLongLong();
    next.source.kind = stepId ? store::ChartSourceKind::StepDurations : store::ChartSourceKind::CycleTotal;
    if (next.type != stats::ChartType::IMR && !stepId) {
        // Subgroups are of a step's durations (analysis::subgroupSeries): the cycle total is
        // charted as individuals.
        next.type = stats::ChartType::IMR;
    }
    next.source.stepId = stepId;
    const auto by = static_cast<store::SubgroupBy>(m_groupByBox->currentData().toInt());
    next.source.subgroupBy = next.type == stats::ChartType::IMR ? store::SubgroupBy::None : by;
    next.source.subgroupSize =
        next.source.subgroupBy == store::SubgroupBy::CycleRange ? m_subgroupBox->value() : 0;
    next.source.shiftStartMinutes.clear();
    if (next.source.subgroupBy == store::SubgroupBy::Shift) {
        const auto starts = parseShiftStarts(m_shiftEdit->text());
        if (!starts) {
            m_document->warn(tr("Shift start times: \"%1\" is not a list of times such as \"06:00, 14:00, 22:00\" "
                                "(24-hour clock, each time once).")
                                 .arg(m_shiftEdit->text()));
            fillControls();
            return;
        }
        next.source.shiftStartMinutes = *starts;
    }
    controlsChangedFor(next);
}

void ControlChartView::controlsChangedFor(store::ChartSpec next)
{
    if (isDataSetChart()) {
        const bool subgroups = next.type == stats::ChartType::XbarR || next.type == stats::ChartType::XbarS;
        // Consecutive rows, or the rows with the same value in a column ("batch", "lot").
        const auto by = static_cast<store::SubgroupBy>(m_groupByBox->currentData().toInt());
        const bool byColumn = subgroups && by == store::SubgroupBy::Column;
        next.source.subgroupBy = !subgroups ? store::SubgroupBy::None
                                 : byColumn ? store::SubgroupBy::Column
                                            : store::SubgroupBy::CycleRange;
        next.source.subgroupSize = subgroups && !byColumn ? m_subgroupBox->value() : 0;
        next.source.subgroupColumn = byColumn ? m_groupByBox->currentData(kColumnRole).toString().toStdString()
                                              : std::string();
        const bool sizes = next.type == stats::ChartType::P || next.type == stats::ChartType::NP ||
                           next.type == stats::ChartType::U;
        next.source.sizeColumn = sizes ? m_sizeBox->currentData().toString().toStdString() : std::string();
    }
    next.rules = m_rulesBox->currentData().toString().toStdString();
    next.nsigmas = m_kBox->value();
    const std::string sigma = m_sigmaBox->currentData().toString().toStdString();
    const auto method = stats::parseSigmaMethod(sigma);
    const auto methods = sigmaMethodsFor(next.type);
    // A σ method of another chart type (I-MR's mr for X̄-R) falls back to the type's default;
    // the default is saved as "" (store::ChartSpec::sigmaMethod).
    next.sigmaMethod = method && std::find(methods.begin(), methods.end(), *method) != methods.end() &&
                               *method != stats::defaultSigmaMethod(next.type)
                           ? sigma
                           : std::string();
    if (next.source.kind != m_spec.source.kind || next.source.stepId != m_spec.source.stepId ||
        next.type != m_spec.type || next.source.subgroupSize != m_spec.source.subgroupSize ||
        next.source.sizeColumn != m_spec.source.sizeColumn || next.source.subgroupBy != m_spec.source.subgroupBy ||
        next.source.subgroupColumn != m_spec.source.subgroupColumn ||
        next.source.shiftStartMinutes != m_spec.source.shiftStartMinutes) {
        // Other points: the decisions about the old ones no longer apply.
        next.exclusions.clear();
        next.stageStarts.clear();
        next.lockedLimits.reset();
        next.notes.clear();
    }
    if (next == m_spec)
        return;
    changeSpec(next, tr("Change chart options"));
}

void ControlChartView::changeSpec(const store::ChartSpec& spec, const QString& text)
{
    if (!canEdit())
        return;
    push(new ChangeChartCommand(m_document, ChangeChartCommand::Options, m_spec, spec, text));
}

void ControlChartView::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    fillControls();   // data sets imported meanwhile
    if (m_dirty)
        scheduleCompute();
}

void ControlChartView::scheduleCompute()
{
    m_dirty = true;
    if (!isVisible() || m_computeScheduled)
        return;   // a hidden view computes when it is shown
    // Coalesced: a burst of change signals (an undo restoring many rows) asks once.
    m_computeScheduled = true;
    QTimer::singleShot(0, this, &ControlChartView::compute);
}

void ControlChartView::compute()
{
    m_computeScheduled = false;
    if (!isVisible())
        return;
    m_dirty = false;
    if (!studyId() && !isDataSetChart()) {
        m_result.reset();
        showResult();
        return;
    }
    // On the document's one data worker, with its read connection: the latest request of this
    // view wins, and results are cached by (chart, revision of what it reads). A study's chart
    // reads its studies only, so an edit elsewhere (another chart saved, another study timed)
    // leaves it cached: the newest of their study revisions names their state, as each edit
    // draws a new, higher number (ProjectDocument::studyRevision). A data set never changes, but
    // its id may be taken again after a removal: its charts go by the project's revision.
    const store::ChartSpec spec = m_spec;
    quint64 revision = 0;
    if (isDataSetChart())
        revision = m_document->revision();
    for (study::Id id : spec.source.studyIds)
        revision = std::max(revision, m_document->studyRevision(id));
    const quint64 documentRevision = m_document->revision();
    std::string key = chartComputationKey(spec);
    const DataKey dataKey{QStringLiteral("control-chart"), studyId(), revision, QString::fromStdString(key)};
    m_document->dataService()->submit<ChartResult>(
        this, QStringLiteral("chart"), dataKey,
        [spec, revision, key = std::move(key)](const DataJob& job) {
            ChartResult result;
            if (!job.reader())
                result.error = job.readerError();
            else
                result = computeChart(*job.reader(), spec);   // a read transaction of its own: sees every commit before it
            result.key = key;
            result.studyId = spec.source.studyIds.empty() ? 0 : spec.source.studyIds.front();
            result.revision = revision;
            return result;
        },
        [this, documentRevision](const ChartResult& result) { onChartReady(result, documentRevision); },
        // A failure to read is worth asking about again; a chart, or the reason there is none, is not.
        [](const ChartResult& result) { return result.hasChart() || result.series != nullptr; });
}

void ControlChartView::onChartReady(const ChartResult& result, quint64 documentRevision)
{
    if (result.studyId != studyId() || result.key != chartComputationKey(m_spec))
        return;   // an answer to an earlier state of the chart; the current one is on its way
    auto shown = std::make_shared<ChartResult>(result);
    shown->revision = documentRevision;   // what the view asked at: the document's revision then
    m_result = std::move(shown);
    showResult();
}

void ControlChartView::showResult()
{
    // Times are in seconds; a data set's column has no unit the project knows.
    m_canvas->setUnit(isDataSetChart() ? QString() : QStringLiteral("s"));
    m_canvas->setResult(m_result && m_result->hasChart() ? m_result : nullptr);
    m_canvas->setNoteMarks(noteNumbers());
    if (!studyId() && !isDataSetChart())
        m_messageLabel->setText(tr("No study yet: time one (Ctrl+T) or import one (Ctrl+I), then chart it here."));
    else if (!m_result)
        m_messageLabel->setText(tr("Computing…"));
    else if (!m_result->hasChart())
        m_messageLabel->setText(m_result->pointCount() == 0
                                    ? tr("No observations of this step in the study yet: time some, and the chart "
                                         "appears here.")
                                    : tr("No chart: %1").arg(m_result->error));
    else if (m_result->omittedPoints > 0)
        m_messageLabel->setText(tr("%n point(s) not shown: incomplete cycles or subgroups of fewer than 2 values.", "",
                                   static_cast<int>(m_result->omittedPoints)));
    else
        m_messageLabel->clear();
    // Without a chart the reason stands where the chart would be; with one, under it.
    const bool chart = m_result && m_result->hasChart();
    m_canvas->setPlaceholderText(chart ? QString() : m_messageLabel->text());
    m_messageLabel->setVisible(chart && !m_messageLabel->text().isEmpty());
    m_usedLabel->setText(m_result && m_result->hasChart() ? signaltext::usedLine(m_result->analysis) : QString());
    fillSignalList();
    updateFigure();
    emit chartShown();
}

std::map<std::size_t, int> ControlChartView::noteNumbers() const
{
    std::map<std::size_t, int> numbers;
    if (!m_result)
        return numbers;
    int next = 1;
    for (std::size_t i = 0; i < m_result->pointKeys.size(); ++i)
        if (noteOf(m_result->pointKeys[i]))
            numbers[i] = next++;
    return numbers;
}

void ControlChartView::fillSignalList()
{
    m_filling = true;
    m_signalList->clear();
    if (m_result && m_result->hasChart()) {
        const auto notes = noteNumbers();
        const auto& analysis = m_result->analysis;
        for (std::size_t point = 0; point < analysis.pointCount; ++point) {
            // Every chart's tests for this point (a signal on the MR chart counts too).
            QStringList tests;
            double value = std::nan("");
            for (const auto& chart : analysis.charts) {
                const long i = ChartResult::valueIndex(chart, point);
                if (i < 0)
                    continue;
                if (&chart == &analysis.charts.front())
                    value = chart.values[static_cast<std::size_t>(i)];
                const auto mask = chart.tests[static_cast<std::size_t>(i)];
                if (!mask)
                    continue;
                const QStringList failed = signaltext::failedTests(mask, chart.rules);
                for (const QString& f : failed)
                    tests << (analysis.charts.size() > 1 ? tr("%1 chart, %2").arg(QString::fromStdString(chart.name).toUpper(), f)
                                                         : f);
            }
            const auto note = notes.find(point);
            if (tests.isEmpty() && note == notes.end())
                continue;
            QStringList lines;
            lines << (std::isfinite(value) ? tr("%1 — %2").arg(QString::fromStdString(m_result->pointLabels[point]),
                                                               valueText(value))
                                           : QString::fromStdString(m_result->pointLabels[point]));
            lines << tests;
            if (note != notes.end()) {
                const store::SignalNote& n = *noteOf(m_result->pointKeys[point]);
                lines << tr("Note [%1] %2 → %3")
                             .arg(note->second)
                             .arg(QString::fromStdString(n.assignableCause), QString::fromStdString(n.actionTaken));
            }
            auto* item = new QListWidgetItem(lines.join(QLatin1Char('\n')), m_signalList);
            item->setData(kPointRole, static_cast<int>(point));
            item->setToolTip(pointToolTip(static_cast<int>(point)));
            if (static_cast<int>(point) == m_canvas->cursorPoint())
                m_signalList->setCurrentItem(item);
        }
    }
    // A chart with nothing to list says so, naming the tests that were run.
    const bool quiet = m_result && m_result->hasChart() && m_signalList->count() == 0;
    if (quiet) {
        const stats::RuleSet& rules = m_result->analysis.charts.front().rules;
        m_noSignalsLabel->setText(
            rules.enabledTests().empty()
                ? tr("No tests were run (rule set: none): choose a rule set under Rules to look for special causes.")
                : tr("No test failed: the process shows only common-cause variation (%1).")
                      .arg(signaltext::testsUsed(rules)));
    }
    m_noSignalsLabel->setVisible(quiet);
    m_signalList->setVisible(!quiet);
    m_filling = false;
}

QString ControlChartView::usedText() const { return m_usedLabel->text(); }
QString ControlChartView::messageText() const { return m_messageLabel->text(); }
int ControlChartView::cursorPoint() const { return m_canvas->cursorPoint(); }

void ControlChartView::setCursorPoint(int point)
{
    if (!m_result || !m_result->hasChart())
        return;
    const int n = static_cast<int>(m_result->pointCount());
    point = std::clamp(point, 0, n - 1);
    m_canvas->setCursorPoint(point);
    m_filling = true;
    QListWidgetItem* current = nullptr;
    for (int i = 0; i < m_signalList->count(); ++i)
        if (m_signalList->item(i)->data(kPointRole).toInt() == point)
            current = m_signalList->item(i);
    m_signalList->setCurrentItem(current);
    m_filling = false;
}

void ControlChartView::moveCursor(int delta)
{
    setCursorPoint(m_canvas->cursorPoint() < 0 ? 0 : m_canvas->cursorPoint() + delta);
}

void ControlChartView::moveToSignal(int direction)
{
    if (!m_result || !m_result->hasChart())
        return;
    const auto& analysis = m_result->analysis;
    const long n = static_cast<long>(analysis.pointCount);
    for (long p = m_canvas->cursorPoint() + direction; p >= 0 && p < n; p += direction)
        for (const auto& chart : analysis.charts)
            if (const long i = ChartResult::valueIndex(chart, static_cast<std::size_t>(p));
                i >= 0 && chart.tests[static_cast<std::size_t>(i)]) {
                setCursorPoint(static_cast<int>(p));
                return;
            }
}

PointKey ControlChartView::cursorKey() const
{
    const int point = m_canvas->cursorPoint();
    if (!m_result || point < 0 || point >= static_cast<int>(m_result->pointKeys.size()))
        return 0;
    return m_result->pointKeys[static_cast<std::size_t>(point)];
}

QString ControlChartView::pointToolTip(int point) const
{
    if (!m_result || !m_result->hasChart() || point < 0 || point >= static_cast<int>(m_result->analysis.pointCount))
        return {};
    const auto p = static_cast<std::size_t>(point);
    QStringList lines;
    lines << tr("<b>%1</b>").arg(QString::fromStdString(m_result->pointLabels[p]).toHtmlEscaped());
    for (const auto& chart : m_result->analysis.charts) {
        const long i = ChartResult::valueIndex(chart, p);
        if (i < 0)
            continue;
        const auto j = static_cast<std::size_t>(i);
        lines << tr("%1: %2").arg(signaltext::chartTitle(chart.name), valueText(chart.values[j]));
        for (const QString& f : signaltext::failedTests(chart.tests[j], chart.rules))
            lines << QStringLiteral("&nbsp;&nbsp;") + f.toHtmlEscaped();
    }
    const auto& flags = m_result->analysis.flags;
    if (p < flags.excluded.size() && flags.excluded[p])
        lines << tr("<i>Excluded from the limits</i>");
    if (m_result->analysis.phaseOf(p) == 2)
        lines << tr("<i>Judged against the locked limits</i>");
    if (const store::SignalNote* note = noteOf(m_result->pointKeys[p]))
        lines << tr("Cause: %1").arg(QString::fromStdString(note->assignableCause).toHtmlEscaped())
              << tr("Action: %1").arg(QString::fromStdString(note->actionTaken).toHtmlEscaped());
    return lines.join(QStringLiteral("<br>"));
}

void ControlChartView::toggleExclusion()
{
    const PointKey key = cursorKey();
    if (!key || !canEdit())
        return;
    store::ChartSpec next = m_spec;
    const bool exclude = next.exclusions.erase(key) == 0;
    if (exclude)
        next.exclusions.insert(key);
    const QString label = QString::fromStdString(m_result->pointLabels[static_cast<std::size_t>(cursorPoint())]);
    push(new ChangeChartCommand(m_document, ChangeChartCommand::Exclusion, m_spec, next,
                                exclude ? tr("Exclude %1 from the limits").arg(label)
                                        : tr("Include %1 in the limits").arg(label)));
}

void ControlChartView::toggleStageStart()
{
    const PointKey key = cursorKey();
    if (!key || !canEdit() || cursorPoint() == 0)
        return;   // the first point always starts the first stage
    store::ChartSpec next = m_spec;
    const bool start = next.stageStarts.erase(key) == 0;
    if (start)
        next.stageStarts.insert(key);
    const QString label = QString::fromStdString(m_result->pointLabels[static_cast<std::size_t>(cursorPoint())]);
    push(new ChangeChartCommand(m_document, ChangeChartCommand::Stage, m_spec, next,
                                start ? tr("Start a stage at %1").arg(label) : tr("Join the stage at %1").arg(label)));
}

void ControlChartView::toggleLockLimits()
{
    if (!canEdit() || !m_result || !m_result->hasChart())
        return;
    store::ChartSpec next = m_spec;
    QString text;
    if (next.lockedLimits) {
        next.lockedLimits.reset();
        text = tr("Unlock limits");
    } else {
        const int point = cursorPoint() < 0 ? static_cast<int>(m_result->pointCount()) - 1 : cursorPoint();
        const auto p = static_cast<std::size_t>(point);
        // Core estimates phase I's limits once, here, over the series already read (a user's
        // action, as quick as the chart itself), and the numbers are kept.
        auto locked = lockAt(*m_result, m_spec, p);
        if (!locked) {
            m_document->warn(tr("The limits cannot be locked at %1: %2")
                                 .arg(QString::fromStdString(m_result->pointLabels[p]),
                                      QString::fromStdString(locked.error().message)));
            return;
        }
        next.lockedLimits = *locked;
        text = tr("Lock limits after %1").arg(QString::fromStdString(m_result->pointLabels[p]));
    }
    push(new ChangeChartCommand(m_document, ChangeChartCommand::LockLimits, m_spec, next, text));
}

void ControlChartView::setNote(int point, const QString& cause, const QString& action)
{
    if (!m_result || point < 0 || point >= static_cast<int>(m_result->pointKeys.size()))
        return;
    const auto p = static_cast<std::size_t>(point);
    setNoteOn(m_result->pointKeys[p], QString::fromStdString(m_result->pointLabels[p]), cause, action);
}

void ControlChartView::setNoteOn(PointKey key, const QString& label, const QString& cause, const QString& action)
{
    if (!canEdit())
        return;
    store::ChartSpec next = m_spec;
    auto& notes = next.notes;
    const auto found =
        std::find_if(notes.begin(), notes.end(), [key](const store::SignalNote& n) { return n.pointKey == key; });
    const bool remove = cause.trimmed().isEmpty() && action.trimmed().isEmpty();
    if (remove) {
        if (found == notes.end())
            return;
        notes.erase(found);
    } else {
        store::SignalNote note;
        note.pointKey = key;
        note.assignableCause = cause.trimmed().toStdString();
        note.actionTaken = action.trimmed().toStdString();
        note.wallUs = QDateTime::currentMSecsSinceEpoch() * 1000;
        if (found != notes.end()) {
            if (found->assignableCause == note.assignableCause && found->actionTaken == note.actionTaken)
                return;
            *found = note;
        } else {
            notes.push_back(note);
        }
    }
    push(new ChangeChartCommand(m_document, ChangeChartCommand::Note, m_spec, next,
                                remove ? tr("Remove the note on %1").arg(label) : tr("Note on %1").arg(label)));
}

void ControlChartView::editNote()
{
    if (!canEdit() || !m_result || !m_result->hasChart() || m_noteEditor)
        return;
    if (cursorPoint() < 0)
        setCursorPoint(0);
    const int point = cursorPoint();
    const PointKey key = m_result->pointKeys[static_cast<std::size_t>(point)];
    const QString label = QString::fromStdString(m_result->pointLabels[static_cast<std::size_t>(point)]);
    const store::SignalNote* existing = noteOf(key);
    auto* dialog = new QDialog(this);
    dialog->setObjectName(QStringLiteral("signalNoteEditor"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Signal Note: %1").arg(label));
    auto* about = new QLabel(pointToolTip(point), dialog);
    auto* cause = new QPlainTextEdit(dialog);
    cause->setObjectName(QStringLiteral("causeEdit"));
    cause->setTabChangesFocus(true);
    auto* action = new QPlainTextEdit(dialog);
    action->setObjectName(QStringLiteral("actionEdit"));
    action->setTabChangesFocus(true);
    if (existing) {
        cause->setPlainText(QString::fromStdString(existing->assignableCause));
        action->setPlainText(QString::fromStdString(existing->actionTaken));
    }
    auto* form = new QFormLayout;
    auto* causeLabel = new QLabel(tr("Assignable &cause:"), dialog);
    causeLabel->setBuddy(cause);
    auto* actionLabel = new QLabel(tr("&Action taken:"), dialog);
    actionLabel->setBuddy(action);
    form->addRow(causeLabel, cause);
    form->addRow(actionLabel, action);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, dialog);
    QPushButton* remove = buttons->addButton(tr("&Remove Note"), QDialogButtonBox::DestructiveRole);
    remove->setEnabled(existing != nullptr);
    auto* layout = new QVBoxLayout(dialog);
    layout->addWidget(about);
    layout->addLayout(form);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, dialog, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
    // By the point's key: the chart may be recomputed while the editor is open.
    connect(remove, &QPushButton::clicked, dialog, [this, dialog, key, label] {
        setNoteOn(key, label, {}, {});
        dialog->reject();
    });
    connect(dialog, &QDialog::accepted, this, [this, key, label, cause, action] {
        setNoteOn(key, label, cause->toPlainText(), action->toPlainText());
    });
    connect(dialog, &QDialog::finished, m_canvas, qOverload<>(&QWidget::setFocus));
    m_noteEditor = dialog;
    dialog->resize(460, 320);
    dialog->open();
    cause->setFocus();
}

// ---- Several saved charts of a study or data set -------------------------------------------

bool ControlChartView::showsHere(const store::ChartSpec& chart) const
{
    if (isDataSetChart())
        return chart.source.kind == store::ChartSourceKind::DataSetColumn && chart.source.dataSetId == m_dataSetId;
    const study::Id current = m_context.studyId();
    const auto& ids = chart.source.studyIds;
    return current != 0 && chart.source.kind != store::ChartSourceKind::DataSetColumn &&
           std::find(ids.begin(), ids.end(), current) != ids.end();
}

QString ControlChartView::chartName(const store::ChartSpec& chart) const
{
    if (!chart.title.empty())
        return QString::fromStdString(chart.title);
    // Untitled (the first chart of a study, saved by its first change): what it shows.
    QString what;
    if (chart.source.kind == store::ChartSourceKind::DataSetColumn)
        what = QString::fromStdString(chart.source.valueColumn);
    else if (chart.source.kind == store::ChartSourceKind::CycleTotal)
        what = tr("cycle total");
    else
        what = m_document->stepName(chart.source.stepId);
    QString name = tr("%1 of %2").arg(typeName(chart.type), what);
    if (chart.source.studyIds.size() > 1)
        name = tr("%1, %n studies", "", static_cast<int>(chart.source.studyIds.size())).arg(name);
    return name;
}

void ControlChartView::fillChartBox()
{
    const bool filling = m_filling;
    m_filling = true;
    m_chartBox->clear();
    std::vector<store::ChartSpec> charts;
    ChartStore* store = ChartStore::of(m_document);
    if (isDataSetChart())
        charts = store->chartsOfDataSet(m_dataSetId);
    else if (m_context.studyId())
        charts = store->chartsOfStudy(m_context.studyId());
    const bool hasSource = isDataSetChart() || m_context.studyId() != 0;
    if (hasSource && m_spec.id == 0)   // the default chart, saved by its first change
        m_chartBox->addItem(tr("%1 (not saved yet)").arg(chartName(m_spec)), QVariant::fromValue<qint64>(0));
    for (const auto& chart : charts)
        m_chartBox->addItem(chartName(chart), QVariant::fromValue<qint64>(chart.id));
    if (hasSource) {
        if (m_chartBox->count() > 0)
            m_chartBox->insertSeparator(m_chartBox->count());
        m_chartBox->addItem(tr("New Chart…"), QVariant::fromValue<qint64>(kNewChartEntry));
    }
    m_chartBox->setCurrentIndex(m_chartBox->findData(QVariant::fromValue<qint64>(m_spec.id)));
    m_chartBox->setEnabled(hasSource);
    m_filling = filling;
}

void ControlChartView::chartChosen()
{
    if (m_filling)
        return;
    const qint64 id = m_chartBox->currentData().toLongLong();
    if (id == kNewChartEntry) {
        fillChartBox();   // the chart shown stays chosen until a new one is added
        promptNewChart();
        return;
    }
    showChart(id);
}

void ControlChartView::showChart(study::Id chartId)
{
    if (chartId == m_spec.id)
        return;
    auto chart = m_document->project().chart(chartId);
    if (!chart || !showsHere(*chart))
        return;
    m_chartId = chartId;
    loadChart();
}

study::Id ControlChartView::newChart(const QString& title)
{
    if (m_document->readOnly() || (!studyId() && !isDataSetChart()))
        return 0;
    // The source, type and options of the chart shown; its decisions are about its own points.
    store::ChartSpec spec = m_spec;
    spec.id = 0;
    spec.title = title.trimmed().toStdString();
    spec.exclusions.clear();
    spec.stageStarts.clear();
    spec.lockedLimits.reset();
    spec.notes.clear();
    spec.specLimits = {};
    const study::Id before = m_chartId;
    // The document announces the chart (chartAdded), and the view shows it.
    m_document->undoStack()->push(new AddChartCommand(m_document, spec));
    return m_chartId != before ? m_chartId : 0;
}

void ControlChartView::promptNewChart()
{
    if (!m_newChartAction->isEnabled())
        return;
    bool ok = false;
    const int count = std::max(1, m_chartBox->count() - 1);   // less "New Chart…"
    const QString title = QInputDialog::getText(this, tr("New Chart"), tr("Name of the new chart:"), QLineEdit::Normal,
                                                tr("Chart %1").arg(count + (m_spec.id == 0 ? 0 : 1)), &ok);
    if (ok)
        newChart(title);
}

void ControlChartView::renameChart(const QString& title)
{
    if (!canEdit())
        return;
    store::ChartSpec next = m_spec;
    next.title = title.trimmed().toStdString();
    if (next == m_spec)
        return;
    push(new ChangeChartCommand(m_document, ChangeChartCommand::Options, m_spec, next,
                                tr("Rename chart to %1").arg(title.trimmed())));
}

void ControlChartView::promptRenameChart()
{
    if (!canEdit())
        return;
    bool ok = false;
    const QString title = QInputDialog::getText(this, tr("Rename Chart"), tr("Name of the chart:"), QLineEdit::Normal,
                                                chartName(m_spec), &ok);
    if (ok)
        renameChart(title);
}

void ControlChartView::deleteChart()
{
    if (!canEdit() || m_spec.id == 0)
        return;
    // Undoable, so no question asked: Ctrl+Z brings it back with its notes and decisions.
    m_document->undoStack()->push(new RemoveChartCommand(m_document, m_spec));
}

void ControlChartView::setStudies(std::vector<study::Id> studyIds)
{
    const study::Id current = m_context.studyId();
    if (!canEdit() || isDataSetChart() || !current)
        return;
    if (std::find(studyIds.begin(), studyIds.end(), current) == studyIds.end())
        studyIds.push_back(current);
    // Baseline first: in order of date, then of id (the order they were made in), and only the
    // studies of the current process (Project::addChart refuses a mix).
    std::vector<std::pair<std::string, study::Id>> order;
    for (const auto& s : m_context.studies())
        if (std::find(studyIds.begin(), studyIds.end(), s.id) != studyIds.end())
            order.emplace_back(s.date, s.id);
    std::sort(order.begin(), order.end());
    store::ChartSpec next = m_spec;
    next.source.studyIds.clear();
    for (const auto& [date, id] : order)
        next.source.studyIds.push_back(id);
    if (next.source.studyIds == m_spec.source.studyIds)
        return;
    // The points of the studies already charted keep their keys (observation, cycle or first
    // observation ids), so exclusions, stages, locked limits and notes stay on them.
    push(new ChangeChartCommand(m_document, ChangeChartCommand::Options, m_spec, next,
                                tr("Chart %n studies", "", static_cast<int>(next.source.studyIds.size()))));
}

void ControlChartView::fillStudiesMenu()
{
    m_studiesMenu->clear();
    const study::Id current = m_context.studyId();
    const auto& studies = m_context.studies();
    const auto& ids = m_spec.source.studyIds;
    for (const auto& s : studies) {
        QString text = QString::fromStdString(s.date);
        if (!s.observer.empty())
            text += QLatin1Char(' ') + QString::fromStdString(s.observer);
        if (s.id == current)
            text = tr("%1 (this study)").arg(text);
        QAction* a = m_studiesMenu->addAction(text);
        a->setCheckable(true);
        a->setChecked(std::find(ids.begin(), ids.end(), s.id) != ids.end());
        a->setEnabled(s.id != current);   // the chart of a study always shows it
        a->setData(QVariant::fromValue<qint64>(s.id));
        // Queued: the change rebuilds this menu, and so deletes the action that asked for it.
        connect(a, &QAction::toggled, this, [this] {
            std::vector<study::Id> chosen;
            for (QAction* entry : m_studiesMenu->actions())
                if (entry->isChecked())
                    chosen.push_back(entry->data().toLongLong());
            setStudies(chosen);
        }, Qt::QueuedConnection);
    }
    const int n = static_cast<int>(std::max<std::size_t>(1, ids.size()));
    m_studiesButton->setText(n == 1 ? tr("This study only") : tr("%n studies as stages", "", n));
    m_studiesButton->setVisible(!isDataSetChart() && current != 0);
    m_studiesButton->setEnabled(canEdit() && studies.size() > 1);
}

void ControlChartView::fillGroupByBox()
{
    const auto by = m_spec.source.subgroupBy == store::SubgroupBy::None ? store::SubgroupBy::CycleRange
                                                                        : m_spec.source.subgroupBy;
    m_groupByBox->clear();
    if (isDataSetChart()) {
        m_groupByBox->addItem(tr("consecutive rows"), static_cast<int>(store::SubgroupBy::CycleRange));
        // Any other column, text or numbers: rows with the same value form one subgroup.
        if (auto info = m_document->project().dataSet(m_dataSetId))
            for (const auto& column : info->columns) {
                if (column.name == m_dataSetColumn)
                    continue;
                m_groupByBox->addItem(tr("column %1").arg(QString::fromStdString(column.name)),
                                      static_cast<int>(store::SubgroupBy::Column));
                m_groupByBox->setItemData(m_groupByBox->count() - 1, QString::fromStdString(column.name), kColumnRole);
            }
    } else {
        m_groupByBox->addItem(tr("consecutive cycles"), static_cast<int>(store::SubgroupBy::CycleRange));
        m_groupByBox->addItem(tr("study"), static_cast<int>(store::SubgroupBy::Study));
        m_groupByBox->addItem(tr("day"), static_cast<int>(store::SubgroupBy::Day));
        m_groupByBox->addItem(tr("shift"), static_cast<int>(store::SubgroupBy::Shift));
    }
    int index = 0;
    for (int i = 0; i < m_groupByBox->count(); ++i)
        if (m_groupByBox->itemData(i).toInt() == static_cast<int>(by) &&
            (by != store::SubgroupBy::Column ||
             m_groupByBox->itemData(i, kColumnRole).toString().toStdString() == m_spec.source.subgroupColumn))
            index = i;
    m_groupByBox->setCurrentIndex(index);
}

QString ControlChartView::noSignalsText() const { return m_noSignalsLabel->isVisibleTo(this) ? m_noSignalsLabel->text() : QString(); }

} // namespace gemba::ui
