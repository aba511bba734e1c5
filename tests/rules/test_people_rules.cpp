// Rules about people (people/): heat work rules, volunteers, social workers, loneliness.
#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

#include "swsim/config/config.hpp"
#include "swsim/people/heat_work.hpp"
#include "swsim/people/loneliness.hpp"
#include "swsim/people/social_workers.hpp"
#include "swsim/people/volunteers.hpp"

using namespace swsim;

TEST_CASE("the national heat work rules stop volunteers at 40 degC and ban midday work at 37-40", "[rules][people]") {
  const Config c;  // registry defaults: 40, 37, 12:00-15:00, 360 min
  const HeatWorkDay none = heat_work_day(HeatWorkRules::kNone, 41, c.heat_work);
  CHECK_FALSE(none.volunteers_stay_home);
  CHECK_FALSE(none.midday_ban);
  const HeatWorkDay hot = heat_work_day(HeatWorkRules::kNational2012, 38, c.heat_work);
  CHECK_FALSE(hot.volunteers_stay_home);
  CHECK(hot.midday_ban);
  CHECK(hot.ban_start_min == 12 * 60);
  CHECK(hot.ban_end_min == 15 * 60);
  CHECK(hot.outdoor_budget_min == 360);
  const HeatWorkDay red = heat_work_day(HeatWorkRules::kNational2012, 40, c.heat_work);
  CHECK(red.volunteers_stay_home);
  CHECK_FALSE(red.midday_ban);
  CHECK_FALSE(heat_work_day(HeatWorkRules::kNational2012, 36.9, c.heat_work).midday_ban);
}

TEST_CASE("volunteer turnout falls with heat and fatigue, and is zero when the rules keep them home", "[rules][people]") {
  Config c;
  auto& v = c.volunteers;
  v.turnout_weekday = 0.4;
  v.turnout_weekend = 0.2;
  v.heat_turnout_onset_c = 30;
  v.heat_turnout_drop_per_c = 0.05;
  v.fatigue_cap_hours = 20;
  const HeatWorkDay ok{};
  CHECK(turnout_probability(v, 28, false, 0, ok) == Approx(0.4));
  CHECK(turnout_probability(v, 28, true, 0, ok) == Approx(0.2));
  CHECK(turnout_probability(v, 36, false, 0, ok) == Approx(0.4 * 0.7));
  CHECK(turnout_probability(v, 28, false, 10, ok) == Approx(0.2));
  CHECK(turnout_probability(v, 28, false, 25, ok) == 0.0);
  CHECK(turnout_probability(v, 60, false, 0, ok) == 0.0);  // never negative
  HeatWorkDay home;
  home.volunteers_stay_home = true;
  CHECK(turnout_probability(v, 28, false, 0, home) == 0.0);
}

TEST_CASE("volunteer dropout is the monthly rate per day, raised for the overworked", "[rules][people]") {
  Config c;
  c.volunteers.monthly_dropout = 0.035;
  c.volunteers.overwork_hours = 12;
  c.volunteers.overwork_dropout_factor = 2;
  const double daily = dropout_probability(c.volunteers, 0);
  CHECK(1 - std::pow(1 - daily, 30) == Approx(0.035));
  CHECK(dropout_probability(c.volunteers, 12.5) == Approx(2 * daily));
  CHECK(hours_in_last_week({180, 0, 180, 0, 0, 0, 60}) == Approx(7.0));
}

TEST_CASE("a volunteer's shift follows the heat rules of the day", "[rules][people]") {
  const Config c;
  Helper h;
  HeatWorkDay day;
  day.midday_ban = true;
  day.ban_start_min = 720;
  day.ban_end_min = 900;
  day.outdoor_budget_min = 360;
  start_volunteer_shift(h, 15, true, c.volunteers, day);
  CHECK(h.shift_start == c.volunteers.afternoon_shift_start_min);
  CHECK(h.shift_end == c.volunteers.afternoon_shift_start_min + c.volunteers.shift_min);
  CHECK_FALSE(h.social_worker);
  CHECK(h.no_outdoor_start == 720);
  CHECK(h.no_outdoor_end == 900);
  CHECK(h.outdoor_budget_min == 360);
  Helper mild;
  start_volunteer_shift(mild, 15, false, c.volunteers, HeatWorkDay{});
  CHECK(mild.shift_start == c.volunteers.lunch_shift_start_min);
  CHECK(mild.no_outdoor_start >= mild.no_outdoor_end);  // no ban
}

