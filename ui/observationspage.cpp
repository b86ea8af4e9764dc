// The observations of the current study beside its per-step summary.
#include "observationspage.h"

#include "data/dataservice.h"
#include "models/observationsmodel.h"
#include "models/summarymodel.h"
#include "projectdocument.h"

#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace gemba::ui {

ObservationsPage::ObservationsPage(ProjectDocument* document, QWidget* parent)
    : QWidget(parent)
    , m_document(document)
    , m_model(new ObservationsModel(document, this))
    , m_summary(new SummaryModel(this))
    , m_view(new QTableView(this))
    , m_summaryView(new QTableView(this))
    , m_caption(new QLabel(this))
    , m_totals(new QLabel(this))
{
    m_view->setObjectName(QStringLiteral("observationsView"));
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed |
                            QAbstractItemView::AnyKeyPressed);
    m_view->horizontalHeader()->setSectionResizeMode(ObservationsModel::Step, QHeaderView::ResizeToContents);
    // Fitted to the rows on screen only: by default Qt measures up to 1,000 rows on every
    // dataChanged, 5-8 ms of the window's time per edit once a study has that many.
    m_view->horizontalHeader()->setResizeContentsPrecision(0);
    m_view->horizontalHeader()->setSectionResizeMode(ObservationsModel::Note, QHeaderView::Stretch);
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 6);

    m_summaryView->setObjectName(QStringLiteral("summaryView"));
    m_summaryView->setModel(m_summary);
    m_summaryView->setSelectionMode(QAbstractItemView::NoSelection);
    m_summaryView->verticalHeader()->hide();
    m_summaryView->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_summaryView->horizontalHeader()->setSectionResizeMode(SummaryModel::Step, QHeaderView::Stretch);
    m_totals->setWordWrap(true);

    auto* right = new QWidget(this);
    auto* rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addWidget(new QLabel(tr("<b>Summary per step</b>"), right));
    rightLayout->addWidget(m_summaryView, 1);
    rightLayout->addWidget(m_totals);

    auto* split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(m_view);
    split->addWidget(right);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 1);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_caption);
    layout->addWidget(split, 1);

    // The summary reads every observation of the study: the document's data service does that
    // on its worker thread and hands back the finished figures, so an edit in a study of a
    // million observations costs this thread a request and, later, a few rows of numbers.
    auto refresh = [this] {
        updateCaption();
        const study::Study* s = m_document->currentStudy();
        if (!s) {
            m_summary->clear();
            m_totals->clear();
            return;
        }
        m_totals->setText(tr("Computing the summary…"));
        m_requestedRevision = m_document->revision();
        m_document->dataService()->requestSummary(*s, m_document->steps(), m_requestedRevision);
    };
    connect(m_document->dataService(), &DataService::summaryReady, this, [this](const StudySummaryResult& r) {
        if (r.studyId != m_document->currentStudyId() || r.revision != m_requestedRevision)
            return;   // an answer to another page's request: ours is still to come
        m_summary->setSummary(r.steps, r.summary, r.error);
        m_totals->setText(m_summary->totalsText());
        emit summaryReady();
    });
    connect(m_document, &ProjectDocument::observationsChanged, this, refresh);
    connect(m_document, &ProjectDocument::observationChanged, this, refresh);
    connect(m_document, &ProjectDocument::stepsChanged, this, refresh);
    refresh();
}

void ObservationsPage::updateCaption()
{
    const study::Study* s = m_document->currentStudy();
    if (!s) {
        m_caption->setText(tr("No study yet. Press Ctrl+T to time the process."));
        return;
    }
    m_caption->setText(tr("Study of %1 by %2, %3 observations. Double-click to edit; Ctrl+Shift+X excludes.")
                           .arg(QString::fromStdString(s->date), QString::fromStdString(s->observer))
                           .arg(m_model->totalCount()));
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
    bool ok = false;
    const QString reason = QInputDialog::getText(this, tr("Exclude observation"),
                                                 tr("Why is this observation left out of the analysis?"),
                                                 QLineEdit::Normal, QString(), &ok)
                               .trimmed();
    if (ok && !reason.isEmpty())
        m_model->setExcluded(current.row(), true, reason);
}

} // namespace gemba::ui
