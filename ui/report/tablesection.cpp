// A report section that is a table under a heading, flowing over pages in blocks of rows.
#include "report/tablesection.h"

#include "report/reportstyle.h"

#include <QPainter>

namespace gemba::ui {
namespace {
constexpr qreal kHeadingGap = 4;
constexpr qreal kNoteGap = 5;
} // namespace

TableSection::TableSection(QString heading, QString introduction, ReportTable table, QString note, QString emptyText,
                           int rowsPerBlock)
    : m_heading(std::move(heading))
    , m_introduction(std::move(introduction))
    , m_table(std::move(table))
    , m_note(std::move(note))
    , m_emptyText(std::move(emptyText))
    , m_rowsPerBlock(rowsPerBlock)
{
}

qreal TableSection::headHeight(qreal width) const
{
    qreal h = 0;
    if (!m_heading.isEmpty())
        h += ReportStyle::textHeight(ReportStyle::font(ReportStyle::Text::Heading), width, m_heading) + kHeadingGap;
    if (!m_introduction.isEmpty())
        h += ReportStyle::textHeight(ReportStyle::font(ReportStyle::Text::Body), width, m_introduction) + kHeadingGap;
    return h;
}

QList<qreal> TableSection::blockHeights(qreal width) const
{
    const QFont body = ReportStyle::font(ReportStyle::Text::Body);
    if (m_table.rowCount() == 0) {
        qreal h = headHeight(width) + ReportStyle::textHeight(body, width, m_emptyText);
        if (!m_note.isEmpty())
            h += kNoteGap + ReportStyle::textHeight(body, width, m_note);
        return {h};
    }
    const QList<qreal> widths = m_table.columnWidths(width);
    const auto chunks = m_table.chunks(m_rowsPerBlock);
    QList<qreal> heights;
    for (int i = 0; i < chunks.size(); ++i) {
        qreal h = m_table.height(chunks[i].first, chunks[i].second, widths);
        if (i == 0)
            h += headHeight(width);
        if (i == chunks.size() - 1 && !m_note.isEmpty())
            h += kNoteGap + ReportStyle::textHeight(body, width, m_note);
        heights.append(h);
    }
    return heights;
}

void TableSection::paintBlock(QPainter& painter, const QRectF& rect, int block) const
{
    const QFont body = ReportStyle::font(ReportStyle::Text::Body);
    qreal y = rect.top();
    if (block == 0) {
        if (!m_heading.isEmpty())
            y += ReportStyle::drawText(painter, QRectF(rect.left(), y, rect.width(), 0),
                                       ReportStyle::font(ReportStyle::Text::Heading), ReportStyle::accent(), m_heading) +
                 kHeadingGap;
        if (!m_introduction.isEmpty())
            y += ReportStyle::drawText(painter, QRectF(rect.left(), y, rect.width(), 0), body, ReportStyle::muted(),
                                       m_introduction) +
                 kHeadingGap;
    }
    const auto chunks = m_table.chunks(m_rowsPerBlock);
    if (m_table.rowCount() == 0) {
        y += ReportStyle::drawText(painter, QRectF(rect.left(), y, rect.width(), 0), body, ReportStyle::ink(), m_emptyText);
    } else if (block >= 0 && block < chunks.size()) {
        y += m_table.paint(painter, QPointF(rect.left(), y), chunks[block].first, chunks[block].second,
                           m_table.columnWidths(rect.width()));
    }
    if (block == chunks.size() - 1 && !m_note.isEmpty())
        ReportStyle::drawText(painter, QRectF(rect.left(), y + kNoteGap, rect.width(), 0), body, ReportStyle::ink(),
                              m_note);
}

} // namespace gemba::ui
