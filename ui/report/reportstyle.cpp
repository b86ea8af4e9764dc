// The typography of printed reports: fonts, colours and spacing, in points.
#include "report/reportstyle.h"

#include <QFontMetricsF>
#include <QPainter>

#include <algorithm>

namespace gemba::ui {

QFont ReportStyle::font(Text role)
{
    // DejaVu Sans is what packaging/install-deps installs for offscreen rendering; elsewhere
    // the style hint picks the desktop's sans-serif.
    QFont f(QStringLiteral("DejaVu Sans"));
    f.setStyleHint(QFont::SansSerif);
    f.setHintingPreference(QFont::PreferNoHinting);
    // No ligatures: with them a PDF's "confidence" is found by no search (its "fi" is one glyph).
    f.setStyleStrategy(QFont::PreferNoShaping);
    switch (role) {
    case Text::Title: f.setPixelSize(18); f.setBold(true); break;
    case Text::Heading: f.setPixelSize(13); f.setBold(true); break;
    case Text::Subheading: f.setPixelSize(10); f.setBold(true); break;
    case Text::Body: f.setPixelSize(9); break;
    case Text::Small: f.setPixelSize(8); break;
    case Text::TableHeader: f.setPixelSize(8); f.setBold(true); break;
    case Text::Table: f.setPixelSize(8); break;
    case Text::Footer: f.setPixelSize(7); break;
    }
    return f;
}

qreal ReportStyle::lineHeight(const QFont& font) { return QFontMetricsF(font).lineSpacing(); }

qreal ReportStyle::textHeight(const QFont& font, qreal width, const QString& text)
{
    if (text.isEmpty())
        return 0;
    const QFontMetricsF fm(font);
    // The far bottom of the rectangle is only a limit for the measurement.
    const QRectF r = fm.boundingRect(QRectF(0, 0, std::max<qreal>(width, 1), 1e6), Qt::TextWordWrap, text);
    return std::max(r.height(), fm.lineSpacing());
}

qreal ReportStyle::drawText(QPainter& painter, const QRectF& rect, const QFont& font, const QColor& color,
                            const QString& text, int flags)
{
    const qreal h = textHeight(font, rect.width(), text);
    painter.save();
    painter.setFont(font);
    painter.setPen(color);
    painter.drawText(QRectF(rect.left(), rect.top(), rect.width(), std::max(h, rect.height())),
                     flags | Qt::TextWordWrap | ((flags & Qt::AlignHorizontal_Mask) ? 0 : Qt::AlignLeft) |
                         ((flags & Qt::AlignVertical_Mask) ? 0 : Qt::AlignTop),
                     text);
    painter.restore();
    return h;
}

} // namespace gemba::ui
