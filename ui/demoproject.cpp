// The demo a new user sees on first launch: a realistic process with a few timed cycles.
#include "demoproject.h"

#include "projectdocument.h"
#include "study/newstudy.h"

#include <QCoreApplication>
#include <QDate>
#include <QDateTime>

#include <cmath>
#include <random>

namespace gemba::ui {
namespace {

struct DemoStep {
    const char* name;
    const char* description;
    study::StepType type;
    study::ValueClass valueClass;
    study::WasteKind waste;
    double meanSeconds;
    double sdSeconds;
};

// A bench assembly of a small pump housing, with the times an observer would see.
constexpr DemoStep kSteps[] = {
    {QT_TRANSLATE_NOOP("Demo", "Pick housing from bin"), QT_TRANSLATE_NOOP("Demo", "Reach to the left bin, grasp, place in fixture"),
     study::StepType::Manual, study::ValueClass::NecessaryNonValueAdding, study::WasteKind::None, 4.2, 0.45},
    {QT_TRANSLATE_NOOP("Demo", "Insert impeller"), QT_TRANSLATE_NOOP("Demo", "Align the key, push until it seats"),
     study::StepType::Manual, study::ValueClass::ValueAdding, study::WasteKind::None, 7.8, 0.9},
    {QT_TRANSLATE_NOOP("Demo", "Fit O-ring and cover"), QT_TRANSLATE_NOOP("Demo", "Grease the O-ring, seat the cover"),
     study::StepType::Manual, study::ValueClass::ValueAdding, study::WasteKind::None, 9.5, 1.1},
    {QT_TRANSLATE_NOOP("Demo", "Drive 4 screws"), QT_TRANSLATE_NOOP("Demo", "Torque driver, crosswise order"),
     study::StepType::Machine, study::ValueClass::ValueAdding, study::WasteKind::None, 12.4, 0.8},
    {QT_TRANSLATE_NOOP("Demo", "Walk to leak tester"), QT_TRANSLATE_NOOP("Demo", "Four metres to the shared tester"),
     study::StepType::Walk, study::ValueClass::Waste, study::WasteKind::Transport, 5.1, 0.7},
    {QT_TRANSLATE_NOOP("Demo", "Leak test"), QT_TRANSLATE_NOOP("Demo", "Clamp, start, wait for green light"),
     study::StepType::Machine, study::ValueClass::NecessaryNonValueAdding, study::WasteKind::None, 15.0, 0.5},
    {QT_TRANSLATE_NOOP("Demo", "Label and put in tote"), QT_TRANSLATE_NOOP("Demo", "Print label, apply, place in outgoing tote"),
     study::StepType::Manual, study::ValueClass::NecessaryNonValueAdding, study::WasteKind::None, 6.3, 0.6},
};
constexpr int kCycles = 12;

QString tr(const char* text) { return QCoreApplication::translate("Demo", text); }

} // namespace

QString populateDemoProject(ProjectDocument& document)
{
    store::Project& project = document.project();
    study::Process process;
    process.name = tr("Pump housing assembly").toStdString();
    process.description = tr("Bench 3, one operator, one unit per cycle").toStdString();
    if (auto id = project.addProcess(process); !id)
        return QString::fromStdString(id.error().message);

    std::vector<study::Step> steps;
    int position = 0;
    for (const auto& d : kSteps) {
        study::Step step;
        step.processId = process.id;
        step.position = position++;
        step.name = tr(d.name).toStdString();
        step.description = tr(d.description).toStdString();
        step.type = d.type;
        step.valueClass = d.valueClass;
        step.wasteKind = d.waste;
        if (auto id = project.addStep(step); !id)
            return QString::fromStdString(id.error().message);
        steps.push_back(step);
    }

    const QDateTime start(QDate::currentDate().addDays(-1), QTime(9, 30));
    study::Study s;
    s.processId = process.id;
    s.date = start.date().toString(Qt::ISODate).toStdString();
    s.observer = tr("Demo observer").toStdString();
    s.location = tr("Line 2, bench 3").toStdString();
    s.shift = tr("Early").toStdString();
    s.notes = tr("Demo study: edit, exclude or add cycles to see the summary change.").toStdString();
    s.allowances = study::kDefaultAllowances;   // 15 % by category, as a new study starts
    s.operatorName = tr("Operator A").toStdString();
    s.startedWallUs = start.toMSecsSinceEpoch() * 1000;
    if (auto id = project.addStudy(s); !id)
        return QString::fromStdString(id.error().message);

    // Deterministic times so every new user sees the same demo.
    std::mt19937 rng(20261123);
    std::int64_t bootUs = 3'600'000'000;   // an hour after boot
    std::int64_t wallUs = s.startedWallUs;
    for (int c = 1; c <= kCycles; ++c) {
        study::Cycle cycle;
        cycle.studyId = s.id;
        cycle.number = c;
        if (auto id = project.addCycle(cycle); !id)
            return QString::fromStdString(id.error().message);
        for (std::size_t i = 0; i < steps.size(); ++i) {
            std::normal_distribution<double> time(kSteps[i].meanSeconds, kSteps[i].sdSeconds);
            double seconds = std::max(0.5, time(rng));
            study::Observation o;
            o.studyId = s.id;
            o.cycleId = cycle.id;
            o.stepId = steps[i].id;
            o.ratingPercent = 100;
            if (c == 7 && i == 3) {   // a stripped screw: abnormal and excluded, as an observer would
                seconds += 21.0;
                o.abnormal = true;
                o.excluded = true;
                o.excludedReason = tr("stripped screw, re-driven").toStdString();
            }
            const auto us = static_cast<std::int64_t>(std::llround(seconds * 100) * 10'000);   // 1/100 s
            o.startUs = bootUs;
            o.endUs = bootUs + us;
            o.wallStartUs = wallUs;
            o.durationUs = us;
            if (auto id = project.addObservation(o); !id)
                return QString::fromStdString(id.error().message);
            bootUs += us;
            wallUs += us;
        }
    }
    document.reloadProcesses();   // the document caches what it shows
    document.setCurrentProcess(process.id);
    return {};
}

} // namespace gemba::ui
