// Stable text names of the model's enums: written to project files and CSV files, so never rename one.
#include "study/model.h"

#include <array>
#include <utility>

namespace gemba::study {
namespace {

template <typename E, std::size_t N>
using Names = std::array<std::pair<E, std::string_view>, N>;

constexpr Names<StepType, 3> kStepTypes{{
    {StepType::Manual, "manual"},
    {StepType::Machine, "machine"},
    {StepType::Walk, "walk"},
}};

constexpr Names<ValueClass, 3> kValueClasses{{
    {ValueClass::ValueAdding, "value-adding"},
    {ValueClass::NecessaryNonValueAdding, "necessary-non-value-adding"},
    {ValueClass::Waste, "waste"},
}};

constexpr Names<WasteKind, 9> kWasteKinds{{
    {WasteKind::None, "none"},
    {WasteKind::Overproduction, "overproduction"},
    {WasteKind::Waiting, "waiting"},
    {WasteKind::Transport, "transport"},
    {WasteKind::OverProcessing, "over-processing"},
    {WasteKind::Inventory, "inventory"},
    {WasteKind::Motion, "motion"},
    {WasteKind::Defects, "defects"},
    {WasteKind::UnusedTalent, "unused-talent"},
}};

constexpr Names<RatingMethod, 2> kRatingMethods{{
    {RatingMethod::None, "none"},
    {RatingMethod::PaceRating, "pace-rating"},
}};

constexpr Names<AllowanceBasis, 2> kAllowanceBases{{
    {AllowanceBasis::NormalTime, "normal"},
    {AllowanceBasis::WorkingTime, "work"},
}};

constexpr Names<ElementKind, 3> kElementKinds{{
    {ElementKind::Cyclic, "cyclic"},
    {ElementKind::Occasional, "occasional"},
    {ElementKind::MachineControlled, "machine"},
}};

constexpr Names<FrequencyBasis, 2> kFrequencyBases{{
    {FrequencyBasis::Cycles, "cycles"},
    {FrequencyBasis::Units, "units"},
}};

constexpr Names<SelectedTimeRule, 2> kSelectedTimeRules{{
    {SelectedTimeRule::Mean, "mean"},
    {SelectedTimeRule::Median, "median"},
}};

template <typename E, std::size_t N>
constexpr std::string_view nameOf(const Names<E, N>& names, E v)
{
    for (const auto& [value, name] : names)
        if (value == v)
            return name;
    return {};   // unreachable for a valid enumerator
}

template <typename E, std::size_t N>
constexpr std::optional<E> valueOf(const Names<E, N>& names, std::string_view s)
{
    for (const auto& [value, name] : names)
        if (name == s)
            return value;
    return std::nullopt;
}

} // namespace

std::string_view toString(StepType v) { return nameOf(kStepTypes, v); }
std::string_view toString(ValueClass v) { return nameOf(kValueClasses, v); }
std::string_view toString(WasteKind v) { return nameOf(kWasteKinds, v); }
std::string_view toString(RatingMethod v) { return nameOf(kRatingMethods, v); }
std::string_view toString(AllowanceBasis v) { return nameOf(kAllowanceBases, v); }

std::string_view toString(ElementKind v) { return nameOf(kElementKinds, v); }
std::string_view toString(FrequencyBasis v) { return nameOf(kFrequencyBases, v); }
std::string_view toString(SelectedTimeRule v) { return nameOf(kSelectedTimeRules, v); }

std::optional<StepType> stepTypeFromString(std::string_view s) { return valueOf(kStepTypes, s); }
std::optional<ValueClass> valueClassFromString(std::string_view s) { return valueOf(kValueClasses, s); }
std::optional<WasteKind> wasteKindFromString(std::string_view s) { return valueOf(kWasteKinds, s); }
std::optional<RatingMethod> ratingMethodFromString(std::string_view s) { return valueOf(kRatingMethods, s); }
std::optional<AllowanceBasis> allowanceBasisFromString(std::string_view s) { return valueOf(kAllowanceBases, s); }
std::optional<ElementKind> elementKindFromString(std::string_view s) { return valueOf(kElementKinds, s); }
std::optional<FrequencyBasis> frequencyBasisFromString(std::string_view s) { return valueOf(kFrequencyBases, s); }
std::optional<SelectedTimeRule> selectedTimeRuleFromString(std::string_view s) { return valueOf(kSelectedTimeRules, s); }

} // namespace gemba::study
