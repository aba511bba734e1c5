// Registers, attributes by age and stratified samples (odd.md Initialization).
#include <catch2/catch.hpp>
#include <cmath>
#include <vector>

#include "swsim/config/parameters.hpp"
#include "swsim/services/lending.hpp"
#include "swsim/world/population.hpp"
#include "swsim/world/registers.hpp"
#include "swsim/world/sampling.hpp"
#include "swsim/world/world.hpp"

using namespace swsim;

namespace {
const World& full_world() {
  static const World w = build_world(default_config());
  return w;
}
// Four standard deviations of a share p estimated from n draws, at least 1e-4.
double four_sd(double p, double n) { return std::max(1e-4, 4.0 * std::sqrt(p * (1 - p) / n)); }
int band_of(int age) { return age < 65 ? 0 : age < 80 ? 1 : 2; }
}  // namespace

TEST_CASE("a rate by age band keeps the overall share: share x ratio / sum(w ratio)", "[world][population]") {
  const double w[3] = {0.3, 0.5, 0.2};
  const double ratio[3] = {1.0, 2.0, 4.0};
  double out[3];
  rates_by_band(w, 0.1, ratio, out);
  const double k = 0.1 / (0.3 + 1.0 + 0.8);
  CHECK(out[0] == Approx(k));
  CHECK(out[1] == Approx(2 * k));
  CHECK(out[2] == Approx(4 * k));
  CHECK(w[0] * out[0] + w[1] * out[1] + w[2] * out[2] == Approx(0.1));
}

TEST_CASE("register reasons: each criterion sets its bit, several can hold", "[world][registers]") {
  namespace rr = register_reason;
  using F = Function;
  using L = Living;
  CHECK(register_reasons(70, F::kIndependent, L::kCouple, Assistance::kNone, false) == 0);
  CHECK(register_reasons(79, F::kIndependent, L::kAlone, Assistance::kNone, false) == 0);
  CHECK(register_reasons(80, F::kIndependent, L::kAlone, Assistance::kNone, false) == rr::kAlone80);
  CHECK(register_reasons(80, F::kIndependent, L::kFamilyAwayByDay, Assistance::kNone, false) == 0);
  CHECK(register_reasons(65, F::kDisabled, L::kAlone, Assistance::kNone, false) == rr::kDisabledAlone);
  CHECK(register_reasons(65, F::kSemiDisabled, L::kAlone, Assistance::kNone, false) == 0);
  CHECK(register_reasons(65, F::kDisabled, L::kCouple, Assistance::kNone, false) == 0);
  CHECK(register_reasons(61, F::kIndependent, L::kWithFamily, Assistance::kTekun, false) == rr::kTekun);
  CHECK(register_reasons(61, F::kIndependent, L::kWithFamily, Assistance::kDibao, false) == rr::kDibao);
  CHECK(register_reasons(61, F::kIndependent, L::kWithFamily, Assistance::kNone, true) == rr::kShidu);
  CHECK(register_reasons(85, F::kDisabled, L::kAlone, Assistance::kDibao, true) ==
        (rr::kAlone80 | rr::kDisabledAlone | rr::kDibao | rr::kShidu));
  // Poverty makes an elder a key one (monthly visits), not a general one.
  CHECK(risk_tier(61, F::kIndependent, L::kWithFamily, false, true) == RiskTier::kKey);
  CHECK(risk_tier(61, F::kIndependent, L::kWithFamily, false, false) == RiskTier::kGeneral);
}

TEST_CASE("assistance: te kun below tekun_share, then dibao", "[world][registers]") {
  PopulationParams p{};
  p.tekun_share = 0.01;
  p.dibao_share = 0.02;
  CHECK(draw_assistance(p, 0.0099) == Assistance::kTekun);
  CHECK(draw_assistance(p, 0.0101) == Assistance::kDibao);
  CHECK(draw_assistance(p, 0.0299) == Assistance::kDibao);
  CHECK(draw_assistance(p, 0.0301) == Assistance::kNone);
}