TEST_CASE("weekend duty keeps a share of the staff, at least the minimum on duty and at least one", "[rules][people]") {
  Config c;
  c.staffing.weekend_duty_share = 0.34;
  c.staffing.weekend_min_on_duty = 0;
  CHECK(social_workers_on_duty(3, false, c.staffing) == 3);
  CHECK(social_workers_on_duty(3, true, c.staffing) == 1);
  CHECK(social_workers_on_duty(6, true, c.staffing) == 2);
  CHECK(social_workers_on_duty(0, true, c.staffing) == 0);
  c.staffing.weekend_min_on_duty = 2;
  CHECK(social_workers_on_duty(3, true, c.staffing) == 2);
  CHECK(social_workers_on_duty(1, true, c.staffing) == 1);  // all the staff there is
  CHECK(social_workers_on_duty(9, true, c.staffing) == 3);  // the share when it is more
}

TEST_CASE("a social worker's field time is the shift less the break and desk work, and overtime counts", "[rules][people]") {
  Config c;
  c.staffing.shift_start_min = 510;
  c.staffing.shift_end_min = 1050;  // 9 h
  c.staffing.break_min = 60;
  c.staffing.admin_share = 0.25;
  c.staffing.max_overtime_min = 90;
  Helper h;
  start_social_worker_shift(h, 15, c.staffing);
  CHECK(h.field_budget_min == Approx(480 * 0.75));
  CHECK(h.hard_end == 1140);
  h.last_end = 1080;  // 30 min late
  const ShiftHours hours = shift_hours(h, c.staffing);
  CHECK(hours.overtime == Approx(0.5));
  CHECK(hours.hours == Approx(8.5));
}

TEST_CASE("loneliness drifts to the baseline and falls with each kind of contact", "[rules][people]") {
  Config c;
  auto& l = c.loneliness;
  l.reversion_per_day = 0.1;
  l.visit_effect = 0.3;
  l.call_effect = 0.2;
  l.activity_effect = 0.5;
  l.meal_effect = 0.05;
  CHECK(next_loneliness(6.0f, 5.0f, 0, l) == Approx(5.9));
  CHECK(next_loneliness(6.0f, 5.0f, contact::kVisit, l) == Approx(5.6));
  CHECK(next_loneliness(6.0f, 5.0f, contact::kCall | contact::kMeal, l) == Approx(5.65));
  CHECK(next_loneliness(6.0f, 5.0f, contact::kActivity, l) == Approx(5.4));
  CHECK(next_loneliness(3.1f, 3.0f, contact::kVisit | contact::kActivity, l) == 3.0f);  // the scale's floor
}

// The register's loneliness sums are taken as integers in units of 2^-22; they must equal a plain double
// sum in order, bit for bit, for any scores the rule can produce (floats in [3, 9], the ends included).
TEST_CASE("loneliness sums are exact: the same as a running double sum", "[rules][people]") {
  std::vector<float> score;
  std::vector<std::uint8_t> flags;
  std::uint32_t state = 12345;
  for (int k = 0; k < 100000; ++k) {
    state = state * 1664525u + 1013904223u;
    const float s = k % 50 == 0 ? 3.0f : k % 50 == 1 ? 9.0f : 3.0f + 6.0f * static_cast<float>(state >> 8) / 16777216.0f;
    score.push_back(std::nextafter(s, k % 3 == 0 ? 9.0f : 3.0f));
    flags.push_back(static_cast<std::uint8_t>(state >> 29));
  }
  double all = 0, selected = 0;
  int count = 0;
  for (std::size_t k = 0; k < score.size(); ++k) {
    all += score[k];
    if (flags[k] & 2) selected += score[k], ++count;
  }
  const ScoreSums sums = sum_scores(score.data(), flags.data(), 2, score.size());
  CHECK(sums.all == all);
  CHECK(sums.selected == selected);
  CHECK(sums.selected_count == count);
  CHECK(count > 10000);
  // Every score at the top of the scale, every one selected: the sums must not overflow on the way.
  const std::vector<float> top(1001, 9.0f);
  const std::vector<std::uint8_t> all_flags(top.size(), 2);
  const ScoreSums full = sum_scores(top.data(), all_flags.data(), 2, top.size());
  CHECK(full.all == 9009.0);
  CHECK(full.selected == 9009.0);
  CHECK(full.selected_count == 1001);
}
