#include <algorithm>
#include <tbb/global_control.h>

#include <catch2/catch.hpp>
#include <cmath>
#include <optional>

#include "swsim/config/parameters.hpp"
#include "swsim/config/scenario.hpp"
#include "swsim/simulation/simulation.hpp"

using namespace swsim;

namespace {
Config small_config(const std::string& heat_waves = "2022-06-16 7 39 35") {
  Config c = default_config();
  c.run.scale = 0.05;
  c.run.start_date = {2022, 6, 10};
  c.run.days = 21;
  find_parameter("weather.heat_waves")->parse(c, heat_waves);
  return c;
}
Results run(const Config& c, int threads = 0) {
  std::optional<tbb::global_control> limit;
  if (threads > 0) limit.emplace(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(threads));
  const World world = build_world(c);
  Simulation sim(c, world, make_weather(c));
  sim.run();
  return sim.results();
}
double total(const Results& r, Metric m, int from = 0, int to = -1) {
  double s = 0;
  if (to < 0) to = r.days();
  for (int d = from; d < to; ++d)
    for (int st = 0; st < r.stations(); ++st) s += r.at(m, d, st);
  return s;
}
}  // namespace

TEST_CASE("same seed gives identical results for 1 and 2 threads", "[simulation][determinism]") {
  const Config c = small_config();
  const Results one = run(c, 1);
  const Results two = run(c, 2);
  REQUIRE(total(one, Metric::kMealsRequested) > 0);
  REQUIRE(total(one, Metric::kHeatIllness) > 0);
  for (std::size_t m = 0; m < kMetricCount; ++m) {
    INFO(metric_defs()[m].name);
    CHECK(std::ranges::equal(one.series(static_cast<Metric>(m)), two.series(static_cast<Metric>(m))));
  }
}

TEST_CASE("a different seed gives different days", "[simulation]") {
  Config c = small_config();
  const Results a = run(c);
  c.run.seed = 99;
  CHECK_FALSE(run(c) == a);
}

TEST_CASE("every meal and every heat-illness event is accounted for", "[simulation]") {
  const Results r = run(small_config());
  for (int d = 0; d < r.days(); ++d)
    for (int s = 0; s < r.stations(); ++s) {
      REQUIRE(r.at(Metric::kMealsOnTime, d, s) + r.at(Metric::kMealsLate, d, s) + r.at(Metric::kMealsMissed, d, s) ==
              r.at(Metric::kMealsRequested, d, s));
      REQUIRE(r.at(Metric::kHeatIllnessFoundEarly, d, s) + r.at(Metric::kHeatIllnessFoundLate, d, s) +
                  r.at(Metric::kHeatIllnessNotFound, d, s) ==
              r.at(Metric::kHeatIllness, d, s));
      double by = 0;
      for (Metric m : {Metric::kHeatFoundFamily, Metric::kHeatFoundNeighbour, Metric::kHeatFoundMeal, Metric::kHeatFoundVisit,
                       Metric::kHeatFoundCall, Metric::kHeatFoundAlarm, Metric::kHeatIllnessNotFound})
        by += r.at(m, d, s);
      REQUIRE(by == r.at(Metric::kHeatIllness, d, s));
      const double deaths = r.at(Metric::kHeatDeathsFoundEarly, d, s) + r.at(Metric::kHeatDeathsFoundLate, d, s) +
                            r.at(Metric::kHeatDeathsNotFound, d, s);
      REQUIRE(r.at(Metric::kHospitalisations, d, s) + deaths <= r.at(Metric::kHeatIllness, d, s));
      REQUIRE(r.at(Metric::kHeatIllnessSevere, d, s) <= r.at(Metric::kHeatIllness, d, s));
    }
}

TEST_CASE("lunches add up: meals delivered and eaten on site never exceed the enrolled", "[simulation]") {
  const Config c = small_config();
  const World world = build_world(c);
  Simulation sim(c, world, make_weather(c));
  sim.run();
  const Results& r = sim.results();
  const auto weather = make_weather(c);
  double switched = 0;
  for (int d = 0; d < r.days(); ++d)
    for (int s = 0; s < r.stations(); ++s) {
      const Station& st = world.stations[static_cast<std::size_t>(s)];
      const double enrolled = st.enrolled_end - st.enrolled_begin;
      REQUIRE(r.at(Metric::kMealsRequested, d, s) + r.at(Metric::kMealsOnSite, d, s) <= enrolled);
      REQUIRE(r.at(Metric::kMealsByMealPoint, d, s) + r.at(Metric::kMealsByStaff, d, s) +
                  r.at(Metric::kMealsByVolunteer, d, s) ==
              r.at(Metric::kMealsOnTime, d, s) + r.at(Metric::kMealsLate, d, s));
      REQUIRE(r.at(Metric::kMealsWithin30, d, s) <= r.at(Metric::kMealsOnTime, d, s));
      if (weather[static_cast<std::size_t>(d)].warning == HeatWarning::kNone)
        REQUIRE(r.at(Metric::kMealsSwitched, d, s) == 0);  // diners switch only for a warning day
      switched += r.at(Metric::kMealsSwitched, d, s);
    }
  CHECK(switched > 0);  // the 39 degC wave brings warnings and bookings
  CHECK(total(r, Metric::kMealsOnSite) > total(r, Metric::kMealsRequested));  // most eat at the point
}

