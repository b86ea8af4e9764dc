// The head of a report or of one study in it: title, subtitle and label: value facts.
#include "report/headersection.h"

#include "report/reportstyle.h"

#include <QFontMetricsF>
#include <QPainter>

#include <algorithm>

namespace gemba::ui {
namespace {
constexpr qreal kRuleGap = 6;    // between the subtitle and the rule under it
constexpr qreal kFieldGap = 3;   // between two facts
constexpr qreal kLabelGap = 10;  // between a label and its value
} // namespace

HeaderSection::HeaderSection(QString title, QString subtitle, QList<Field> fields, bool startsNewPage)
    : m_title(std::move(title))
    , m_subtitle(std::move(subtitle))
    , m_fields(std::move(fields))
    , m_newPage(startsNewPage)
{
}

qreal HeaderSection::labelWidth() const
{
    const QFontMetricsF fm(ReportStyle::font(ReportStyle::Text::Body));
    qreal w = 0;
    for (const auto& f : m_fields)
        w = std::max(w, fm.horizontalAdvance(f.first));
    return w + 2;
}

qreal HeaderSection::fieldsHeight(qreal width) const
{
    const QFont body = ReportStyle::font(ReportStyle::Text::Body);
    const qreal valueWidth = std::max<qreal>(width - labelWidth() - kLabelGap, 40);
    qreal h = 0;
    for (const auto& f : m_fields)
        h += ReportStyle::textHeight(body, valueWidth, f.second.isEmpty() ? QStringLiteral("-") : f.second) + kFieldGap;
    return h;
}

QList<qreal> HeaderSection::blockHeights(qreal width) const
{
    qreal h = ReportStyle::textHeight(ReportStyle::font(ReportStyle::Text::Title), width, m_title);
    if (!m_subtitle.isEmpty())
        h += 2 + ReportStyle::textHeight(ReportStyle::font(ReportStyle::Text::Subheading), width, m_subtitle);
    h += kRuleGap * 2 + fieldsHeight(width);
    return {h};
}

void HeaderSection::paintBlock(QPainter& painter, const QRectF& rect, int block) const
{
    if (block != 0)
        return;
    qreal y = rect.top();
    y += ReportStyle::drawText(painter, QRectF(rect.left(), y, rect.width(), 0),
                               ReportStyle::font(ReportStyle::Text::Title), ReportStyle::accent(), m_title);
    if (!m_subtitle.isEmpty()) {
        y += 2;
        y += ReportStyle::drawText(painter, QRectF(rect.left(), y, rect.width(), 0),
                                   ReportStyle::font(ReportStyle::Text::Subheading), ReportStyle::ink(), m_subtitle);
    }
    y += kRuleGap;
    painter.save();
    painter.setPen(QPen(ReportStyle::accent(), 1.2));
    painter.drawLine(QPointF(rect.left(), y), QPointF(rect.right(), y));
    painter.restore();
    y += kRuleGap;
    const QFont body = ReportStyle::font(ReportStyle::Text::Body);
    const qreal lw = labelWidth();
    const qreal valueLeft = rect.left() + lw + kLabelGap;
    const qreal valueWidth = std::max<qreal>(rect.right() - valueLeft, 40);
    for (const auto& f : m_fields) {
        ReportStyle::drawText(painter, QRectF(rect.left(), y, lw, 0), body, ReportStyle::muted(), f.first);
        y += ReportStyle::drawText(painter, QRectF(valueLeft, y, valueWidth, 0), body, ReportStyle::ink(),
                                   f.second.isEmpty() ? QStringLiteral("-") : f.second) +
             kFieldGap;
    }
}

} // namespace gemba::ui
