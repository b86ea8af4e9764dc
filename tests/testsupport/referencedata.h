// Test support: reading the reference oracles in tests/data/reference and comparing doubles.
#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QTest>

#include <cmath>
#include <vector>

namespace gemba::test {

QString referencePath(const QString& name);    // absolute path of a file in tests/data/reference
QJsonObject loadReferenceJson(const QString& name);
std::vector<double> toDoubles(const QJsonArray& array);   // null becomes NaN
std::vector<int> toInts(const QJsonArray& array);

// |actual - expected| <= tol * max(|expected|, tiny); both NaN counts as equal.
bool closeRelative(double actual, double expected, double tol);
QByteArray describeMismatch(double actual, double expected, double tol, const char* what);

} // namespace gemba::test

// Compare doubles with an explicit relative tolerance; fails the test with both values printed.
#define GEMBA_COMPARE_REL(actual, expected, tol)                                                        \
    do {                                                                                                \
        const double gembaA_ = (actual), gembaE_ = (expected);                                          \
        if (!gemba::test::closeRelative(gembaA_, gembaE_, (tol)))                                       \
            QFAIL(gemba::test::describeMismatch(gembaA_, gembaE_, (tol), #actual).constData());        \
    } while (false)
