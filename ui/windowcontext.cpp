// The window's current process and study. For now it forwards to the document, which still
// holds them; moving the state here is the next step (issue 7 §0).
#include "windowcontext.h"

#include "projectdocument.h"

namespace gemba::ui {

WindowContext::WindowContext(ProjectDocument* document, QObject* parent)
    : QObject(parent)
    , m_document(document)
{
    connect(m_document, &ProjectDocument::currentProcessChanged, this, &WindowContext::processChanged);
    connect(m_document, &ProjectDocument::currentStudyChanged, this, &WindowContext::studyChanged);
}

study::Id WindowContext::processId() const { return m_document->currentProcessId(); }
study::Id WindowContext::studyId() const { return m_document->currentStudyId(); }
const study::Process* WindowContext::process() const { return m_document->currentProcess(); }
const study::Study* WindowContext::study() const { return m_document->currentStudy(); }
const std::vector<study::Step>& WindowContext::steps() const { return m_document->steps(); }
const std::vector<study::Study>& WindowContext::studies() const { return m_document->studies(); }
void WindowContext::setProcess(study::Id id) { m_document->setCurrentProcess(id); }
void WindowContext::setStudy(study::Id id) { m_document->setCurrentStudy(id); }

} // namespace gemba::ui
