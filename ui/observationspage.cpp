// The observations of the current study beside its per-step summary.
#include "observationspage.h"

#include "commands/removeobservationscommand.h"
#include "data/dataservice.h"
#include "dialogs/excludereasondialog.h"
#include "models/observationsmodel.h"
#include "numberdelegate.h"
#include "models/summarymodel.h"
#include "projectdocument.h"
#include "stepfigurespanel.h"
#include "theme.h"
#include "windowcontext.h"

#include <QAction>
#include <QApplication>
#include <QMessageBox>
#include <QScrollBar>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>

namespace gemba::ui {

ObservationsPage::ObservationsPage(ProjectDocument* document, QWidget* parent)
    : ObservationsPage(document->primaryContext(), parent)
{
}

ObservationsPage::ObservationsPage(WindowContext& context, QWidget* parent)
    : QWidget(parent)
    , m_context(&context)
    , m_document(context.document())
    , m_model(new ObservationsModel(context, this))
    , m_summary(new SummaryModel(this))
    , m_view(new QTableView(this))
    , m_summaryView(new QTableView(this))
    , m_caption(new QLabel(this))
    , m_totals(new QLabel(this))
    , m_validity(new QLabel(this))
{
    m_view->setObjectName(QStringLiteral("observationsView"));
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed |
                            QAbstractItemView::AnyKeyPressed);
    // Narrow number and flag columns leave room for the text ones at 1366 px; what is still cut
    // off shows in full as a tooltip.
    for (int c : {ObservationsModel::Cycle, ObservationsModel::Seconds, ObservationsModel::Rating,
                  ObservationsModel::Abnormal, ObservationsModel::Excluded})
        m_view->horizontalHeader()->setSectionResizeMode(c, QHeaderView::ResizeToContents);
    m_view->horizontalHeader()->setSectionResizeMode(ObservationsModel::Step, QHeaderView::ResizeToContents);
    // Fitted to the rows on screen only: by default Qt measures up to 1,000 rows on every
    // dataChanged, 5-8 ms of the window's time per edit once a study has that many.
    m_view->horizontalHeader()->setResizeContentsPrecision(0);
    m_view->horizontalHeader()->setSectionResizeMode(ObservationsModel::Note, QHeaderView::Stretch);
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 6);
    // Whole microseconds, as stored; ratings in the one range the product accepts.
    m_view->setItemDelegateForColumn(ObservationsModel::Seconds, new NumberDelegate(6, 0, 1e7, {}, this));
    m_view->setItemDelegateForColumn(ObservationsModel::Rating,
                                     new NumberDelegate(1, study::kMinRatingPercent, study::kMaxRatingPercent,
                                                        tr("not rated"), this));
    // A click on the Excluded box asks for the reason like Ctrl+Shift+X (the model refuses to
    // exclude without one).
    connect(m_view, &QAbstractItemView::clicked, this, [this](const QModelIndex& index) {
        if (index.column() == ObservationsModel::Excluded)
            toggleExcludeSelected();
    });
    auto* remove = new QAction(tr("Delete observation"), this);
    remove->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Delete));
    remove->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(remove, &QAction::triggered, this, &ObservationsPage::deleteSelected);
    addAction(remove);

    m_summaryView->setObjectName(QStringLiteral("summaryView"));
    m_summaryView->setModel(m_summary);
    m_summaryView->setSelectionMode(QAbstractItemView::NoSelection);
    m_summaryView->verticalHeader()->hide();
    m_summaryView->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_summaryView->horizontalHeader()->setSectionResizeMode(SummaryModel::Step, QHeaderView::Stretch);
    // One line per step: a wrapped name doubled the rows and a longer one was cut to "Pick hou…".
    m_summaryView->setWordWrap(false);
    m_summaryView->verticalHeader()->setDefaultSectionSize(m_summaryView->fontMetrics().height() + 6);
    m_summaryView->setTextElideMode(Qt::ElideRight);
    m_totals->setWordWrap(true);
    m_totals->setObjectName(QStringLiteral("summaryTotals"));
    m_validity->setObjectName(QStringLiteral("studyValidity"));
    m_validity->setWordWrap(true);
    m_validity->setToolTip(tr("Elapsed time from the study's first to its last reading against the sum of "
                              "everything recorded (elements, foreign and occasional elements, pauses). Above 2 % "
                              "the study should be repeated (ILO, Introduction to Work Study)."));

    auto* right = new QWidget(this);
    auto* rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addWidget(new QLabel(tr("<b>Summary per step</b>"), right));
    rightLayout->addWidget(m_summaryView, 1);
    rightLayout->addWidget(m_totals);
    rightLayout->addWidget(m_validity);

    // The current observation's step: its I chart and histogram side by side, beside the
    // observations (Ctrl+Shift+H shows and hides them; read only while shown).
    m_figures = new StepFiguresPanel(m_document, this);
    m_figures->setObjectName(QStringLiteral("stepFigures"));
    m_figures->hide();
    m_vsplit = new QSplitter(Qt::Horizontal, this);
    m_vsplit->addWidget(m_view);
    m_vsplit->addWidget(m_figures);
    m_vsplit->setStretchFactor(0, 1);
    m_vsplit->setStretchFactor(1, 1);
    m_vsplit->setSizes({600, 600});

    // The summary below the observations, the whole width: its fifteen columns (issue 8) did not
    // fit beside the table at 1366 px.
    m_split = new QSplitter(Qt::Vertical, this);
    m_split->setObjectName(QStringLiteral("observationsSplitter"));
    m_split->addWidget(m_vsplit);
    m_split->addWidget(right);
    m_split->setStretchFactor(0, 3);
    m_split->setStretchFactor(1, 2);
    m_split->setSizes({600, 400});   // the summary's rows are few; the observations get more
    m_figuresAction = new QAction(tr("I Chart and Histogram of the Step"), this);
    m_figuresAction->setCheckable(true);
    m_figuresAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_H));
    m_figuresAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_figuresAction->setToolTip(tr("Shows the current observation's step: its I chart beside its histogram (%1)")
                                    .arg(m_figuresAction->shortcut().toString(QKeySequence::NativeText)));
    connect(m_figuresAction, &QAction::toggled, this, &ObservationsPage::setFiguresShown);
    addAction(m_figuresAction);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this] { updateFigures(false); });

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_caption);
    layout->addWidget(m_split, 1);

    // The summary reads every observation of the study: the document's data service does that
    // on its worker thread and hands back the finished figures, so an edit in a study of a
    // million observations costs this thread a request and, later, a few rows of numbers.
    auto refresh = [this] {
        updateCaption();
        const study::Study* s = m_context->study();
        if (!s) {
            m_summary->clear();
            m_totals->clear();
            m_validity->clear();
            return;
        }
        m_totals->setText(tr("Computing the summary…"));
        m_requestedRevision = m_document->studyRevision(s->id);
        // The study's own element list (a few rows, by its primary key), not the process's steps
        // as edited since: a step added to the process later is no part of this study's cycles.
        auto elements = m_document->project().studySteps(s->id);
        m_document->dataService()->requestSummary(*s, elements ? std::move(elements).value() : m_context->steps(),
                                                  m_requestedRevision, this);
    };
    connect(m_document->dataService(), &DataService::summaryReady, this, [this](const StudySummaryResult& r) {
        if (r.studyId != m_context->studyId() || r.revision != m_requestedRevision)
            return;   // an answer to another page's request: ours is still to come
        if (const study::Study* s = m_context->study())
            m_summary->setSelectedTimeRule(s->selectedTime);
        m_summary->setValidity(r.validity);
        m_summary->setSummary(r.steps, r.summary, r.error);
        m_totals->setText(m_summary->totalsText());
        updateValidity();
        updateFigures(true);
        fitSummaryWidth();
        emit summaryReady();
    });
    // Whatever changes this study's revision, and nothing else: an edit of another study
    // (another window's) leaves this summary as it is.
    auto refreshMine = [this, refresh](study::Id studyId) {
        if (studyId == m_context->studyId())
            refresh();
    };
    connect(m_context, &WindowContext::studyChanged, this, refresh);
    connect(m_document, &ProjectDocument::observationsChanged, this, refreshMine);
    connect(m_document, &ProjectDocument::observationChanged, this, refreshMine);
    connect(m_document, &ProjectDocument::studyDetailsChanged, this, refreshMine);
    connect(m_document, &ProjectDocument::observationsRemoved, this, refreshMine);
    connect(m_document, &ProjectDocument::observationsRestored, this, refreshMine);
    connect(m_document, &ProjectDocument::observationsUpdated, this, refreshMine);
    connect(m_document, &ProjectDocument::stepsChanged, this, [this, refresh](study::Id processId) {
        if (processId == m_context->processId())
            refresh();
    });
    refresh();
}

