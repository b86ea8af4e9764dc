// A printable review report: sections of blocks laid out on pages, never cut at a page break.
#include "report/reportdocument.h"

#include "report/reportstyle.h"

#include <QCoreApplication>
#include <QPainter>

#include <algorithm>

namespace gemba::ui {

ReportDocument::ReportDocument(QString title, QString fileName, QDateTime printed)
    : m_title(std::move(title))
    , m_fileName(std::move(fileName))
    , m_printed(std::move(printed))
{
}

ReportDocument::~ReportDocument() = default;

void ReportDocument::addSection(std::unique_ptr<ReportSection> section)
{
    m_sections.push_back(std::move(section));
    m_layoutSize = {};
    m_layout.clear();
}

QRectF ReportDocument::contentRect(const QSizeF& pageSize)
{
    const qreal m = ReportStyle::kMargin;
    // The footer sits in the bottom margin, so the content keeps the full height between margins.
    return QRectF(m, m, std::max<qreal>(pageSize.width() - 2 * m, 1), std::max<qreal>(pageSize.height() - 2 * m, 1));
}

const QList<QList<ReportDocument::Placement>>& ReportDocument::layout(const QSizeF& pageSize) const
{
    if (m_layoutSize == pageSize && !m_layout.isEmpty())
        return m_layout;
    const QRectF area = contentRect(pageSize);
    QList<QList<Placement>> pages(1);
    qreal y = 0;   // used height of the current page's content area
    for (int s = 0; s < static_cast<int>(m_sections.size()); ++s) {
        const ReportSection& section = *m_sections[static_cast<std::size_t>(s)];
        if (section.startsNewPage() && !pages.back().isEmpty()) {
            pages.append(QList<Placement>());
            y = 0;
        }
        const QList<qreal> heights = section.blockHeights(area.width());
        for (int b = 0; b < heights.size(); ++b) {
            const qreal h = std::max<qreal>(heights[b], 0);
            qreal gap = pages.back().isEmpty() ? 0 : (b == 0 ? ReportStyle::kSectionGap : ReportStyle::kBlockGap);
            if (y + gap + h > area.height() && !pages.back().isEmpty()) {
                pages.append(QList<Placement>());
                y = 0;
                gap = 0;
            }
            Placement p{s, b, {}, 1};
            if (h > area.height())
                p.scale = area.height() / h;
            p.rect = QRectF(area.left(), area.top() + y + gap, area.width() * p.scale, h * p.scale);
            pages.back().append(p);
            y += gap + p.rect.height();
        }
    }
    if (pages.size() > 1 && pages.back().isEmpty())
        pages.removeLast();
    m_layoutSize = pageSize;
    m_layout = pages;
    return m_layout;
}

int ReportDocument::pageCount(const QSizeF& pageSize) const { return static_cast<int>(layout(pageSize).size()); }

void ReportDocument::paintPage(QPainter& painter, const QRectF& rect, int page) const
{
    const auto& pages = layout(rect.size());
    if (page < 0 || page >= pages.size())
        return;
    painter.save();
    painter.translate(rect.topLeft());
    painter.fillRect(QRectF(QPointF(0, 0), rect.size()), Qt::white);
    painter.setRenderHint(QPainter::Antialiasing, true);
    painter.setRenderHint(QPainter::TextAntialiasing, true);
    for (const Placement& p : pages[page]) {
        painter.save();
        painter.translate(p.rect.topLeft());
        painter.scale(p.scale, p.scale);
        const QRectF blockRect(0, 0, p.rect.width() / p.scale, p.rect.height() / p.scale);
        m_sections[static_cast<std::size_t>(p.section)]->paintBlock(painter, blockRect, p.block);
        painter.restore();
    }
    paintFooter(painter, QRectF(QPointF(0, 0), rect.size()), page, static_cast<int>(pages.size()));
    painter.restore();
}

void ReportDocument::paintFooter(QPainter& painter, const QRectF& page, int pageIndex, int pages) const
{
    const qreal m = ReportStyle::kMargin;
    const QRectF band(m, page.height() - m + (m - ReportStyle::kFooterHeight) / 2, page.width() - 2 * m,
                      ReportStyle::kFooterHeight);
    painter.save();
    painter.setPen(QPen(ReportStyle::rule(), 0.5));
    painter.drawLine(QPointF(band.left(), band.top()), QPointF(band.right(), band.top()));
    const QFont font = ReportStyle::font(ReportStyle::Text::Footer);
    const QRectF text = band.adjusted(0, 4, 0, 0);
    // ISO dates, as the studies' dates are written: unambiguous wherever the report is read.
    const QString printed = tr("Printed %1").arg(m_printed.toString(QStringLiteral("yyyy-MM-dd HH:mm")));
    ReportStyle::drawText(painter, text, font, ReportStyle::muted(), m_fileName, Qt::AlignLeft);
    ReportStyle::drawText(painter, text, font, ReportStyle::muted(), printed, Qt::AlignHCenter);
    ReportStyle::drawText(painter, text, font, ReportStyle::muted(),
                          tr("Page %1 of %2").arg(pageIndex + 1).arg(pages),
                          Qt::AlignRight);
    painter.restore();
}

} // namespace gemba::ui
