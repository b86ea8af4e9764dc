// The typography of printed reports: fonts, colours and spacing, in points. Every report
// section takes its look from here, so the report reads as one document.
//
// Sizes are in points because the exporters scale the painter so that one unit is one point
// (printable.h). Fonts are therefore sized in pixels (one pixel = one unit = one point), never
// in points, which Qt would scale a second time by the device's resolution. Hinting is off so
// that text measured here has the width it has in the PDF; shaping is off so that no ligature
// hides a word from a search of the PDF.
// Print is black on white whatever the screen's palette (a dark desktop theme must not give a
// black page); the few colours are dark enough to read in black-and-white print.
#pragma once

#include <QColor>
#include <QFont>
#include <QString>

class QPainter;
class QRectF;

namespace gemba::ui {

class ReportStyle {
public:
    enum class Text { Title, Heading, Subheading, Body, Small, TableHeader, Table, Footer };

    static QFont font(Text role);

    static QColor ink() { return QColor(0x1a, 0x1a, 0x1a); }
    static QColor muted() { return QColor(0x55, 0x5b, 0x63); }
    static QColor rule() { return QColor(0xb8, 0xbe, 0xc6); }
    static QColor band() { return QColor(0xee, 0xf1, 0xf4); }      // table header background
    static QColor accent() { return QColor(0x1f, 0x4e, 0x79); }    // headings
    static QColor signal() { return QColor(0xb0, 0x1e, 0x1e); }    // out of control

    static constexpr qreal kMargin = 48;         // page margin (about 17 mm)
    static constexpr qreal kFooterHeight = 22;   // inside the bottom margin's upper part
    static constexpr qreal kBlockGap = 8;        // between the blocks of a section
    static constexpr qreal kSectionGap = 20;     // before a section's first block
    static constexpr qreal kCellPadding = 4;

    // The height of `text` set in `font`, wrapped at word boundaries to `width`.
    static qreal textHeight(const QFont& font, qreal width, const QString& text);
    static qreal lineHeight(const QFont& font);
    // Paints `text` wrapped into `rect` (top-left aligned unless `flags` says otherwise) and
    // returns the height it took.
    static qreal drawText(QPainter& painter, const QRectF& rect, const QFont& font, const QColor& color,
                          const QString& text, int flags = 0);
};

} // namespace gemba::ui