QList<QAction*> ObservationsPage::viewActions() const { return actions(); }

// Where the user left the splitter between the observations and the summary.
QByteArray ObservationsPage::saveViewState() const { return m_split->saveState(); }

void ObservationsPage::restoreViewState(const QByteArray& state)
{
    if (state.isEmpty())
        return;
    m_split->restoreState(state);
    // A state saved before the summary moved below the table (a side-by-side splitter) would
    // turn the page back; keep the layout and its default sizes instead.
    if (m_split->orientation() != Qt::Vertical) {
        m_split->setOrientation(Qt::Vertical);
        const int h = std::max(2, m_split->height());
        m_split->setSizes({h / 2, h / 2});
    }
}

void ObservationsPage::updateCaption()
{
    const study::Study* s = m_context->study();
    if (!s) {
        m_caption->setText(tr("No study yet. Press Ctrl+T to time the process."));
        return;
    }
    m_caption->setText(tr("Study of %1 by %2, %3 observations. Double-click to edit; Ctrl+Shift+X excludes, "
                          "Ctrl+Delete deletes; Ctrl+Shift+H shows the step's I chart and histogram.")
                           .arg(QString::fromStdString(s->date), QString::fromStdString(s->observer))
                           .arg(m_model->totalCount()));
}

void ObservationsPage::deleteSelected()
{
    const QModelIndex current = m_view->currentIndex();
    const study::Observation* o = m_model->observationAt(current.row());
    if (!o || m_document->readOnly())
        return;
    const QString what = tr("Delete the observation of '%1' in cycle %2 (%3 s)?")
                             .arg(current.siblingAtColumn(ObservationsModel::Step).data().toString(),
                                  current.siblingAtColumn(ObservationsModel::Cycle).data().toString(),
                                  current.siblingAtColumn(ObservationsModel::Seconds).data().toString());
    if (QMessageBox::question(this, tr("Delete observation"), what, QMessageBox::Yes | QMessageBox::Cancel,
                              QMessageBox::Cancel) != QMessageBox::Yes)
        return;
    const int row = current.row();
    m_document->undoStack()->push(new RemoveObservationsCommand(m_document, m_context->processId(),
                                                                m_context->studyId(), {o->id}));
    const int next = std::min(row, m_model->rowCount() - 1);
    if (next >= 0)
        m_view->setCurrentIndex(m_model->index(next, current.column()));
}

