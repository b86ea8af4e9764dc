// What the Qt-free CLI asks of the drawing code it cannot link: rendering a chart to PDF, PNG or
// SVG (`gemba chart ... --png OUT`), writing the review report (`gemba report`) and the time
// study sheet (`gemba sheet`). The gemba executable built with the GUI installs these (main.cpp,
// from gemba_ui) before it runs a command; without them (a build without the GUI) those options say so and exit 1.
#pragma once

#include "stats/controlchart.h"

#include <functional>
#include <optional>
#include <string>

namespace gemba::cli {

enum class FigureFormat { Pdf, Png, Svg };

struct ChartRenderRequest {
    FigureFormat format = FigureFormat::Png;
    std::string path;            // the file to write (replaced)
    int width = 1600;            // pixels (PNG), or the page in points at 72 dpi (PDF, SVG)
    int height = 900;
    int dpi = 96;                // PNG: the resolution text and lines are scaled for
    std::string title;           // above the chart: the data's name
    std::string valueUnit;       // axis unit, e.g. "s"; empty for none
};

struct ReportRenderRequest {
    std::string projectPath;
    std::optional<std::string> study;   // a study's name as `gemba summary` shows it; default: all
    std::string outputPath;
    std::string pageSize = "a4";        // "a4" or "letter"
};

struct RenderHooks {
    // Each returns an error message, empty on success.
    std::function<std::string(const stats::ChartAnalysis&, const ChartRenderRequest&)> renderChart;
    std::function<std::string(const ReportRenderRequest&)> renderReport;
    // `gemba sheet`: the time study sheet of one study (request.study; default: the latest).
    std::function<std::string(const ReportRenderRequest&)> renderSheet;
};

void setRenderHooks(RenderHooks hooks);
const RenderHooks& renderHooks();

} // namespace gemba::cli
