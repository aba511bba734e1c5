#pragma once
// Where homes lie inside a unit's territory: a Neyman-Scott (Thomas) cluster process.
//   - Urban street units: many small dense blocks (residential compounds, 小区): block centres uniform in
//     the territory at urban_blocks_per_km2, homes normal around a block with sd urban_block_sd_km.
//   - Rural units (towns and non-urban streets): a share seat_town_share of the homes in the seat town
//     (normal around the station site, sd seat_town_sd_km) and the rest in villages: village centres
//     uniform in the territory at villages_per_km2, homes normal around a village with sd village_sd_km.
// Clusters are drawn once per territory (a few hundred points at most); homes are counter-based: home k
// of a unit uses its own random stream (seed, unit, k), so any home can be drawn alone, in any order, by
// any thread, without allocation. A home's offset from its cluster centre is a pair of normals (polar
// method); a point falling outside the territory is redrawn (up to 16 times), then put at its cluster
// centre, which is inside.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "swsim/geo/polygon.hpp"
#include "swsim/util/rng.hpp"

namespace swsim {

struct SettlementParams {
  double urban_blocks_per_km2 = 6.0;   // residential compounds per km² of urban territory [assumption]
  double urban_block_sd_km = 0.12;     // spread of homes around a compound centre [assumption]
  double villages_per_km2 = 0.5;       // village clusters per km² of rural territory [assumption]
  double village_sd_km = 0.2;          // spread of homes around a village centre [assumption]
  double seat_town_share = 0.25;       // share of a rural unit's homes in its seat town [assumption]
  double seat_town_sd_km = 0.8;        // spread of the seat town [assumption]
};

class Settlement {
 public:
  // `shape` is the unit's territory, `seat` its station site (inside it); `unit` keys the random streams.
  Settlement(const geo::MultiPolygon& shape, geo::Pt seat, bool urban, std::uint64_t seed, std::uint32_t unit,
             const SettlementParams& p = {});

  // Homes first .. first+n-1 of this unit into x[0..n), y[0..n) (km plane). Same numbers for the same
  // home whatever the call's range. k < 2^32 - 1; populations that must not share homes (elders,
  // volunteers, children) take disjoint ranges of k, e.g. volunteers from 1u << 30.
  void place(std::uint64_t first, std::size_t n, double* x, double* y) const;
  geo::Pt home(std::uint64_t k) const;
  // Home k from its stream's first block computed beforehand (philox_blocks with home_seed() and
  // home_counter(k)): the same point as home(k), without the block's Philox rounds.
  geo::Pt home(std::uint64_t k, const PhiloxBlock& first_block) const;
  std::uint64_t home_seed() const { return seed_; }
  PhiloxBlock home_counter(std::uint64_t k) const {
    return {unit_, static_cast<std::uint32_t>(k + 1), static_cast<std::uint32_t>(StreamKind::kWorldSettlement), 0u};
  }

  std::size_t clusters() const { return centre_.size(); }
  bool urban() const { return urban_; }

 private:
  geo::ShapeIndex shape_;  // the territory (a copy: it need not outlive the Settlement), indexed
  geo::BBox box_;
  bool urban_;
  std::uint64_t seed_;
  std::uint32_t unit_;
  std::vector<geo::Pt> centre_;     // cluster centres; for rural units centre_[0] is the seat town
  std::vector<double> sd_;          // their spreads
  std::vector<double> cumulative_;  // cumulative choice probabilities
  std::vector<std::uint32_t> guide_;  // guide_[b]: the first cluster with cumulative_ >= b / guide_.size()

  std::size_t cluster_of(double u) const;  // the first cluster with cumulative_ >= u (a lower bound)
  geo::Pt home_from(Stream& rng) const;    // home k from its stream
};

// Mean distance (km) of n points from p, and the Clark-Evans ratio (mean nearest-neighbour distance over
// its expectation 0.5/sqrt(n/area) for a uniform pattern; below 1 means clustered). O(n²): for tests
// and reports on samples of a few thousand points.
double mean_distance(const double* x, const double* y, std::size_t n, geo::Pt p);
double clark_evans_ratio(const double* x, const double* y, std::size_t n, double area_km2);
// Index of dispersion (variance / mean) of the counts of points in the square cells of side cell_km
// tiling box: about 1 for a uniform (Poisson) pattern, far above 1 for clustered points.
double dispersion_index(const double* x, const double* y, std::size_t n, const geo::BBox& box, double cell_km);

}  // namespace swsim
