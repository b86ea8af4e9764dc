// The details a new study starts with (see newstudy.h).
#include "study/newstudy.h"

namespace gemba::study {

Study newStudy(Id processId, std::span<const Study> earlier, std::string observer, std::string date)
{
    Study s;
    s.processId = processId;
    s.date = std::move(date);
    s.observer = std::move(observer);
    // Until the project file keeps the categories (file format 4), a first study keeps the
    // single PF&D figure; kDefaultAllowances takes over with the study details' category editor.
    s.allowancePercent = kDefaultAllowancePercent;
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
