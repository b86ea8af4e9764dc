// The stopwatch at the gemba: a very large clock, the step being timed and the next one, the
// cycle, a big lap button, and every action on one key.
#include "timing/timingview.h"

#include "models/summarymodel.h"
#include "projectdocument.h"
#include "study/stopwatchsession.h"

#include <QAbstractSpinBox>
#include <QApplication>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTableView>
#include <QTextEdit>
#include <QVBoxLayout>

namespace gemba::ui {
namespace {

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

    m_worker = new CaptureWorker(m_document->path(), m_study, m_document->steps());
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
    setAutoFillBackground(true);
    QPalette pal = palette();
    pal.setColor(QPalette::Window, QColor(0x10, 0x14, 0x1a));
    pal.setColor(QPalette::WindowText, QColor(0xf5, 0xf7, 0xfa));
    setPalette(pal);

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
    m_nextLabel->setStyleSheet(QStringLiteral("color: #9fb3c8;"));
    m_lastLabel = bigLabel(this, 16, false, "lastLabel");
    m_lastLabel->setAlignment(Qt::AlignCenter);
    m_ratingLabel = bigLabel(this, 16, false, "ratingLabel");

    m_lapButton = new QPushButton(tr("LAP  (Space)"), this);
    m_lapButton->setObjectName(QStringLiteral("lapButton"));
    m_lapButton->setFocusPolicy(Qt::NoFocus);
    m_lapButton->setMinimumHeight(90);
    QFont bf = m_lapButton->font();
    bf.setPointSize(28);
    bf.setBold(true);
    m_lapButton->setFont(bf);
    m_lapButton->setStyleSheet(QStringLiteral(
        "QPushButton { background: #f2c14e; color: #10141a; border-radius: 12px; }"
        "QPushButton:pressed { background: #ffd97a; }"));
    connect(m_lapButton, &QPushButton::clicked, this, &TimingView::lap);

    m_noteEdit = new QLineEdit(this);
    m_noteEdit->setObjectName(QStringLiteral("noteEdit"));
    m_noteEdit->setPlaceholderText(tr("Note for the step being timed; Enter saves, Esc cancels"));
    m_noteEdit->hide();

    auto* keys = new QLabel(tr("Space/Enter lap · P pause · S skip · F foreign element · A abnormal · "
                               "N note · 0-9 rating · Backspace undo · Esc end study"),
                            this);
    keys->setStyleSheet(QStringLiteral("color: #9fb3c8;"));
    keys->setAlignment(Qt::AlignCenter);
    keys->setWordWrap(true);

    m_summary = new SummaryModel(this);
    m_summaryView = new QTableView(this);
    m_summaryView->setObjectName(QStringLiteral("timingSummaryView"));
    m_summaryView->setModel(m_summary);
    m_summaryView->setFocusPolicy(Qt::NoFocus);
    m_summaryView->setSelectionMode(QAbstractItemView::NoSelection);
    m_summaryView->verticalHeader()->hide();
    for (int c : {SummaryModel::Sd, SummaryModel::Cv, SummaryModel::Min, SummaryModel::Max, SummaryModel::Normal,
                  SummaryModel::Standard})
        m_summaryView->hideColumn(c);
    m_summaryView->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_summaryView->horizontalHeader()->setSectionResizeMode(SummaryModel::Step, QHeaderView::Stretch);
    m_summaryView->setMaximumWidth(430);

    auto* top = new QHBoxLayout;
    top->addWidget(m_cycleLabel);
    top->addStretch();
    top->addWidget(m_ratingLabel);
    top->addSpacing(24);
    top->addWidget(m_statusLabel);

    auto* centre = new QVBoxLayout;
    centre->addLayout(top);
    centre->addStretch();
    centre->addWidget(m_clockLabel);
    centre->addWidget(m_stepLabel);
    centre->addWidget(m_nextLabel);
    centre->addStretch();
    centre->addWidget(m_lastLabel);
    centre->addWidget(m_noteEdit);
    centre->addWidget(m_lapButton);
    centre->addWidget(keys);

