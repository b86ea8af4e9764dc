// The window's current process and study (see windowcontext.h).
#include "windowcontext.h"

#include "projectdocument.h"

#include <algorithm>

namespace gemba::ui {

WindowContext::WindowContext(ProjectDocument* document, QObject* parent)
    : QObject(parent)
    , m_document(document)
{
    const auto& processes = m_document->processes();
    m_processId = processes.empty() ? 0 : processes.front().id;
    const auto& first = studies();
    m_studyId = first.empty() ? 0 : first.back().id;

    // What this window shows may go away under it (a delete, an undo of an add, another window).
    connect(m_document, &ProjectDocument::processesChanged, this, [this] {
        if (!m_document->process(m_processId))
            setProcess(0);
        else if (m_processId == 0 && !m_document->processes().empty())
            setProcess(m_document->processes().front().id);
    });
    connect(m_document, &ProjectDocument::studiesChanged, this, [this](study::Id processId) {
        if (processId != m_processId)
            return;
        const auto& list = studies();
        if (std::none_of(list.begin(), list.end(), [this](const auto& s) { return s.id == m_studyId; }))
            setStudy(list.empty() ? 0 : list.back().id);
    });
    connect(m_document, &ProjectDocument::revealRequested, this, &WindowContext::reveal);
}

study::Id WindowContext::processId() const { return m_processId; }
study::Id WindowContext::studyId() const { return m_studyId; }
const study::Process* WindowContext::process() const { return m_document->process(m_processId); }
const std::vector<study::Step>& WindowContext::steps() const { return m_document->steps(m_processId); }
const std::vector<study::Study>& WindowContext::studies() const { return m_document->studies(m_processId); }

const study::Study* WindowContext::study() const
{
    for (const auto& s : studies())
        if (s.id == m_studyId)
            return &s;
    return nullptr;
}

void WindowContext::setProcess(study::Id id)
{
    if (!m_document->process(id))
        id = m_document->processes().empty() ? 0 : m_document->processes().front().id;
    m_processId = id;
    const auto& list = studies();
    m_studyId = list.empty() ? 0 : list.back().id;
    // The study first, so a view that listens to both finds the new pair complete either way.
    emit studyChanged();
    emit processChanged();
}

void WindowContext::setStudy(study::Id id)
{
    m_studyId = id;
    emit studyChanged();
}

void WindowContext::reveal(study::Id processId, study::Id studyId)
{
    if (!m_followsReveals)
        return;
    if (processId != 0 && processId != m_processId)
        setProcess(processId);
    if (studyId != 0 && studyId != m_studyId)
        setStudy(studyId);
}

} // namespace gemba::ui