TEST_CASE("a heat wave raises heat illness and lowers the on-time lunch rate", "[simulation][behaviour]") {
  const Results hot = run(small_config());
  const Results mild = run(small_config("none"));
  Config hot_more = small_config(), mild_more = small_config("none");
  hot_more.health.base_hazard_per_day = mild_more.health.base_hazard_per_day = 6e-5;  // enough episodes to compare
  CHECK(total(run(hot_more), Metric::kHeatIllness) > 1.2 * total(run(mild_more), Metric::kHeatIllness));
  // The wave is 16-22 June: days 6-12 of the run.
  const double hot_rate = total(hot, Metric::kMealsOnTime, 6, 13) / total(hot, Metric::kMealsRequested, 6, 13);
  const double mild_rate = total(mild, Metric::kMealsOnTime, 6, 13) / total(mild, Metric::kMealsRequested, 6, 13);
  INFO("on-time rate in the wave " << hot_rate << ", same days without it " << mild_rate);
  CHECK(hot_rate < mild_rate);
  CHECK(total(hot, Metric::kVolunteersTurnedOut, 6, 13) < total(mild, Metric::kVolunteersTurnedOut, 6, 13));
  // Before the wave the two runs are the same days (common random numbers).
  CHECK(total(hot, Metric::kMealsOnTime, 0, 6) == total(mild, Metric::kMealsOnTime, 0, 6));
}

TEST_CASE("more social workers never lower the on-time lunch rate", "[simulation][behaviour]") {
  double previous = -1;
  for (int workers : {1, 2, 3, 5}) {
    Config c = small_config();
    c.staffing.social_workers_per_station = workers;
    const Results r = run(c);
    const double on_time = total(r, Metric::kMealsOnTime);
    INFO(workers << " social workers: " << on_time << " meals on time");
    CHECK(on_time >= previous);
    previous = on_time;
  }
}

TEST_CASE("weekends run on a duty roster", "[simulation]") {
  Config c = small_config("none");
  c.run.start_date = {2022, 6, 1};  // Wednesday
  c.run.days = 7;
  const Results r = run(c);
  CHECK(r.at(Metric::kSocialWorkersOnDuty, 0, 0) == 3);
  CHECK(r.at(Metric::kSocialWorkersOnDuty, 3, 0) == 2);  // Saturday: round(3 x 0.34) = 1, raised to the minimum 2
  c.staffing.weekend_min_on_duty = 0;
  CHECK(run(c).at(Metric::kSocialWorkersOnDuty, 3, 0) == 1);
}

namespace {
Config with(Config c, const std::string& key, const std::string& value) {
  find_parameter(key)->parse(c, value);
  return c;
}
}  // namespace

TEST_CASE("services are never done more often than they are due", "[simulation]") {
  // Full registers at the provincial visit frequencies fill every working hour with overdue visits, which
  // come before children's sessions; longer intervals leave time for every kind of service.
  Config c = small_config();
  c.caseload.visit_interval_high_days = 120;
  c.caseload.visit_interval_key_days = 240;
  c.caseload.visit_interval_general_days = 365;
  const Results r = run(c);
  for (int d = 0; d < r.days(); ++d)
    for (int s = 0; s < r.stations(); ++s) {
      REQUIRE(r.at(Metric::kEscortsScheduledDone, d, s) <= r.at(Metric::kEscortsScheduledDue, d, s));
      REQUIRE(r.at(Metric::kMedicineDone, d, s) <= r.at(Metric::kMedicineDue, d, s));
      REQUIRE(r.at(Metric::kVisitsDone, d, s) <= r.at(Metric::kVisitsDue, d, s));
      REQUIRE(r.at(Metric::kChildSessionsDone, d, s) <= r.at(Metric::kChildSessionsDue, d, s));
      REQUIRE(r.at(Metric::kEscortsUrgentServed, d, s) <= r.at(Metric::kEscortsUrgentRequested, d, s));
      REQUIRE(r.at(Metric::kOvertimeHours, d, s) <= r.at(Metric::kSocialWorkerHours, d, s));
      REQUIRE(r.at(Metric::kCostYuan, d, s) > 0);
    }
  CHECK(total(r, Metric::kVisitsDone) > 0);
  CHECK(total(r, Metric::kMedicineDone) > 0);
  CHECK(total(r, Metric::kChildSessionsDone) > 0);
  CHECK(total(r, Metric::kEscortsScheduledDone) > 0);
  CHECK(total(r, Metric::kExpectedExcessDeaths) > 0);
}

