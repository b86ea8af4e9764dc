// The open project: the store, its processes, steps and studies, and the undo stack every
// edit goes through (see projectdocument.h).
#include "projectdocument.h"

#include "commands/importdatasetcommand.h"
#include "data/backgroundtask.h"
#include "data/dataservice.h"
#include "windowcontext.h"

#include <QFileInfo>

#include <algorithm>

namespace gemba::ui {

namespace {
const std::vector<study::Step> kNoSteps;
const std::vector<study::Study> kNoStudies;
QList<qint64> toList(const std::vector<study::Id>& ids) { return QList<qint64>(ids.begin(), ids.end()); }
} // namespace

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
    // rather than the mutations keeps it right for any mutation added later. A study's own
    // revision moves with the changes that name it, and only with those.
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
    m_primary = new WindowContext(this, this);
    m_primary->setFollowsReveals(true);   // undo shows what it touched, as it always did
    connect(m_primary, &WindowContext::processChanged, this, &ProjectDocument::currentProcessChanged);
    connect(m_primary, &WindowContext::studyChanged, this, &ProjectDocument::currentStudyChanged);
}

ProjectDocument::~ProjectDocument() = default;

QString ProjectDocument::path() const { return QString::fromStdString(m_project->path()); }
bool ProjectDocument::readOnly() const { return m_project->readOnly(); }
QString ProjectDocument::warning() const { return QString::fromStdString(m_project->warning()); }

template <typename T>
bool ProjectDocument::check(const Expected<T>& result) const
{
    if (result)
        return true;
    // Reading (steps, studies on demand) can fail too; the message is the document's either way.
    emit const_cast<ProjectDocument*>(this)->errorOccurred(QString::fromStdString(result.error().message));
    return false;
}

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
    for (const auto& s : studies(processId))
        m_studyRevisions[s.id] = m_revision;
}

// --- reading -------------------------------------------------------------------------------

const study::Process* ProjectDocument::process(study::Id id) const
{
    const auto found = std::find_if(m_processes.begin(), m_processes.end(), [id](const auto& p) { return p.id == id; });
    return found == m_processes.end() ? nullptr : &*found;
}

const std::vector<study::Step>& ProjectDocument::steps(study::Id processId) const
{
    if (processId == 0)
        return kNoSteps;
    auto found = m_steps.find(processId);
    if (found == m_steps.end()) {
        auto list = m_project->steps(processId);
        found = m_steps.emplace(processId, check(list) ? std::move(list).value() : std::vector<study::Step>()).first;
    }
    return found->second;
}

const std::vector<study::Study>& ProjectDocument::studies(study::Id processId) const
{
    if (processId == 0)
        return kNoStudies;
    auto found = m_studies.find(processId);
    if (found == m_studies.end()) {
        auto list = m_project->studies(processId);
        found = m_studies.emplace(processId, check(list) ? std::move(list).value() : std::vector<study::Study>()).first;
    }
    return found->second;
}

const study::Study* ProjectDocument::study(study::Id studyId) const
{
    for (const auto& p : m_processes)
        for (const auto& s : studies(p.id))
            if (s.id == studyId)
                return &s;
    return nullptr;
}

study::Id ProjectDocument::processOfStudy(study::Id studyId) const
{
    const study::Study* s = study(studyId);
    return s ? s->processId : 0;
}

study::Id ProjectDocument::processOfStep(study::Id stepId) const
{
    for (const auto& p : m_processes)
        for (const auto& s : steps(p.id))
            if (s.id == stepId)
                return p.id;
    return 0;
}

int ProjectDocument::stepIndex(study::Id stepId) const
{
    // The loaded processes first (the one on screen is among them), then the others.
    for (const auto& [processId, list] : m_steps)
        for (std::size_t i = 0; i < list.size(); ++i)
            if (list[i].id == stepId)
                return static_cast<int>(i);
    const study::Id processId = processOfStep(stepId);
    const auto& list = steps(processId);
    for (std::size_t i = 0; i < list.size(); ++i)
        if (list[i].id == stepId)
            return static_cast<int>(i);
    return -1;
}

QString ProjectDocument::stepName(study::Id stepId) const
{
    for (const auto& [processId, list] : m_steps)
        for (const auto& s : list)
            if (s.id == stepId)
                return QString::fromStdString(s.name);
    return {};
}

// --- the primary context, for the callers of before ------------------------------------------

WindowContext& ProjectDocument::primaryContext() { return *m_primary; }
study::Id ProjectDocument::currentProcessId() const { return m_primary->processId(); }
const study::Process* ProjectDocument::currentProcess() const { return m_primary->process(); }
const std::vector<study::Step>& ProjectDocument::steps() const { return m_primary->steps(); }
const std::vector<study::Study>& ProjectDocument::studies() const { return m_primary->studies(); }
study::Id ProjectDocument::currentStudyId() const { return m_primary->studyId(); }
const study::Study* ProjectDocument::currentStudy() const { return m_primary->study(); }
void ProjectDocument::setCurrentStudy(study::Id id) { m_primary->setStudy(id); }

