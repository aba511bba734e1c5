#include "swsim/people/loneliness.hpp"

#include <algorithm>

namespace swsim {

float next_loneliness(float score, float baseline, std::uint8_t contacts, const LonelinessParams& p) {
  double v = score + p.reversion_per_day * (baseline - score);
  if (contacts & contact::kVisit) v -= p.visit_effect;
  if (contacts & contact::kCall) v -= p.call_effect;
  if (contacts & contact::kActivity) v -= p.activity_effect;
  if (contacts & contact::kMeal) v -= p.meal_effect;
  return static_cast<float>(std::clamp(v, 3.0, 9.0));
}

}  // namespace swsim
