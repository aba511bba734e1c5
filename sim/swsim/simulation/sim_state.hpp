#pragma once
// The simulation's dynamic state, declared once: what changes from day to day and what a checkpoint
// holds. visit() walks every field in a fixed order; save, load and the round-trip test all use it, so a
// field added here is checkpointed (and tested) without another list to keep in step.
#include <array>
#include <cstdint>
#include <vector>

#include "swsim/health/episodes.hpp"
#include "swsim/people/volunteers.hpp"
#include "swsim/simulation/results.hpp"

namespace swsim {

struct SimState {
  std::int32_t day = 0;
  Results results;
  std::vector<HealthState> health;                // per elder
  std::vector<std::vector<SickRecord>> sick;      // per station: open episodes
  std::vector<std::uint8_t> volunteer_active;     // per volunteer
  std::vector<WeekMinutes> volunteer_minutes;     // per volunteer, by day % 7
  std::vector<std::int32_t> visit_due;            // per registered elder: day the next routine visit is due
  std::vector<std::int32_t> medicine_due;         // per registered elder: day the next purchase is due
  std::vector<float> loneliness;                  // per registered elder

  // f(name, field) for every field, in checkpoint order.
  template <class F>
  void visit(F&& f) { walk(*this, f); }
  template <class F>
  void visit(F&& f) const { walk(*this, f); }

 private:
  template <class S, class F>
  static void walk(S& s, F& f) {
    f("day", s.day);
    f("results", s.results);
    f("health", s.health);
    f("sick", s.sick);
    f("volunteer_active", s.volunteer_active);
    f("volunteer_minutes", s.volunteer_minutes);
    f("visit_due", s.visit_due);
    f("medicine_due", s.medicine_due);
    f("loneliness", s.loneliness);
  }
};

}  // namespace swsim
