#pragma once
// Station samples at --scale (odd.md Initialization, "Sampling"). Each area simulates a number of its open
// stations (stations_simulated_per_area); the sample is stratified by urban/rural: the city's sampled
// urban stations are as near the open urban share as the per-area counts allow, and each area's split is
// as near its own urban share as that allows. Within a stratum the stations are the first by each site's
// random rank (the same at any scale).
#include <vector>

namespace swsim {

// Urban stations to sample per area, given the sampled count and the open urban and rural stations of
// each area (largest remainder towards each area's proportional share, the city total fixed first).
std::vector<int> urban_stations_to_sample(const std::vector<int>& sampled, const std::vector<int>& urban_open,
                                          const std::vector<int>& rural_open);

// Which of an area's sites are simulated: of the open ones, the n_urban urban and the n_rural rural sites
// with the lowest rank.
std::vector<char> pick_sampled(const std::vector<int>& rank, const std::vector<char>& open,
                               const std::vector<char>& urban, int n_urban, int n_rural);

}  // namespace swsim
