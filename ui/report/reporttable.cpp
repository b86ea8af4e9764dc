// A table for printed reports, measured and painted in points.
#include "report/reporttable.h"

#include "report/reportstyle.h"

#include <QFontMetricsF>
#include <QPainter>

#include <algorithm>

namespace gemba::ui {
namespace {
constexpr qreal kPad = ReportStyle::kCellPadding;
// Slack so that text measured by the screen's font engine never wraps in the PDF's.
constexpr qreal kSlack = 2;
} // namespace

void ReportTable::addRow(QStringList cells, QColor color, int colorColumn)
{
    m_rows.append(Row{std::move(cells), color, colorColumn});
}

QList<qreal> ReportTable::columnWidths(qreal width) const
{
    const QFontMetricsF body(ReportStyle::font(ReportStyle::Text::Table));
    const QFontMetricsF head(ReportStyle::font(ReportStyle::Text::TableHeader));
    // Each column's widest cell, the header read on one line (`wrapHeaders` false) or wrapped
    // at its spaces ("Standard" over "(s)"), when only its longest word counts.
    auto natural = [&](bool wrapHeaders) {
        QList<qreal> out;
        for (int c = 0; c < m_columns.size(); ++c) {
            qreal w = 0;
            const QStringList words = wrapHeaders ? m_columns[c].header.split(QLatin1Char(' ')) : QStringList{m_columns[c].header};
            for (const QString& word : words)
                w = std::max(w, head.horizontalAdvance(word));
            for (const Row& r : m_rows)
                if (c < r.cells.size())
                    w = std::max(w, body.horizontalAdvance(r.cells[c]));
            out.append(w + 2 * kPad + kSlack);
        }
        return out;
    };
    auto sum = [](const QList<qreal>& l) {
        qreal t = 0;
        for (qreal v : l)
            t += v;
        return t;
    };
    QList<qreal> widths = natural(false);
    if (sum(widths) > width)
        widths = natural(true);
    const qreal total = sum(widths);
    if (total <= width) {
        // Room to spare: the table spans the width, wrapping columns taking the extra first.
        qreal flexible = 0;
        for (int c = 0; c < m_columns.size(); ++c)
            if (m_columns[c].wraps)
                flexible += widths[c];
        for (int c = 0; c < m_columns.size(); ++c) {
            if (flexible > 0 && m_columns[c].wraps)
                widths[c] += (width - total) * widths[c] / flexible;
            else if (flexible <= 0 && total > 0)
                widths[c] += (width - total) * widths[c] / total;
        }
        return widths;
    }
    qreal fixed = 0, flexible = 0;
    for (int c = 0; c < m_columns.size(); ++c)
        (m_columns[c].wraps ? flexible : fixed) += widths[c];
    const qreal rest = width - fixed;
    if (flexible > 0 && rest > 0) {
        // The wrapping columns share what the others leave, in proportion to their text.
        for (int c = 0; c < m_columns.size(); ++c)
            if (m_columns[c].wraps)
                widths[c] *= rest / flexible;
    } else {
        // Too wide even without the text columns: everything shrinks alike (text then wraps).
        for (qreal& w : widths)
            w *= width / total;
    }
    return widths;
}

qreal ReportTable::cellHeight(const QString& text, qreal width, bool header) const
{
    const QFont font = ReportStyle::font(header ? ReportStyle::Text::TableHeader : ReportStyle::Text::Table);
    return ReportStyle::textHeight(font, std::max<qreal>(width - 2 * kPad, 1), text.isEmpty() ? QStringLiteral(" ") : text);
}

qreal ReportTable::headerHeight(const QList<qreal>& widths) const
{
    qreal h = 0;
    for (int c = 0; c < m_columns.size(); ++c)
        h = std::max(h, cellHeight(m_columns[c].header, widths[c], true));
    return h + 2 * kPad;
}

qreal ReportTable::rowHeight(int row, const QList<qreal>& widths) const
{
    qreal h = 0;
    const Row& r = m_rows[row];
    for (int c = 0; c < m_columns.size() && c < r.cells.size(); ++c)
        h = std::max(h, cellHeight(r.cells[c], widths[c], false));
    return h + 2 * kPad - 1;
}

qreal ReportTable::height(int first, int last, const QList<qreal>& widths) const
{
    qreal h = headerHeight(widths);
    for (int r = first; r < last; ++r)
        h += rowHeight(r, widths);
    return h;
}

qreal ReportTable::paint(QPainter& painter, const QPointF& topLeft, int first, int last, const QList<qreal>& widths) const
{
    qreal total = 0;
    for (qreal w : widths)
        total += w;
    const QFont headFont = ReportStyle::font(ReportStyle::Text::TableHeader);
    const QFont bodyFont = ReportStyle::font(ReportStyle::Text::Table);
    painter.save();
    qreal y = topLeft.y();
    const qreal hh = headerHeight(widths);
    painter.fillRect(QRectF(topLeft.x(), y, total, hh), ReportStyle::band());
    qreal x = topLeft.x();
    for (int c = 0; c < m_columns.size(); ++c) {
        const QRectF cell(x + kPad, y + kPad, widths[c] - 2 * kPad, hh - 2 * kPad);
        ReportStyle::drawText(painter, cell, headFont, ReportStyle::ink(), m_columns[c].header,
                              static_cast<int>(m_columns[c].alignment | Qt::AlignBottom));
        x += widths[c];
    }
    y += hh;
    painter.setPen(QPen(ReportStyle::ink(), 0.6));
    painter.drawLine(QPointF(topLeft.x(), y), QPointF(topLeft.x() + total, y));
    for (int r = first; r < last; ++r) {
        const Row& row = m_rows[r];
        const qreal rh = rowHeight(r, widths);
        x = topLeft.x();
        for (int c = 0; c < m_columns.size() && c < row.cells.size(); ++c) {
            const QRectF cell(x + kPad, y + kPad - 0.5, widths[c] - 2 * kPad, rh - 2 * kPad + 1);
            const bool colored = row.color.isValid() && (row.colorColumn < 0 || row.colorColumn == c);
            ReportStyle::drawText(painter, cell, bodyFont, colored ? row.color : ReportStyle::ink(),
                                  row.cells[c], static_cast<int>(m_columns[c].alignment));
            x += widths[c];
        }
        y += rh;
        painter.setPen(QPen(ReportStyle::rule(), 0.4));
        painter.drawLine(QPointF(topLeft.x(), y), QPointF(topLeft.x() + total, y));
    }
    painter.restore();
    return y - topLeft.y();
}

QList<QPair<int, int>> ReportTable::chunks(int rowsPerBlock) const
{
    QList<QPair<int, int>> out;
    const int n = rowCount();
    const int per = std::max(rowsPerBlock, 1);
    for (int first = 0; first < n; first += per)
        out.append(qMakePair(first, std::min(n, first + per)));
    if (out.isEmpty())
        out.append(qMakePair(0, 0));
    return out;
}

} // namespace gemba::ui
