// The open project as the window sees it: the store, the current process and study, and
// the undo stack every edit goes through.
#include "projectdocument.h"

#include "commands/importdatasetcommand.h"
#include "data/backgroundtask.h"
#include "data/dataservice.h"

#include <QFileInfo>

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
    for (auto signal : {&ProjectDocument::processesChanged, &ProjectDocument::currentProcessChanged})
        connect(this, signal, this, bump);
    for (auto signal : {&ProjectDocument::dataSetsChanged, &ProjectDocument::chartAdded, &ProjectDocument::chartRemoved})
        connect(this, signal, this, bump);
    // A study's own revision moves with the changes that name it, and only with those.
    connect(this, &ProjectDocument::stepsChanged, this, &ProjectDocument::bumpStudiesOf);
    connect(this, &ProjectDocument::studiesChanged, this, bump);
    connect(this, &ProjectDocument::observationsChanged, this, &ProjectDocument::bumpStudy);
    connect(this, &ProjectDocument::studyDetailsChanged, this, &ProjectDocument::bumpStudy);
    connect(this, &ProjectDocument::observationChanged, this, [this](study::Id studyId) { bumpStudy(studyId); });
    for (auto signal : {&ProjectDocument::observationsRemoved, &ProjectDocument::observationsRestored,
                        &ProjectDocument::observationsUpdated})
        connect(this, signal, this, [this](study::Id studyId) { bumpStudy(studyId); });
    reloadProcesses();
    if (!m_processes.empty())
        setCurrentProcess(m_processes.front().id);
}

ProjectDocument::~ProjectDocument() = default;

quint64 ProjectDocument::studyRevision(study::Id studyId) const
{
    const auto found = m_studyRevisions.find(studyId);
    return found == m_studyRevisions.end() ? 0 : found->second;
}

void ProjectDocument::bumpStudy(study::Id studyId) { m_studyRevisions[studyId] = ++m_revision; }

void ProjectDocument::bumpStudiesOf(study::Id processId)
{
    // A step renamed or reordered changes what a study's summary shows.
    ++m_revision;
    for (study::Id id : studyIdsOf(processId))
        m_studyRevisions[id] = m_revision;
}

std::vector<study::Id> ProjectDocument::studyIdsOf(study::Id processId) const
{
    std::vector<study::Id> ids;
    if (processId == m_processId) {
        for (const auto& s : m_studies)
            ids.push_back(s.id);
    } else if (auto list = m_project->studies(processId)) {
        for (const auto& s : *list)
            ids.push_back(s.id);
    }
    return ids;
}

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
    emit stepsChanged(m_processId);
}

void ProjectDocument::reloadStudies()
{
    m_studies.clear();
    if (m_processId) {
        auto list = m_project->studies(m_processId);
        if (check(list))
            m_studies = std::move(list).value();
    }
    emit studiesChanged(m_processId);
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
    emit observationsChanged(id);
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
    emit studyDetailsChanged(s.id);   // the summary depends on the rating method and allowances
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
    emit observationChanged(obs.studyId, obs.id);
    return true;
}

namespace {
QList<qint64> toList(const std::vector<study::Id>& ids) { return QList<qint64>(ids.begin(), ids.end()); }
} // namespace

bool ProjectDocument::removeObservations(const std::vector<study::Id>& ids)
{
    // Read before they go: the study they belong to (one study: the commands remove within one).
    study::Id studyId = 0;
    if (!ids.empty())
        if (auto first = m_project->observation(ids.front()))
            studyId = first->studyId;
    if (!check(m_project->removeObservations(ids)))
        return false;
    emit observationsRemoved(studyId, toList(ids));
    return true;
}

std::vector<study::Id> ProjectDocument::restoreObservations(const std::vector<study::Observation>& observations)
{
    auto ids = m_project->restoreObservations(observations);
    if (!check(ids))
        return {};
    emit observationsRestored(observations.empty() ? 0 : observations.front().studyId, toList(*ids));
    return std::move(ids).value();
}

