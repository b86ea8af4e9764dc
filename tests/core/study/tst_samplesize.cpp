// Tests of study/samplesize: the classic 40-formula and the Student-t count on a small sample
// worked by hand, the z conventions, stable sums, rounding, and every error.
#include "study/samplesize.h"

#include "referencedata.h"

#include <QtTest>

#include <limits>
#include <vector>

using namespace gemba;

namespace {

// Five cycles timed in hundredths of a minute (a common textbook pilot sample).
//   n = 5, Σx = 39, Σx² = 64 + 49 + 64 + 81 + 49 = 307, nΣx² − (Σx)² = 1535 − 1521 = 14
//   x̄ = 7.8, Σ(x − x̄)² = 14/5 = 2.8, s = √(2.8/4) = √0.7 = 0.83666002653407555
// Independent values from mpmath 1.3 at 40 digits (python3; t quantiles by root-finding the
// regularized incomplete beta, not Boost):
//   z(0.975) = 1.9599639845400538556, z(0.95) = 1.6448536269514728225
//   t(0.975, 19) = 2.0930240544083093, t(0.975, 20) = 2.0859634472658644
//   t(0.975, 5)  = 2.5705818356363148, t(0.975, 6)  = 2.4469118511449693
//   t(0.95, 13)  = 1.7709333959868731, t(0.95, 14)  = 1.7613101357748922
const std::vector<double> kPilot = {8, 7, 8, 9, 7};

} // namespace

class TestSampleSize : public QObject {
    Q_OBJECT

private slots:
    void classic95at5();
    void classic95at10();
    void otherConfidenceUsesExactZ();
    void wholeNumberIsNotBumped();
    void noVariation();
    void stableForLargeOffsets();
    void errors();
};

void TestSampleSize::classic95at5()
{
    // N′ = (40·√14 / 39)² = 1600 · 14 / 1521 = 22 400 / 1521 = 14.727153188691650 → 15, 10 more.
    // Exact z: (1.959963984540054/0.05)² · 14/1521 = 14.143438130103285 → 15.
    // t: t·cv/√N ≤ 0.05 with cv = s/x̄ = 0.10726410596590712:
    //   N = 20: 2.0930240544083093 · 0.107264106 / √20 = 0.0502011 > 0.05 (fails)
    //   N = 21: 2.0859634472658644 · 0.107264106 / √21 = 0.0488260 ≤ 0.05 → 21, 16 more.
    const auto r = study::observationsNeeded(kPilot);
    QVERIFY2(r.hasValue(), r.hasValue() ? "" : r.error().message.c_str());
    QCOMPARE(r->n, std::size_t(5));
    GEMBA_COMPARE_REL(r->mean, 7.8, 1e-15);
    GEMBA_COMPARE_REL(r->sd, 0.83666002653407555, 1e-15);
    GEMBA_COMPARE_REL(r->confidence, 0.95, 0);
    GEMBA_COMPARE_REL(r->accuracy, 0.05, 0);
    GEMBA_COMPARE_REL(r->zClassic, 2.0, 0);
    GEMBA_COMPARE_REL(r->observationsNeededUnrounded, 22400.0 / 1521.0, 1e-14);
    QCOMPARE(r->observationsNeeded, std::size_t(15));
    QCOMPARE(r->additionalNeeded(), std::size_t(10));
    GEMBA_COMPARE_REL(r->zExact, 1.9599639845400538556, 1e-15);
    GEMBA_COMPARE_REL(r->observationsNeededExactZUnrounded, 14.143438130103285, 1e-14);
    QCOMPARE(r->observationsNeededExactZ, std::size_t(15));
    QCOMPARE(r->observationsNeededT, std::size_t(21));
    GEMBA_COMPARE_REL(r->tQuantile, 2.0859634472658644, 1e-13);
    QCOMPARE(r->additionalNeededT(), std::size_t(16));
}

