// `gemba report` and `gemba sheet`: the hooks the Qt-free CLI calls to write the review report and
// the time study sheet (app/cli/renderhooks.h).
#pragma once

#include "cli/renderhooks.h"

#include <QString>

#include <string>

class QPageSize;

namespace gemba::ui {

class Printable;

// Installs RenderHooks::renderReport and renderSheet, keeping the hooks already installed (the
// chart hook is installed apart, by its own function); main.cpp calls it before it runs a command.
void installReportHook();

// What the hook does: opens the project read-only, picks the studies (request.study: a study's
// id, notes, "date - observer" label or date; every study of the project when not given) and
// writes the report as a PDF on A4 or Letter paper. Creates a QApplication on the offscreen
// platform when there is none (and no DISPLAY). Returns an error message, empty on success.
std::string renderReport(const cli::ReportRenderRequest& request);

// `gemba sheet`: the time study sheet (studysheet.h) of the study named by request.study (as
// above; when several match, or none is named, the latest of them: the highest id) as a PDF.
std::string renderSheet(const cli::ReportRenderRequest& request);

// Writes `document` as a vector PDF on pages of `pageSize`, portrait, with no device margins
// (a report or sheet keeps its own), the painter scaled so that one unit is one point
// (printable.h). Returns an error message, empty on success.
QString writeReportPdf(const Printable& document, const QString& path, const QPageSize& pageSize);

} // namespace gemba::ui
