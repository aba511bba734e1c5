#pragma once
// The station's register (odd.md Initialization, "Registers"): every elder who meets a criterion is on it,
// with the reasons kept as bits (an elder may meet several): 特困 (te kun, extreme-poverty support), 低保
// (dibao, minimum living allowance), 80+ living alone, disabled living alone, 失独 (lost the only child).
// Visit frequency follows the risk tier (risk_tier), not the reason.
#include <cstdint>

#include "swsim/world/world.hpp"

namespace swsim {

namespace register_reason {
inline constexpr std::uint8_t kTekun = 1;
inline constexpr std::uint8_t kDibao = 2;
inline constexpr std::uint8_t kAlone80 = 4;         // aged 80+ and living alone
inline constexpr std::uint8_t kDisabledAlone = 8;   // fully disabled (失能) and living alone
inline constexpr std::uint8_t kShidu = 16;          // lost the only child
inline constexpr std::uint8_t kStationMeals = 32;   // none of the above, but the station delivers their lunch
                                                    // (homebound, no meal point reaches them: world/meal_points)
inline constexpr int kCount = 6;
}  // namespace register_reason

// The reasons an elder is registered; 0 = not registered.
std::uint8_t register_reasons(int age, Function function, Living living, Assistance assistance, bool lost_only_child);

}  // namespace swsim
