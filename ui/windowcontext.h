// What one window is looking at: its current process and study. It belongs to the window, not
// to the project document, so two windows (or a chart pinned to one study, or a report spanning
// several) can look at different parts of the same project. Views read the current process and
// study here and react to processChanged()/studyChanged(); they read and change the data itself
// through the document.
#pragma once

#include "study/model.h"

#include <QObject>

#include <vector>

namespace gemba::ui {

class ProjectDocument;

class WindowContext : public QObject {
    Q_OBJECT
public:
    explicit WindowContext(ProjectDocument* document, QObject* parent = nullptr);

    ProjectDocument* document() const { return m_document; }

    study::Id processId() const;
    study::Id studyId() const;
    const study::Process* process() const;   // null when there is none
    const study::Study* study() const;       // null when there is none
    const std::vector<study::Step>& steps() const;     // of the current process
    const std::vector<study::Study>& studies() const;  // of the current process

    void setProcess(study::Id id);
    void setStudy(study::Id id);

signals:
    void processChanged();   // another process (and so its steps and studies) is current
    void studyChanged();     // another study is current

private:
    ProjectDocument* m_document;
};

} // namespace gemba::ui
