// The observations of the current study, fetched page by page so a study of a million rows
// opens at once; edits become undo commands.
#include "models/observationsmodel.h"

#include "commands/changeobservationcommand.h"
#include "projectdocument.h"
#include "windowcontext.h"
#include "study/rating.h"

#include <QFont>
#include <QLocale>

#include <algorithm>
#include <cmath>
#include <limits>

namespace gemba::ui {
namespace {
constexpr int kPage = 2000;
}

ObservationsModel::ObservationsModel(WindowContext& context, QObject* parent)
    : QAbstractTableModel(parent)
    , m_context(&context)
    , m_document(context.document())
{
    connect(m_context, &WindowContext::studyChanged, this, &ObservationsModel::reload);
    // Only what names this model's study; row-wise where the document says which rows.
    auto mine = [this](study::Id studyId) { return studyId == m_context->studyId(); };
    connect(m_document, &ProjectDocument::observationsChanged, this, [this, mine](study::Id studyId) {
        if (mine(studyId))
            reload();
    });
    connect(m_document, &ProjectDocument::stepsChanged, this, [this] {
        if (rowCount() > 0)
            emit dataChanged(index(0, Step), index(rowCount() - 1, Step));
    });
    connect(m_document, &ProjectDocument::observationChanged, this, [this, mine](study::Id studyId, study::Id id) {
        if (mine(studyId))
            refreshOne(id);
    });
    connect(m_document, &ProjectDocument::observationsRemoved, this, [this, mine](study::Id studyId, const QList<qint64>& ids) {
        if (mine(studyId))
            removeRows(ids);
    });
    connect(m_document, &ProjectDocument::observationsRestored, this, [this, mine](study::Id studyId, const QList<qint64>& ids) {
        if (mine(studyId))
            insertRestored(ids);
    });
    connect(m_document, &ProjectDocument::observationsUpdated, this, [this, mine](study::Id studyId, const QList<qint64>& ids) {
        if (mine(studyId))
            refreshMany(ids);
    });
    reload();
}

int ObservationsModel::rowOf(study::Id id) const
{
    for (std::size_t r = 0; r < m_rows.size(); ++r)
        if (m_rows[r].id == id)
            return static_cast<int>(r);
    return -1;
}

void ObservationsModel::recount()
{
    if (auto n = m_document->project().observationCount(m_context->studyId()))
        m_total = std::max<qint64>(*n, static_cast<qint64>(m_rows.size()));
}

void ObservationsModel::removeRows(const QList<qint64>& ids)
{
    bool any = false;
    for (const qint64 id : ids) {
        const int r = rowOf(id);
        if (r < 0)
            continue;
        beginRemoveRows({}, r, r);
        m_rows.erase(m_rows.begin() + r);
        endRemoveRows();
        any = true;
    }
    if (any)
        recount();
}

void ObservationsModel::insertRestored(const QList<qint64>& ids)
{
    const bool allLoaded = static_cast<qint64>(m_rows.size()) >= m_total;
    bool any = false;
    for (const qint64 id : ids) {
        auto o = m_document->project().observation(id);
        if (!o || o->studyId != m_context->studyId() || rowOf(id) >= 0)
            continue;
        any = true;
        // In (start, id) order, as the pages are read; a row past the loaded ones comes with
        // its page.
        const auto at = std::lower_bound(m_rows.begin(), m_rows.end(), *o, [](const auto& a, const auto& b) {
            return std::pair(a.startUs, a.id) < std::pair(b.startUs, b.id);
        });
        if (at == m_rows.end() && !allLoaded)
            continue;
        const int r = static_cast<int>(at - m_rows.begin());
        beginInsertRows({}, r, r);
        m_rows.insert(at, std::move(o).value());
        endInsertRows();
    }
    if (any) {
        if (auto cycles = m_document->project().cycles(m_context->studyId()))
            for (const auto& c : *cycles)
                m_cycleNumber.insert(c.id, c.number);
        recount();
    }
}

void ObservationsModel::refreshMany(const QList<qint64>& ids)
{
    for (const qint64 id : ids)
        refreshOne(id);
}

void ObservationsModel::reload()
{
    beginResetModel();
    m_rows.clear();
    m_cycleNumber.clear();
    m_total = 0;
    const study::Id studyId = m_context->studyId();
    if (studyId) {
        if (auto n = m_document->project().observationCount(studyId))
            m_total = *n;
        if (auto cycles = m_document->project().cycles(studyId))
            for (const auto& c : *cycles)
                m_cycleNumber.insert(c.id, c.number);
    }
    endResetModel();
    if (canFetchMore({}))
        fetchMore({});
}

bool ObservationsModel::canFetchMore(const QModelIndex& parent) const
{
    return !parent.isValid() && static_cast<qint64>(m_rows.size()) < m_total;
}

void ObservationsModel::fetchMore(const QModelIndex& parent)
{
    if (!canFetchMore(parent))
        return;
    // Keyset paging: continue after the last row loaded, at the same cost at any depth.
    const std::int64_t afterStart = m_rows.empty() ? std::numeric_limits<std::int64_t>::min() : m_rows.back().startUs;
    const study::Id afterId = m_rows.empty() ? 0 : m_rows.back().id;
    auto page = m_document->project().observationsAfter(m_context->studyId(), afterStart, afterId, kPage);
    if (!page || page->empty()) {
        m_total = static_cast<qint64>(m_rows.size());   // the study shrank under us; stop asking
        return;
    }
    const int first = static_cast<int>(m_rows.size());
    beginInsertRows({}, first, first + static_cast<int>(page->size()) - 1);
    m_rows.insert(m_rows.end(), page->begin(), page->end());
    endInsertRows();
}

void ObservationsModel::refreshOne(study::Id id)
{
    for (std::size_t r = 0; r < m_rows.size(); ++r) {
        if (m_rows[r].id != id)
            continue;
        if (auto fresh = m_document->project().observation(id))
            m_rows[r] = std::move(fresh).value();
        emit dataChanged(index(static_cast<int>(r), 0), index(static_cast<int>(r), ColumnCount - 1));
        return;
    }
}

int ObservationsModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int ObservationsModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

const study::Observation* ObservationsModel::observationAt(int row) const
{
    return row >= 0 && row < rowCount() ? &m_rows[static_cast<std::size_t>(row)] : nullptr;
}

QVariant ObservationsModel::data(const QModelIndex& index, int role) const
{
    const study::Observation* o = observationAt(index.row());
    if (!o)
        return {};
    if (role == ObservationIdRole)
        return QVariant::fromValue<qint64>(o->id);
    if (role == Qt::CheckStateRole) {
        if (index.column() == Abnormal)
            return o->abnormal ? Qt::Checked : Qt::Unchecked;
        if (index.column() == Excluded)
            return o->excluded ? Qt::Checked : Qt::Unchecked;
        return {};
    }
    if (role == Qt::TextAlignmentRole && (index.column() == Seconds || index.column() == Rating || index.column() == Cycle))
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::FontRole && (o->excluded || o->foreignElement)) {
        QFont f;
        f.setItalic(true);
        f.setStrikeOut(o->excluded);
        return f;
    }
    if (role == Qt::ToolTipRole) {
        // The full text of the columns a narrow window cuts off.
        QString tip;
        if (index.column() == Step || index.column() == Reason || index.column() == Note)
            tip = data(index, Qt::DisplayRole).toString();
        if (index.column() == Seconds)
            tip = tr("%1 s").arg(QLocale().toString(o->seconds(), 'f', 6));
        if (o->spansSuspend)
            tip += (tip.isEmpty() ? QString() : QStringLiteral("\n")) +
                   (o->excluded ? tr("The computer slept during this element, so it is left out; include it if "
                                     "its time is right.")
                                : tr("The computer slept during this element; check its time."));
        return tip.isEmpty() ? QVariant() : QVariant(tip);
    }
    if (role != Qt::DisplayRole && role != Qt::EditRole)
        return {};
    switch (index.column()) {
    case Cycle: return m_cycleNumber.value(o->cycleId);
    case Step: {
        const QString name = m_document->stepName(o->stepId);
        return o->foreignElement ? tr("Foreign element (during %1)").arg(name) : name;
    }
    case Seconds:
        return role == Qt::EditRole ? QVariant(o->seconds()) : QVariant(QLocale().toString(o->seconds(), 'f', 2));
    case Rating:
        if (!o->ratingPercent)
            return role == Qt::EditRole ? QVariant() : QVariant(QStringLiteral("-"));
        return role == Qt::EditRole ? QVariant(*o->ratingPercent) : QVariant(QLocale().toString(*o->ratingPercent, 'f', 0));
    case Reason: return QString::fromStdString(o->excludedReason);
    case Note: return QString::fromStdString(o->note);
    default: return {};
    }
}

