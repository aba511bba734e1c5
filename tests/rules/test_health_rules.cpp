// Health rules (health/episodes.hpp, health/heat_health.hpp), each with forced draws.
#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

#include "swsim/config/parameters.hpp"
#include "swsim/health/episodes.hpp"
#include "swsim/health/heat_health.hpp"

using namespace swsim;

namespace {
HealthParams params() {
  HealthParams h = default_config().health;
  h.onset_from_min = 600;
  h.onset_to_min = 1200;
  h.severe_share = 0.4;
  h.family_detection = 0.8;
  h.spouse_detection = 0.6;
  h.family_notice_min = 30;
  h.family_home_from_min = 1080;
  h.neighbour_detection = 0.2;
  h.alarm_after_min = 480;
  h.alarm_detection = 0.9;
  h.early_min = 60;
  return h;
}
// Draws: onset at 12:00 (u = 1/3 of 10:00-20:00), mild, nobody of the household notices.
EpisodeDraws nobody() { return EpisodeDraws{1.0 / 3, 0.9, 0.99, 0.99, 0.5, 0.99}; }
}  // namespace

TEST_CASE("a candidate falls ill exactly when its draw is below its hazard over the candidate rate", "[rules][health]") {
  // hazard 0.001 x 2 = 0.002, candidate rate 0.01: ill when u < 0.2
  CHECK(falls_ill(0.19, 0.001f, 2.0, 0.01));
  CHECK_FALSE(falls_ill(0.21, 0.001f, 2.0, 0.01));
  CHECK_FALSE(falls_ill(1e-9, 0.001f, 0.0, 0.01));  // no hazard, no illness
}

TEST_CASE("a contact before the onset averts an episode with probability 1 - prevention_rr", "[rules][health]") {
  CHECK(prevention_keeps(0.69, 0.7));
  CHECK_FALSE(prevention_keeps(0.71, 0.7));
  CHECK(prevention_keeps(0.99, 1.0));  // prevention_rr 1: no protection, always kept
}

TEST_CASE("only a call or visit to the same elder before the onset protects", "[rules][health]") {
  SickRecord rec{7, 3, 2, false};
  rec.onset_min = 840;  // 14:00
  const std::vector<Contact> before_call{{7, 600, 0.5, Finder::kCall}};
  const std::vector<Contact> before_visit{{7, 839, 0.5, Finder::kVisit}};
  const std::vector<Contact> after{{7, 840, 0.5, Finder::kCall}, {7, 900, 0.5, Finder::kVisit}};
  const std::vector<Contact> lunch{{7, 700, 0.5, Finder::kMeal}};
  const std::vector<Contact> other_elder{{8, 600, 0.5, Finder::kCall}};
  CHECK(protected_before_onset(before_call, rec));
  CHECK(protected_before_onset(before_visit, rec));
  CHECK_FALSE(protected_before_onset(after, rec));        // at or after the onset it can only find the episode
  CHECK_FALSE(protected_before_onset(lunch, rec));        // a lunch hand-over does not advise cooling
  CHECK_FALSE(protected_before_onset(other_elder, rec));  // someone else's call
  CHECK_FALSE(protected_before_onset({}, rec));
}

TEST_CASE("an episode ends when its days are counted down after it was settled", "[rules][health]") {
  SickRecord unresolved{7, 3, 2, false};
  CHECK_FALSE(episode_ends_today(unresolved));
  CHECK(unresolved.days_left == 2);  // nothing counts down before it is settled
  SickRecord rec{7, 3, 2, true};
  CHECK_FALSE(episode_ends_today(rec));
  CHECK(rec.days_left == 1);
  CHECK(episode_ends_today(rec));
  CHECK(rec.days_left == 0);
}

TEST_CASE("onset time and severity come from their draws", "[rules][health]") {
  const HealthParams h = params();
  const SickRecord mild = start_episode(5, 2, nobody(), Living::kAlone, false, h);
  CHECK(mild.onset_min == 800);  // 600 + (1/3) x 600
  CHECK_FALSE(mild.severe);
  CHECK(mild.other_min == kNever);
  EpisodeDraws u = nobody();
  u.severity = 0.39;
  CHECK(start_episode(5, 2, u, Living::kAlone, false, h).severe);
  u.severity = 0.41;
  CHECK_FALSE(start_episode(5, 2, u, Living::kAlone, false, h).severe);
}

