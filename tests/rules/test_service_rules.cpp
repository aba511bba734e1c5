// Service rules (services/): the task list, lending, cost, travel, lunch demand.
#include <catch2/catch.hpp>

#include "swsim/config/config.hpp"
#include "swsim/services/cost.hpp"
#include "swsim/services/lending.hpp"
#include "swsim/services/lunch_demand.hpp"
#include "swsim/services/tasks.hpp"
#include "swsim/services/travel.hpp"
#include "swsim/world/meal_points.hpp"

using namespace swsim;

TEST_CASE("appointments: impaired elders on weekdays, at the rate that gives the mean interval", "[rules][services]") {
  Config c;
  c.caseload.escort_interval_days = 70;  // 7 / (5 x 70) = 0.02 a weekday
  CHECK(appointment_probability(Function::kSemiDisabled, false, c.caseload) == Approx(0.02));
  CHECK(appointment_probability(Function::kDisabled, false, c.caseload) == Approx(0.02));
  CHECK(appointment_probability(Function::kIndependent, false, c.caseload) == 0);
  CHECK(appointment_probability(Function::kDisabled, true, c.caseload) == 0);
}

TEST_CASE("an escort leaves in the morning window or after lunch", "[rules][services]") {
  const Config c;
  const ScheduleTask am = appointment_escort(1, 2, false, 510, c.caseload, c.services);
  CHECK(am.release == 510);
  CHECK(am.latest_start == c.caseload.morning_appointment_by);
  const ScheduleTask pm = appointment_escort(1, 2, true, 510, c.caseload, c.services);
  CHECK(pm.release == c.caseload.afternoon_appointment_from);
  CHECK(pm.latest_start == c.caseload.afternoon_appointment_by);
  CHECK(pm.service_min == c.services.escort_min);
}

TEST_CASE("heat check-ins go to high-risk elders while a warning is in force, calls before the deadline",
          "[rules][services]") {
  CHECK(gets_heat_checkin(true, true, RiskTier::kHigh));
  CHECK_FALSE(gets_heat_checkin(false, true, RiskTier::kHigh));
  CHECK_FALSE(gets_heat_checkin(true, false, RiskTier::kHigh));
  CHECK_FALSE(gets_heat_checkin(true, true, RiskTier::kKey));
  const Config c;
  const ScheduleTask call = checkin_call(0, 0, 510, c.services);
  CHECK_FALSE(call.travel);
  CHECK(call.social_worker_only);
  CHECK(call.latest_start == c.services.checkin_call_by);
}

TEST_CASE("check-in calls start with the highest heat risk, then register order", "[rules][services]") {
  const Config c;
  const ScheduleTask call = checkin_call(0, 0, 510, c.services);
  const TaskItem frail{call, TaskKind::kCheckinCall, 9, checkin_priority(3.5f)};
  const TaskItem robust{call, TaskKind::kCheckinCall, 2, checkin_priority(1.0f)};
  const TaskItem robust_later{call, TaskKind::kCheckinCall, 5, checkin_priority(1.0f)};
  CHECK(task_before(frail, robust));  // higher weight first although later in the register
  CHECK_FALSE(task_before(robust, frail));
  CHECK(task_before(robust, robust_later));  // equal risk: register order
  const TaskItem escort{call, TaskKind::kScheduledEscort, 1, 0};
  CHECK(task_before(escort, frail) == (TaskKind::kScheduledEscort < TaskKind::kCheckinCall));  // kinds decide first
}

TEST_CASE("visit intervals and slack follow the risk tier", "[rules][services]") {
  const Config c;
  CHECK(visit_interval_days(RiskTier::kHigh, c.caseload) == c.caseload.visit_interval_high_days);
  CHECK(visit_interval_days(RiskTier::kKey, c.caseload) == c.caseload.visit_interval_key_days);
  CHECK(visit_interval_days(RiskTier::kGeneral, c.caseload) == c.caseload.visit_interval_general_days);
  CHECK(visit_slack_days(RiskTier::kKey, c.caseload) == c.caseload.visit_slack_key_days);
}

TEST_CASE("the activity moves from a weekend to the Monday after", "[rules][services]") {
  // 15 June 2022 was a Wednesday; 15 May 2022 a Sunday; 15 Oct 2022 a Saturday.
  CHECK(is_activity_day({2022, 6, 15}, 15));
  CHECK_FALSE(is_activity_day({2022, 5, 15}, 15));
  CHECK(is_activity_day({2022, 5, 16}, 15));
  CHECK(is_activity_day({2022, 10, 17}, 15));
  CHECK_FALSE(is_activity_day({2022, 10, 16}, 15));
}

TEST_CASE("tasks are ordered by kind, then deadline, then reference", "[rules][services]") {
  TaskItem a{{}, TaskKind::kVisit, 5, 3}, b{{}, TaskKind::kVisit, 1, 4}, c{{}, TaskKind::kMedicine, 9, 9};
  CHECK(task_before(c, a));
  CHECK(task_before(a, b));
  TaskItem d{{}, TaskKind::kVisit, 2, 3};
  CHECK(task_before(d, a));
}

