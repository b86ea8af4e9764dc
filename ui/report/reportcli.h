// `gemba report`: the hook the Qt-free CLI calls to write the review report (app/cli/renderhooks.h).
#pragma once

#include "cli/renderhooks.h"

#include <string>

namespace gemba::ui {

// Installs RenderHooks::renderReport, keeping the hooks already installed (the chart hook is
// installed apart, by its own function); main.cpp calls it before it runs a command.
void installReportHook();

// What the hook does: opens the project read-only, picks the studies (request.study: a study's
// id, notes, "date - observer" label or date; every study of the project when not given) and
// writes the report as a PDF on A4 or Letter paper. Creates a QApplication on the offscreen
// platform when there is none (and no DISPLAY). Returns an error message, empty on success.
std::string renderReport(const cli::ReportRenderRequest& request);

} // namespace gemba::ui
