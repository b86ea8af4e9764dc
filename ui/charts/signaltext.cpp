// The words for what a control chart shows.
#include "charts/signaltext.h"

#include <QCoreApplication>
#include <QLocale>

namespace gemba::ui::signaltext {
namespace {
QString tr(const char* text) { return QCoreApplication::translate("SignalText", text); }
} // namespace

int lowestTest(std::uint16_t mask)
{
    for (int t = 1; t <= stats::kTestCount; ++t)
        if (mask & (1u << (t - 1)))
            return t;
    return 0;
}

QStringList failedTests(std::uint16_t mask, const stats::RuleSet& rules)
{
    QStringList lines;
    for (int t = 1; t <= stats::kTestCount; ++t)
        if (mask & (1u << (t - 1)))
            lines << tr("Test %1: %2").arg(t).arg(QString::fromStdString(stats::describeTest(t, rules.kOf(t))));
    return lines;
}

QString ruleSetName(const std::string& name)
{
    if (name == "nelson")
        return tr("Nelson");
    if (name == "western-electric" || name == "we")
        return tr("Western Electric");
    if (name == "none")
        return tr("none");
    return tr("custom");
}

QString testsUsed(const stats::RuleSet& rules)
{
    const std::vector<int> tests = rules.enabledTests();
    if (tests.empty())
        return tr("No tests");
    // Consecutive tests as a range ("1–8"), others listed ("1, 2, 5, 6").
    bool consecutive = tests.size() > 2;
    for (std::size_t i = 1; i < tests.size() && consecutive; ++i)
        consecutive = tests[i] == tests[i - 1] + 1;
    QString list;
    if (consecutive) {
        list = QStringLiteral("%1–%2").arg(tests.front()).arg(tests.back());
    } else {
        QStringList parts;
        for (int t : tests)
            parts << QString::number(t);
        list = parts.join(QStringLiteral(", "));
    }
    return (tests.size() == 1 ? tr("Test %1 (%2)") : tr("Tests %1 (%2)")).arg(list, ruleSetName(rules.name));
}

QString sigmaMethod(stats::SigmaMethod method)
{
    using M = stats::SigmaMethod;
    switch (method) {
    case M::AverageMovingRange: return tr("σ by average moving range (MR̄/d2)");
    case M::MedianMovingRange: return tr("σ by median moving range (MR̃/d4)");
    case M::SampleSd: return tr("σ by sample standard deviation (S/c4)");
    case M::RBar: return tr("σ by average range (R̄/d2)");
    case M::SBar: return tr("σ by average standard deviation (S̄/c4)");
    case M::PooledSd: return tr("σ by pooled standard deviation");
    case M::MvlueR: return tr("σ by MVLUE of the ranges");
    case M::MvlueS: return tr("σ by MVLUE of the standard deviations");
    case M::Known: return tr("σ and center locked (phase I limits kept)");
    case M::Binomial: return tr("σ from p̄ (binomial)");
    case M::Poisson: return tr("σ from the mean count (Poisson)");
    }
    return {};
}

QString usedLine(const stats::ChartAnalysis& analysis)
{
    if (analysis.charts.empty())
        return {};
    const stats::ControlChart& first = analysis.charts.front();
    return tr("%1, %2, k = %3")
        .arg(testsUsed(analysis.rules), sigmaMethod(first.sigmaMethod), QLocale().toString(first.nsigmas, 'g', 4));
}

QString chartTitle(const std::string& name)
{
    if (name == "i")
        return tr("Individuals (I)");
    if (name == "mr")
        return tr("Moving range (MR)");
    if (name == "xbar")
        return tr("Subgroup mean (X̄)");
    if (name == "r")
        return tr("Range (R)");
    if (name == "s")
        return tr("Standard deviation (S)");
    return QString::fromStdString(name);
}

} // namespace gemba::ui::signaltext
