#pragma once
// A heat-illness episode from onset to its end (odd.md, Detection and outcome). The elder falls ill
// (heat_health.hpp gives the hazard) at an onset time of day, mildly or severely. Whoever is there may
// notice it: family living with the elder, a neighbour, the alarm platform (after hours without movement)
// and the station's contacts (lunch hand-over, visit, check-in call), each with its own chance and time.
// The first to notice it, within 24 h of onset, finds it; nobody within 24 h: not found. The time from
// onset to detection (and so to cooling) sets the outcome: death, hospitalisation or recovery at home.
#include <cstdint>
#include <span>

#include "swsim/config/config.hpp"
#include "swsim/world/world.hpp"

namespace swsim {

enum class HealthState : std::uint8_t { kWell = 0, kIll = 1, kHospitalised = 2, kDead = 3 };
// In hospital or dead: no lunch, no visits.
inline bool away(HealthState s) { return s == HealthState::kHospitalised || s == HealthState::kDead; }

// Who found an episode.
enum class Finder : std::uint8_t { kFamily = 0, kNeighbour = 1, kMeal = 2, kVisit = 3, kCall = 4, kAlarm = 5, kNone = 6 };
inline constexpr int kFinders = 7;
// Found by the station's services or the platform: brings the station an urgent escort.
inline bool station_finder(Finder f) { return f == Finder::kMeal || f == Finder::kVisit || f == Finder::kCall || f == Finder::kAlarm; }

inline constexpr std::uint16_t kNever = 0xffff;

struct SickRecord {
  std::uint32_t elder;
  std::uint16_t onset_day;
  std::uint8_t days_left;
  bool resolved;                 // found (or given up as not found) already
  std::uint16_t onset_min = 0;   // minutes after midnight of the onset day
  std::uint16_t other_min = kNever;  // when family, neighbour or alarm notice it (minutes after midnight of the
                                     // onset day, up to a day later), kNever: nobody of them
  Finder other_by = Finder::kNone;
  bool severe = false;
  bool dead = false;
};

// Whether a well elder is a heat-illness case today. Elders are offered as candidates at the station's
// highest hazard p_max (a thinned Bernoulli sequence); a candidate falls ill when its draw u is below
// its own hazard / p_max, so that overall P(ill) = heat_weight x heat_factor exactly.
inline bool falls_ill(double u, float heat_weight, double heat_factor, double p_max) {
  return u * p_max < heat_weight * heat_factor;
}
// An elder protected before the onset (protected_before_onset) keeps the episode with probability
// prevention_rr.
inline bool prevention_keeps(double u, double prevention_rr) { return u < prevention_rr; }

// One day passes for an episode: a resolved one counts down; true when it is over today.
bool episode_ends_today(SickRecord& rec);

// The draws of an episode, made at onset.
struct EpisodeDraws {
  double onset, severity, family, neighbour, neighbour_time, alarm;
};
// Onset, severity and when family, a neighbour or the alarm would notice it.
SickRecord start_episode(std::uint32_t elder, int day, const EpisodeDraws& u, Living living, bool alarm_device,
                         const HealthParams& h);

// A contact with an elder today by the station's services: when, how likely it notices heat illness, and
// which kind it is.
struct Contact {
  std::uint32_t elder;
  double time;       // minutes after midnight
  double detection;  // probability of noticing
  Finder by = Finder::kVisit;
};

// Whether a call or visit reached the elder today before the episode's onset (a contact on the onset day:
// advice to cool down, drink, use the fan or go to a cool room; odd.md Prevention).
bool protected_before_onset(std::span<const Contact> contacts, const SickRecord& rec);

struct Found {
  double min = 1e18;  // minutes after midnight of the onset day
  Finder by = Finder::kNone;
};
// The earliest of today's station contacts with the elder that notices the episode: a contact counts when it
// falls in [onset, onset + 24 h) (day_offset_min: minutes from the onset day's midnight to today's) and its
// own draw u_by[kind] is below its detection probability.
Found first_station_finder(std::span<const Contact> contacts, const SickRecord& rec, double day_offset_min,
                           const double (&u_by)[kFinders]);

// Whether the episode is settled now. `final_pass`: after all of today's contacts. Before the final pass
// only a station contact earlier than the household's finder settles it; at the final pass the earliest
// finder up to the end of today settles it; past onset + 24 h (or on the last day) it is not found.
enum class Settle : std::uint8_t { kOpen = 0, kFound = 1, kNotFound = 2 };
Settle settle(const SickRecord& rec, const Found& station, double day_offset_min, bool final_pass, bool last_day,
              Found& out);

enum class Delay : std::uint8_t { kEarly = 0, kLate = 1, kNotFound = 2 };
Delay delay_class(Settle s, double detection_min, const HealthParams& h);
double death_probability(bool severe, Delay d, const HealthParams& h);
// Of those who survive.
double hospitalisation_probability(bool severe, Delay d, const HealthParams& h);

}  // namespace swsim