TEST_CASE("every elder who meets a register criterion is registered, with its reasons, at the parameters' rates",
          "[world][registers]") {
  namespace rr = register_reason;
  const Config c = default_config();
  const auto& p = c.population;
  const World& w = full_world();
  const Elders& e = w.elders;
  const double n = static_cast<double>(e.size());
  std::vector<std::uint8_t> expected(e.size());
  // Homebound elders whose lunch only the station brings join the register too (world/meal_points).
  std::vector<std::uint8_t> station_meals(e.size(), 0);
  for (std::size_t k = 0; k < w.lunch_enrolled.size(); ++k)
    if (w.lunch_arrangement[k] == MealArrangement::kStationDelivered) station_meals[w.lunch_enrolled[k]] = 1;
  double tekun = 0, dibao = 0, alone80 = 0, disabled_alone = 0, shidu = 0, registered = 0;
  for (std::size_t i = 0; i < e.size(); ++i) {
    const bool alone = e.living[i] == Living::kAlone;
    std::uint8_t r = 0;  // the criteria, written out here
    if (e.assistance[i] == Assistance::kTekun) r |= rr::kTekun, tekun += 1;
    if (e.assistance[i] == Assistance::kDibao) r |= rr::kDibao, dibao += 1;
    if (e.age[i] >= 80 && alone) r |= rr::kAlone80, alone80 += 1;
    if (e.function[i] == Function::kDisabled && alone) r |= rr::kDisabledAlone, disabled_alone += 1;
    if (e.flags[i] & elder_flag::kLostOnlyChild) r |= rr::kShidu, shidu += 1;
    if (r != 0) registered += 1;  // by a criterion
    if (r == 0 && station_meals[i]) r = rr::kStationMeals;
    expected[i] = r;
    REQUIRE(((e.flags[i] & elder_flag::kRegistered) != 0) == (r != 0));
  }
  std::size_t on_register = 0;
  for (std::uint8_t r : expected) on_register += r != 0;
  REQUIRE(w.caseload.size() == on_register);
  for (std::size_t k = 0; k < w.caseload.size(); ++k) REQUIRE(w.caseload.reasons[k] == expected[w.caseload.elder[k]]);
  CHECK(tekun / n == Approx(p.tekun_share).margin(four_sd(p.tekun_share, n)));
  CHECK(dibao / n == Approx(p.dibao_share).margin(four_sd(p.dibao_share, n)));
  CHECK(shidu / n == Approx(p.lost_only_child_share).margin(four_sd(p.lost_only_child_share, n)));
  const AgeProfile ap = age_profile(p);
  const double p80 = ap.band_share[2] * ap.p_alone[2];
  CHECK(alone80 / n == Approx(p80).margin(four_sd(p80, n)));
  double pda = 0;  // disabled and alone, independent draws within each band
  for (int b = 0; b < kAgeBands; ++b) pda += ap.band_share[b] * ap.p_impaired[b] * p.disabled_share_of_impaired * ap.p_alone[b];
  CHECK(disabled_alone / n == Approx(pda).margin(four_sd(pda, n)));
  // Hundreds per station, and the shidu activity has a real group.
  const double per_station = registered / static_cast<double>(w.stations.size());
  CHECK(per_station > 300);
  CHECK(shidu / static_cast<double>(w.stations.size()) > 50);
}

