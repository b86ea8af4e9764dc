// The open project as the window sees it: the store, the current process and study, and
// the undo stack every edit goes through.
#include "projectdocument.h"

#include "data/dataservice.h"

#include <algorithm>

namespace gemba::ui {

std::unique_ptr<ProjectDocument> ProjectDocument::open(const QString& path, QString* error)
{
    auto project = store::Project::open(path.toStdString());
    if (!project) {
        if (error)
            *error = QString::fromStdString(project.error().message);
        return nullptr;
    }
    return std::unique_ptr<ProjectDocument>(new ProjectDocument(std::move(project).value()));
}

ProjectDocument::ProjectDocument(std::unique_ptr<store::Project> project)
    : m_project(std::move(project))
    , m_dataService(std::make_unique<DataService>(*m_project))
{
    // Connected first, so every other slot already sees the new revision. Counting the signals
    // rather than the mutations keeps it right for any mutation added later.
    const auto bump = [this] { ++m_revision; };
    for (auto signal : {&ProjectDocument::processesChanged, &ProjectDocument::currentProcessChanged,
                        &ProjectDocument::stepsChanged, &ProjectDocument::studiesChanged,
                        &ProjectDocument::observationsChanged, &ProjectDocument::studyDetailsChanged})
        connect(this, signal, this, bump);
    connect(this, &ProjectDocument::observationChanged, this, bump);
    for (auto signal : {&ProjectDocument::observationsRemoved, &ProjectDocument::observationsRestored,
                        &ProjectDocument::observationsUpdated})
        connect(this, signal, this, bump);
    reloadProcesses();
    if (!m_processes.empty())
        setCurrentProcess(m_processes.front().id);
}

ProjectDocument::~ProjectDocument() = default;

QString ProjectDocument::path() const { return QString::fromStdString(m_project->path()); }
bool ProjectDocument::readOnly() const { return m_project->readOnly(); }
QString ProjectDocument::warning() const { return QString::fromStdString(m_project->warning()); }

template <typename T>
bool ProjectDocument::check(const Expected<T>& result)
{
    if (result)
        return true;
    emit errorOccurred(QString::fromStdString(result.error().message));
    return false;
}

void ProjectDocument::reloadProcesses()
{
    auto list = m_project->processes();
    if (check(list))
        m_processes = std::move(list).value();
    emit processesChanged();
}

void ProjectDocument::reloadSteps()
{
    m_steps.clear();
    if (m_processId) {
        auto list = m_project->steps(m_processId);
        if (check(list))
            m_steps = std::move(list).value();
    }
    emit stepsChanged();
}

void ProjectDocument::reloadStudies()
{
    m_studies.clear();
    if (m_processId) {
        auto list = m_project->studies(m_processId);
        if (check(list))
            m_studies = std::move(list).value();
    }
    emit studiesChanged();
}

const study::Process* ProjectDocument::currentProcess() const
{
    for (const auto& p : m_processes)
        if (p.id == m_processId)
            return &p;
    return nullptr;
}

void ProjectDocument::setCurrentProcess(study::Id id)
{
    // A process that is gone (or none) falls back to the first one there is.
    if (std::none_of(m_processes.begin(), m_processes.end(), [id](const auto& p) { return p.id == id; }))
        id = m_processes.empty() ? 0 : m_processes.front().id;
    m_processId = id;
    reloadSteps();
    reloadStudies();
    setCurrentStudy(m_studies.empty() ? 0 : m_studies.back().id);
    emit currentProcessChanged();
}

int ProjectDocument::stepIndex(study::Id stepId) const
{
    for (std::size_t i = 0; i < m_steps.size(); ++i)
        if (m_steps[i].id == stepId)
            return static_cast<int>(i);
    return -1;
}

QString ProjectDocument::stepName(study::Id stepId) const
{
    const int i = stepIndex(stepId);
    return i < 0 ? QString() : QString::fromStdString(m_steps[static_cast<std::size_t>(i)].name);
}

const study::Study* ProjectDocument::currentStudy() const
{
    for (const auto& s : m_studies)
        if (s.id == m_studyId)
            return &s;
    return nullptr;
}

void ProjectDocument::setCurrentStudy(study::Id id)
{
    m_studyId = id;
    emit currentStudyChanged();
    emit observationsChanged();
}

study::Id ProjectDocument::insertProcess(study::Process process)
{
    auto id = m_project->addProcess(process);
    if (!check(id))
        return 0;
    reloadProcesses();
    return *id;
}

bool ProjectDocument::updateProcess(const study::Process& process)
{
    if (!check(m_project->updateProcess(process)))
        return false;
    reloadProcesses();
    return true;
}

bool ProjectDocument::removeProcess(study::Id id)
{
    if (!check(m_project->removeProcess(id)))
        return false;
    reloadProcesses();
    if (id == m_processId)
        setCurrentProcess(m_processes.empty() ? 0 : m_processes.front().id);
    return true;
}

study::Id ProjectDocument::restoreProcess(const store::ProcessSnapshot& snapshot)
{
    auto id = m_project->restore(snapshot);
    if (!check(id))
        return 0;
    reloadProcesses();
    setCurrentProcess(*id);
    return *id;
}

study::Id ProjectDocument::insertStep(study::Step step)
{
    if (step.processId == 0)
        step.processId = m_processId;
    auto id = m_project->addStep(step);
    if (!check(id))
        return 0;
    if (step.processId == m_processId)
        reloadSteps();
    return *id;
}

bool ProjectDocument::updateStep(const study::Step& step)
{
    if (!check(m_project->updateStep(step)))
        return false;
    reloadSteps();
    return true;
}

bool ProjectDocument::removeStep(study::Id id)
{
    if (!check(m_project->removeStep(id)))
        return false;
    reloadSteps();
    return true;
}

bool ProjectDocument::reorderSteps(study::Id processId, const std::vector<study::Id>& order)
{
    if (!check(m_project->reorderSteps(processId, order)))
        return false;
    if (processId == m_processId)
        reloadSteps();
    return true;
}

study::Id ProjectDocument::insertStudy(study::Study s)
{
    if (s.processId == 0)
        s.processId = m_processId;
    auto id = m_project->addStudy(s);
    if (!check(id))
        return 0;
    reloadStudies();
    return *id;
}

bool ProjectDocument::updateStudy(const study::Study& s)
{
    if (!check(m_project->updateStudy(s)))
        return false;
    reloadStudies();
    if (s.id == m_studyId)
        emit studyDetailsChanged();   // the summary depends on the rating method and allowances
    return true;
}

bool ProjectDocument::removeStudy(study::Id id)
{
    if (!check(m_project->removeStudy(id)))
        return false;
    reloadStudies();
    if (id == m_studyId)
        setCurrentStudy(m_studies.empty() ? 0 : m_studies.back().id);
    return true;
}

study::Id ProjectDocument::restoreStudy(const store::StudySnapshot& snapshot)
{
    auto id = m_project->restore(snapshot);
    if (!check(id))
        return 0;
    showProcess(snapshot.study.processId);
    reloadStudies();
    setCurrentStudy(*id);
    return *id;
}

bool ProjectDocument::updateObservation(const study::Observation& obs)
{
    if (!check(m_project->updateObservation(obs)))
        return false;
    emit observationChanged(obs.id);
    return true;
}

namespace {
QList<qint64> toList(const std::vector<study::Id>& ids) { return QList<qint64>(ids.begin(), ids.end()); }
} // namespace

bool ProjectDocument::removeObservations(const std::vector<study::Id>& ids)
{
    if (!check(m_project->removeObservations(ids)))
        return false;
    emit observationsRemoved(toList(ids));
    return true;
}

std::vector<study::Id> ProjectDocument::restoreObservations(const std::vector<study::Observation>& observations)
{
    auto ids = m_project->restoreObservations(observations);
    if (!check(ids))
        return {};
    emit observationsRestored(toList(*ids));
    return std::move(ids).value();
}

bool ProjectDocument::moveObservations(const std::vector<study::Id>& ids, study::Id stepId)
{
    if (!check(m_project->moveObservations(ids, stepId)))
        return false;
    emit observationsUpdated(toList(ids));
    return true;
}

void ProjectDocument::showProcess(study::Id processId)
{
    if (processId != 0 && processId != m_processId)
        setCurrentProcess(processId);
}

void ProjectDocument::showStudy(study::Id processId, study::Id studyId)
{
    showProcess(processId);
    if (studyId != 0 && studyId != m_studyId)
        setCurrentStudy(studyId);
}

void ProjectDocument::notifyObservationsChanged() { emit observationsChanged(); }

} // namespace gemba::ui