void TestSampleSize::classic95at10()
{
    // ±10 %: the 20-formula. N′ = (20·√14 / 39)² = 400 · 14 / 1521 = 3.6817882971729126 → 4,
    // already taken (5 ≥ 4: 0 more). Exact z: 3.5358595325258213 → 4.
    // t: N = 6: 2.5705818356363148 · 0.107264106 / √6 = 0.112567 > 0.10;
    //    N = 7: 2.4469118511449693 · 0.107264106 / √7 = 0.099203 ≤ 0.10 → 7.
    const auto r = study::observationsNeeded(kPilot, 0.95, 0.10);
    QVERIFY(r.hasValue());
    GEMBA_COMPARE_REL(r->zClassic, 2.0, 0);
    GEMBA_COMPARE_REL(r->observationsNeededUnrounded, 5600.0 / 1521.0, 1e-14);
    QCOMPARE(r->observationsNeeded, std::size_t(4));
    QCOMPARE(r->additionalNeeded(), std::size_t(0));
    GEMBA_COMPARE_REL(r->observationsNeededExactZUnrounded, 3.5358595325258213, 1e-14);
    QCOMPARE(r->observationsNeededExactZ, std::size_t(4));
    QCOMPARE(r->observationsNeededT, std::size_t(7));
    GEMBA_COMPARE_REL(r->tQuantile, 2.4469118511449693, 1e-13);
    QCOMPARE(r->additionalNeededT(), std::size_t(2));
}

void TestSampleSize::otherConfidenceUsesExactZ()
{
    // 90 % has no textbook rounding: z = 1.6448536269514729 in both figures.
    // N′ = (1.6448536269514729/0.05)² · 14/1521 = 9.961238226781278 → 10.
    // t: N = 14: 1.7709333959868731 · 0.107264106 / √14 = 0.0507683 > 0.05;
    //    N = 15: 1.7613101357748922 · 0.107264106 / √15 = 0.0487803 ≤ 0.05 → 15.
    const auto r = study::observationsNeeded(kPilot, 0.90, 0.05);
    QVERIFY(r.hasValue());
    GEMBA_COMPARE_REL(r->zClassic, 1.6448536269514729, 1e-15);
    GEMBA_COMPARE_REL(r->zExact, 1.6448536269514729, 1e-15);
    GEMBA_COMPARE_REL(r->observationsNeededUnrounded, 9.961238226781278, 1e-14);
    QCOMPARE(r->observationsNeeded, std::size_t(10));
    QCOMPARE(r->observationsNeededT, std::size_t(15));
    GEMBA_COMPARE_REL(r->tQuantile, 1.7613101357748922, 1e-13);
}

void TestSampleSize::wholeNumberIsNotBumped()
{
    // 0.9, 1.1 s: Σx = 2, Σx² = 0.81 + 1.21 = 2.02, nΣx² − (Σx)² = 4.04 − 4 = 0.04,
    // N′ = (40 · 0.2 / 2)² = 4² = 16 exactly. In doubles it comes out 16.000000000000007, and a
    // plain ceil would ask for 17.
    const auto r = study::observationsNeeded(std::vector<double>{0.9, 1.1});
    QVERIFY(r.hasValue());
    GEMBA_COMPARE_REL(r->observationsNeededUnrounded, 16.0, 1e-14);
    QCOMPARE(r->observationsNeeded, std::size_t(16));

    // The same in whole numbers (9, 11 hundredths): 1600 · (404 − 400) / 400 = 16.
    const auto w = study::observationsNeeded(std::vector<double>{9, 11});
    QVERIFY(w.hasValue());
    QCOMPARE(w->observationsNeeded, std::size_t(16));
}

void TestSampleSize::noVariation()
{
    // Identical times: N′ = 0 (the two taken suffice); the t rule holds at its minimum N = 2
    // (t(0.975, 1) = 12.706204736174694).
    const auto r = study::observationsNeeded(std::vector<double>{10, 10, 10});
    QVERIFY(r.hasValue());
    GEMBA_COMPARE_REL(r->sd, 0.0, 0);
    GEMBA_COMPARE_REL(r->observationsNeededUnrounded, 0.0, 0);
    QCOMPARE(r->observationsNeeded, std::size_t(0));
    QCOMPARE(r->observationsNeededT, std::size_t(2));
    GEMBA_COMPARE_REL(r->tQuantile, 12.706204736174694, 1e-13);
    QCOMPARE(r->additionalNeededT(), std::size_t(0));
}