bool ProjectDocument::moveObservations(const std::vector<study::Id>& ids, study::Id stepId)
{
    if (!check(m_project->moveObservations(ids, stepId)))
        return false;
    // The observations of a step may be in any study of its process: each study is told, and
    // its views look for the ids they hold.
    study::Id processId = m_processId;
    if (stepIndex(stepId) < 0)
        for (const auto& p : m_processes)
            if (auto steps = m_project->steps(p.id))
                for (const auto& step : *steps)
                    if (step.id == stepId)
                        processId = p.id;
    for (study::Id studyId : studyIdsOf(processId))
        emit observationsUpdated(studyId, toList(ids));
    return true;
}

ProjectDocument::DataSetImport ProjectDocument::importDataSet(const QString& csvPath, const QString& name,
                                                             const io::CsvOptions& options, QWidget* progressParent)
{
    DataSetImport outcome;
    // On a connection of its own on a worker thread, in one transaction: all or nothing.
    std::optional<Expected<study::Id>> imported;
    outcome.cancelled = BackgroundTask::run(
        progressParent, tr("Importing %1…").arg(QFileInfo(csvPath).fileName()),
        [&, &project = *m_project, source = csvPath.toStdString(), wanted = name.toStdString()](BackgroundTask::Progress&) {
            auto writer = store::Project::openSibling(project, store::OpenMode::ReadWrite);
            if (!writer) {
                imported = writer.error();
                return;
            }
            imported = (*writer)->importDataSet(source, wanted, options);
        });
    const auto& result = *imported;
    if (!result) {
        outcome.error = QString::fromStdString(result.error().message);
        outcome.field = QString::fromStdString(result.error().field);
        return outcome;
    }
    if (outcome.cancelled) {
        // Stored already: taken back, so Cancel leaves the project as it was.
        check(m_project->removeDataSet(*result));
        return outcome;
    }
    outcome.id = *result;
    emit dataSetsChanged(outcome.id);
    m_undo.push(new ImportDataSetCommand(this, outcome.id, name));
    return outcome;
}

QString ProjectDocument::uniqueDataSetName(const QString& wanted) const
{
    const QString base = wanted.trimmed();
    auto list = m_project->dataSets();
    if (!list)
        return base;
    const auto taken = [&](const QString& name) {
        const std::string n = name.toStdString();
        return std::any_of(list->begin(), list->end(), [&](const store::DataSetInfo& d) { return d.name == n; });
    };
    QString name = base;
    for (int n = 2; taken(name); ++n)
        name = QStringLiteral("%1 (%2)").arg(base).arg(n);
    return name;
}

bool ProjectDocument::removeDataSet(study::Id id)
{
    // Its charts go with it (Project::removeDataSet): read them first, to tell the chart view.
    std::vector<study::Id> chartIds;
    if (auto charts = m_project->dataSetCharts(id))
        for (const auto& c : *charts)
            chartIds.push_back(c.id);
    if (!check(m_project->removeDataSet(id)))
        return false;
    for (study::Id chartId : chartIds)
        emit chartRemoved(chartId);
    emit dataSetsChanged(id);
    return true;
}

study::Id ProjectDocument::restoreDataSet(const store::DataSetSnapshot& snapshot)
{
    auto id = m_project->restore(snapshot);
    if (!check(id))
        return 0;
    emit dataSetsChanged(*id);
    if (auto charts = m_project->dataSetCharts(*id))
        for (const auto& c : *charts)
            emit chartAdded(c.id);
    return *id;
}

bool ProjectDocument::renameDataSet(study::Id id, const QString& name)
{
    if (!check(m_project->renameDataSet(id, name.toStdString())))
        return false;
    emit dataSetsChanged(id);
    return true;
}

study::Id ProjectDocument::addChart(const store::ChartSpec& spec)
{
    auto id = m_project->addChart(spec);
    if (!check(id))
        return 0;
    emit chartAdded(*id);
    return *id;
}

bool ProjectDocument::removeChart(study::Id chartId)
{
    if (!check(m_project->removeChart(chartId)))
        return false;
    emit chartRemoved(chartId);
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

void ProjectDocument::notifyObservationsChanged() { emit observationsChanged(m_studyId); }
void ProjectDocument::notifyObservationsChanged(study::Id studyId) { emit observationsChanged(studyId); }

} // namespace gemba::ui
