#pragma once
// Counter-based random numbers (Random123 Philox4x32-10). A Stream is a cheap view keyed by the run seed
// and counted by (entity, day, stream kind, draw index): the same entity on the same day always sees the
// same numbers, whichever thread asks and in whatever order, so results do not depend on the thread count,
// and two scenarios that differ in one policy share every draw that policy does not touch.
#include <Random123/philox.h>

#include <cmath>
#include <cstdint>

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
};

class Stream {
 public:
  using Gen = r123::Philox4x32;

  Stream(std::uint64_t seed, std::uint32_t entity, std::uint32_t day, StreamKind kind)
      : key_{{static_cast<std::uint32_t>(seed), static_cast<std::uint32_t>(seed >> 32)}},
        ctr_{{entity, day, static_cast<std::uint32_t>(kind), 0u}} {}

  // Next raw 32-bit word; four words come from each Philox block.
  std::uint32_t next_u32() {
    if (pos_ == 4) refill();
    return block_.v[pos_++];
  }

  // Uniform in the open interval (0, 1): never 0, so log(u) is safe; 2^-32 resolution.
  double uniform() { return (static_cast<double>(next_u32()) + 0.5) * (1.0 / 4294967296.0); }

  bool bernoulli(double p) { return uniform() < p; }

  // Uniform integer in [0, n) by multiply-shift (bias below 2^-32 * n, negligible here).
  std::uint32_t below(std::uint32_t n) {
    return static_cast<std::uint32_t>((static_cast<std::uint64_t>(next_u32()) * n) >> 32);
  }

  // Standard normal by Box-Muller (one value per call; the partner is discarded for simplicity).
  double normal() {
    const double u1 = uniform();
    const double u2 = uniform();
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
  }

  double exponential(double mean) { return -mean * std::log(uniform()); }

 private:
  void refill() {
    block_ = gen_(ctr_, key_);
    ctr_.v[3] += 1;  // the draw-block index
    pos_ = 0;
  }

  Gen gen_{};
  Gen::key_type key_;
  Gen::ctr_type ctr_;
  Gen::ctr_type block_{};
  unsigned pos_ = 4;
};

}  // namespace swsim
