// What one window is looking at: its current process and study. It belongs to the window, not
// to the project document, so two windows (or a chart pinned to one study, or a report spanning
// several) can look at different parts of the same project. Views read the current process and
// study here and react to processChanged()/studyChanged(); they read and change the data itself
// through the document, whose signals name the process or study they concern.
#pragma once

#include "study/model.h"

#include <QObject>

#include <vector>

namespace gemba::ui {

class ProjectDocument;

class WindowContext : public QObject {
    Q_OBJECT
public:
    // Starts on the document's first process and its latest study.
    explicit WindowContext(ProjectDocument* document, QObject* parent = nullptr);

    ProjectDocument* document() const { return m_document; }

    study::Id processId() const;
    study::Id studyId() const;
    const study::Process* process() const;   // null when there is none
    const study::Study* study() const;       // null when there is none
    const std::vector<study::Step>& steps() const;     // of the current process
    const std::vector<study::Study>& studies() const;  // of the current process

    // Another process: its latest study becomes current. A process that is gone (or 0) falls
    // back to the first one there is.
    void setProcess(study::Id id);
    void setStudy(study::Id id);

    // Whether undo and redo bring what they touched into view here (ProjectDocument::
    // revealRequested). False by default, so an edit in one window does not move another or a
    // chart pinned to its study; the document's primary context (the window's) follows.
    bool followsReveals() const { return m_followsReveals; }
    void setFollowsReveals(bool follow) { m_followsReveals = follow; }

signals:
    void processChanged();   // another process (and so its steps and studies) is current
    void studyChanged();     // another study is current

private:
    void reveal(study::Id processId, study::Id studyId);

    ProjectDocument* m_document;
    study::Id m_processId = 0;
    study::Id m_studyId = 0;
    bool m_followsReveals = false;
};

} // namespace gemba::ui
