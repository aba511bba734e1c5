#include "swsim/health/episodes.hpp"

#include <algorithm>

namespace swsim {
namespace {
constexpr double kDayMin = 1440;
}

bool episode_ends_today(SickRecord& rec) {
  if (rec.resolved && rec.days_left > 0) --rec.days_left;
  return rec.resolved && rec.days_left == 0;
}

SickRecord start_episode(std::uint32_t elder, int day, const EpisodeDraws& u, Living living, bool alarm_device,
                         const HealthParams& h) {
  SickRecord rec{elder, static_cast<std::uint16_t>(day), static_cast<std::uint8_t>(std::clamp(h.ill_days, 1, 255)), false};
  const double onset = h.onset_from_min + u.onset * (h.onset_to_min - h.onset_from_min);
  rec.onset_min = static_cast<std::uint16_t>(onset);
  rec.severe = u.severity < h.severe_share;
  Found best;
  auto offer = [&](bool noticed, double t, Finder by) {
    if (noticed && t < onset + kDayMin && t < best.min) best = Found{t, by};
  };
  if (living == Living::kWithFamily) offer(u.family < h.family_detection, onset + h.family_notice_min, Finder::kFamily);
  if (living == Living::kCouple) offer(u.family < h.spouse_detection, onset + h.family_notice_min, Finder::kFamily);
  if (living == Living::kFamilyAwayByDay)
    offer(u.family < h.family_detection, std::max(onset, h.family_home_from_min) + h.family_notice_min, Finder::kFamily);
  offer(u.neighbour < h.neighbour_detection, onset + u.neighbour_time * kDayMin, Finder::kNeighbour);
  offer(alarm_device && u.alarm < h.alarm_detection, onset + h.alarm_after_min, Finder::kAlarm);
  if (best.by != Finder::kNone) {
    rec.other_min = static_cast<std::uint16_t>(std::min(best.min, 65534.0));
    rec.other_by = best.by;
  }
  return rec;
}

bool protected_before_onset(std::span<const Contact> contacts, const SickRecord& rec) {
  for (const Contact& c : contacts)
    if (c.elder == rec.elder && (c.by == Finder::kCall || c.by == Finder::kVisit) && c.time < rec.onset_min) return true;
  return false;
}

Found first_station_finder(std::span<const Contact> contacts, const SickRecord& rec, double day_offset_min,
                           const double (&u_by)[kFinders]) {
  Found best;
  for (const Contact& c : contacts) {
    if (c.elder != rec.elder) continue;
    const double t = c.time + day_offset_min;
    if (t < rec.onset_min || t >= rec.onset_min + kDayMin) continue;
    if (u_by[static_cast<int>(c.by)] < c.detection && t < best.min) best = Found{t, c.by};
  }
  return best;
}

Settle settle(const SickRecord& rec, const Found& station, double day_offset_min, bool final_pass, bool last_day,
              Found& out) {
  const Found other = rec.other_min == kNever ? Found{} : Found{static_cast<double>(rec.other_min), rec.other_by};
  const Found& best = station.min <= other.min ? station : other;
  if (!final_pass) {
    if (station.by == Finder::kNone || station.min > other.min) return Settle::kOpen;
    out = station;
    return Settle::kFound;
  }
  if (best.by != Finder::kNone && (best.min < day_offset_min + kDayMin || last_day)) {
    out = best;
    return Settle::kFound;
  }
  if (last_day || day_offset_min + kDayMin >= rec.onset_min + kDayMin) return Settle::kNotFound;
  return Settle::kOpen;
}

Delay delay_class(Settle s, double detection_min, const HealthParams& h) {
  if (s != Settle::kFound) return Delay::kNotFound;
  return detection_min <= h.early_min ? Delay::kEarly : Delay::kLate;
}

double death_probability(bool severe, Delay d, const HealthParams& h) {
  if (!severe) return h.death_mild;
  return d == Delay::kEarly ? h.death_severe_early : d == Delay::kLate ? h.death_severe_late : h.death_severe_not_found;
}

double hospitalisation_probability(bool severe, Delay d, const HealthParams& h) {
  if (severe) return h.hospitalisation_severe;
  return d == Delay::kEarly ? h.hospitalisation_found_early : h.hospitalisation_found_late;
}

}  // namespace swsim