TEST_CASE("general stations lend their team to their most loaded stations, round robin", "[rules][services]") {
  const std::vector<double> load{1.0, 5.0, 3.0, 9.0};
  const std::vector<int> area{0, 0, 0, 1};
  std::vector<int> lent(4, 0);
  lend_mobile_teams(load, area, 2, 4, lent);
  CHECK(lent == std::vector<int>{1, 2, 1, 4});  // area 0: 1, 2, 0, then 1 again; area 1: all four
  std::vector<int> none(4, 0);
  lend_mobile_teams(load, area, 2, 0, none);
  CHECK(none == std::vector<int>{0, 0, 0, 0});
}

TEST_CASE("a day's cost adds staff, overtime, volunteers, meals, travel, activities and gifts", "[rules][services]") {
  CostParams p{};
  p.social_worker_yuan_per_day = 100;
  p.overtime_yuan_per_hour = 10;
  p.volunteer_allowance_yuan = 5;
  p.meal_yuan = 2;
  p.travel_yuan_per_km = 1;
  p.activity_yuan_fixed = 50;
  p.activity_yuan_per_attendee = 3;
  p.gift_yuan = 365;
  p.gifts_per_year = 2;
  const DayCostInputs in{3, 1.5, 4, 10, 7, 1, 6, 2};
  CHECK(day_cost_yuan(in, p) == Approx(300 + 15 + 20 + 20 + 7 + 50 + 18 + 4));
}

TEST_CASE("walking slows in heat down to the floor but e-bikes do not", "[rules][services]") {
  Config c;
  c.travel.heat_slowdown_onset_c = 32;
  c.travel.heat_walk_slowdown_per_c = 0.1;
  c.travel.min_heat_speed_factor = 0.5;
  CHECK(heat_walk_factor(30, c.travel) == 1.0);
  CHECK(heat_walk_factor(35, c.travel) == Approx(0.7));
  CHECK(heat_walk_factor(45, c.travel) == 0.5);
  CHECK(travel_speed_kmh(TravelMode::kWalk, 0.7, c.travel) == Approx(c.travel.walk_kmh * 0.7));
  CHECK(travel_speed_kmh(TravelMode::kEbike, 0.7, c.travel) == c.travel.ebike_kmh);
}

TEST_CASE("a diner books delivery only on a warning day, only if it may ask, and only within capacity", "[rules][services]") {
  Config c;
  c.lunch.warning_switch_share = 0.3;
  const std::uint8_t asker = elder_flag::kWarningRequester;
  CHECK(books_delivery_in_warning(0.299, asker, true, 0, 8, c.lunch));
  CHECK_FALSE(books_delivery_in_warning(0.301, asker, true, 0, 8, c.lunch));
  CHECK_FALSE(books_delivery_in_warning(0.001, asker, false, 0, 8, c.lunch));  // no warning: eats at the point
  CHECK_FALSE(books_delivery_in_warning(0.001, 0, true, 0, 8, c.lunch));       // not alone nor 75+
  CHECK(books_delivery_in_warning(0.001, asker, true, 7, 8, c.lunch));
  CHECK_FALSE(books_delivery_in_warning(0.001, asker, true, 8, 8, c.lunch));   // the point is fully booked
}

TEST_CASE("the station delivers only to the homebound no meal point reaches", "[rules][services]") {
  Config c;
  c.lunch.point_reach_km = 3;
  c.lunch.point_couriers = 1;
  CHECK(meal_arrangement(false, 10.0, 99, 8, c.lunch) == MealArrangement::kDiner);
  CHECK(meal_arrangement(true, 2.99, 7, 8, c.lunch) == MealArrangement::kPointDelivered);
  CHECK(meal_arrangement(true, 3.01, 0, 8, c.lunch) == MealArrangement::kStationDelivered);  // out of reach
  CHECK(meal_arrangement(true, 0.1, 8, 8, c.lunch) == MealArrangement::kStationDelivered);   // point full
  c.lunch.point_couriers = 0;
  CHECK(meal_arrangement(true, 0.1, 0, 8, c.lunch) == MealArrangement::kStationDelivered);   // nobody carries
}

TEST_CASE("meal points and enrolment follow the calibration", "[rules][services]") {
  Config c;
  c.lunch.points_per_1000_elders = 2.79;
  CHECK(meal_points_for(10000, c.lunch) == 28);
  CHECK(meal_points_for(100, c.lunch) == 1);  // at least the station's own point
  CHECK(enrolment_probability(30, 100) == Approx(0.3));
  CHECK(enrolment_probability(300, 100) == 1.0);
  CHECK(enrolment_probability(3, 0) == 0.0);
}
