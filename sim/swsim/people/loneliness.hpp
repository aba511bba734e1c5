#pragma once
// Loneliness of registered elders (odd.md, Loneliness): the UCLA-3 score (3-9) drifts back towards the
// elder's own baseline and falls with each kind of contact of the day.
#include <algorithm>
#include <cstddef>
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
  // Without branches (subtracting 0 changes nothing), so a loop over a register can be vectorised.
  double v = score + p.reversion_per_day * (baseline - score);
  v -= (contacts & contact::kVisit) ? p.visit_effect : 0.0;
  v -= (contacts & contact::kCall) ? p.call_effect : 0.0;
  v -= (contacts & contact::kActivity) ? p.activity_effect : 0.0;
  v -= (contacts & contact::kMeal) ? p.meal_effect : 0.0;
  return static_cast<float>(std::min(std::max(v, 3.0), 9.0));
}

// next_loneliness over a register's scores (the day loop compiles it with -fno-trapping-math, which lets
// GCC vectorise it: the same IEEE operations, two elders at a time, with branch-free clamps).
inline void update_scores(float* score, const float* baseline, const std::uint8_t* contacts, std::size_t n,
                          const LonelinessParams& p) {
  const LonelinessParams q = p;  // a local copy: the stores to score cannot change it
  for (std::size_t k = 0; k < n; ++k) score[k] = next_loneliness(score[k], baseline[k], contacts[k], q);
}

// Sums of scores (floats in [3, 9]): of all, and of those whose flags have a `select` bit. Such floats are
// multiples of 2^-22, so their sum in double is exact in any order (below 2^31); summed as integers in units
// of 2^-22 they give the very same numbers as a plain double loop, without its chain of dependent additions.
struct ScoreSums {
  double all = 0, selected = 0;
  int selected_count = 0;
};
inline ScoreSums sum_scores(const float* score, const std::uint8_t* flags, std::uint8_t select, std::size_t n) {
  constexpr float kUnit = 4194304.0f;  // 2^22
  constexpr std::size_t kBlock = 32;   // 32 scores of at most 9 * 2^22 add up below 2^31: int32 lanes suffice
  std::int64_t all = 0, selected = 0;
  int count = 0;
  for (std::size_t k0 = 0; k0 < n; k0 += kBlock) {
    const std::size_t m = std::min(kBlock, n - k0);
    std::int32_t block_all = 0, block_selected = 0, block_count = 0;
    for (std::size_t k = k0; k < k0 + m; ++k) {
      const auto fixed = static_cast<std::int32_t>(score[k] * kUnit);  // exact: a power-of-two scaling
      const std::int32_t take = (flags[k] & select) != 0;
      block_all += fixed;
      block_selected += take * fixed;
      block_count += take;
    }
    all += block_all;
    selected += block_selected;
    count += block_count;
  }
  return {static_cast<double>(all) / kUnit, static_cast<double>(selected) / kUnit, count};
}

}  // namespace swsim