    auto* layout = new QHBoxLayout(this);
    layout->addLayout(centre, 3);
    layout->addWidget(m_summaryView, 2);
}

bool TimingView::eventFilter(QObject* watched, QEvent* event)
{
    if (event->type() != QEvent::KeyPress || !isVisible())
        return QWidget::eventFilter(watched, event);
    // Keys work whichever widget has the focus, except a text field being typed in; the
    // window's own shortcuts (Ctrl+...) pass through.
    auto* key = static_cast<QKeyEvent*>(event);
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
    // Not while a dialog is up or another window has the keyboard.
    if (QApplication::activeModalWidget() || (QApplication::activeWindow() && QApplication::activeWindow() != window()))
        return QWidget::eventFilter(watched, event);
    if (isTextInput(watched) || isTextInput(QApplication::focusWidget()) ||
        (key->modifiers() & (Qt::ControlModifier | Qt::AltModifier)))
        return QWidget::eventFilter(watched, event);
    return handleKey(key);
}

bool TimingView::handleKey(QKeyEvent* key)
{
    if (key->isAutoRepeat()) {
        // A held key must not take a burst of laps.
        return key->key() == Qt::Key_Space || key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter ||
               key->key() == Qt::Key_Backspace;
    }
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
    case Qt::Key_S: send(CaptureWorker::Event::Skip); return true;
    case Qt::Key_F: send(CaptureWorker::Event::Foreign); return true;
    case Qt::Key_A: send(CaptureWorker::Event::Abnormal); return true;
    case Qt::Key_N: startNote(); return true;
    case Qt::Key_Backspace: send(CaptureWorker::Event::Undo); return true;
    case Qt::Key_Escape: askToEnd(); return true;
    default: break;
    }
    if (key->key() >= Qt::Key_0 && key->key() <= Qt::Key_9) {
        // Digits build a performance rating (e.g. 1 1 0 = 110 %), applied to the element in
        // progress when three digits are typed or at the next lap.
        m_ratingBuffer += QChar(u'0' + (key->key() - Qt::Key_0));
        m_ratingLabel->setText(tr("Rating: %1 %").arg(m_ratingBuffer));
        if (m_ratingBuffer.size() >= 3)
            flushRating();
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
    if (rating < 10 || rating > 250) {
        m_ratingLabel->setText(tr("Rating %1 % ignored (10-250)").arg(rating));
        return;
    }
    send(CaptureWorker::Event::Rating, {}, rating);
}

void TimingView::send(CaptureWorker::Event event, const QString& text, double number)
{
    if (m_ending && event != CaptureWorker::Event::End)
        return;
    // The moment of the key press, not of the commit: a slow disk must not stretch a step.
    const study::ClockReading at = m_clock->now();
    ++m_pending;
    QMetaObject::invokeMethod(m_worker, "handle", Qt::QueuedConnection, Q_ARG(gemba::ui::CaptureWorker::Event, event),
                              Q_ARG(gemba::study::ClockReading, at), Q_ARG(QString, text), Q_ARG(double, number));
    refresh();
}

void TimingView::lap()
{
    flushRating();
    send(CaptureWorker::Event::Lap);
}

void TimingView::onAcknowledged(CaptureWorker::Event event, const QString& summary)
{
    --m_pending;
    m_lastLabel->setText(summary + QStringLiteral("  ✓"));
    m_lastLabel->setStyleSheet(QStringLiteral("color: #7ddc8a;"));
    if (event == CaptureWorker::Event::Rating)
        m_ratingLabel->setText(summary);
    if (event == CaptureWorker::Event::Lap)
        m_ratingLabel->clear();
    m_worker->tryRead([&](const study::StopwatchSession& s) {
        m_summary->setData(s.steps(), s.observations(), s.study());
    });
    refresh();
    emit acknowledged();
    if (event == CaptureWorker::Event::End)
        emit finished();
}

void TimingView::onFailed(CaptureWorker::Event event, const QString& error)
{
    --m_pending;
    if (event == CaptureWorker::Event::Pause || event == CaptureWorker::Event::Resume)
        m_worker->tryRead([&](const study::StopwatchSession& s) { m_pauseRequested = s.paused(); });
    m_lastLabel->setText(tr("Not recorded: %1").arg(error));
    m_lastLabel->setStyleSheet(QStringLiteral("color: #ff8a80;"));
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
        const auto at = m_clock->now();
        const auto& steps = s.steps();
        if (!s.started()) {
            showReady();
            return;
        }
        const bool foreign = s.inForeign();
        m_clockLabel->setText(clockString(foreign ? s.elapsedInForeignUs(at) : s.elapsedInStepUs(at)));
        const std::size_t current = s.currentStepIndex();
        m_stepLabel->setText(foreign ? tr("Foreign element (F to end)")
                                     : (current < steps.size() ? QString::fromStdString(steps[current].name) : QString()));
        const std::size_t next = s.nextStepIndex();
        m_nextLabel->setText(next < steps.size() ? tr("Next: %1").arg(QString::fromStdString(steps[next].name)) : QString());
        m_cycleLabel->setText(tr("Cycle %1 · step %2 of %3").arg(s.cycleNumber()).arg(current + 1).arg(steps.size()));
        m_statusLabel->setText(s.ended() ? tr("Ended") : s.paused() ? tr("PAUSED (P resumes)") : foreign ? tr("Foreign element") : tr("Running"));
        m_clockLabel->setStyleSheet(s.paused() ? QStringLiteral("color: #f2c14e;")
                                               : foreign ? QStringLiteral("color: #ff8a80;") : QString());
    });
    if (read && m_pending > 0)
        m_statusLabel->setText(m_statusLabel->text() + tr(" · saving…"));
}

void TimingView::showReady()
{
    const auto& steps = m_document->steps();
    m_clockLabel->setText(clockString(0));
    m_stepLabel->setText(steps.empty() ? QString() : QString::fromStdString(steps.front().name));
    m_nextLabel->setText(tr("Press Space when the operator starts this step"));
    m_cycleLabel->setText(tr("Ready"));
    m_statusLabel->setText(m_pending > 0 ? tr("Starting…") : tr("Not started"));
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
    const auto answer = QMessageBox::question(this, tr("End study"),
                                              tr("End this study? The step being timed now is not recorded."),
                                              QMessageBox::Yes | QMessageBox::No, QMessageBox::Yes);
    if (answer == QMessageBox::Yes)
        endStudy();
}

void TimingView::endStudy()
{
    if (m_ending)
        return;
    bool started = false;
    m_worker->tryRead([&](const study::StopwatchSession& s) { started = s.started() && !s.ended(); });
    m_ending = true;
    if (started)
        send(CaptureWorker::Event::End);
    else
        emit finished();
}

QString TimingView::clockText() const { return m_clockLabel->text(); }
QString TimingView::currentStepText() const { return m_stepLabel->text(); }
QString TimingView::nextStepText() const { return m_nextLabel->text(); }
QString TimingView::cycleText() const { return m_cycleLabel->text(); }
QString TimingView::statusText() const { return m_statusLabel->text(); }

} // namespace gemba::ui
