// What one control chart of a study is made of.
#include "charts/chartsettings.h"

#include "stats/sigmaestimator.h"

#include <algorithm>
#include <sstream>

namespace gemba::ui {

bool ChartSettings::isExcluded(PointKey key) const { return std::binary_search(excluded.begin(), excluded.end(), key); }

bool ChartSettings::startsStage(PointKey key) const
{
    return std::binary_search(stageStarts.begin(), stageStarts.end(), key);
}

std::string ChartSettings::computationKey() const
{
    std::ostringstream out;
    out.precision(17);
    out << studyId << '|' << stepId << '|' << stats::chartTypeName(type) << '|' << rules << '|'
        << (sigmaMethod ? stats::sigmaMethodName(*sigmaMethod) : std::string_view("default")) << '|' << k << '|'
        << subgroupSize << "|x";
    for (PointKey p : excluded)
        out << ',' << p;
    out << "|s";
    for (PointKey p : stageStarts)
        out << ',' << p;
    if (locked)
        out << "|l" << locked->lastPhaseOnePoint << ',' << locked->center.value_or(-1) << ','
            << locked->sigma.value_or(-1);
    return out.str();
}

} // namespace gemba::ui
