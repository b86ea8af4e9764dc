// One part of a review report (the header, the study summary, a control chart, ...): a list of
// blocks that the ReportDocument lays out on pages. A block is never cut at a page break.
//
// Adding a section to the report (a variance Pareto, a charter, ...):
//  1. Implement ReportSection in ui/report/<name>section.{h,cpp}: blockHeights() measures every
//     block for a content width, in points; paintBlock() paints one block into a rectangle of
//     exactly that width and the measured height, its top-left corner at the rectangle's.
//     Split long content (table rows, lists) into several blocks so that it can flow over
//     pages; keep a heading in the same block as what follows it, so that it is never left
//     alone at the foot of a page. Take fonts, colours and spacing from ReportStyle.
//  2. Compute everything in the constructor (from core's results; no formulas in ui/), so
//     measuring and painting are cheap and const: the document measures again for every page
//     size.
//  3. Append it to the document (ReportDocument::addSection), or let buildStudyReport
//     (studyreport.h) do it where the section belongs to every study report.
#pragma once

#include <QList>
#include <QRectF>

class QPainter;

namespace gemba::ui {

class ReportSection {
public:
    virtual ~ReportSection() = default;

    // The heights of this section's blocks, in points, when they are `width` points wide.
    // A block taller than a page is scaled down to fit one (and stays legible only if it is
    // not much taller): prefer more, smaller blocks.
    virtual QList<qreal> blockHeights(qreal width) const = 0;
    // Paints block `block` into `rect` (width as measured for, height as measured).
    virtual void paintBlock(QPainter& painter, const QRectF& rect, int block) const = 0;
    // True when the section begins a new page (the header of the second study of a report).
    virtual bool startsNewPage() const { return false; }
};

} // namespace gemba::ui
