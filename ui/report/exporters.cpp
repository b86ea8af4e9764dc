// PDF, SVG, PNG, print and CSV output of Printables and charts (see exporters.h).
#include "report/exporters.h"

#include "report/printable.h"
#include "stats/controlchart.h"

#include <QCoreApplication>
#include <QImage>
#include <QPainter>
#include <QPdfWriter>
#include <QPrintPreviewDialog>
#include <QPrinter>
#include <QSaveFile>
#include <QSvgGenerator>
#include <QSysInfo>

#include <cmath>
#include <csetjmp>

#include <png.h>

namespace gemba::ui {
namespace {

QString tr(const char* text) { return QCoreApplication::translate("Exporters", text); }

// Paints every page into a paged device (PDF writer or printer), one unit = one point.
QString paintPages(const Printable& printable, QPagedPaintDevice& device, const QString& path)
{
    const QSizeF page = device.pageLayout().paintRect(QPageLayout::Point).size();
    const int pages = std::max(1, printable.pageCount(page));
    QPainter painter;
    if (!painter.begin(&device))
        return tr("Cannot write %1.").arg(path);
    const qreal scale = device.logicalDpiX() / 72.0;
    for (int i = 0; i < pages; ++i) {
        if (i > 0)
            device.newPage();
        painter.save();
        painter.scale(scale, scale);
        printable.paintPage(painter, QRectF(QPointF(0, 0), page), i);
        painter.restore();
    }
    if (!painter.end())
        return tr("Cannot write %1.").arg(path);
    return {};
}

QString csvField(const QString& text)
{
    if (!text.contains(QLatin1Char(',')) && !text.contains(QLatin1Char('"')) && !text.contains(QLatin1Char('\n')) &&
        !text.contains(QLatin1Char('\r')))
        return text;
    QString quoted = text;
    quoted.replace(QLatin1String("\""), QLatin1String("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

QString number(double v) { return std::isfinite(v) ? QString::number(v, 'g', 17) : QString(); }

// Writes an opaque Format_RGB32 image as an 8-bit RGB PNG with its resolution (pHYs), through
// libpng directly rather than QImage::save: Qt lets libpng try all five row filters on every row
// (its adaptive heuristic), which cost more than drawing a 100,000-point chart. A chart is flat
// colour with thin lines: the "up" filter and zlib level 1 compress it as well (within a few
// per cent) in a third of the time. Returns false when the device refuses the bytes.
bool writeRgbPng(const QImage& image, QIODevice& device)
{
    struct Sink {
        QIODevice* device;
        bool ok;
    } sink{&device, true};
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, nullptr, nullptr, nullptr);
    if (!png)
        return false;
    png_infop info = png_create_info_struct(png);
    if (!info || setjmp(png_jmpbuf(png))) {
        png_destroy_write_struct(&png, info ? &info : nullptr);
        return false;
    }
    png_set_write_fn(
        png, &sink,
        [](png_structp p, png_bytep data, png_size_t length) {
            auto* s = static_cast<Sink*>(png_get_io_ptr(p));
            s->ok = s->ok && s->device->write(reinterpret_cast<const char*>(data), static_cast<qint64>(length)) ==
                                 static_cast<qint64>(length);
        },
        [](png_structp) {});
    png_set_IHDR(png, info, static_cast<png_uint_32>(image.width()), static_cast<png_uint_32>(image.height()), 8,
                 PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_BASE, PNG_FILTER_TYPE_BASE);
    png_set_pHYs(png, info, static_cast<png_uint_32>(image.dotsPerMeterX()),
                 static_cast<png_uint_32>(image.dotsPerMeterY()), PNG_RESOLUTION_METER);
    png_set_filter(png, PNG_FILTER_TYPE_BASE, PNG_FILTER_UP);
    png_set_compression_level(png, 1);
    png_write_info(png, info);
    // Format_RGB32 is 0xffRRGGBB per pixel: B, G, R, 0xff in memory on little-endian machines.
    if (QSysInfo::ByteOrder == QSysInfo::LittleEndian)
        png_set_bgr(png);
    png_set_filler(png, 0, QSysInfo::ByteOrder == QSysInfo::LittleEndian ? PNG_FILLER_AFTER : PNG_FILLER_BEFORE);
    for (int y = 0; y < image.height(); ++y)
        png_write_row(png, image.constScanLine(y));
    png_write_end(png, info);
    png_destroy_write_struct(&png, &info);
    return sink.ok;
}

} // namespace

QString exportPdf(const Printable& printable, const QString& path, const QPageSize& pageSize,
                  QPageLayout::Orientation orientation)
{
    QPdfWriter writer(path);
    writer.setResolution(1200);
    writer.setTitle(printable.printTitle());
    writer.setCreator(QStringLiteral("Gemba Workbench"));
    writer.setPageLayout(QPageLayout(pageSize, orientation, QMarginsF(10, 10, 10, 10), QPageLayout::Millimeter));
    return paintPages(printable, writer, path);
}

QString exportSvg(const Printable& printable, const QString& path, const QSize& size)
{
    if (size.isEmpty())
        return tr("The SVG size must be positive.");
    QSvgGenerator generator;
    generator.setFileName(path);
    generator.setSize(size);
    generator.setViewBox(QRect(QPoint(0, 0), size));
    generator.setResolution(72);
    generator.setTitle(printable.printTitle());
    generator.setDescription(QStringLiteral("Gemba Workbench"));
    QPainter painter;
    if (!painter.begin(&generator))
        return tr("Cannot write %1.").arg(path);
    printable.paintPage(painter, QRectF(QPointF(0, 0), QSizeF(size)), 0);
    if (!painter.end())
        return tr("Cannot write %1.").arg(path);
    return {};
}

QString exportPng(const Printable& printable, const QString& path, const QSize& pixels, int dpi)
{
    if (pixels.isEmpty() || dpi <= 0)
        return tr("The image size and resolution must be positive.");
    // Opaque: the page is white paper; RGB32 is the raster engine's fastest format too.
    QImage image(pixels, QImage::Format_RGB32);
    if (image.isNull())
        return tr("Not enough memory for a %1×%2 image.").arg(pixels.width()).arg(pixels.height());
    image.fill(Qt::white);
    const int dotsPerMeter = static_cast<int>(std::lround(dpi / 0.0254));
    image.setDotsPerMeterX(dotsPerMeter);
    image.setDotsPerMeterY(dotsPerMeter);
    // One painter unit is one point: the painter scales by the device pixel ratio by itself.
    const qreal ratio = dpi / 72.0;
    image.setDevicePixelRatio(ratio);
    {
        QPainter painter(&image);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setRenderHint(QPainter::TextAntialiasing);
        printable.paintPage(painter, QRectF(0, 0, pixels.width() / ratio, pixels.height() / ratio), 0);
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || !writeRgbPng(image, file) || !file.commit())
        return tr("Cannot write %1.").arg(path);
    return {};
}

QString printWithPreview(const Printable& printable, QWidget* parent)
{
    QPrinter printer(QPrinter::HighResolution);
    printer.setDocName(printable.printTitle());
    printer.setPageOrientation(QPageLayout::Landscape);
    QPrintPreviewDialog dialog(&printer, parent);
    dialog.setWindowTitle(tr("Print %1").arg(printable.printTitle()));
    QString error;
    QObject::connect(&dialog, &QPrintPreviewDialog::paintRequested, &dialog,
                     [&](QPrinter* target) { error = paintPages(printable, *target, target->docName()); });
    dialog.exec();
    return error;
}

QString exportChartCsv(const stats::ChartAnalysis& analysis, const QStringList& pointLabels, const QString& path)
{
    QByteArray out = "chart,point,label,phase,excluded,value,center,LCL,UCL,tests\n";
    for (const auto& chart : analysis.charts) {
        const QString name = QString::fromStdString(chart.name);
        for (std::size_t i = 0; i < chart.size(); ++i) {
            const std::size_t point = i + chart.firstObservation;
            const auto pi = static_cast<qsizetype>(point);
            const QString label = pi < pointLabels.size() ? pointLabels[pi] : QString::number(point + 1);
            QStringList tests;
            for (int t = 1; t <= stats::kTestCount; ++t)
                if (chart.tests[i] & (1u << (t - 1)))
                    tests << QString::number(t);
            const bool excluded = !analysis.flags.excluded.empty() && analysis.flags.excluded[point];
            const QStringList row = {name,
                                     QString::number(point + 1),
                                     csvField(label),
                                     analysis.phaseOf(point) == 1 ? QStringLiteral("I") : QStringLiteral("II"),
                                     excluded ? QStringLiteral("1") : QStringLiteral("0"),
                                     number(chart.values[i]),
                                     number(chart.centerLine.at(i)),
                                     number(chart.lcl.at(i)),
                                     number(chart.ucl.at(i)),
                                     tests.join(QLatin1Char(';'))};
            out += row.join(QLatin1Char(',')).toUtf8();
            out += '\n';
        }
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(out) != out.size() || !file.commit())
        return tr("Cannot write %1.").arg(path);
    return {};
}

} // namespace gemba::ui
