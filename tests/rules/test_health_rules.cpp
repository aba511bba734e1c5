// Health rules (health/episodes.hpp, health/heat_health.hpp), each with forced draws.
#include <catch2/catch.hpp>

#include "swsim/config/config.hpp"
#include "swsim/health/episodes.hpp"
#include "swsim/health/heat_health.hpp"

using namespace swsim;

TEST_CASE("an elder falls ill exactly when the draw is below weight x heat factor", "[rules][health]") {
  CHECK(falls_ill(0.0019, 0.001f, 2.0));
  CHECK_FALSE(falls_ill(0.0021, 0.001f, 2.0));
  CHECK_FALSE(falls_ill(1e-9, 0.001f, 0.0));  // no heat, no heat illness
}

TEST_CASE("an episode ends when its days are counted down after it was found", "[rules][health]") {
  SickRecord unresolved{7, 3, 2, false};
  CHECK_FALSE(episode_ends_today(unresolved));
  CHECK(unresolved.days_left == 2);  // nothing counts down before it is found
  SickRecord rec{7, 3, 2, true};
  CHECK_FALSE(episode_ends_today(rec));
  CHECK(rec.days_left == 1);
  CHECK(episode_ends_today(rec));
  CHECK(rec.days_left == 0);
}

TEST_CASE("contacts with an elder combine as independent chances of noticing", "[rules][health]") {
  const std::vector<Contact> contacts{{1, 600, 0.5}, {2, 500, 0.9}, {1, 700, 0.6}};
  const ContactsWith one = contacts_with(contacts, 1);
  CHECK(one.miss == Approx(0.5 * 0.4));
  CHECK(one.first_min == 600);
  const ContactsWith none = contacts_with(contacts, 3);
  CHECK(none.miss == 1.0);
}

TEST_CASE("an episode is found early when noticed, late only at the last pass after its onset day", "[rules][health]") {
  const double miss = 0.25;  // 75 % chance of noticing
  CHECK(find_episode(0.74, miss, false, false, false) == Finding::kEarly);
  CHECK(find_episode(0.76, miss, false, true, false) == Finding::kNotYet);  // more contacts may come today
  CHECK(find_episode(0.76, miss, true, false, false) == Finding::kNotYet);  // onset today: tomorrow still counts
  CHECK(find_episode(0.76, miss, true, true, false) == Finding::kLate);
  CHECK(find_episode(0.76, miss, true, false, true) == Finding::kLate);  // the run ends
  CHECK(find_episode(0.5, 1.0, true, true, false) == Finding::kLate);    // nobody came
}

TEST_CASE("hospitalisation is likelier when heat illness is found late", "[rules][health]") {
  Config c;
  c.health.hospitalisation_found_early = 0.1;
  c.health.hospitalisation_found_late = 0.3;
  CHECK(ends_in_hospital(0.2, Finding::kLate, c.health));
  CHECK_FALSE(ends_in_hospital(0.2, Finding::kEarly, c.health));
}

TEST_CASE("expected excess deaths follow counts x factors x daily baseline mortality", "[rules][health]") {
  Config c;
  c.health.baseline_mortality_per_year = 0.0365;
  const std::uint32_t by_class[kHeatAgeClasses] = {1000, 2000, 500};
  const std::array<double, kHeatAgeClasses> f{0.1, 0.2, 0.4};
  CHECK(expected_excess_deaths(by_class, f, c.health) == Approx((100 + 400 + 200) * 0.0001));
}
