// Writing a Printable to PDF (vector), SVG and PNG, printing it with a preview, and the CSV of a
// chart's plotted data. Each returns an error message, empty on success.
//
// Units: a Printable paints in points (1/72 inch). The PDF and the printer scale the painter
// from device dots to points; the SVG is written at 72 dpi, so one SVG unit is one point; the
// PNG is drawn at `dpi` (one point is dpi/72 pixels) and records that resolution in the file,
// so text and lines have the same physical size in every output.
#pragma once

#include <QPageLayout>
#include <QPageSize>
#include <QSize>
#include <QString>
#include <QStringList>

class QWidget;

namespace gemba::stats {
struct ChartAnalysis;
}

namespace gemba::ui {

class Printable;

// Every page of `printable`, one PDF page each, vector, with 10 mm margins.
QString exportPdf(const Printable& printable, const QString& path, const QPageSize& pageSize = QPageSize(QPageSize::A4),
                  QPageLayout::Orientation orientation = QPageLayout::Landscape);
// The first page, `size` points (= SVG user units) wide and high.
QString exportSvg(const Printable& printable, const QString& path, const QSize& size);
// The first page as a `pixels`-sized image drawn at `dpi` (96: a screen; 300: print).
QString exportPng(const Printable& printable, const QString& path, const QSize& pixels, int dpi = 96);
// Print with a preview (QPrintPreviewDialog); returns an empty string also when cancelled.
QString printWithPreview(const Printable& printable, QWidget* parent);

// The plotted data of every chart of `analysis`, one row per point:
//   chart, point, label, phase, excluded, value, center, LCL, UCL, tests failed ("1;5")
// `pointLabels` names the analysis points (empty: their 1-based numbers). RFC 4180 quoting,
// '.' decimal mark, 17 significant digits so the values read back exactly.
QString exportChartCsv(const stats::ChartAnalysis& analysis, const QStringList& pointLabels, const QString& path);

} // namespace gemba::ui
