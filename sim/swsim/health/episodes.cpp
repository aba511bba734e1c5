#include "swsim/health/episodes.hpp"

#include <algorithm>

namespace swsim {

bool episode_ends_today(SickRecord& rec) {
  if (rec.resolved && rec.days_left > 0) --rec.days_left;
  return rec.resolved && rec.days_left == 0;
}

ContactsWith contacts_with(std::span<const Contact> contacts, std::uint32_t elder) {
  ContactsWith out;
  for (const Contact& c : contacts) {
    if (c.elder != elder) continue;
    out.miss *= 1.0 - c.detection;
    out.first_min = std::min(out.first_min, c.time);
  }
  return out;
}

Finding find_episode(double u_noticed, double miss, bool final_pass, bool after_onset_day, bool last_day) {
  if (u_noticed < 1.0 - miss) return Finding::kEarly;
  if (final_pass && (after_onset_day || last_day)) return Finding::kLate;
  return Finding::kNotYet;
}

bool ends_in_hospital(double u, Finding finding, const HealthParams& p) {
  return u < (finding == Finding::kEarly ? p.hospitalisation_found_early : p.hospitalisation_found_late);
}

}  // namespace swsim