TEST_CASE("family at home notices by living arrangement", "[rules][health]") {
  const HealthParams h = params();
  EpisodeDraws u = nobody();
  u.family = 0.79;  // below family_detection 0.8, above spouse_detection 0.6
  const SickRecord with = start_episode(1, 0, u, Living::kWithFamily, false, h);
  CHECK(with.other_by == Finder::kFamily);
  CHECK(with.other_min == 830);  // onset 800 + 30
  CHECK(start_episode(1, 0, u, Living::kCouple, false, h).other_by == Finder::kNone);  // 0.79 >= 0.6
  const SickRecord away = start_episode(1, 0, u, Living::kFamilyAwayByDay, false, h);
  CHECK(away.other_min == 1110);  // home at 18:00, + 30
  CHECK(start_episode(1, 0, u, Living::kAlone, false, h).other_by == Finder::kNone);
  u.family = 0.59;
  CHECK(start_episode(1, 0, u, Living::kCouple, false, h).other_min == 830);
  u.family = 0.81;
  CHECK(start_episode(1, 0, u, Living::kWithFamily, false, h).other_by == Finder::kNone);
}

TEST_CASE("a neighbour or the alarm notices, the earliest finder counts", "[rules][health]") {
  const HealthParams h = params();
  EpisodeDraws u = nobody();
  u.neighbour = 0.19;
  u.neighbour_time = 0.25;  // 6 h after onset
  const SickRecord n = start_episode(1, 0, u, Living::kAlone, false, h);
  CHECK(n.other_by == Finder::kNeighbour);
  CHECK(n.other_min == 800 + 360);
  u.alarm = 0.89;
  CHECK(start_episode(1, 0, u, Living::kAlone, false, h).other_by == Finder::kNeighbour);  // 6 h < 8 h
  u.neighbour_time = 0.5;                                                               // 12 h: the alarm is first
  const SickRecord a = start_episode(1, 0, u, Living::kAlone, true, h);
  CHECK(a.other_by == Finder::kAlarm);
  CHECK(a.other_min == 800 + 480);
  CHECK(start_episode(1, 0, u, Living::kAlone, false, h).other_by == Finder::kNeighbour);  // no device
  u.alarm = 0.91;
  CHECK(start_episode(1, 0, u, Living::kAlone, true, h).other_by == Finder::kNeighbour);
}

TEST_CASE("the first station contact that notices, inside 24 h of onset, finds the episode", "[rules][health]") {
  SickRecord rec{9, 0, 3, false};
  rec.onset_min = 700;
  const std::vector<Contact> contacts{{9, 650, 0.9, Finder::kVisit},   // before the onset
                                      {9, 760, 0.5, Finder::kMeal},    // notices when u_meal < 0.5
                                      {9, 900, 0.6, Finder::kCall},    // notices when u_call < 0.6
                                      {4, 710, 1.0, Finder::kVisit}};  // another elder
  double u[kFinders] = {1, 1, 0.4, 0.0, 0.5, 1, 1};
  Found f = first_station_finder(contacts, rec, 0, u);
  CHECK(f.by == Finder::kMeal);
  CHECK(f.min == 760);
  u[2] = 0.6;  // the hand-over misses it
  f = first_station_finder(contacts, rec, 0, u);
  CHECK(f.by == Finder::kCall);
  u[4] = 0.7;
  CHECK(first_station_finder(contacts, rec, 0, u).by == Finder::kNone);
  // The next day (offset 1440): the 650 visit is at 2090 minutes, within 24 h of the onset (until 2140).
  u[3] = 0.1;
  f = first_station_finder(contacts, rec, 1440, u);
  CHECK(f.by == Finder::kVisit);
  CHECK(f.min == 2090);
  const std::vector<Contact> late{{9, 760, 1.0, Finder::kMeal}};  // 2200 > 2140
  CHECK(first_station_finder(late, rec, 1440, u).by == Finder::kNone);
}

