// The observations of the current study beside its per-step summary.
#include "observationspage.h"

#include "models/observationsmodel.h"
#include "models/summarymodel.h"
#include "projectdocument.h"

#include <QApplication>
#include <QHeaderView>
#include <QPointer>
#include <QThreadPool>
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

    // The summary reads every observation of the study; for a big study that is done on a
    // pool thread with its own read-only connection, so the window stays usable meanwhile.
    auto refresh = [this] {
        updateCaption();
        const study::Study* s = m_document->currentStudy();
        const quint64 generation = ++m_generation;
        if (!s) {
            m_summary->clear();
            m_totals->clear();
            return;
        }
        m_totals->setText(tr("Computing the summary…"));
        QPointer<ObservationsPage> self(this);
        const std::string path = m_document->path().toStdString();
        const study::Study studyCopy = *s;
        QThreadPool::globalInstance()->start([self, path, studyCopy, generation] {
            auto project = store::Project::open(path, store::OpenMode::ReadOnly);
            // The study's own element list, not the process's steps as edited since: a step
            // added to the process later is no part of this study's cycles.
            std::vector<study::Step> steps;
            std::vector<study::Observation> all;
            QString error;
            if (!project) {
                error = QString::fromStdString(project.error().message);
            } else if (auto list = (*project)->studySteps(studyCopy.id); !list) {
                error = QString::fromStdString(list.error().message);
            } else if (auto obs = (*project)->observations(studyCopy.id); !obs) {
                error = QString::fromStdString(obs.error().message);
            } else {
                steps = std::move(list).value();
                all = std::move(obs).value();
            }
            QMetaObject::invokeMethod(qApp, [self, steps = std::move(steps), all = std::move(all), studyCopy,
                                             generation, error] {
                if (!self || generation != self->m_generation)
                    return;   // the page is gone, or a newer refresh is under way
                self->m_summary->setData(steps, all, studyCopy);
                self->m_totals->setText(error.isEmpty() ? self->m_summary->totalsText() : error);
                emit self->summaryReady();
            });
        });
    };
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
