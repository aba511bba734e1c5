#pragma once
// A heat-illness episode from onset to its end (odd.md, Detection and outcome): the elder falls ill
// (heat_health.hpp gives the hazard); the day's contacts may notice it; found within 24 h of onset
// (today or the day after) it is "found early" and brings an urgent escort, otherwise "found late"; it
// may end in hospital; the elder is well again after health.ill_days (or health.hospital_days).
#include <cstdint>
#include <span>

#include "swsim/config/config.hpp"

namespace swsim {

enum class HealthState : std::uint8_t { kWell = 0, kIll = 1, kHospitalised = 2 };

struct SickRecord {
  std::uint32_t elder;
  std::uint16_t onset_day;
  std::uint8_t days_left;
  bool resolved;  // found (early or late) already
};

// Whether a well elder falls ill today: the elder's weight (base hazard x individual modifiers) times
// the day's heat factor for the elder's age class, against the elder's draw.
inline bool falls_ill(double u, float heat_weight, double heat_factor) { return u < heat_weight * heat_factor; }

// One day passes for an episode: a resolved one counts down; true when it is over today.
bool episode_ends_today(SickRecord& rec);

// A contact with an elder today: when, and how likely it notices heat illness.
struct Contact {
  std::uint32_t elder;
  double time;       // minutes after midnight
  double detection;  // probability of noticing
};

struct ContactsWith {
  double miss = 1.0;        // probability that none of them notices
  double first_min = 1e9;   // time of the first contact
};
ContactsWith contacts_with(std::span<const Contact> contacts, std::uint32_t elder);

enum class Finding : std::uint8_t { kNotYet = 0, kEarly = 1, kLate = 2 };

// An unresolved episode, checked after some of today's contacts (final_pass: after all of them). It is
// found early when the contacts notice it (u_noticed against 1 - miss); at the final pass of the day after
// onset (or of the last day) it is found late.
Finding find_episode(double u_noticed, double miss, bool final_pass, bool after_onset_day, bool last_day);

bool ends_in_hospital(double u, Finding finding, const HealthParams& p);

}  // namespace swsim