TEST_CASE("volunteers drop out and never come back", "[simulation]") {
  Config c = small_config("none");
  c.volunteers.monthly_dropout = 0.5;
  const Results r = run(c);
  const double roster = c.volunteers.roster_per_station * r.stations();
  double dropped = 0;
  for (int d = 0; d < r.days(); ++d) {
    dropped += total(r, Metric::kVolunteerDropouts, d, d + 1);
    REQUIRE(total(r, Metric::kVolunteersActive, d, d + 1) == roster - dropped);
  }
  CHECK(dropped > 0.2 * roster);
}

TEST_CASE("heat check-ins protect registered elders and lower their heat harm", "[simulation][behaviour]") {
  Config off = with(small_config(), "health.base_hazard_per_day", "2e-4");  // about 35 times the fitted hazard: enough episodes
  const Config on = with(off, "policy.heat_checkins", "on");
  const Results a = run(off), b = run(on);
  CHECK(total(b, Metric::kHeatCheckinCalls) > 0);
  CHECK(total(b, Metric::kHeatCheckinVisits) > 0);
  CHECK(total(a, Metric::kHeatCheckinCalls) == 0);
  CHECK(total(b, Metric::kHeatProtectedElders) > total(a, Metric::kHeatProtectedElders));
  CHECK(total(b, Metric::kHeatIllnessPrevented) > total(a, Metric::kHeatIllnessPrevented));
  INFO("registered episodes " << total(a, Metric::kHeatIllnessRegistered) << " without, "
                              << total(b, Metric::kHeatIllnessRegistered) << " with check-ins");
  CHECK(total(b, Metric::kHeatIllnessRegistered) < total(a, Metric::kHeatIllnessRegistered));
  CHECK(total(b, Metric::kHeatDeathsExpectedRegistered) < total(a, Metric::kHeatDeathsExpectedRegistered));
  CHECK(total(b, Metric::kHeatIllnessRegistered) <= total(b, Metric::kHeatIllness));
}

TEST_CASE("without anyone at home, more heat illness goes unfound and kills more", "[simulation][behaviour]") {
  Config c = with(small_config(), "health.base_hazard_per_day", "6e-5");
  const Results base = run(c);
  c = with(c, "health.family_detection", "0");
  c = with(c, "health.spouse_detection", "0");
  const Results alone = run(c);
  CHECK(total(alone, Metric::kHeatFoundFamily) == 0);
  CHECK(total(alone, Metric::kHeatIllnessNotFound) > total(base, Metric::kHeatIllnessNotFound));
  CHECK(total(alone, Metric::kHeatDeathsExpectedNotFound) > total(base, Metric::kHeatDeathsExpectedNotFound));
  // The same episodes (common random numbers): only who finds them changes.
  CHECK(total(alone, Metric::kHeatIllness, 0, 1) == total(base, Metric::kHeatIllness, 0, 1));
}

TEST_CASE("the alarm platform finds elders living alone after hours without movement", "[simulation][behaviour]") {
  Config c = with(small_config(), "health.base_hazard_per_day", "6e-5");
  const Results none = run(with(c, "policy.alarm_coverage", "0"));
  const Results all = run(with(c, "policy.alarm_coverage", "1"));
  CHECK(total(none, Metric::kHeatFoundAlarm) == 0);
  CHECK(total(all, Metric::kHeatFoundAlarm) > 0);
  CHECK(total(all, Metric::kHeatIllnessNotFound) < total(none, Metric::kHeatIllnessNotFound));
}

TEST_CASE("two scenarios differing in one policy share every day before it first applies (CRN)",
          "[simulation][validation]") {
  // Check-ins start with the first warning: the heat wave from 16 June, day 6 of the run.
  const Config off = small_config();
  const Results a = run(off), b = run(with(off, "policy.heat_checkins", "on"));
  for (std::size_t m = 0; m < kMetricCount; ++m) {
    INFO(metric_defs()[m].name);
    for (int d = 0; d < 6; ++d)
      for (int s = 0; s < a.stations(); ++s) REQUIRE(a.at(static_cast<Metric>(m), d, s) == b.at(static_cast<Metric>(m), d, s));
  }
  CHECK_FALSE(a == b);
}

