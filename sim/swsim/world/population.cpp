#include "swsim/world/population.hpp"

#include <algorithm>
#include <cmath>

namespace swsim {

void rates_by_band(const double w[kAgeBands], double share, const double ratio[kAgeBands], double out[kAgeBands]) {
  double denom = 0;
  for (int b = 0; b < kAgeBands; ++b) denom += w[b] * ratio[b];
  const double k = denom > 0 ? share / denom : 0.0;
  for (int b = 0; b < kAgeBands; ++b) out[b] = std::min(0.95, k * ratio[b]);
}

AgeProfile age_profile(const PopulationParams& pop) {
  AgeProfile a;
  a.band_share[0] = 1.0 - pop.share_65plus / pop.share_60plus;
  a.band_share[2] = pop.share_80plus_of_60plus;
  a.band_share[1] = 1.0 - a.band_share[0] - a.band_share[2];
  const double impaired[kAgeBands] = {1.0, pop.impairment_ratio_65_79, pop.impairment_ratio_80plus};
  const double alone[kAgeBands] = {1.0, pop.living_alone_ratio_65_79, pop.living_alone_ratio_80plus};
  const double ac[kAgeBands] = {1.0, pop.ac_ratio_65_79, pop.ac_ratio_80plus};
  rates_by_band(a.band_share, pop.impaired_share, impaired, a.p_impaired);
  rates_by_band(a.band_share, pop.living_alone_share, alone, a.p_alone);
  rates_by_band(a.band_share, pop.ac_share_urban, ac, a.p_ac_urban);
  rates_by_band(a.band_share, pop.ac_share_rural, ac, a.p_ac_rural);
  return a;
}

int age_band(int age) { return age < 65 ? 0 : age < 80 ? 1 : 2; }

int draw_age(const AgeProfile& ap, const PopulationParams& pop, double u_band, double u_age, int& band) {
  if (u_band < ap.band_share[0]) {
    band = 0;
    return 60 + static_cast<int>(u_age * 5);
  }
  if (u_band < ap.band_share[0] + ap.band_share[1]) {
    band = 1;
    return 65 + static_cast<int>(u_age * 15);
  }
  band = 2;  // a declining tail above 80
  return 80 + std::min(24, static_cast<int>(-pop.age_80plus_mean_extra_years * std::log(u_age)));
}

Function draw_function(const AgeProfile& ap, const PopulationParams& pop, int band, double u) {
  const double p = ap.p_impaired[band];
  return u < p * pop.disabled_share_of_impaired ? Function::kDisabled
         : u < p                                ? Function::kSemiDisabled
                                                : Function::kIndependent;
}

Living draw_living(const AgeProfile& ap, const PopulationParams& pop, int band, double u) {
  const double alone = ap.p_alone[band];
  if (u < alone) return Living::kAlone;
  // The other arrangements share the rest in their overall proportions.
  const double rest = pop.living_alone_share < 1.0 ? (1.0 - alone) / (1.0 - pop.living_alone_share) : 0.0;
  const double couple = alone + pop.couple_share * rest;
  if (u < couple) return Living::kCouple;
  if (u < couple + pop.family_away_by_day_share * rest) return Living::kFamilyAwayByDay;
  return Living::kWithFamily;
}

bool draw_air_conditioning(const AgeProfile& ap, bool urban, int band, double u) {
  return u < (urban ? ap.p_ac_urban[band] : ap.p_ac_rural[band]);
}

Assistance draw_assistance(const PopulationParams& pop, double u) {
  if (u < pop.tekun_share) return Assistance::kTekun;
  if (u < pop.tekun_share + pop.dibao_share) return Assistance::kDibao;
  return Assistance::kNone;
}

}  // namespace swsim
