// The details a new study starts with (see newstudy.h).
#include "study/newstudy.h"

namespace gemba::study {

Study newStudy(Id processId, std::span<const Study> earlier, std::string observer, std::string date)
{
    Study s;
    s.processId = processId;
    s.date = std::move(date);
    s.observer = std::move(observer);
    // The project file keeps the categories (file format 4): a first study starts with them and
    // no PF&D figure beside them (that one is for files before format 4), the same 15 % in all.
    s.allowances = kDefaultAllowances;
    s.allowancePercent = 0;
    if (!earlier.empty()) {
        const Study& last = earlier.back();
        s.ratingMethod = last.ratingMethod;
        s.allowanceBasis = last.allowanceBasis;
        s.allowancePercent = last.allowancePercent;
        s.allowances = last.allowances;
        s.typeAllowances = last.typeAllowances;
        s.selectedTime = last.selectedTime;
        s.unitsPerCycle = last.unitsPerCycle;
    }
    return s;
}

} // namespace gemba::study