TEST_CASE("lending the general station's team helps the most loaded stations", "[simulation][behaviour]") {
  Config c = with(small_config(), "run.scale", "0.2");
  const Results off = run(c), on = run(with(c, "policy.lending", "on"));
  CHECK(total(off, Metric::kLentStaff) == 0);
  // On a sample each team lends its share, team x simulated / open stations a day (rounded at random).
  const World w = build_world(c);
  double expected = 0;
  for (const Area& a : w.areas) expected += c.general_station.mobile_team * a.stations_simulated / static_cast<double>(a.stations_open);
  const double per_day = total(on, Metric::kLentStaff) / on.days();
  INFO("lent per day " << per_day << ", expected " << expected);
  CHECK(per_day == Approx(expected).margin(4 * std::sqrt(15 * 0.25 / on.days())));  // 4 sd of the rounding
  CHECK(per_day < c.general_station.mobile_team * 15.0);  // not the whole teams (the old sample's bias)
  CHECK(total(on, Metric::kMealsOnTime) > total(off, Metric::kMealsOnTime));
  CHECK(total(on, Metric::kVisitsDone) > total(off, Metric::kVisitsDone));
}

TEST_CASE("the national heat work rules keep volunteers off the midday lunch round", "[simulation][behaviour]") {
  const Config c = small_config("2022-06-16 7 38.5 35");
  const Results none = run(c), rules = run(with(c, "policy.heat_work_rules", "national2012"));
  // Volunteers carry a share of the station's meals (canteens' couriers and social workers are staff).
  CHECK(total(rules, Metric::kMealsByVolunteer, 6, 13) < total(none, Metric::kMealsByVolunteer, 6, 13));
  const double on_time_none = total(none, Metric::kMealsOnTime, 6, 13) + total(none, Metric::kMealsLate, 6, 13);
  const double on_time_rules = total(rules, Metric::kMealsOnTime, 6, 13) + total(rules, Metric::kMealsLate, 6, 13);
  CHECK(on_time_rules <= on_time_none);
  CHECK(total(rules, Metric::kMealsOnTime, 0, 6) == total(none, Metric::kMealsOnTime, 0, 6));
}

TEST_CASE("more social workers do more visits", "[simulation][behaviour]") {
  Config c = small_config("none");
  double previous = -1;
  for (int workers : {2, 3, 5}) {
    c.staffing.social_workers_per_station = workers;
    const double visits = total(run(c), Metric::kVisitsDone);
    CHECK(visits > previous);
    previous = visits;
  }
}

TEST_CASE("the monthly shidu activity is held, attended and lowers loneliness", "[simulation][behaviour]") {
  Config c = small_config("none");
  c.run.start_date = {2022, 6, 1};
  c.run.days = 60;
  const Results gifts = run(c), activity = run(with(c, "policy.shidu_activity", "on"));
  CHECK(total(gifts, Metric::kActivitiesHeld) == 0);
  // 15 June and 15 July; a station whose staff are all out on escorts that day cannot hold it.
  CHECK(total(activity, Metric::kActivitiesHeld) >= 0.8 * 2.0 * activity.stations());
  CHECK(total(activity, Metric::kActivitiesHeld) <= 2.0 * activity.stations());
  CHECK(total(activity, Metric::kActivityAttendance) > 0);
  CHECK(total(activity, Metric::kLonelinessSum, 59, 60) < total(gifts, Metric::kLonelinessSum, 59, 60));
}

TEST_CASE("the visit time share keeps time for children's sessions when visits are overdue", "[simulation][behaviour]") {
  // Full registers leave more visits due than the staff can do: without a share, visits take all the field
  // time and children's sessions (lower in priority) get none.
  const Results all = run(with(small_config(), "caseload.visit_time_share", "1"));
  const Results part = run(with(small_config(), "caseload.visit_time_share", "0.5"));
  CHECK(total(all, Metric::kVisitsDone) > total(part, Metric::kVisitsDone));
  CHECK(total(part, Metric::kChildSessionsDone) > total(all, Metric::kChildSessionsDone));
  CHECK(total(part, Metric::kChildSessionsDone) <= total(part, Metric::kChildSessionsDue));
  CHECK(total(all, Metric::kMealsOnTime) == total(part, Metric::kMealsOnTime));  // lunch comes first either way
}
