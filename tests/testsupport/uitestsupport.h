// Test support for ui tests (needs gemba_ui): a project document with one process and its
// steps, a study on it, timed cycles, and a key press. Only ui tests include it.
#pragma once

#include "projectdocument.h"
#include "store/transaction.h"

#include <QApplication>
#include <QKeyEvent>
#include <QString>
#include <QWidget>
#include <QtGlobal>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace gemba::test {

// The project at `path` (created when new) with a process `process`, made current, and the
// steps `steps` in that order.
inline std::unique_ptr<ui::ProjectDocument> makeDocument(const QString& path, const std::string& process,
                                                         const std::vector<std::string>& steps)
{
    QString error;
    auto doc = ui::ProjectDocument::open(path, &error);
    if (!doc)
        qFatal("cannot open %s: %s", qPrintable(path), qPrintable(error));
    study::Process p;
    p.name = process;
    doc->setCurrentProcess(doc->insertProcess(p));
    for (const auto& name : steps) {
        study::Step s;
        s.name = name;
        s.position = static_cast<int>(doc->steps().size());
        doc->insertStep(s);
    }
    return doc;
}

// A study of the current process, dated 2026-11-23 by "tester", made current.
inline study::Study makeStudy(ui::ProjectDocument& doc, double allowancePercent = 0)
{
    study::Study s;
    s.date = "2026-11-23";
    s.observer = "tester";
    s.allowancePercent = allowancePercent;
    s.id = doc.insertStudy(s);
    s.processId = doc.currentProcessId();
    doc.setCurrentStudy(s.id);
    return s;
}

// Inserts `study` and `cycles` cycles of it, one observation of every step per cycle, back to
// back from time 0 in one transaction; `fill(o, cycle, stepIndex)` sets each observation's
// duration (and any other field). Then reloads the studies and makes this one current.
inline study::Id addTimedStudy(ui::ProjectDocument& doc, study::Study study, int cycles,
                               const std::function<void(study::Observation&, int, std::size_t)>& fill)
{
    study.id = doc.insertStudy(study);
    store::Project& project = doc.project();
    auto tx = store::Transaction::begin(project.database());
    std::int64_t t = 0;
    for (int c = 1; c <= cycles; ++c) {
        study::Cycle cycle{0, study.id, c};
        if (!project.addCycle(cycle))
            qFatal("addCycle");
        for (std::size_t i = 0; i < doc.steps().size(); ++i) {
            study::Observation o;
            o.studyId = study.id;
            o.cycleId = cycle.id;
            o.stepId = doc.steps()[i].id;
            o.startUs = t;
            fill(o, c, i);
            o.endUs = t + o.durationUs;
            t = o.endUs;
            if (!project.addObservation(o))
                qFatal("addObservation");
        }
    }
    if (!tx || !tx->commit())
        qFatal("commit");
    doc.reloadStudies();
    doc.setCurrentStudy(study.id);
    return study.id;
}

// A press and release of `key` sent straight to `w`.
inline void press(QWidget* w, Qt::Key key, bool autoRepeat = false)
{
    QKeyEvent down(QEvent::KeyPress, key, Qt::NoModifier, QString(), autoRepeat);
    QApplication::sendEvent(w, &down);
    QKeyEvent up(QEvent::KeyRelease, key, Qt::NoModifier, QString(), autoRepeat);
    QApplication::sendEvent(w, &up);
}

} // namespace gemba::test
