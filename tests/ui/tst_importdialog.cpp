// The window's import dialog on a file `gemba export` wrote: with the columns it guesses, every
// field of every observation comes back (the status columns it does not offer are read by name
// in core), so foreign elements stay foreign and excluded times stay excluded.
#include "dialogs/importdialog.h"
#include "observationcompare.h"

#include "store/observationcsv.h"
#include "store/project.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace gemba;
using namespace gemba::study;

class TestImportDialog : public QObject {
    Q_OBJECT
private slots:
    void exportImportsBackWhole()
    {
        QTemporaryDir dir;
        auto opened = store::Project::open(dir.filePath("p.gemba").toStdString());
        QVERIFY(opened.hasValue());
        store::Project& p = **opened;
        Process proc{0, "Assembly", ""};
        QVERIFY(p.addProcess(proc).hasValue());
        std::vector<Step> steps;
        for (const char* name : {"Pick", "Fit"}) {
            Step s;
            s.processId = proc.id;
            s.position = -1;
            s.name = name;
            QVERIFY(p.addStep(s).hasValue());
            steps.push_back(s);
        }
        Study study;
        study.processId = proc.id;
        study.startedWallUs = 1'795'425'302'000'000;
        QVERIFY(p.addStudy(study).hasValue());
        Cycle cycle{0, study.id, 1};
        QVERIFY(p.addCycle(cycle).hasValue());
        std::vector<Observation> written;
        std::int64_t t = 1'000'000;
        for (int k = 0; k < 4; ++k) {
            Observation o;
            o.studyId = study.id;
            o.cycleId = cycle.id;
            o.stepId = steps[k < 2 ? 0 : 1].id;
            o.startUs = t;
            o.durationUs = 2'000'000 + k;
            o.endUs = t + o.durationUs;
            o.wallStartUs = study.startedWallUs + t;
            o.foreignElement = k == 1;
            o.abnormal = k == 3;
            o.excluded = k == 3;
            o.excludedReason = k == 3 ? "dropped" : "";
            o.spansSuspend = k == 2;
            o.ratingPercent = k == 0 ? std::optional<double>(110) : std::nullopt;
            o.note = k == 1 ? "phone call" : "";
            t = o.endUs + 100;
            QVERIFY(p.addObservation(o).hasValue());
            written.push_back(o);
        }
        const std::string csv = dir.filePath("study.csv").toStdString();
        QVERIFY(store::exportObservationsCsv(p, study.id, csv).hasValue());

        Study fresh;
        fresh.processId = proc.id;
        ui::ImportDialog dialog(QString::fromStdString(csv), fresh);   // reads the header itself
        QVERIFY2(dialog.problem().isEmpty(), qPrintable(dialog.problem()));
        QVERIFY(dialog.header().contains("foreign_element"));
        Study copy = dialog.study();
        auto result = store::importObservationsCsv(p, csv, copy, dialog.options());
        QVERIFY2(result.hasValue(), result.hasValue() ? "" : result.error().message.c_str());
        auto back = p.observations(copy.id);
        QVERIFY(back.hasValue());
        QCOMPARE(back->size(), written.size());
        for (std::size_t k = 0; k < written.size(); ++k) {
            const Observation& w = written[k];
            const Observation& b = (*back)[k];
            QCOMPARE(b.stepId, w.stepId);
            const std::string differs = test::recordedFieldsDiffer(b, w);
            QVERIFY2(differs.empty(), differs.c_str());
        }
    }
};

QTEST_MAIN(TestImportDialog)
#include "tst_importdialog.moc"
