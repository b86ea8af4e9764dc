// Tests of study/newstudy: every way a study begins gets its details from one rule.
#include "study/newstudy.h"
#include "study/stepsummary.h"

#include <QtTest>

#include <vector>

using namespace gemba;
using study::AllowanceBasis;
using study::RatingMethod;
using study::Study;

class TestNewStudy : public QObject {
    Q_OBJECT

private slots:
    void firstStudyOfAProcess();
    void conventionsComeFromTheLatestStudy();
};

void TestNewStudy::firstStudyOfAProcess()
{
    const Study s = study::newStudy(7, {}, "kim", "2026-12-03");
    QCOMPARE(s.id, study::Id(0));
    QCOMPARE(s.processId, study::Id(7));
    QCOMPARE(s.observer, std::string("kim"));
    QCOMPARE(s.date, std::string("2026-12-03"));
    QVERIFY(s.ratingMethod == RatingMethod::PaceRating);
    QVERIFY(s.allowanceBasis == AllowanceBasis::NormalTime);
    // 15 % split by category (5 + 4 + 2 + 4), and no PF&D figure beside it (file format 4).
    QCOMPARE(s.allowancePercent, 0.0);
    QVERIFY(s.allowances == study::kDefaultAllowances);
    QCOMPARE(s.allowances.personal, 5.0);
    QCOMPARE(s.allowances.delay, 4.0);
    QCOMPARE(s.allowances.total(), 15.0);
    QVERIFY(s.typeAllowances.empty());
    // A manual cyclic element gets the 15 %, a machine-controlled one the delay (4 %) only.
    study::Step manual;
    QCOMPARE(study::allowancePercentFor(manual, s), 15.0);
    study::Step machine;
    machine.type = study::StepType::Machine;
    machine.kind = study::ElementKind::MachineControlled;
    QCOMPARE(study::allowancePercentFor(machine, s), 4.0);
    QVERIFY(s.selectedTime == study::SelectedTimeRule::Mean);
    QCOMPARE(s.unitsPerCycle, 1.0);
    QVERIFY(s.location.empty());
    QCOMPARE(s.startedWallUs, std::int64_t(0));
    QVERIFY(!s.endedWallUs);
}

void TestNewStudy::conventionsComeFromTheLatestStudy()
{
    // The demo study: another observer, a place, notes, ended. Only its conventions carry over.
    Study older;
    older.allowancePercent = 9;
    Study demo;
    demo.id = 4;
    demo.processId = 7;
    demo.observer = "Demo observer";
    demo.location = "Line 2, bench 3";
    demo.shift = "early";
    demo.notes = "twelve cycles";
    demo.ratingMethod = RatingMethod::None;
    demo.allowanceBasis = AllowanceBasis::WorkingTime;
    demo.allowancePercent = 12.5;
    demo.allowances = study::Allowances{6, 3, 1, 2};
    demo.typeAllowances = {{study::StepType::Walk, study::Allowances{5, 2, 0, 0}}};
    demo.selectedTime = study::SelectedTimeRule::Median;
    demo.unitsPerCycle = 4;
    demo.operatorName = "Sam";
    demo.conditions = "night";
    demo.startedWallUs = 1'700'000'000'000'000;
    demo.endedWallUs = 1'700'000'600'000'000;
    const std::vector<Study> earlier{older, demo};

    const Study s = study::newStudy(7, earlier, "kim", "2026-12-03");
    QCOMPARE(s.id, study::Id(0));
    QCOMPARE(s.observer, std::string("kim"));
    QVERIFY(s.location.empty());
    QVERIFY(s.shift.empty());
    QVERIFY(s.notes.empty());
    QVERIFY(s.ratingMethod == RatingMethod::None);
    QVERIFY(s.allowanceBasis == AllowanceBasis::WorkingTime);
    QCOMPARE(s.allowancePercent, 12.5);
    QVERIFY(s.allowances == (study::Allowances{6, 3, 1, 2}));
    QCOMPARE(s.typeAllowances.at(study::StepType::Walk).personal, 5.0);
    QVERIFY(s.selectedTime == study::SelectedTimeRule::Median);
    QCOMPARE(s.unitsPerCycle, 4.0);
    // Who was timed and under which conditions belong to one study, like the observer.
    QVERIFY(s.operatorName.empty());
    QVERIFY(s.conditions.empty());
    QCOMPARE(s.startedWallUs, std::int64_t(0));
    QVERIFY(!s.endedWallUs);
}

QTEST_GUILESS_MAIN(TestNewStudy)
#include "tst_newstudy.moc"
