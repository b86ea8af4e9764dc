// Min/max decimation: every column keeps its first, min, max and last point; flagged points
// are always kept; the global extremes survive.
#include "stats/decimate.h"

#include <QtTest>

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>

using namespace gemba::stats;

class TestDecimate : public QObject {
    Q_OBJECT
private slots:
    void shortSeriesIsKeptWhole()
    {
        const std::vector<double> v = {3, 1, 4, 1, 5, 9, 2, 6};
        const auto kept = decimateMinMax(v, 2);   // 8 <= 4·2: nothing to drop
        QCOMPARE(kept, (std::vector<std::size_t>{0, 1, 2, 3, 4, 5, 6, 7}));
    }

    void keepsFirstMinMaxLastPerColumn()
    {
        // Two columns of 6 points each. Column 0: first 0, min at 2 (-5), max at 4 (8), last 5.
        // Column 1: first 6, max at 7 (10), min at 9 (-2), last 11.
        const std::vector<double> v = {1, 2, -5, 0, 8, 3, /**/ 4, 10, 5, -2, 1, 2};
        QCOMPARE(decimateMinMax(v, 2), (std::vector<std::size_t>{0, 2, 4, 5, 6, 7, 9, 11}));
    }

    void nanIsNeverKept()
    {
        const double nan = std::numeric_limits<double>::quiet_NaN();
        const std::vector<double> v = {nan, 2, 7, 1, 3, nan, 4, 5, 0, 2, 9, 1};
        const auto kept = decimateMinMax(v, 2);
        // Column 0 (0..5): first 1, min 3, max 2, last 4. Column 1 (6..11): first 6, min 8, max 10, last 11.
        QCOMPARE(kept, (std::vector<std::size_t>{1, 2, 3, 4, 6, 8, 10, 11}));
        QCOMPARE(decimateMinMax(std::vector<double>{nan, 1, nan}, 10), (std::vector<std::size_t>{1}));
    }

    void flaggedPointsAreAlwaysKept()
    {
        const std::vector<double> v = {1, 2, -5, 0, 8, 3, /**/ 4, 10, 5, -2, 1, 2};
        std::vector<std::uint8_t> keep(v.size(), 0);
        keep[1] = keep[3] = keep[8] = 1;
        QCOMPARE(decimateMinMax(v, 2, keep), (std::vector<std::size_t>{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 11}));
    }

    void millionPointsKeepExtremesAndFlags()
    {
        std::mt19937_64 rng(7);
        std::normal_distribution<double> normal(100, 5);
        std::vector<double> v(1'000'000);
        for (auto& x : v)
            x = normal(rng);
        v[123'457] = 180;   // the global maximum, an isolated spike
        v[876'543] = 20;    // the global minimum
        std::vector<std::uint8_t> keep(v.size(), 0);
        std::vector<std::size_t> flagged;
        for (std::size_t i = 0; i < v.size(); i += 9973) {
            keep[i] = 1;
            flagged.push_back(i);
        }
        const std::size_t columns = 1600;
        const auto kept = decimateMinMax(v, columns, keep);
        QVERIFY(std::is_sorted(kept.begin(), kept.end()));
        QVERIFY(std::adjacent_find(kept.begin(), kept.end()) == kept.end());
        QVERIFY(kept.size() <= 4 * columns + flagged.size());
        QVERIFY(kept.size() >= 2 * columns);
        QVERIFY(std::binary_search(kept.begin(), kept.end(), std::size_t(123'457)));
        QVERIFY(std::binary_search(kept.begin(), kept.end(), std::size_t(876'543)));
        for (std::size_t i : flagged)
            QVERIFY2(std::binary_search(kept.begin(), kept.end(), i), qPrintable(QString::number(i)));
        // The first and last points always stay, so the line spans the whole axis.
        QCOMPARE(kept.front(), std::size_t(0));
        QCOMPARE(kept.back(), v.size() - 1);
        // Every column's extremes are kept: the decimated envelope equals the full one per column.
        for (std::size_t c = 0; c < columns; c += 97) {
            const std::size_t b = c * v.size() / columns, e = (c + 1) * v.size() / columns;
            const auto mx = std::max_element(v.begin() + b, v.begin() + e) - v.begin();
            const auto mn = std::min_element(v.begin() + b, v.begin() + e) - v.begin();
            QVERIFY(std::binary_search(kept.begin(), kept.end(), std::size_t(mx)));
            QVERIFY(std::binary_search(kept.begin(), kept.end(), std::size_t(mn)));
        }
    }
};

QTEST_GUILESS_MAIN(TestDecimate)
#include "tst_decimate.moc"