void ProjectDocument::setCurrentProcess(study::Id id)
{
    if (process(id)) {
        reloadSteps(id);
        reloadStudies(id);
    }
    m_primary->setProcess(id);
}

// --- reloading -------------------------------------------------------------------------------

void ProjectDocument::reloadProcesses()
{
    auto list = m_project->processes();
    if (check(list))
        m_processes = std::move(list).value();
    // Lists of processes that are gone go with them.
    for (auto it = m_steps.begin(); it != m_steps.end();)
        it = process(it->first) ? std::next(it) : m_steps.erase(it);
    for (auto it = m_studies.begin(); it != m_studies.end();)
        it = process(it->first) ? std::next(it) : m_studies.erase(it);
    emit processesChanged();
}

void ProjectDocument::reloadSteps(study::Id processId)
{
    if (processId == 0)
        return;
    auto list = m_project->steps(processId);
    m_steps[processId] = check(list) ? std::move(list).value() : std::vector<study::Step>();
    emit stepsChanged(processId);
}

void ProjectDocument::reloadStudies(study::Id processId)
{
    if (processId == 0)
        return;
    auto list = m_project->studies(processId);
    m_studies[processId] = check(list) ? std::move(list).value() : std::vector<study::Study>();
    emit studiesChanged(processId);
}

void ProjectDocument::reloadStudies() { reloadStudies(currentProcessId()); }

void ProjectDocument::notifyObservationsChanged() { emit observationsChanged(currentStudyId()); }
void ProjectDocument::notifyObservationsChanged(study::Id studyId) { emit observationsChanged(studyId); }

void ProjectDocument::showProcess(study::Id processId)
{
    if (processId != 0)
        emit revealRequested(processId, 0);
}

void ProjectDocument::showStudy(study::Id processId, study::Id studyId)
{
    if (processId == 0)
        processId = processOfStudy(studyId);
    if (processId != 0)
        emit revealRequested(processId, studyId);
}

// --- writing ---------------------------------------------------------------------------------

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
    reloadProcesses();   // contexts on it go to the first process there is
    return true;
}

study::Id ProjectDocument::restoreProcess(const store::ProcessSnapshot& snapshot)
{
    auto id = m_project->restore(snapshot);
    if (!check(id))
        return 0;
    reloadProcesses();
    reloadSteps(*id);
    reloadStudies(*id);
    showProcess(*id);
    return *id;
}

study::Id ProjectDocument::insertStep(study::Step step)
{
    if (step.processId == 0)
        step.processId = currentProcessId();
    auto id = m_project->addStep(step);
    if (!check(id))
        return 0;
    reloadSteps(step.processId);
    return *id;
}

bool ProjectDocument::updateStep(const study::Step& step)
{
    const study::Id processId = step.processId ? step.processId : processOfStep(step.id);
    if (!check(m_project->updateStep(step)))
        return false;
    reloadSteps(processId);
    return true;
}

bool ProjectDocument::removeStep(study::Id id)
{
    const study::Id processId = processOfStep(id);
    if (!check(m_project->removeStep(id)))
        return false;
    reloadSteps(processId);
    return true;
}

bool ProjectDocument::reorderSteps(study::Id processId, const std::vector<study::Id>& order)
{
    if (!check(m_project->reorderSteps(processId, order)))
        return false;
    reloadSteps(processId);
    return true;
}

study::Id ProjectDocument::insertStudy(study::Study s)
{
    if (s.processId == 0)
        s.processId = currentProcessId();
    auto id = m_project->addStudy(s);
    if (!check(id))
        return 0;
    reloadStudies(s.processId);
    return *id;
}

bool ProjectDocument::updateStudy(const study::Study& s)
{
    const study::Id processId = s.processId ? s.processId : processOfStudy(s.id);
    if (!check(m_project->updateStudy(s)))
        return false;
    reloadStudies(processId);
    emit studyDetailsChanged(s.id);   // the summary depends on the rating method and allowances
    return true;
}

bool ProjectDocument::removeStudy(study::Id id)
{
    const study::Id processId = processOfStudy(id);
    if (!check(m_project->removeStudy(id)))
        return false;
    reloadStudies(processId);   // contexts on it go to the last study of the process
    return true;
}

study::Id ProjectDocument::restoreStudy(const store::StudySnapshot& snapshot)
{
    auto id = m_project->restore(snapshot);
    if (!check(id))
        return 0;
    reloadStudies(snapshot.study.processId);
    showStudy(snapshot.study.processId, *id);
    return *id;
}

bool ProjectDocument::updateObservation(const study::Observation& obs)
{
    if (!check(m_project->updateObservation(obs)))
        return false;
    emit observationChanged(obs.studyId, obs.id);
    return true;
}

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
    for (const auto& s : studies(processOfStep(stepId)))
        emit observationsUpdated(s.id, toList(ids));
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

} // namespace gemba::ui
