// A report section of text under a heading: a note, or why a chart could not be drawn.
// Each paragraph is a block of its own, so a long text flows over pages.
#pragma once

#include "report/reportsection.h"

#include <QString>
#include <QStringList>

namespace gemba::ui {

class TextSection final : public ReportSection {
public:
    TextSection(QString heading, QStringList paragraphs);

    QList<qreal> blockHeights(qreal width) const override;
    void paintBlock(QPainter& painter, const QRectF& rect, int block) const override;

private:
    qreal headingHeight(qreal width) const;

    QString m_heading;
    QStringList m_paragraphs;
};

} // namespace gemba::ui
