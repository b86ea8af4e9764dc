// A report section that is a table under a heading: the study summary, a list of results.
// The rows flow over pages in blocks of whole rows, each block repeating the column header;
// the heading and the introduction stay with the first rows, the note under the last.
#pragma once

#include "report/reportsection.h"
#include "report/reporttable.h"

#include <QString>

namespace gemba::ui {

class TableSection final : public ReportSection {
public:
    // `emptyText` is shown instead of the table when it has no rows.
    TableSection(QString heading, QString introduction, ReportTable table, QString note = {},
                 QString emptyText = {}, int rowsPerBlock = 18);

    QList<qreal> blockHeights(qreal width) const override;
    void paintBlock(QPainter& painter, const QRectF& rect, int block) const override;

private:
    qreal headHeight(qreal width) const;   // heading and introduction, with the gap under them

    QString m_heading;
    QString m_introduction;
    ReportTable m_table;
    QString m_note;
    QString m_emptyText;
    int m_rowsPerBlock;
};

} // namespace gemba::ui
