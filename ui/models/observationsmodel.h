// The observations of the current study, fetched page by page so a study of a million rows
// opens at once; edits become undo commands.
#pragma once

#include "study/model.h"

#include <QAbstractTableModel>
#include <QHash>

#include <vector>

namespace gemba::ui {

class ProjectDocument;
class WindowContext;

class ObservationsModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Cycle, Step, Seconds, Rating, Abnormal, Excluded, Reason, Note, ColumnCount };
    enum Role { ObservationIdRole = Qt::UserRole + 1 };

    // The observations of the context's current study.
    explicit ObservationsModel(WindowContext& context, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;
    bool canFetchMore(const QModelIndex& parent) const override;
    void fetchMore(const QModelIndex& parent) override;

    const study::Observation* observationAt(int row) const;
    qint64 totalCount() const { return m_total; }
    // Marks the observation excluded with a reason (or includes it again with an empty reason).
    // Excluding needs a reason in every path: an empty one is refused (returns false).
    bool setExcluded(int row, bool excluded, const QString& reason);
    int rowOf(study::Id id) const;   // -1 if not loaded

private:
    void reload();
    void refreshOne(study::Id id);
    void removeRows(const QList<qint64>& ids);
    void insertRestored(const QList<qint64>& ids);
    void refreshMany(const QList<qint64>& ids);
    void recount();
    void push(const study::Observation& before, const study::Observation& after, const QString& text);

    WindowContext* m_context;
    ProjectDocument* m_document;
    std::vector<study::Observation> m_rows;
    QHash<study::Id, int> m_cycleNumber;
    qint64 m_total = 0;
};

} // namespace gemba::ui