TEST_CASE("living alone, impairment and air conditioning follow the age curves and keep the marginals",
          "[world][population]") {
  const Config c = default_config();
  const auto& p = c.population;
  const AgeProfile ap = age_profile(p);
  const World& w = full_world();
  const Elders& e = w.elders;
  double n[3] = {0, 0, 0}, alone[3] = {0, 0, 0}, impaired[3] = {0, 0, 0};
  double nu[3] = {0, 0, 0}, acu[3] = {0, 0, 0}, nr[3] = {0, 0, 0}, acr[3] = {0, 0, 0};
  double couple = 0, away = 0;
  for (std::size_t i = 0; i < e.size(); ++i) {
    const int b = band_of(e.age[i]);
    n[b] += 1;
    alone[b] += e.living[i] == Living::kAlone;
    impaired[b] += e.function[i] != Function::kIndependent;
    couple += e.living[i] == Living::kCouple;
    away += e.living[i] == Living::kFamilyAwayByDay;
    const bool ac = e.flags[i] & elder_flag::kAirConditioning;
    if (w.stations[e.station[i]].urban) nu[b] += 1, acu[b] += ac;
    else nr[b] += 1, acr[b] += ac;
  }
  const double total = n[0] + n[1] + n[2];
  // The curves: rate_b = share x ratio_b / sum(w_b ratio_b), with the census band weights.
  const double w3[3] = {1 - p.share_65plus / p.share_60plus, 1 - (1 - p.share_65plus / p.share_60plus) - p.share_80plus_of_60plus,
                        p.share_80plus_of_60plus};
  const double ra[3] = {1, p.living_alone_ratio_65_79, p.living_alone_ratio_80plus};
  const double ka = p.living_alone_share / (w3[0] * ra[0] + w3[1] * ra[1] + w3[2] * ra[2]);
  for (int b = 0; b < 3; ++b) {
    INFO("age band " << b);
    CHECK(ap.p_alone[b] == Approx(ka * ra[b]));
    CHECK(alone[b] / n[b] == Approx(ap.p_alone[b]).margin(four_sd(ap.p_alone[b], n[b])));
    CHECK(impaired[b] / n[b] == Approx(ap.p_impaired[b]).margin(four_sd(ap.p_impaired[b], n[b])));
    CHECK(acu[b] / nu[b] == Approx(ap.p_ac_urban[b]).margin(four_sd(ap.p_ac_urban[b], nu[b])));
    CHECK(acr[b] / nr[b] == Approx(ap.p_ac_rural[b]).margin(four_sd(ap.p_ac_rural[b], nr[b])));
  }
  // Rising with age (living alone, impairment), falling (air conditioning) at the defaults.
  CHECK(alone[0] / n[0] < alone[1] / n[1]);
  CHECK(alone[1] / n[1] < alone[2] / n[2]);
  CHECK(impaired[0] / n[0] < impaired[1] / n[1]);
  CHECK(impaired[1] / n[1] < impaired[2] / n[2]);
  CHECK(acu[2] / nu[2] < acu[0] / nu[0]);
  // The overall marginals the validation report checks.
  const double tol = 0.002;
  CHECK((alone[0] + alone[1] + alone[2]) / total == Approx(p.living_alone_share).margin(tol));
  CHECK(couple / total == Approx(p.couple_share).margin(tol));
  CHECK(away / total == Approx(p.family_away_by_day_share).margin(tol));
  CHECK((impaired[0] + impaired[1] + impaired[2]) / total == Approx(p.impaired_share).margin(tol));
  CHECK((acu[0] + acu[1] + acu[2]) / (nu[0] + nu[1] + nu[2]) == Approx(p.ac_share_urban).margin(tol));
  CHECK((acr[0] + acr[1] + acr[2]) / (nr[0] + nr[1] + nr[2]) == Approx(p.ac_share_rural).margin(tol));
}