void TestSampleSize::stableForLargeOffsets()
{
    // Times read off a clock that never stops, 1 000 000.7 to .9 s: the deviations from
    // x̄ = 1 000 000.78 are .02, −.08, .02, .12, −.08, Σ(x − x̄)² = 0.028, so
    // N′ = 1600 · 0.028 / (5 · 1 000 000.78²) = 8.9599860224163538e−12 (mpmath).
    // The naive nΣx² − (Σx)² in doubles gives 0.1484375 instead of 0.14, and N′ 6 % too high.
    const std::vector<double> x = {1000000.8, 1000000.7, 1000000.8, 1000000.9, 1000000.7};
    const auto r = study::observationsNeeded(x);
    QVERIFY(r.hasValue());
    GEMBA_COMPARE_REL(r->mean, 1000000.78, 1e-15);
    GEMBA_COMPARE_REL(r->observationsNeededUnrounded, 8.9599860224163538e-12, 1e-8);
    QCOMPARE(r->observationsNeeded, std::size_t(1));   // ⌈8.96e−12⌉ = 1: a positive count rounds up
}

void TestSampleSize::errors()
{
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const double inf = std::numeric_limits<double>::infinity();
    const auto code = [](const Expected<study::SampleSize>& r) {
        return r.hasValue() ? ErrorCode::ParseError /* not expected in this test */ : r.error().code;
    };

    QCOMPARE(code(study::observationsNeeded(std::vector<double>{})), ErrorCode::EmptyData);
    QCOMPARE(code(study::observationsNeeded(std::vector<double>{7.8})), ErrorCode::TooFewValues);
    QCOMPARE(code(study::observationsNeeded(std::vector<double>{8, nan, 7})), ErrorCode::NotFinite);
    QCOMPARE(code(study::observationsNeeded(std::vector<double>{8, inf, 7})), ErrorCode::NotFinite);
    QCOMPARE(code(study::observationsNeeded(std::vector<double>{8, -7, 7})), ErrorCode::OutOfRange);
    // Mean 0 (all zero): an accuracy of ±5 % of 0 means nothing.
    const auto zero = study::observationsNeeded(std::vector<double>{0, 0, 0});
    QCOMPARE(code(zero), ErrorCode::OutOfRange);
    QVERIFY(QString::fromStdString(zero.error().message).contains("mean"));

    QCOMPARE(code(study::observationsNeeded(kPilot, 0, 0.05)), ErrorCode::OutOfRange);
    QCOMPARE(code(study::observationsNeeded(kPilot, 1, 0.05)), ErrorCode::OutOfRange);
    QCOMPARE(code(study::observationsNeeded(kPilot, 95, 0.05)), ErrorCode::OutOfRange);
    QCOMPARE(code(study::observationsNeeded(kPilot, nan, 0.05)), ErrorCode::NotFinite);
    QCOMPARE(code(study::observationsNeeded(kPilot, 0.95, 0)), ErrorCode::OutOfRange);
    QCOMPARE(code(study::observationsNeeded(kPilot, 0.95, -0.05)), ErrorCode::OutOfRange);
    QCOMPARE(code(study::observationsNeeded(kPilot, 0.95, 1)), ErrorCode::OutOfRange);
    QCOMPARE(code(study::observationsNeeded(kPilot, 0.95, nan)), ErrorCode::NotFinite);

    // A spread far too wide for the accuracy asked is refused rather than answered with 10^18.
    QCOMPARE(code(study::observationsNeeded(std::vector<double>{1e-9, 1, 1000}, 0.999999, 1e-9)),
             ErrorCode::OutOfRange);
}

QTEST_GUILESS_MAIN(TestSampleSize)
#include "tst_samplesize.moc"