QVariant ObservationsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (role != Qt::DisplayRole)
        return {};
    if (orientation == Qt::Vertical)
        return section + 1;
    switch (section) {
    case Cycle: return tr("Cycle");
    case Step: return tr("Step");
    case Seconds: return tr("Time (s)");
    case Rating: return tr("Rating %");
    case Abnormal: return tr("Abnormal");
    case Excluded: return tr("Excluded");
    case Reason: return tr("Reason");
    case Note: return tr("Note");
    default: return {};
    }
}

Qt::ItemFlags ObservationsModel::flags(const QModelIndex& index) const
{
    auto f = QAbstractTableModel::flags(index);
    if (!index.isValid() || m_document->readOnly())
        return f;
    switch (index.column()) {
    case Seconds:
    case Rating:
    case Note: return f | Qt::ItemIsEditable;
    case Abnormal: return f | Qt::ItemIsUserCheckable;
    default: return f;
    }
}

void ObservationsModel::push(const study::Observation& before, const study::Observation& after, const QString& text)
{
    m_document->undoStack()->push(new ChangeObservationCommand(m_document, before, after, text));
}

bool ObservationsModel::setData(const QModelIndex& index, const QVariant& value, int role)
{
    const study::Observation* o = observationAt(index.row());
    if (!o)
        return false;
    study::Observation after = *o;
    if (role == Qt::CheckStateRole && index.column() == Abnormal) {
        after.abnormal = value.toInt() == Qt::Checked;
        push(*o, after, after.abnormal ? tr("Mark abnormal") : tr("Mark normal"));
        return true;
    }
    // Checking "excluded" needs a reason, which only the page can ask for (toggleExcludeSelected);
    // here only including again goes through.
    if (role == Qt::CheckStateRole && index.column() == Excluded)
        return value.toInt() == Qt::Unchecked && setExcluded(index.row(), false, {});
    if (role != Qt::EditRole)
        return false;
    switch (index.column()) {
    case Seconds: {
        bool ok = false;
        const double s = value.toDouble(&ok);
        if (!ok || !std::isfinite(s) || s < 0)
            return false;
        after.durationUs = static_cast<std::int64_t>(std::llround(s * 1e6));
        if (after.durationUs == o->durationUs)
            return true;   // unchanged (the editor shows whole microseconds): no undo step
        push(*o, after, tr("Edit time"));
        return true;
    }
    case Rating: {
        const QString text = value.toString().trimmed();
        if (text.isEmpty() || text == QStringLiteral("-")) {
            after.ratingPercent.reset();
        } else {
            bool ok = false;
            double r = value.toDouble(&ok);
            if (!ok)
                r = QLocale().toDouble(text, &ok);
            if (!ok || !study::isPlausibleRating(r)) {
                // Refused with a message, never stored: see study/rating.h.
                emit m_document->errorOccurred(tr("A rating must be a number from %1 to %2 % (100 = normal pace); "
                                                  "\"%3\" was not saved.")
                                                   .arg(study::kMinRatingPercent)
                                                   .arg(study::kMaxRatingPercent)
                                                   .arg(value.toString()));
                return false;
            }
            after.ratingPercent = r;
        }
        if (after.ratingPercent == o->ratingPercent)
            return true;
        push(*o, after, tr("Edit rating"));
        return true;
    }
    case Note:
        after.note = value.toString().toStdString();
        if (after.note == o->note)
            return true;
        push(*o, after, tr("Edit note"));
        return true;
    default: return false;
    }
}

bool ObservationsModel::setExcluded(int row, bool excluded, const QString& reason)
{
    const study::Observation* o = observationAt(row);
    if (!o)
        return false;
    if (excluded && reason.trimmed().isEmpty())
        return false;
    if (excluded == o->excluded && (!excluded || reason.trimmed().toStdString() == o->excludedReason))
        return true;
    study::Observation after = *o;
    after.excluded = excluded;
    after.excludedReason = excluded ? reason.trimmed().toStdString() : std::string();
    push(*o, after, excluded ? tr("Exclude observation") : tr("Include observation"));
    return true;
}

} // namespace gemba::ui