void ObservationsPage::toggleExcludeSelected()
{
    const QModelIndex current = m_view->currentIndex();
    const study::Observation* o = m_model->observationAt(current.row());
    if (!o || m_document->readOnly())
        return;
    if (o->excluded) {
        m_model->setExcluded(current.row(), false, {});
        return;
    }
    const QString what = tr("the reading of '%1' in cycle %2 (%3 s)")
                             .arg(current.siblingAtColumn(ObservationsModel::Step).data().toString(),
                                  current.siblingAtColumn(ObservationsModel::Cycle).data().toString(),
                                  current.siblingAtColumn(ObservationsModel::Seconds).data().toString());
    const int row = current.row();
    ExcludeReasonDialog dialog(what, this);
    if (dialog.exec() == QDialog::Accepted && !dialog.reason().isEmpty())
        m_model->setExcluded(row, true, dialog.reason());
}

void ObservationsPage::setFiguresShown(bool shown)
{
    if (m_figuresAction->isChecked() != shown)
        m_figuresAction->setChecked(shown);   // comes back here through toggled
    m_figures->setVisible(shown);
    if (shown)
        updateFigures(true);
}

// The figures follow the current observation's step; `force` also redraws the same step (the
// study changed).
void ObservationsPage::updateFigures(bool force)
{
    if (m_figures->isHidden())
        return;
    const study::Observation* o = m_model->observationAt(m_view->currentIndex().row());
    const study::Id stepId = o ? o->stepId : (m_context->steps().empty() ? 0 : m_context->steps().front().id);
    if (!force && stepId == m_figures->stepId())
        return;
    const study::Id studyId = m_context->studyId();
    m_figures->showStep(studyId, stepId, m_document->stepName(stepId),
                        studyId ? m_document->studyRevision(studyId) : 0);
}

// The recording error in the palette's warning colour when it is over the limit.
void ObservationsPage::updateValidity()
{
    m_validity->setText(m_summary->validityText());
    QPalette p = palette();
    if (m_summary->validityFlagged())
        p.setColor(QPalette::WindowText, Theme::stateColour(Theme::State::Attention, p, QPalette::Window));
    m_validity->setPalette(p);
}

// The numeric columns fit their contents and the Step column takes the rest; so that the rest
// is enough for the step names, the summary asks the splitter for the width of all its columns
// at their content size. A name longer than kMaxStepWidth still elides (full name as tooltip),
// so one long name cannot squeeze the observations table.
void ObservationsPage::fitSummaryWidth()
{
    constexpr int kMaxStepWidth = 320;
    QHeaderView* header = m_summaryView->horizontalHeader();
    int width = 0;
    for (int c = 0; c < SummaryModel::ColumnCount; ++c) {
        int w = std::max(header->sectionSizeHint(c), static_cast<QAbstractItemView*>(m_summaryView)->sizeHintForColumn(c));
        if (c == SummaryModel::Step)
            w = std::min(w, kMaxStepWidth);
        width += w;
    }
    width += 2 * m_summaryView->frameWidth() + m_summaryView->verticalScrollBar()->sizeHint().width();
    m_summaryView->setMinimumWidth(width);
}

} // namespace gemba::ui
