// Anything that can be printed or exported: a number of pages, each painted into a rectangle of
// a QPainter. One abstraction serves QPrinter (print and preview), QPdfWriter (vector PDF),
// QSvgGenerator and QImage (PNG at a chosen DPI) alike, so what is printed is drawn for the
// page, never grabbed from the screen (charts are rendered offscreen).
#pragma once

#include <QSizeF>
#include <QString>

class QPainter;
class QRectF;

namespace gemba::ui {

class Printable {
public:
    virtual ~Printable() = default;

    // What the output is called (the PDF's title, the default file name).
    virtual QString printTitle() const = 0;
    // How many pages the content takes on pages whose printable area is `pageSize`, in points
    // (1/72 inch). A figure is one page; a report paginates so that nothing is cut at a break.
    virtual int pageCount(const QSizeF& pageSize) const = 0;
    // Paints page `page` (0-based) into `rect`, in points: the exporters scale the painter so
    // that one unit is one point whatever the device's resolution, so line widths and fonts
    // come out the same size in a PDF, an SVG, on paper and in a PNG at any DPI.
    virtual void paintPage(QPainter& painter, const QRectF& rect, int page) const = 0;
};

} // namespace gemba::ui
