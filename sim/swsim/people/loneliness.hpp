#pragma once
// Loneliness of registered elders (odd.md, Loneliness): the UCLA-3 score (3-9) drifts back towards the
// elder's own baseline and falls with each kind of contact of the day.
#include <algorithm>
#include <cstdint>

#include "swsim/config/config.hpp"

namespace swsim {

// Kinds of contact an elder had today, as bits.
namespace contact {
inline constexpr std::uint8_t kMeal = 1;
inline constexpr std::uint8_t kCall = 2;
inline constexpr std::uint8_t kVisit = 4;
inline constexpr std::uint8_t kActivity = 8;
}  // namespace contact

inline float next_loneliness(float score, float baseline, std::uint8_t contacts, const LonelinessParams& p) {
  double v = score + p.reversion_per_day * (baseline - score);
  if (contacts & contact::kVisit) v -= p.visit_effect;
  if (contacts & contact::kCall) v -= p.call_effect;
  if (contacts & contact::kActivity) v -= p.activity_effect;
  if (contacts & contact::kMeal) v -= p.meal_effect;
  return static_cast<float>(std::clamp(v, 3.0, 9.0));
}

}  // namespace swsim
