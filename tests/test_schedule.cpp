#include <catch2/catch.hpp>
#include <cmath>
#include <stdexcept>
#include <vector>

#include "swsim/services/schedule.hpp"
#include "swsim/validation/closed_forms.hpp"
#include "swsim/util/rng.hpp"

using namespace swsim;

namespace {
Helper helper(double speed = 15, bool sw = true, double start = 510, double end = 1050, double hard = 1140) {
  Helper h;
  h.reset(speed, sw, start, end, hard);
  return h;
}
ScheduleTask at_home(double x_km, double service, double release, double latest = 1e9) {
  ScheduleTask t;
  t.x_km = x_km;
  t.service_min = service;
  t.release = release;
  t.latest_start = latest;
  return t;
}

}  // namespace

TEST_CASE("a single station with Poisson arrivals reproduces Erlang C", "[schedule][validation]") {
  // docs/sources.md (closed forms): C(c, a) for c helpers and offered load a = lambda/mu; mean wait C / (c mu - lambda).
  struct Case {
    int c;
    double a, erlang_c;
  };
  for (const Case& k : {Case{3, 2.5, 0.7022}, Case{4, 2.5, 0.3199}, Case{10, 6.0, 0.1013}}) {
    const validation::QueueStats q = validation::queue_through_scheduler(k.c, k.a, 1.0, 400000, 7);
    CHECK(validation::erlang_c(k.c, k.a) == Approx(k.erlang_c).margin(1e-4));  // the formula itself
    INFO("c = " << k.c << ", a = " << k.a << ": P(wait) " << q.p_wait << ", mean wait " << q.mean_wait);
    CHECK(q.p_wait == Approx(k.erlang_c).margin(0.02));
    CHECK(q.mean_wait == Approx(k.erlang_c / (k.c - k.a)).epsilon(0.08));
  }
}

TEST_CASE("a task goes to the helper who can finish it soonest", "[schedule]") {
  std::vector<Helper> hs{helper(4.5, false), helper(15, true)};
  const TravelModel tm{0, 0, 1.0};
  const Assignment a = assign_task(at_home(3.0, 30, 540), hs, tm);
  CHECK(a.helper == 1);                    // the e-bike: 2 x 3 km at 15 km/h = 24 min
  CHECK(a.finish == Approx(540 + 24 + 30));
  CHECK(a.km == Approx(6.0));
  CHECK(hs[1].busy.size() == 1);
}

TEST_CASE("tasks fit gaps in a helper's day, windows and shifts are respected", "[schedule]") {
  std::vector<Helper> hs{helper()};
  hs[0].block(600, 700);
  const TravelModel tm{0, 0, 1.0};
  ScheduleTask short_task = at_home(0, 50, 540);
  short_task.travel = false;
  CHECK(assign_task(short_task, hs, tm).start == Approx(540));  // 9:00-9:50, before the block
  ScheduleTask long_task = at_home(0, 80, 540);
  long_task.travel = false;
  CHECK(assign_task(long_task, hs, tm).start == Approx(700));  // does not fit the gap left: after the block
  ScheduleTask too_late = at_home(0, 30, 1200, 1300);
  too_late.travel = false;
  CHECK(assign_task(too_late, hs, tm).helper == -1);  // after the hard end of the day
  ScheduleTask missed_window = at_home(0, 30, 400, 450);
  missed_window.travel = false;
  CHECK(assign_task(missed_window, hs, tm).helper == -1);  // must start before the shift begins
}

TEST_CASE("heat rules keep volunteers indoors at midday", "[schedule]") {
  std::vector<Helper> hs{helper(4.5, false, 660, 840, 840)};
  hs[0].no_outdoor_start = 720;
  hs[0].no_outdoor_end = 900;
  const TravelModel tm{0, 0, 1.0};
  ScheduleTask visit = at_home(0.1, 30, 700);
  CHECK(assign_task(visit, hs, tm).helper == -1);  // 11:40 + 33 min runs into the forbidden hours
  ScheduleTask early = at_home(0.1, 10, 660);
  CHECK(assign_task(early, hs, tm).helper == 0);
}

TEST_CASE("desk work limits field time except for urgent tasks, and some tasks need a social worker", "[schedule]") {
  std::vector<Helper> hs{helper()};
  hs[0].field_budget_min = 60;
  const TravelModel tm{0, 0, 1.0};
  ScheduleTask long_visit = at_home(0, 90, 540);
  long_visit.travel = false;
  CHECK(assign_task(long_visit, hs, tm).helper == -1);
  long_visit.urgent = true;
  CHECK(assign_task(long_visit, hs, tm).helper == 0);
  std::vector<Helper> volunteers{helper(4.5, false)};
  ScheduleTask call = at_home(0, 5, 540);
  call.travel = false;
  call.social_worker_only = true;
  CHECK(assign_task(call, volunteers, tm).helper == -1);
}

TEST_CASE("Poisson regression recovers known rate ratios (closed forms)", "[validation][closed-form]") {
  // Counts equal to their means exp(b0 + b1 x): the maximum-likelihood fit is exactly (b0, b1).
  std::vector<double> x, y;
  for (int d = 0; d < 40; ++d) {
    x.push_back(0.25 * d);
    y.push_back(std::exp(1.5 + std::log(1.2) * 0.25 * d));
  }
  const auto b = validation::poisson_log_linear_fit(y, {x});
  REQUIRE(b.size() == 2);
  CHECK(b[0] == Approx(1.5).margin(1e-8));
  CHECK(std::exp(b[1]) == Approx(1.2).margin(1e-8));
  // One binary covariate: the fitted ratio is the ratio of the two groups' mean counts, whatever the counts.
  const std::vector<double> g{0, 0, 0, 1, 1}, n{3, 5, 4, 9, 12};
  const auto c = validation::poisson_log_linear_fit(n, {g});
  CHECK(std::exp(c[0]) == Approx(4.0).margin(1e-9));
  CHECK(std::exp(c[1]) == Approx(10.5 / 4.0).margin(1e-9));
  CHECK_THROWS_AS(validation::poisson_log_linear_fit(n, {std::vector<double>(5, 0.0)}), std::invalid_argument);
  CHECK_THROWS_AS(validation::poisson_log_linear_fit(std::vector<double>(5, 0.0), {g}), std::invalid_argument);
}