TEST_CASE("an episode is settled by the earliest finder, or not found after 24 h", "[rules][health]") {
  SickRecord rec{9, 0, 3, false};
  rec.onset_min = 700;
  rec.other_min = 1110;
  rec.other_by = Finder::kFamily;
  const Found visit{900, Finder::kVisit}, none{};
  Found out;
  // Before the final pass only a station contact earlier than the household settles it.
  CHECK(settle(rec, visit, 0, false, false, out) == Settle::kFound);
  CHECK(out.by == Finder::kVisit);
  CHECK(settle(rec, Found{1200, Finder::kCall}, 0, false, false, out) == Settle::kOpen);
  CHECK(settle(rec, none, 0, false, false, out) == Settle::kOpen);
  // Final pass: family tonight.
  CHECK(settle(rec, none, 0, true, false, out) == Settle::kFound);
  CHECK(out.by == Finder::kFamily);
  // A household finder tomorrow keeps it open tonight, settles it tomorrow.
  rec.other_min = 1800;
  rec.other_by = Finder::kNeighbour;
  CHECK(settle(rec, none, 0, true, false, out) == Settle::kOpen);
  CHECK(settle(rec, none, 1440, true, false, out) == Settle::kFound);
  CHECK(out.min == 1800);
  // Nobody: open tonight, not found at the end of the next day; on the run's last day, settled at once.
  rec.other_min = kNever;
  rec.other_by = Finder::kNone;
  CHECK(settle(rec, none, 0, true, false, out) == Settle::kOpen);
  CHECK(settle(rec, none, 1440, true, false, out) == Settle::kNotFound);
  CHECK(settle(rec, none, 0, true, true, out) == Settle::kNotFound);
}

TEST_CASE("time to detection sets the delay class and the outcome", "[rules][health]") {
  HealthParams h = params();
  h.death_severe_early = 0.06;
  h.death_severe_late = 0.13;
  h.death_severe_not_found = 0.26;
  h.death_mild = 0.0;
  h.hospitalisation_severe = 0.9;
  h.hospitalisation_found_early = 0.1;
  h.hospitalisation_found_late = 0.3;
  CHECK(delay_class(Settle::kFound, 60, h) == Delay::kEarly);
  CHECK(delay_class(Settle::kFound, 61, h) == Delay::kLate);
  CHECK(delay_class(Settle::kNotFound, 0, h) == Delay::kNotFound);
  CHECK(death_probability(true, Delay::kEarly, h) == 0.06);
  CHECK(death_probability(true, Delay::kLate, h) == 0.13);
  CHECK(death_probability(true, Delay::kNotFound, h) == 0.26);
  CHECK(death_probability(false, Delay::kNotFound, h) == 0.0);
  CHECK(hospitalisation_probability(true, Delay::kEarly, h) == 0.9);
  CHECK(hospitalisation_probability(false, Delay::kEarly, h) == 0.1);
  CHECK(hospitalisation_probability(false, Delay::kNotFound, h) == 0.3);
  CHECK(station_finder(Finder::kAlarm));
  CHECK_FALSE(station_finder(Finder::kFamily));
}

TEST_CASE("the apparent temperature matches hand-computed values of the BoM formula", "[rules][health]") {
  // e = rh/100 x 6.105 exp(17.27 Ta / (237.7 + Ta)); AT = Ta + 0.33 e - 0.70 ws - 4.00, worked by hand:
  // 30 degC, 50%, 2 m/s: e = 21.1436 hPa, AT = 31.5774; 35 degC, 80%, calm: e = 44.8132, AT = 45.7884;
  // 32 degC, 60%, 2 m/s: e = 28.428, AT = 35.9812; 38 degC, 30%, 3.5 m/s: e = 19.7959, AT = 38.0827.
  CHECK(apparent_temperature_c(30, 50, 2) == Approx(31.5774).margin(1e-3));
  CHECK(apparent_temperature_c(35, 80, 0) == Approx(45.7884).margin(1e-3));
  CHECK(apparent_temperature_c(32, 60, 2) == Approx(35.9812).margin(1e-3));
  CHECK(apparent_temperature_c(38, 30, 3.5) == Approx(38.0827).margin(1e-3));
}

TEST_CASE("the exposure is Tmax or the apparent temperature, with its own threshold", "[rules][health]") {
  HealthParams h = params();
  const WeatherDay w{35, 24, 80, false, HeatWarning::kNone, true};
  CHECK(illness_exposure_c(w, h, 2) == 35);
  CHECK(illness_threshold_c(h) == h.illness_threshold_c);
  h.exposure = HeatExposure::kApparent;
  CHECK(illness_exposure_c(w, h, 0) == Approx(45.7884).margin(1e-3));
  CHECK(illness_threshold_c(h) == h.illness_threshold_apparent_c);
}

TEST_CASE("expected excess deaths follow counts x factors x daily baseline mortality", "[rules][health]") {
  Config c;
  c.health.baseline_mortality_per_year = 0.0365;
  const std::uint32_t by_class[kHeatAgeClasses] = {1000, 2000, 500};
  const std::array<double, kHeatAgeClasses> f{0.1, 0.2, 0.4};
  CHECK(expected_excess_deaths(by_class, f, c.health) == Approx((100 + 400 + 200) * 0.0001));
}