TEST_CASE("urban stations to sample: the city share first, each area nearest its own", "[world][sampling]") {
  // Areas: 3 urban + 1 rural open, 0 + 4, 2 + 2; one, one and two sampled.
  const auto u = urban_stations_to_sample({1, 1, 2}, {3, 0, 2}, {1, 4, 2});
  // City share 5/12 of 4 sampled = 1.67 -> 2 urban; area 2 takes 1 (its share), area 0 the other (0.75).
  CHECK(u == std::vector<int>{1, 0, 1});
  // Everything sampled: every open urban station.
  CHECK(urban_stations_to_sample({4, 4, 4}, {3, 0, 2}, {1, 4, 2}) == std::vector<int>{3, 0, 2});
  // A one-station area of rural stations cannot take an urban one.
  CHECK(urban_stations_to_sample({1, 1}, {0, 1}, {5, 0}) == std::vector<int>{0, 1});
  const std::vector<char> picked = pick_sampled({3, 0, 2, 1, 4}, {1, 1, 1, 0, 1}, {1, 0, 1, 1, 0}, 1, 1);
  CHECK(picked == std::vector<char>{0, 1, 1, 0, 0});  // lowest-ranked open urban (rank 2), rural (rank 0)
}

TEST_CASE("a sampled city keeps the urban/rural shares of the stations", "[world][sampling]") {
  const World& full = full_world();
  for (double scale : {0.1, 0.25, 0.5}) {
    Config c = default_config();
    c.run.scale = scale;
    const World w = build_world(c);
    double urban_open = 0, open = 0, urban_sim = 0;
    for (const Area& a : w.areas) {
      urban_open += a.stations_open_urban;
      open += a.stations_open;
      int counted = 0;
      for (const Station& s : w.stations) counted += s.area == static_cast<int>(&a - w.areas.data()) && s.urban;
      REQUIRE(counted == a.stations_simulated_urban);
      urban_sim += counted;
      // Each area within one station of its own proportional share.
      const double ideal = a.stations_simulated * static_cast<double>(a.stations_open_urban) / a.stations_open;
      CHECK(std::abs(counted - ideal) < 1.0 + 1e-9);
    }
    INFO("scale " << scale);
    // The urban share of the sample: within one station of proportional (at 0.1 the rural stratum's
    // one-per-area floor takes the 16th station), exact to the nearest station above that.
    const double ideal = urban_open / open * static_cast<double>(w.stations.size());
    CHECK(std::abs(urban_sim - ideal) <= (scale < 0.2 ? 1.0 : 0.5));
    // Before stratification, scale 0.1 sampled 6 urban of 16 (ideal 7.85).
    if (scale < 0.2) CHECK(urban_sim == 7);
    // The full city's urban units are the open urban ones.
    int full_urban = 0;
    for (const Station& s : full.stations) full_urban += s.urban;
    CHECK(urban_open == full_urban);
  }
}

TEST_CASE("a general station's team on a sample lends its expected share: team x simulated / open",
          "[world][sampling][services]") {
  CHECK(team_on_sample(2, 13, 13, 0.99) == 2);  // all simulated: the whole team
  const double x = 2.0 * 1 / 13;                 // 0.1538
  CHECK(team_on_sample(2, 1, 13, x - 1e-6) == 1);
  CHECK(team_on_sample(2, 1, 13, x + 1e-6) == 0);
  CHECK(team_on_sample(4, 5, 10, 0.0) == 2);     // whole numbers are exact
  CHECK(team_on_sample(4, 5, 10, 0.999) == 2);
  CHECK(team_on_sample(3, 1, 2, 0.49) == 2);     // 1.5: 1 or 2, half the days each
  CHECK(team_on_sample(3, 1, 2, 0.51) == 1);
  double mean = 0;
  const int m = 10000;
  for (int k = 0; k < m; ++k) mean += team_on_sample(2, 1, 13, (k + 0.5) / m);
  CHECK(mean / m == Approx(x).epsilon(1e-3));
  // Per-area teams.
  const std::vector<double> load{1.0, 5.0, 3.0, 9.0};
  const std::vector<int> area{0, 0, 0, 1};
  std::vector<int> lent(4, 0);
  lend_mobile_teams(load, area, std::vector<int>{1, 3}, lent);
  CHECK(lent == std::vector<int>{0, 1, 0, 3});
}
