// The drawing the Qt-free CLI asks of the GUI build (app/cli/renderhooks.h): `gemba chart ...
// --pdf|--png|--svg OUT` draws core's analysis with the ControlChartFigure and the exporters.
#pragma once

namespace gemba::ui {

// Installs the chart renderer into the CLI's render hooks, keeping any other hook already set
// (the report's). Cheap: Qt starts only when a figure is asked for, on the offscreen platform
// (QT_QPA_PLATFORM=offscreen unless the caller chose a platform), so `gemba chart ... --png`
// runs on a server without a display and never opens a window.
void installRenderHooks();

// The QApplication the CLI's drawing needs (fonts; Qt Charts items are QGraphicsWidgets), made on
// first use on the offscreen platform unless the caller chose one, with Qt's warnings kept off
// the command's stderr; kept to the end of the process. Shared by the chart and report hooks.
void ensureCliApplication();

} // namespace gemba::ui
