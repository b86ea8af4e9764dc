// A figure in a report: any Printable's first page (a capability figure, a chart figure) drawn
// as one block, at the figure's width and `aspect` × that height, under an optional heading.
#pragma once

#include "report/printable.h"
#include "report/reportsection.h"

#include <QString>

#include <memory>

namespace gemba::ui {

class FigureSection final : public ReportSection {
public:
    // `aspect`: height / width of the figure (0.75 for a 4:3 figure).
    FigureSection(QString heading, std::unique_ptr<Printable> figure, qreal aspect, QString caption = {});

    QList<qreal> blockHeights(qreal width) const override;
    void paintBlock(QPainter& painter, const QRectF& rect, int block) const override;

    const Printable& figure() const { return *m_figure; }

private:
    qreal headingHeight(qreal width) const;

    QString m_heading;
    std::unique_ptr<Printable> m_figure;
    qreal m_aspect;
    QString m_caption;
};

} // namespace gemba::ui
