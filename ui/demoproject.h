// The demo a new user sees on first launch: a realistic process with a few timed cycles.
#pragma once

#include <QString>

namespace gemba::ui {

class ProjectDocument;

// Adds the demo process, its steps and one study of 12 timed cycles to the project.
// Returns an empty string on success, else the reason it failed (nothing is left half-done
// in the view: the document reloads what was stored).
QString populateDemoProject(ProjectDocument& document);

} // namespace gemba::ui
