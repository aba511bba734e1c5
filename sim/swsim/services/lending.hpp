#pragma once
// Lending (policy.lending, odd.md Dispatch): each general station lends its mobile team for the day, one
// member to each of its most loaded stations (meals per lunch courier), ties by station index; with a
// team larger than the area's stations, the round starts again from the most loaded.
#include <span>

namespace swsim {

// Adds to lent[s] the staff each station receives. load[s] and area_of[s] per station (station order).
void lend_mobile_teams(std::span<const double> load, std::span<const int> area_of, int areas, int team_size,
                       std::span<int> lent);
// The same with a team size per area.
void lend_mobile_teams(std::span<const double> load, std::span<const int> area_of, std::span<const int> team_by_area,
                       std::span<int> lent);

// A general station's team on a sampled run (odd.md Initialization, "Sampling"): the team serves all the
// area's open stations, so with `simulated` of `open` stations simulated it lends team x simulated / open
// members a day, rounded up with probability equal to the fraction (u the day's uniform draw), so the
// expected staff lent per simulated station is the full city's. The whole team when every station is
// simulated.
int team_on_sample(int team, int simulated, int open, double u);

}  // namespace swsim
