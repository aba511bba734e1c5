#pragma once
// Counter-based random numbers (Random123 Philox4x32-10). A Stream is a cheap view keyed by the run seed
// and counted by (entity, day, stream kind, word): the same entity on the same day always sees the same
// numbers, whichever thread asks and in whatever order, so results do not depend on the thread count,
// and two scenarios that differ in one policy share every draw that policy does not touch.
//
// Named draws: every decision owns a fixed slot (word position) in its stream, listed once in
// SWSIM_DRAWS below and read with Stream::at(Draw). Which number a decision sees never depends on which
// other draws were made before it, so adding a draw cannot shift another, and common random numbers
// between scenarios survive model changes. A static_assert (and a test) refuses two decisions that share
// a slot. Only variable-length sequences (candidate sites, a station's children) read a stream in order.
#include <Random123/philox.h>

#include <array>
#include <cmath>
#include <cstdint>
#include <span>

namespace swsim {

// Stream kinds: one per independent random process. Never renumber; append.
enum class StreamKind : std::uint32_t {
  kWorldStation = 1,     // station placement
  kWorldElder = 2,       // elder home and attributes
  kWorldVolunteer = 3,   // volunteer attributes
  kWeather = 4,          // weather noise
  kElderDay = 5,         // elder's daily heat hazard and requests
  kVolunteerDay = 6,     // volunteer turnout
  kHealthOutcome = 7,    // detection and hospitalisation after a heat-illness event
  kWorldChild = 8,       // children in difficulty of a station
  kCaseloadDay = 9,      // a registered elder's scheduled appointments and activity attendance
  kChildDay = 10,        // whether a child's guardian is away
  kVolunteerShift = 11,  // which shift a volunteer takes, and dropout
  kWorldTerritory = 12,  // start points of the unit territories (world/territory)
  kWorldSettlement = 13, // village centres and homes inside a territory (world/settlement)
  kLendingDay = 14,      // a general station's team on a sampled run (rounding), by area and day
  kStationHeat = 15,     // a station's heat-illness candidates of the day (thinned Bernoulli sequence)
  kElderAlarm = 16,      // whether an elder living alone has the no-movement alarm (fixed for the run)
  kStationAppointments = 17,  // a station's register entries with an outpatient appointment today (sequence)
};

// Every named draw: X(stream kind, entity class, name, first word, words, meaning). The entity class
// separates draws of one kind keyed by different entity ids (the weather's day noise uses entity 0,
// heat waves entity 1). A normal deviate takes two words (Box-Muller).
#define SWSIM_DRAWS(X)                                                                                       \
  /* kWorldElder word 20 is retired (the assistance draw before it moved to word 1); never reuse it. */      \
  X(kWorldElder, 0, kAssistance, 1, 1, "social assistance: te kun, dibao or none")                        \
  X(kWorldElder, 0, kAgeBand, 2, 1, "age band (60-64, 65-79, 80+)")                                        \
  X(kWorldElder, 0, kAgeInBand, 3, 1, "age within the band")                                               \
  X(kWorldElder, 0, kSex, 4, 1, "sex")                                                                     \
  X(kWorldElder, 0, kFunction, 5, 1, "function (independent, semi-disabled, disabled)")                    \
  X(kWorldElder, 0, kLiving, 6, 1, "living arrangement")                                                   \
  X(kWorldElder, 0, kLostOnlyChild, 7, 1, "lost the only child (shidu)")                                   \
  X(kWorldElder, 0, kAirConditioning, 8, 1, "working air conditioning")                                    \
  X(kWorldElder, 0, kLift, 9, 1, "building with a lift")                                                   \
  X(kWorldElder, 0, kFloor, 10, 1, "floor of the home")                                                    \
  X(kWorldElder, 0, kLunchEnrolment, 11, 1, "enrolled in the meal programme")                              \
  X(kWorldElder, 0, kChronic, 13, 1, "needs medicine bought about monthly (registered)")                   \
  X(kWorldElder, 0, kMedicinePhase, 14, 1, "day of the first medicine purchase (registered)")              \
  X(kWorldElder, 0, kVisitPhase, 15, 1, "day of the first routine visit (registered)")                     \
  X(kWorldElder, 0, kLonelinessBase, 16, 2, "personal loneliness baseline, normal (registered)")           \
  X(kWorldVolunteer, 0, kVolunteerMode, 0, 1, "volunteer rides an e-bike or walks")                        \
  X(kWorldStation, 0, kStationRank, 0, 1, "a site's place in its area's random order (open, sampled)")      \
  X(kWorldChild, 0, kChildren, 0, 0, "how many children, then each child's draws (sequence)")              \
  X(kWorldTerritory, 0, kTerritoryStart, 0, 0, "a unit's start point in its territory (sequence)")          \
  X(kWorldSettlement, 0, kSettlement, 0, 0, "village centres, and each home's draws (sequence)")            \
  X(kWeather, 0, kTmaxNoise, 0, 2, "day-to-day Tmax noise, normal")                                         \
  X(kWeather, 0, kRhNoise, 2, 2, "day-to-day humidity noise, normal")                                      \
  X(kWeather, 0, kTminNoise, 4, 2, "Tmin noise, normal")                                                   \
  X(kWeather, 1, kWaveTmaxNoise, 0, 2, "heat-wave Tmax noise, normal")                                     \
  X(kWeather, 1, kWaveTminNoise, 2, 2, "heat-wave Tmin noise, normal")                                     \
  X(kWeather, 1, kWaveRhNoise, 4, 2, "heat-wave humidity noise, normal")                                   \
  X(kElderDay, 0, kHeatIllness, 0, 1, "falls ill from heat today")                                         \
  X(kElderDay, 0, kWarningLunchRequest, 1, 1, "a diner books lunch delivery for a warning day")            \
  X(kVolunteerDay, 0, kTurnout, 0, 1, "volunteer turns out today")                                         \
  X(kVolunteerShift, 0, kAfternoonShift, 0, 1, "volunteer takes the afternoon shift")                      \
  X(kVolunteerShift, 0, kDropout, 1, 1, "volunteer drops out today")                                       \
  /* kHealthOutcome word 0 is retired (the old single "noticed" draw); never reuse it. */                   \
  X(kHealthOutcome, 0, kHospitalised, 1, 1, "the heat illness ends in hospital (onset day)")               \
  X(kHealthOutcome, 0, kOnsetTime, 2, 1, "time of day of the onset (onset day)")                           \
  X(kHealthOutcome, 0, kSeverity, 3, 1, "the episode is severe (onset day)")                               \
  X(kHealthOutcome, 0, kFamilyNotices, 4, 1, "family at home notices (onset day)")                         \
  X(kHealthOutcome, 0, kNeighbourNotices, 5, 1, "a neighbour looks in and notices (onset day)")            \
  X(kHealthOutcome, 0, kNeighbourTime, 6, 1, "when the neighbour looks in (onset day)")                    \
  X(kHealthOutcome, 0, kAlarmNotices, 7, 1, "the alarm's alert brings someone (onset day)")                \
  X(kHealthOutcome, 0, kDies, 8, 1, "the episode ends in death (onset day)")                               \
  X(kHealthOutcome, 0, kMealNotices, 9, 1, "today's lunch hand-over notices the illness (contact day)")    \
  X(kHealthOutcome, 0, kVisitNotices, 10, 1, "today's visit notices the illness (contact day)")            \
  X(kHealthOutcome, 0, kCallNotices, 11, 1, "today's check-in call notices the illness (contact day)")     \
  X(kHealthOutcome, 0, kPreventionKept, 12, 1, "a protected elder's episode happens all the same")         \
  X(kStationHeat, 0, kHeatCandidates, 0, 0, "a station's heat-illness candidates of the day (sequence)")   \
  X(kStationAppointments, 0, kAppointments, 0, 0, "a station's appointments of the day (sequence)")            \
  X(kElderAlarm, 0, kAlarmDevice, 0, 1, "an elder living alone has the no-movement alarm")                 \
  /* kCaseloadDay word 0 is retired (the per-elder appointment draw, now kAppointments); never reuse it. */ \
  X(kCaseloadDay, 0, kActivityAttendance, 1, 1, "registered shidu elder attends the group activity")       \
  X(kCaseloadDay, 0, kAfternoonAppointment, 2, 1, "the appointment is in the afternoon")                   \
  X(kChildDay, 0, kGuardianAway, 0, 1, "child's guardian is away today")                                   \
  X(kLendingDay, 0, kTeamRounding, 0, 1, "a sampled area's share of its general station's team, rounded")

// A draw's id packs its kind, entity class and first word, so ids are unique exactly when slots are.
enum class Draw : std::uint32_t {
#define SWSIM_DRAW_ENUM(kind, cls, name, word, words, meaning) \
  name = (static_cast<std::uint32_t>(StreamKind::kind) << 16) | (cls << 12) | word,
  SWSIM_DRAWS(SWSIM_DRAW_ENUM)
#undef SWSIM_DRAW_ENUM
};

struct DrawInfo {
  StreamKind kind;
  std::uint32_t entity_class;
  const char* name;
  std::uint32_t word;   // first word of the slot
  std::uint32_t words;  // words it takes; 0 = a sequence read in order from `word` (the stream's only draw)
  const char* meaning;
};

inline constexpr std::array kDrawTable{
#define SWSIM_DRAW_INFO(kind, cls, name, word, words, meaning) \
  DrawInfo{StreamKind::kind, cls, #name, word, words, meaning},
    SWSIM_DRAWS(SWSIM_DRAW_INFO)
#undef SWSIM_DRAW_INFO
};

// True when no two draws of the same stream kind and entity class overlap; a sequence must be alone in
// its stream.
constexpr bool draw_slots_disjoint(std::span<const DrawInfo> table) {
  for (std::size_t i = 0; i < table.size(); ++i)
    for (std::size_t j = i + 1; j < table.size(); ++j) {
      const DrawInfo& a = table[i];
      const DrawInfo& b = table[j];
      if (a.kind != b.kind || a.entity_class != b.entity_class) continue;
      if (a.words == 0 || b.words == 0) return false;
      if (a.word < b.word + b.words && b.word < a.word + a.words) return false;
    }
  return true;
}
static_assert(draw_slots_disjoint(kDrawTable), "two named draws share a slot of one stream (see SWSIM_DRAWS)");

constexpr StreamKind stream_of(Draw d) { return static_cast<StreamKind>(static_cast<std::uint32_t>(d) >> 16); }
constexpr std::uint32_t word_of(Draw d) { return static_cast<std::uint32_t>(d) & 0xfffu; }

// A Philox counter, or the four words of a block.
using PhiloxBlock = std::array<std::uint32_t, 4>;

class Stream {
 public:
  using Gen = r123::Philox4x32;

  Stream(std::uint64_t seed, std::uint32_t entity, std::uint32_t day, StreamKind kind)
      : key_{{static_cast<std::uint32_t>(seed), static_cast<std::uint32_t>(seed >> 32)}},
        ctr_{{entity, day, static_cast<std::uint32_t>(kind), 0u}} {}
  // The same stream with its first `known` blocks already computed (philox_blocks, util/philox_batch.hpp):
  // reading them takes no Philox rounds. `first[b]` must be this stream's block b and outlive the stream.
  Stream(std::uint64_t seed, std::uint32_t entity, std::uint32_t day, StreamKind kind, const PhiloxBlock* first,
         std::uint32_t known)
      : Stream(seed, entity, day, kind) {
    known_ = first;
    known_blocks_ = known;
  }

  // The uniform of a named draw, in (0, 1). Reading it again gives the same number.
  double at(Draw d) { return to_uniform(word(word_of(d))); }
  // The raw word of a named draw, to keep (4 bytes) and turn into at()'s uniform later (uniform_of).
  std::uint32_t raw_at(Draw d) { return word(word_of(d)); }
  static double uniform_of(std::uint32_t raw) { return to_uniform(raw); }
  // A standard normal from a two-word named draw (Box-Muller).
  double normal_at(Draw d) {
    const std::uint32_t w = word_of(d);
    return box_muller(to_uniform(word(w)), to_uniform(word(w + 1)));
  }

  // Sequences: words read in order from the start of the stream.
  std::uint32_t next_u32() { return word(next_++); }
  // Uniform in the open interval (0, 1): never 0, so log(u) is safe; 2^-32 resolution.
  double uniform() { return to_uniform(next_u32()); }
  bool bernoulli(double p) { return uniform() < p; }
  // Uniform integer in [0, n) by multiply-shift (bias below 2^-32 * n, negligible here).
  std::uint32_t below(std::uint32_t n) {
    return static_cast<std::uint32_t>((static_cast<std::uint64_t>(next_u32()) * n) >> 32);
  }
  // Standard normal by Box-Muller (one value per call; the partner is discarded for simplicity).
  double normal() {
    const double u1 = uniform();
    const double u2 = uniform();
    return box_muller(u1, u2);
  }
  // Two independent standard normals by Marsaglia's polar method: pairs of words read in order until
  // (2u - 1, 2v - 1) falls inside the unit disc (probability pi/4 a pair), then one log and one square
  // root give both; no trigonometry (about a third of the cost of two Box-Muller deviates here).
  void normal_pair(double& a, double& b) {
    for (;;) {
      const double v1 = 2.0 * uniform() - 1.0;
      const double v2 = 2.0 * uniform() - 1.0;
      const double s = v1 * v1 + v2 * v2;
      if (s < 1.0 && s > 0.0) {
        const double f = std::sqrt(-2.0 * std::log(s) / s);
        a = v1 * f;
        b = v2 * f;
        return;
      }
    }
  }
  double exponential(double mean) { return -mean * std::log(uniform()); }

 private:
  static double to_uniform(std::uint32_t w) { return (static_cast<double>(w) + 0.5) * (1.0 / 4294967296.0); }
  static double box_muller(double u1, double u2) {
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
  }
  // Word w of the stream: block w / 4 of the Philox sequence (the last block is kept).
  // The cached block inline; a new block (ten Philox rounds) out of line, so the callers stay small.
  std::uint32_t word(std::uint32_t w) {
    if ((w >> 2) != block_index_) [[unlikely]] refill(w >> 2);
    return block_.v[w & 3u];
  }
  [[gnu::noinline]] void refill(std::uint32_t block) {
    if (block < known_blocks_) {
      for (int w = 0; w < 4; ++w) block_.v[w] = known_[block][static_cast<std::size_t>(w)];
    } else {
      Gen::ctr_type c = ctr_;
      c.v[3] = block;
      block_ = gen_(c, key_);
    }
    block_index_ = block;
  }

  Gen gen_{};
  Gen::key_type key_;
  Gen::ctr_type ctr_;
  Gen::ctr_type block_{};
  std::uint32_t block_index_ = UINT32_MAX;
  std::uint32_t next_ = 0;
  const PhiloxBlock* known_ = nullptr;
  std::uint32_t known_blocks_ = 0;
};

}  // namespace swsim
