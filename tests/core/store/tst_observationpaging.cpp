// Reading a study's observations page by page after a key, and one observation by id.
#include "store/project.h"

#include <QTemporaryDir>
#include <QtTest>

#include <limits>

using namespace gemba;

class TestObservationPaging : public QObject {
    Q_OBJECT
private slots:
    void pagesFollowStartOrder()
    {
        QTemporaryDir dir;
        auto project = store::Project::open(dir.filePath("p.gemba").toStdString());
        QVERIFY(project.hasValue());
        auto& p = **project;
        study::Process process;
        process.name = "P";
        QVERIFY(p.addProcess(process).hasValue());
        study::Step step;
        step.processId = process.id;
        step.name = "S";
        QVERIFY(p.addStep(step).hasValue());
        study::Study s;
        s.processId = process.id;
        QVERIFY(p.addStudy(s).hasValue());
        study::Cycle c;
        c.studyId = s.id;
        c.number = 1;
        QVERIFY(p.addCycle(c).hasValue());
        // Ten observations; two share a start time (4 s) so the id breaks the tie.
        const std::int64_t starts[] = {0, 1, 2, 3, 4, 4, 5, 6, 7, 8};
        std::vector<study::Id> ids;
        for (std::int64_t t : starts) {
            study::Observation o;
            o.studyId = s.id;
            o.cycleId = c.id;
            o.stepId = step.id;
            o.startUs = t * 1'000'000;
            o.endUs = o.startUs + 1'000'000;
            o.durationUs = 1'000'000;
            QVERIFY(p.addObservation(o).hasValue());
            ids.push_back(o.id);
        }
        // Pages of 3 from the start: 3 + 3 + 3 + 1, in order, none twice.
        std::vector<study::Id> seen;
        std::int64_t afterStart = std::numeric_limits<std::int64_t>::min();
        study::Id afterId = 0;
        for (;;) {
            auto page = p.observationsAfter(s.id, afterStart, afterId, 3);
            QVERIFY(page.hasValue());
            if (page->empty())
                break;
            QVERIFY(page->size() <= 3);
            for (const auto& o : *page)
                seen.push_back(o.id);
            afterStart = page->back().startUs;
            afterId = page->back().id;
        }
        QCOMPARE(seen, ids);

        auto one = p.observation(ids[5]);
        QVERIFY(one.hasValue());
        QCOMPARE(one->startUs, std::int64_t(4'000'000));
        QVERIFY(!p.observation(999999).hasValue());
    }
};

QTEST_GUILESS_MAIN(TestObservationPaging)
#include "tst_observationpaging.moc"
