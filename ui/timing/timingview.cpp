// The stopwatch at the gemba: a very large clock, the step being timed and the next one, the
// cycle, a big lap button, and every action on one key.
#include "timing/timingview.h"

#include "theme.h"

#include "charts/chartcanvas.h"
#include "charts/chartcomputation.h"
#include "charts/signaltext.h"
#include "models/summarymodel.h"
#include "projectdocument.h"
#include "study/rating.h"
#include "study/stopwatchsession.h"

#include <QAbstractSpinBox>
#include <QApplication>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTableView>
#include <QTextEdit>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <limits>

namespace gemba::ui {
namespace {

constexpr char kToneProperty[] = "gembaTone";
constexpr int kRatingRefusedShownMs = 6000;

QString clockString(std::int64_t us)
{
    const std::int64_t tenths = us / 100'000;
    const std::int64_t minutes = tenths / 600;
    const std::int64_t seconds = tenths / 10 % 60;
    return QStringLiteral("%1:%2.%3")
        .arg(minutes, 2, 10, QLatin1Char('0'))
        .arg(seconds, 2, 10, QLatin1Char('0'))
        .arg(tenths % 10);
}

bool isTextInput(const QObject* o)
{
    return qobject_cast<const QLineEdit*>(o) || qobject_cast<const QTextEdit*>(o) ||
           qobject_cast<const QPlainTextEdit*>(o) || qobject_cast<const QAbstractSpinBox*>(o);
}

bool isLapKey(int key) { return key == Qt::Key_Space || key == Qt::Key_Return || key == Qt::Key_Enter; }

QLabel* bigLabel(QWidget* parent, int pointSize, bool bold, const char* name)
{
    auto* l = new QLabel(parent);
    QFont f = l->font();
    f.setPointSize(pointSize);
    f.setBold(bold);
    l->setFont(f);
    l->setObjectName(QString::fromLatin1(name));
    return l;
}

} // namespace

TimingView::TimingView(ProjectDocument* document, study::Study study, QWidget* parent, const study::Clock* clock)
    : QWidget(parent)
    , m_document(document)
    , m_study(std::move(study))
    , m_ownClock(clock ? nullptr : std::make_unique<study::SystemClock>())
    , m_clock(clock ? clock : m_ownClock.get())
{
    qRegisterMetaType<study::ClockReading>();
    qRegisterMetaType<CaptureWorker::Event>();
    setObjectName(QStringLiteral("timingView"));
    setFocusPolicy(Qt::StrongFocus);
    buildUi();

    const auto& steps = m_document->steps(m_study.processId);
    for (std::size_t i : study::StopwatchSession::occasionalSteps(steps))
        m_occasionalChoices.emplace_back(steps[i].id, QString::fromStdString(steps[i].name));
    m_worker = new CaptureWorker(m_document->path(), m_study, steps);
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(m_worker, &CaptureWorker::acknowledged, this, &TimingView::onAcknowledged);
    connect(m_worker, &CaptureWorker::failed, this, &TimingView::onFailed);
    connect(m_worker, &CaptureWorker::opened, this, [this](const QString& error) {
        if (!error.isEmpty()) {
            QMessageBox::warning(this, tr("Timing"), tr("Could not open the project for timing:\n%1").arg(error));
            emit finished();
        }
    });
    m_thread.setObjectName(QStringLiteral("capture"));
    m_thread.start();
    QMetaObject::invokeMethod(m_worker, &CaptureWorker::open, Qt::QueuedConnection);

    qApp->installEventFilter(this);
    m_liveChartTimer.setSingleShot(true);
    m_liveChartTimer.setInterval(0);
    connect(&m_liveChartTimer, &QTimer::timeout, this, &TimingView::updateLiveChart);
    connect(&m_timer, &QTimer::timeout, this, &TimingView::refresh);
    m_timer.start(50);
    refresh();
}

TimingView::~TimingView()
{
    qApp->removeEventFilter(this);
    // Let the worker finish every event already sent (they are queued in order) before its
    // thread stops, so no key press is lost when the view closes.
    QMetaObject::invokeMethod(m_worker, [] {}, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

void TimingView::buildUi()
{
    // Dark, so the clock reads at arm's length on the floor; every other colour is derived
    // from these two (toneColour), so no state can leave the clock unreadable.
    setAutoFillBackground(true);
    setPalette(Theme::stopwatchPalette(palette()));

    m_cycleLabel = bigLabel(this, 22, true, "cycleLabel");
    m_statusLabel = bigLabel(this, 18, false, "statusLabel");
    m_clockLabel = bigLabel(this, 96, true, "clockLabel");
    m_clockLabel->setAlignment(Qt::AlignCenter);
    QFont mono = m_clockLabel->font();
    mono.setFamily(QStringLiteral("DejaVu Sans Mono"));
    mono.setStyleHint(QFont::Monospace);
    m_clockLabel->setFont(mono);
    m_stepLabel = bigLabel(this, 36, true, "stepLabel");
    m_stepLabel->setAlignment(Qt::AlignCenter);
    m_stepLabel->setWordWrap(true);
    m_nextLabel = bigLabel(this, 18, false, "nextLabel");
    m_nextLabel->setAlignment(Qt::AlignCenter);
    m_lastLabel = bigLabel(this, 16, false, "lastLabel");
    m_lastLabel->setAlignment(Qt::AlignCenter);
    m_ratingLabel = bigLabel(this, 18, true, "ratingLabel");
    m_ratingLabel->setAlignment(Qt::AlignCenter);
    m_pickerLabel = bigLabel(this, 18, false, "occasionalPicker");
    m_pickerLabel->setAlignment(Qt::AlignCenter);
    m_pickerLabel->setWordWrap(true);
    m_pickerLabel->setFrameShape(QFrame::Box);
    m_pickerLabel->setMargin(8);
    // Its room is kept while hidden, so opening the picker never moves the clock.
    m_pickerLabel->setMinimumHeight(2 * m_pickerLabel->fontMetrics().lineSpacing() + 2 * 8 + 4);
    QSizePolicy pickerPolicy(QSizePolicy::Ignored, QSizePolicy::Fixed);
    pickerPolicy.setRetainSizeWhenHidden(true);
    m_pickerLabel->setSizePolicy(pickerPolicy);
    m_pickerLabel->hide();
    m_statusLabel->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    // Messages of any length must not widen the column and make the clock jump: these
    // labels take the width the layout gives them.
    for (QLabel* l : {m_statusLabel, m_stepLabel, m_nextLabel, m_lastLabel, m_ratingLabel})
        l->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_lapButton = new QPushButton(tr("LAP  (Space)"), this);
    m_lapButton->setObjectName(QStringLiteral("lapButton"));
    m_lapButton->setFocusPolicy(Qt::NoFocus);
    m_lapButton->setMinimumHeight(90);
    QFont bf = m_lapButton->font();
    bf.setPointSize(28);
    bf.setBold(true);
    m_lapButton->setFont(bf);
    // Amber on the stopwatch palette (Theme::stopwatchPalette), not a style sheet.
    m_lapButton->setAutoFillBackground(true);
    connect(m_lapButton, &QPushButton::clicked, this, &TimingView::lap);

    m_noteEdit = new QLineEdit(this);
    m_noteEdit->setObjectName(QStringLiteral("noteEdit"));
    m_noteEdit->setPlaceholderText(tr("Note for the step being timed; Enter saves, Esc cancels"));
    m_noteEdit->hide();

    m_keysLabel = new QLabel(tr("Space/Enter lap · P pause · S skip · F foreign element · O occasional element · "
                                "A abnormal · N note · "
                                "digits rating (Backspace/Del correct it) · Backspace undo lap · Esc then E end study"),
                             this);
    m_keysLabel->setObjectName(QStringLiteral("keysLabel"));
    m_keysLabel->setAlignment(Qt::AlignCenter);
    m_keysLabel->setWordWrap(true);
    m_keysLabel->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);

    setTone(m_clockLabel, Tone::Normal);
    setTone(m_nextLabel, Tone::Secondary);
    setTone(m_keysLabel, Tone::Secondary);
    setTone(m_lastLabel, Tone::Ok);
    setTone(m_pickerLabel, Tone::Pending);

    m_summary = new SummaryModel(this);
    m_summaryView = new QTableView(this);
    m_summaryView->setObjectName(QStringLiteral("timingSummaryView"));
    m_summaryView->setModel(m_summary);
    m_summaryView->setFocusPolicy(Qt::NoFocus);
    m_summaryView->setSelectionMode(QAbstractItemView::NoSelection);
    m_summaryView->verticalHeader()->hide();
    for (int c : {SummaryModel::Kind, SummaryModel::PerCycle, SummaryModel::Sd, SummaryModel::Cv, SummaryModel::Min,
                  SummaryModel::Max, SummaryModel::Selected, SummaryModel::Normal, SummaryModel::Allowance,
                  SummaryModel::Standard, SummaryModel::StandardPerCycle})
        m_summaryView->hideColumn(c);
    m_summaryView->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_summaryView->horizontalHeader()->setSectionResizeMode(SummaryModel::Step, QHeaderView::Stretch);
    m_summaryView->setMaximumWidth(430);

    auto* top = new QHBoxLayout;
    top->addWidget(m_cycleLabel);
    top->addSpacing(24);
    top->addWidget(m_statusLabel, 1);

    auto* centre = new QVBoxLayout;
    centre->addLayout(top);
    centre->addStretch();
    centre->addWidget(m_clockLabel);
    centre->addWidget(m_stepLabel);
    centre->addWidget(m_nextLabel);
    centre->addSpacing(12);
    centre->addWidget(m_ratingLabel);   // under the step it rates
    centre->addWidget(m_pickerLabel);
    centre->addStretch();
    centre->addWidget(m_lastLabel);
    centre->addWidget(m_noteEdit);
    centre->addWidget(m_lapButton);
    centre->addWidget(m_keysLabel);

    m_liveChartLabel = new QLabel(this);
    m_liveChartLabel->setObjectName(QStringLiteral("liveChartLabel"));
    m_liveChartLabel->setWordWrap(true);
    m_liveChartLabel->setMaximumWidth(430);
    setTone(m_liveChartLabel, Tone::Secondary);
    m_liveChart = new ChartCanvas(this);
    m_liveChart->setObjectName(QStringLiteral("liveChart"));
    m_liveChart->setCompact(true);
    m_liveChart->setFocusPolicy(Qt::NoFocus);
    m_liveChart->setMaximumWidth(430);
    m_liveChart->setMinimumHeight(140);

    auto* side = new QVBoxLayout;
    side->addWidget(m_summaryView, 3);
    side->addWidget(m_liveChartLabel);
    side->addWidget(m_liveChart, 2);

    auto* layout = new QHBoxLayout(this);
    layout->addLayout(centre, 3);
    layout->addLayout(side, 2);
}

QColor TimingView::toneColour(Tone tone, const QPalette& palette)
{
    // One set of state colours for the program (theme.h), readable on this palette's window.
    Theme::State state = Theme::State::Normal;
    switch (tone) {
    case Tone::Normal: state = Theme::State::Normal; break;
    case Tone::Secondary: state = Theme::State::Secondary; break;
    case Tone::Ended: state = Theme::State::Ended; break;
    case Tone::Paused:
    case Tone::Pending:
    case Tone::Warning: state = Theme::State::Attention; break;   // waiting for / needs the observer
    case Tone::Foreign: state = Theme::State::Foreign; break;     // time kept out of the step
    case Tone::Ok: state = Theme::State::Ok; break;
    case Tone::Error: state = Theme::State::Error; break;
    }
    return Theme::stateColour(state, palette);
}

void TimingView::setTone(QLabel* label, Tone tone)
{
    // A palette, never a per-state style sheet: clearing a label's style sheet drops the
    // palette it inherited, and the 96-pt clock turned black on the dark window.
    const QVariant old = label->property(kToneProperty);
    if (old.isValid() && old.toInt() == static_cast<int>(tone))
        return;
    label->setProperty(kToneProperty, static_cast<int>(tone));
    QPalette pal = label->palette();
    pal.setColor(QPalette::WindowText, toneColour(tone, palette()));
    label->setPalette(pal);
}

void TimingView::applyTones()
{
    for (QLabel* label : findChildren<QLabel*>()) {
        const QVariant tone = label->property(kToneProperty);
        if (!tone.isValid())
            continue;
        QPalette pal = label->palette();
        pal.setColor(QPalette::WindowText, toneColour(static_cast<Tone>(tone.toInt()), palette()));
        label->setPalette(pal);
    }
}

void TimingView::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        applyTones();
}

bool TimingView::eventFilter(QObject* watched, QEvent* event)
{
    if (event->type() != QEvent::KeyPress || !isVisible())
        return QWidget::eventFilter(watched, event);
    // Keys work whichever widget has the focus, except a text field being typed in; the
    // window's own shortcuts (Ctrl+...) pass through.
    auto* key = static_cast<QKeyEvent*>(event);
    if (m_endQuestion && QApplication::activeModalWidget() == m_endQuestion && isLapKey(key->key())) {
        // "End this study?" is up and the observer keeps lapping: keep timing and take the lap
        // at this moment. Never an answer of "end".
        if (!key->isAutoRepeat() && !m_lapWhileAsking) {
            m_lapWhileAsking = m_clock->now();
            if (QAbstractButton* keep = m_endQuestion->escapeButton())
                keep->click();
        }
        return true;
    }
    if (watched == m_noteEdit) {
        // Handled here: QLineEdit lets Return travel on to its parent, which would take a lap.
        if (key->key() == Qt::Key_Escape) {
            cancelNote();
            return true;
        }
        if (key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) {
            commitNote();
            return true;
        }
    }
    // Not while a dialog, a menu or a combo box's list is up, or another window has the keyboard.
    if (QApplication::activeModalWidget() || QApplication::activePopupWidget() ||
        (QApplication::activeWindow() && QApplication::activeWindow() != window()))
        return QWidget::eventFilter(watched, event);
    if (isTextInput(watched) || isTextInput(QApplication::focusWidget()) ||
        (key->modifiers() & (Qt::ControlModifier | Qt::AltModifier)))
        return QWidget::eventFilter(watched, event);
    return handleKey(key);
}

bool TimingView::handleKey(QKeyEvent* key)
{
    if (m_pickerAt)
        return handlePickerKey(key);
    if (key->isAutoRepeat()) {
        // A held key must not take a burst of laps.
        return isLapKey(key->key()) || key->key() == Qt::Key_Backspace;
    }
    if (handleRatingKey(key))
        return true;
    switch (key->key()) {
    case Qt::Key_Space:
    case Qt::Key_Return:
    case Qt::Key_Enter: lap(); return true;
    case Qt::Key_P:
        // Decided from what was asked last, not from the session, which may not have seen the
        // previous P yet: two quick presses must pause and resume, not pause twice.
        send(m_pauseRequested ? CaptureWorker::Event::Resume : CaptureWorker::Event::Pause);
        m_pauseRequested = !m_pauseRequested;
        return true;
    case Qt::Key_S:
        flushRating();
        send(CaptureWorker::Event::Skip);
        return true;
    case Qt::Key_F:
        flushRating();
        send(CaptureWorker::Event::Foreign);
        return true;
    case Qt::Key_O: occasionalKey(); return true;
    case Qt::Key_A: send(CaptureWorker::Event::Abnormal); return true;
    case Qt::Key_N: startNote(); return true;
    case Qt::Key_Backspace: send(CaptureWorker::Event::Undo); return true;
    case Qt::Key_Escape: askToEnd(); return true;
    default: break;
    }
    return false;
}

bool TimingView::handleRatingKey(QKeyEvent* key)
{
    const int k = key->key();
    if (k >= Qt::Key_0 && k <= Qt::Key_9) {
        m_ratingRefused.clear();
        m_ratingBuffer += QChar(u'0' + (k - Qt::Key_0));
        if (m_ratingBuffer.size() >= 3)
            flushRating();
        showRating();
        return true;
    }
    if (!m_ratingBuffer.isEmpty()) {
        // A rating being typed owns the correction keys, so they never touch a lap.
        if (k == Qt::Key_Backspace) {
            m_ratingBuffer.chop(1);
            showRating();
            return true;
        }
        if (k == Qt::Key_Delete || k == Qt::Key_Escape) {
            m_ratingBuffer.clear();
            showRating();
            return true;
        }
        return false;
    }
    if (k == Qt::Key_Delete) {
        // Nothing being typed: Delete takes back the rating given to the element in progress.
        if (m_ratingInSession)
            send(CaptureWorker::Event::Rating, {}, std::numeric_limits<double>::quiet_NaN());
        return true;
    }
    return false;
}

void TimingView::flushRating()
{
    if (m_ratingBuffer.isEmpty())
        return;
    const int rating = m_ratingBuffer.toInt();
    m_ratingBuffer.clear();
    if (!study::isPlausibleRating(rating)) {
        m_ratingRefused = tr("Rating %1 % refused: %2-%3 %").arg(rating)
                              .arg(study::kMinRatingPercent)
                              .arg(study::kMaxRatingPercent);
        m_ratingRefusedUntil = QDeadlineTimer(kRatingRefusedShownMs);
        showRating();
        return;
    }
    send(CaptureWorker::Event::Rating, {}, rating);
    showRating();
}

void TimingView::showRating()
{
    if (!m_ratingBuffer.isEmpty()) {
        m_ratingLabel->setText(tr("Rating %1_ % (typing)").arg(m_ratingBuffer));
        setTone(m_ratingLabel, Tone::Pending);
    } else if (!m_ratingRefused.isEmpty() && !m_ratingRefusedUntil.hasExpired()) {
        m_ratingLabel->setText(m_ratingRefused);
        setTone(m_ratingLabel, Tone::Error);
    } else if (m_ratingInSession) {
        m_ratingLabel->setText(tr("Rating %1 %").arg(*m_ratingInSession));
        setTone(m_ratingLabel, Tone::Normal);
    } else {
        m_ratingRefused.clear();
        m_ratingLabel->clear();
    }
}

void TimingView::send(CaptureWorker::Event event, const QString& text, double number)
{
    // The moment of the key press, not of the commit: a slow disk must not stretch a step.
    send(event, m_clock->now(), text, number);
}

void TimingView::send(CaptureWorker::Event event, const study::ClockReading& at, const QString& text, double number)
{
    if (m_ending && event != CaptureWorker::Event::End)
        return;
    ++m_pending;
    QMetaObject::invokeMethod(m_worker, "handle", Qt::QueuedConnection, Q_ARG(gemba::ui::CaptureWorker::Event, event),
                              Q_ARG(gemba::study::ClockReading, at), Q_ARG(QString, text), Q_ARG(double, number));
    refresh();
}

void TimingView::lap()
{
    if (m_pickerAt)   // the lap button while the picker is open: see the header
        return;
    lapAt(m_clock->now());
}

void TimingView::occasionalKey()
{
    flushRating();
    if (m_occasionalRequested) {
        send(CaptureWorker::Event::OccasionalEnd);
        m_occasionalRequested = false;
        return;
    }
    if (m_occasionalChoices.empty()) {
        m_lastLabel->setText(tr("This process has no occasional elements: mark a step as occasional in the "
                                "process steps (Ctrl+1)"));
        setTone(m_lastLabel, Tone::Warning);
        return;
    }
    if (m_occasionalChoices.size() == 1) {
        send(CaptureWorker::Event::OccasionalStart, {}, static_cast<double>(m_occasionalChoices.front().first));
        m_occasionalRequested = true;
        return;
    }
    // The element began when O was pressed, not when its number is found.
    m_pickerAt = m_clock->now();
    QStringList items;
    const std::size_t shown = std::min<std::size_t>(m_occasionalChoices.size(), 9);
    for (std::size_t i = 0; i < shown; ++i)
        items << tr("%1  %2").arg(i + 1).arg(m_occasionalChoices[i].second);
    m_pickerLabel->setText(tr("Occasional element: press its number (Esc cancels)\n%1")
                               .arg(items.join(QStringLiteral("   ·   "))));
    m_pickerLabel->show();
}

bool TimingView::handlePickerKey(QKeyEvent* key)
{
    // The picker owns the keyboard (see the header): every key ends here.
    if (key->isAutoRepeat())
        return true;
    const int k = key->key();
    if (k == Qt::Key_Escape || k == Qt::Key_O) {
        closePicker();
        return true;
    }
    if (k >= Qt::Key_1 && k <= Qt::Key_9) {
        const auto index = static_cast<std::size_t>(k - Qt::Key_1);
        if (index < m_occasionalChoices.size()) {
            const study::ClockReading at = *m_pickerAt;
            closePicker();
            send(CaptureWorker::Event::OccasionalStart, at, {}, static_cast<double>(m_occasionalChoices[index].first));
            m_occasionalRequested = true;
        }
    }
    return true;
}

void TimingView::closePicker()
{
    m_pickerAt.reset();
    m_pickerLabel->hide();
    m_pickerLabel->clear();
}

void TimingView::lapAt(const study::ClockReading& at)
{
    // A rating cut short by the lap is judged as typed (see the header); the lap is taken
    // either way.
    flushRating();
    send(CaptureWorker::Event::Lap, at, {}, 0);
}

void TimingView::onAcknowledged(CaptureWorker::Event event, const QString& summary, bool paused, bool leftOut)
{
    Q_UNUSED(paused)
    --m_pending;
    // A lap stored excluded (the laptop slept) is recorded, but not as the observer expects:
    // no tick, and the warning colour, so it is noticed before the next lap replaces it.
    m_lastLabel->setText(leftOut ? summary : summary + QStringLiteral("  ✓"));
    setTone(m_lastLabel, leftOut ? Tone::Warning : Tone::Ok);
    m_summaryStale = true;   // taken on the next frame the worker is not writing
    refresh();
    emit acknowledged();
    if (event == CaptureWorker::Event::End)
        emit finished();
}

void TimingView::updateLiveChart()
{
    // Core's I chart of the values (Western Electric rules, σ by MR̄/d2): drawn, not computed here.
    auto series = std::make_shared<analysis::FlaggedSeries>();
    series->series.values = m_liveValues;
    for (std::size_t i = 0; i < m_liveValues.size(); ++i) {
        series->series.pointKeys.push_back(static_cast<PointKey>(i + 1));
        series->series.pointLabels.push_back(tr("lap %1").arg(i + 1).toStdString());
    }
    // A named default spec, not a temporary: GCC 12 at -O3 takes the temporary's strings for
    // uninitialised (-Wmaybe-uninitialized, a false positive) and CI builds with -Werror.
    static const store::ChartSpec kLiveChartSpec;
    auto result = std::make_shared<ChartResult>(chartFromSeries(std::move(series), kLiveChartSpec));
    const std::size_t n = m_liveValues.size();
    if (m_liveStepName.isEmpty())
        m_liveChartLabel->clear();
    else if (!result->hasChart())
        m_liveChartLabel->setText(tr("%1: %2 timed; the chart starts with two").arg(m_liveStepName).arg(n));
    else {
        const auto& chart = result->analysis.charts.front();
        int signalCount = 0;
        for (auto mask : chart.tests)
            signalCount += mask ? 1 : 0;
        m_liveChartLabel->setText(tr("%1: %2 timed, mean %3 s, %4 signals")
                                      .arg(m_liveStepName)
                                      .arg(n)
                                      .arg(QLocale().toString(chart.center, 'f', 2))
                                      .arg(signalCount));
    }
    m_liveChart->setResult(result->hasChart() ? std::shared_ptr<const ChartResult>(std::move(result)) : nullptr);
}

QString TimingView::liveChartText() const { return m_liveChartLabel->text(); }

void TimingView::onFailed(CaptureWorker::Event event, const QString& error, bool paused)
{
    --m_pending;
    if (event == CaptureWorker::Event::Pause || event == CaptureWorker::Event::Resume)
        m_pauseRequested = paused;
    m_lastLabel->setText(tr("Not recorded: %1").arg(error));
    setTone(m_lastLabel, Tone::Error);
    if (event == CaptureWorker::Event::End)
        m_ending = false;
    refresh();
}

void TimingView::refresh()
{
    if (!m_worker->isOpen()) {
        showReady();
        return;
    }
    bool read = m_worker->tryRead([&](const study::StopwatchSession& s) {
        if (m_summaryStale) {
            m_summary->setData(s.steps(), s.observations(), s.study());
            m_summaryStale = false;
            // The current step's durations for the live chart: copied here, charted later.
            const std::size_t step = s.currentStepIndex();
            m_liveValues.clear();
            m_liveStepName.clear();
            if (s.started() && step < s.steps().size()) {
                const study::Id stepId = s.steps()[step].id;
                m_liveStepName = QString::fromStdString(s.steps()[step].name);
                for (const auto& o : s.observations())
                    if (o.stepId == stepId && !o.foreignElement && !o.excluded)
                        m_liveValues.push_back(o.seconds());
            }
            m_liveChartTimer.start();
        }
        const auto at = m_clock->now();
        const auto& steps = s.steps();
        m_ratingInSession = s.started() && !s.ended() ? s.pendingRating() : std::nullopt;
        if (!s.started()) {
            showReady();
            return;
        }
        if (m_pending == 0)
            m_occasionalRequested = s.inOccasional();
        const bool foreign = s.inForeign();
        const bool occasional = s.inOccasional();
        const QString occasionalName = occasional && s.occasionalStepIndex() < steps.size()
                                           ? QString::fromStdString(steps[s.occasionalStepIndex()].name)
                                           : QString();
        const std::size_t current = s.currentStepIndex();
        const QString stepName = current < steps.size() ? QString::fromStdString(steps[current].name) : QString();
        const std::size_t next = s.nextStepIndex();
        // Counted in the lap order: occasional elements are not steps of the cycle.
        const auto order = study::StopwatchSession::lapOrder(steps);
        const auto position = std::find(order.begin(), order.end(), current) - order.begin();
        m_cycleLabel->setText(tr("Cycle %1 · step %2 of %3").arg(s.cycleNumber()).arg(position + 1).arg(order.size()));
        if (s.ended()) {
            m_clockLabel->setText(clockString(0));
            m_stepLabel->setText(tr("Study ended"));
            m_nextLabel->clear();
            m_statusLabel->setText(tr("Ended"));
            setTone(m_clockLabel, Tone::Ended);
            m_ratingRefused.clear();
            return;
        }
        m_clockLabel->setText(clockString(foreign      ? s.elapsedInForeignUs(at)
                                          : occasional ? s.elapsedInOccasionalUs(at)
                                                       : s.elapsedInStepUs(at)));
        // The interrupted step stays on screen during a foreign element: it is what the
        // observer returns to. An occasional element is timed as itself, so it takes the big
        // line, and the step it interrupted goes under it.
        m_stepLabel->setText(occasional ? tr("Occasional: %1").arg(occasionalName) : stepName);
        if (foreign)
            m_nextLabel->setText(tr("Foreign element interrupting this step · F ends it"));
        else if (occasional)
            m_nextLabel->setText(tr("Interrupting %1 · O ends it").arg(stepName));
        else
            m_nextLabel->setText(next < steps.size() ? tr("Next: %1").arg(QString::fromStdString(steps[next].name))
                                                     : QString());
        m_statusLabel->setText(s.paused()     ? tr("PAUSED (P resumes)")
                               : foreign    ? tr("FOREIGN ELEMENT (F ends it)")
                               : occasional ? tr("OCCASIONAL ELEMENT (O ends it)")
                                            : tr("Running"));
        // Both are time kept out of the step: one colour.
        const bool outOfStep = foreign || occasional;
        setTone(m_clockLabel, s.paused() ? Tone::Paused : outOfStep ? Tone::Foreign : Tone::Normal);
        setTone(m_statusLabel, s.paused() ? Tone::Paused : outOfStep ? Tone::Foreign : Tone::Normal);
    });
    if (read && m_pending > 0)
        m_statusLabel->setText(m_statusLabel->text() + tr(" · saving…"));
    showRating();
}

void TimingView::showReady()
{
    const auto& steps = m_document->steps(m_study.processId);
    m_clockLabel->setText(clockString(0));
    setTone(m_clockLabel, Tone::Normal);
    const auto order = study::StopwatchSession::lapOrder(steps);
    m_stepLabel->setText(order.empty() ? QString() : QString::fromStdString(steps[order.front()].name));
    m_nextLabel->setText(tr("Press Space when the operator starts this step"));
    m_cycleLabel->setText(tr("Ready"));
    m_statusLabel->setText(m_pending > 0 ? tr("Starting…") : tr("Not started"));
    setTone(m_statusLabel, Tone::Normal);
}

void TimingView::startNote()
{
    m_noteEdit->clear();
    m_noteEdit->show();
    m_noteEdit->setFocus();
}

void TimingView::commitNote()
{
    const QString text = m_noteEdit->text().trimmed();
    m_noteEdit->hide();
    setFocus();
    if (!text.isEmpty())
        send(CaptureWorker::Event::Note, text);
}

void TimingView::cancelNote()
{
    m_noteEdit->hide();
    setFocus();
}

void TimingView::askToEnd()
{
    if (m_noteEdit->isVisible()) {
        cancelNote();
        return;
    }
    if (m_endQuestion)
        return;
    // No lap key answers "end": Space and Enter are what a busy observer presses without
    // looking, so they keep timing (and take their lap, see eventFilter); only E or a click ends.
    QMessageBox box(QMessageBox::Question, tr("End study"),
                    tr("End this study? The step being timed now is not recorded.\n\n"
                       "E ends the study. Esc or K keeps timing; Space or Enter keeps timing and takes the lap."),
                    QMessageBox::NoButton, this);
    box.setObjectName(QStringLiteral("endStudyQuestion"));
    QPushButton* keep = box.addButton(tr("&Keep timing"), QMessageBox::RejectRole);
    QPushButton* end = box.addButton(tr("&End study"), QMessageBox::DestructiveRole);
    keep->setObjectName(QStringLiteral("keepTimingButton"));
    end->setObjectName(QStringLiteral("endStudyButton"));
    // Never the default, never focusable: Enter and Space cannot reach it, even after Tab.
    end->setAutoDefault(false);
    end->setFocusPolicy(Qt::NoFocus);
    box.setDefaultButton(keep);
    box.setEscapeButton(keep);
    m_endQuestion = &box;
    box.exec();
    m_endQuestion = nullptr;
    const auto lapAtMoment = m_lapWhileAsking;
    m_lapWhileAsking.reset();
    if (box.clickedButton() == end)
        endStudy();
    else if (lapAtMoment)
        lapAt(*lapAtMoment);
}

void TimingView::endStudy()
{
    if (m_ending)
        return;
    // Always through the worker, behind every event already queued: whether the study started
    // is the session's to say (a first lap may still be in the queue), never a guess from a
    // read that may not get the lock.
    m_ratingBuffer.clear();
    closePicker();
    send(CaptureWorker::Event::End);
    m_ending = true;
}

QString TimingView::clockText() const { return m_clockLabel->text(); }
QString TimingView::currentStepText() const { return m_stepLabel->text(); }
QString TimingView::nextStepText() const { return m_nextLabel->text(); }
QString TimingView::cycleText() const { return m_cycleLabel->text(); }
QString TimingView::statusText() const { return m_statusLabel->text(); }
QString TimingView::lastText() const { return m_lastLabel->text(); }
QString TimingView::ratingText() const { return m_ratingLabel->text(); }
bool TimingView::occasionalPickerOpen() const { return m_pickerAt.has_value(); }
QString TimingView::occasionalPickerText() const { return m_pickerLabel->text(); }

} // namespace gemba::ui
