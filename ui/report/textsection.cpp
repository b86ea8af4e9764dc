// A report section of text under a heading, one block per paragraph.
#include "report/textsection.h"

#include "report/reportstyle.h"

namespace gemba::ui {
namespace {
constexpr qreal kGap = 4;
}

TextSection::TextSection(QString heading, QStringList paragraphs)
    : m_heading(std::move(heading))
    , m_paragraphs(std::move(paragraphs))
{
    if (m_paragraphs.isEmpty())
        m_paragraphs << QString();
}

qreal TextSection::headingHeight(qreal width) const
{
    return m_heading.isEmpty()
               ? 0
               : ReportStyle::textHeight(ReportStyle::font(ReportStyle::Text::Heading), width, m_heading) + kGap;
}

QList<qreal> TextSection::blockHeights(qreal width) const
{
    QList<qreal> heights;
    for (int i = 0; i < m_paragraphs.size(); ++i)
        heights << (i == 0 ? headingHeight(width) : 0) +
                       ReportStyle::textHeight(ReportStyle::font(ReportStyle::Text::Body), width, m_paragraphs[i]);
    return heights;
}

void TextSection::paintBlock(QPainter& painter, const QRectF& rect, int block) const
{
    if (block < 0 || block >= m_paragraphs.size())
        return;
    qreal y = rect.top();
    if (block == 0 && !m_heading.isEmpty())
        y += ReportStyle::drawText(painter, QRectF(rect.left(), y, rect.width(), 0),
                                   ReportStyle::font(ReportStyle::Text::Heading), ReportStyle::accent(), m_heading) +
             kGap;
    ReportStyle::drawText(painter, QRectF(rect.left(), y, rect.width(), 0), ReportStyle::font(ReportStyle::Text::Body),
                          ReportStyle::ink(), m_paragraphs[block]);
}

} // namespace gemba::ui
