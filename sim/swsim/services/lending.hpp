#pragma once
// Lending (policy.lending, odd.md Dispatch): each general station lends its mobile team for the day, one
// member to each of its most loaded stations (meals per lunch courier), ties by station index; with a
// team larger than the area's stations, the round starts again from the most loaded.
#include <span>

namespace swsim {

// Adds to lent[s] the staff each station receives. load[s] and area_of[s] per station (station order).
void lend_mobile_teams(std::span<const double> load, std::span<const int> area_of, int areas, int team_size,
                       std::span<int> lent);

}  // namespace swsim
