// Test support: reading the reference oracles in tests/data/reference and comparing doubles.
#include "referencedata.h"

#include <QFile>
#include <QJsonDocument>

#include <limits>

namespace gemba::test {

QString referencePath(const QString& name) { return QStringLiteral(GEMBA_REFERENCE_DIR "/") + name; }

QJsonObject loadReferenceJson(const QString& name)
{
    QFile file(referencePath(name));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot open reference file %s", qPrintable(file.fileName()));
    QJsonParseError err;
    const auto doc = QJsonDocument::fromJson(file.readAll(), &err);
    if (doc.isNull())
        qFatal("cannot parse %s: %s", qPrintable(file.fileName()), qPrintable(err.errorString()));
    return doc.object();
}

std::vector<double> toDoubles(const QJsonArray& array)
{
    std::vector<double> out;
    out.reserve(array.size());
    for (const auto& v : array)
        out.push_back(v.isNull() ? std::numeric_limits<double>::quiet_NaN() : v.toDouble());
    return out;
}

std::vector<int> toInts(const QJsonArray& array)
{
    std::vector<int> out;
    out.reserve(array.size());
    for (const auto& v : array)
        out.push_back(v.toInt());
    return out;
}

bool closeRelative(double actual, double expected, double tol)
{
    if (std::isnan(expected) || std::isnan(actual))
        return std::isnan(expected) && std::isnan(actual);
    if (std::isinf(expected) || std::isinf(actual))
        return actual == expected;
    const double scale = std::max(std::fabs(expected), 1e-300);
    return std::fabs(actual - expected) <= tol * scale;
}

QByteArray describeMismatch(double actual, double expected, double tol, const char* what)
{
    const double rel = expected != 0 ? std::fabs(actual - expected) / std::fabs(expected) : std::fabs(actual);
    return QByteArray(what) + ": got " + QByteArray::number(actual, 'g', 17) + ", expected " +
           QByteArray::number(expected, 'g', 17) + " (relative error " + QByteArray::number(rel, 'g', 3) +
           ", tolerance " + QByteArray::number(tol, 'g', 3) + ")";
}

} // namespace gemba::test
