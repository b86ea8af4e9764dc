// A figure in a report: a Printable's first page as one block.
#include "report/figuresection.h"

#include "report/reportstyle.h"

#include <QPainter>

namespace gemba::ui {
namespace {
constexpr qreal kGap = 4;
}

FigureSection::FigureSection(QString heading, std::unique_ptr<Printable> figure, qreal aspect, QString caption)
    : m_heading(std::move(heading))
    , m_figure(std::move(figure))
    , m_aspect(aspect)
    , m_caption(std::move(caption))
{
}

qreal FigureSection::headingHeight(qreal width) const
{
    return m_heading.isEmpty()
               ? 0
               : ReportStyle::textHeight(ReportStyle::font(ReportStyle::Text::Heading), width, m_heading) + kGap;
}

QList<qreal> FigureSection::blockHeights(qreal width) const
{
    qreal h = headingHeight(width) + width * m_aspect;
    if (!m_caption.isEmpty())
        h += kGap + ReportStyle::textHeight(ReportStyle::font(ReportStyle::Text::Small), width, m_caption);
    return {h};
}

void FigureSection::paintBlock(QPainter& painter, const QRectF& rect, int block) const
{
    if (block != 0)
        return;
    qreal y = rect.top();
    if (!m_heading.isEmpty())
        y += ReportStyle::drawText(painter, QRectF(rect.left(), y, rect.width(), 0),
                                   ReportStyle::font(ReportStyle::Text::Heading), ReportStyle::accent(), m_heading) +
             kGap;
    const QRectF area(rect.left(), y, rect.width(), rect.width() * m_aspect);
    painter.save();
    painter.setClipRect(area);   // a figure never paints over its neighbours
    m_figure->paintPage(painter, area, 0);
    painter.restore();
    if (!m_caption.isEmpty())
        ReportStyle::drawText(painter, QRectF(rect.left(), area.bottom() + kGap, rect.width(), 0),
                              ReportStyle::font(ReportStyle::Text::Small), ReportStyle::muted(), m_caption);
}

} // namespace gemba::ui
