#pragma once
// Elder attributes that vary with age (odd.md Initialization, "Attributes by age"): three age bands
// (60-64, 65-79, 80+) from the census shares; impairment, living alone and air conditioning in each band
// are a base rate times a ratio to the 60-64 band, the base chosen so that the share over all 60+ is the
// parameter's (population.impaired_share, living_alone_share, ac_share_urban/rural). The other living
// arrangements share what living alone leaves, in their overall proportions, so their marginals hold too.
#include "swsim/config/config.hpp"
#include "swsim/world/world.hpp"

namespace swsim {

inline constexpr int kAgeBands = 3;  // 60-64, 65-79, 80+

struct AgeProfile {
  double band_share[kAgeBands] = {0, 0, 0};  // of the 60+
  double p_impaired[kAgeBands] = {0, 0, 0};  // disabled or semi-disabled
  double p_alone[kAgeBands] = {0, 0, 0};
  double p_ac_urban[kAgeBands] = {0, 0, 0};
  double p_ac_rural[kAgeBands] = {0, 0, 0};
};

AgeProfile age_profile(const PopulationParams& pop);

// Rates by band: share x ratio_b / sum_b(w_b ratio_b), capped at 0.95 (the cap only binds at extreme inputs).
void rates_by_band(const double w[kAgeBands], double share, const double ratio[kAgeBands], double out[kAgeBands]);

int age_band(int age);

// Age from the band draw and the draw within the band (an exponential tail above 80, capped at 104).
int draw_age(const AgeProfile& ap, const PopulationParams& pop, double u_band, double u_age, int& band);
Function draw_function(const AgeProfile& ap, const PopulationParams& pop, int band, double u);
Living draw_living(const AgeProfile& ap, const PopulationParams& pop, int band, double u);
bool draw_air_conditioning(const AgeProfile& ap, bool urban, int band, double u);
// 特困 first, then 低保 (exclusive: te kun support replaces dibao).
Assistance draw_assistance(const PopulationParams& pop, double u);

}  // namespace swsim
