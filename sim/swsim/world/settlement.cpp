#include "swsim/world/settlement.hpp"

#include <algorithm>
#include <cmath>

#include "swsim/util/rng.hpp"

namespace swsim {

namespace {
constexpr std::uint32_t kClusterDraws = 0;  // the `day` slot of the stream that draws the clusters
}

Settlement::Settlement(const geo::MultiPolygon& shape, geo::Pt seat, bool urban, std::uint64_t seed,
                       std::uint32_t unit, const SettlementParams& p)
    : shape_(shape), box_(geo::bbox(shape)), urban_(urban), seed_(seed), unit_(unit) {
  const double a = geo::area(shape);
  Stream rng(seed, unit, kClusterDraws, StreamKind::kWorldSettlement);
  std::vector<double> weight;
  if (!urban) {
    centre_.push_back(seat);
    sd_.push_back(p.seat_town_sd_km);
    weight.push_back(0);  // set below
  }
  const double density = urban ? p.urban_blocks_per_km2 : p.villages_per_km2;
  const auto n = static_cast<std::size_t>(std::max(1.0, std::round(density * a)));
  double sum = 0;
  for (std::size_t i = 0; i < n && !box_.empty(); ++i) {
    // Uniform in the territory by rejection from its bounding box (the seat if that keeps failing).
    geo::Pt c = seat;
    for (int attempt = 0; attempt < 1000; ++attempt) {
      const geo::Pt q{box_.x0 + (box_.x1 - box_.x0) * rng.uniform(), box_.y0 + (box_.y1 - box_.y0) * rng.uniform()};
      if (shape_.contains(q)) {
        c = q;
        break;
      }
    }
    centre_.push_back(c);
    sd_.push_back(urban ? p.urban_block_sd_km : p.village_sd_km);
    const double wgt = rng.exponential(1.0);  // cluster sizes vary (exponential: many small, a few large)
    weight.push_back(wgt);
    sum += wgt;
  }
  if (!urban) {
    const double rest = 1.0 - p.seat_town_share;
    for (std::size_t i = 1; i < weight.size(); ++i) weight[i] *= rest / sum;
    weight[0] = p.seat_town_share;
    sum = 1.0;
  }
  cumulative_.resize(weight.size());
  double c = 0;
  for (std::size_t i = 0; i < weight.size(); ++i) {
    c += weight[i] / sum;
    cumulative_[i] = c;
  }
  if (!cumulative_.empty()) cumulative_.back() = 1.0;
  // A guide table (two buckets per cluster) so that choosing a cluster is a lookup and a short scan.
  guide_.resize(2 * cumulative_.size());
  for (std::size_t b = 0; b < guide_.size(); ++b) {
    const double lo = static_cast<double>(b) / static_cast<double>(guide_.size());
    guide_[b] = static_cast<std::uint32_t>(std::lower_bound(cumulative_.begin(), cumulative_.end(), lo) - cumulative_.begin());
  }
}

// Equal to std::lower_bound over cumulative_ (which never decreases): start at u's bucket, step back while
// the previous cluster also reaches u (rounding of u * buckets), then forward until one does.
std::size_t Settlement::cluster_of(double u) const {
  const std::size_t n = cumulative_.size();
  const auto b = std::min(guide_.size() - 1, static_cast<std::size_t>(u * static_cast<double>(guide_.size())));
  std::size_t i = std::min<std::size_t>(guide_[b], n - 1);
  while (i > 0 && cumulative_[i - 1] >= u) --i;
  while (i < n && cumulative_[i] < u) ++i;
  return i;
}

geo::Pt Settlement::home(std::uint64_t k) const {
  if (centre_.empty()) return {};
  // Home k's own stream: counter = (unit, k + 1, kind); k + 1 so it never meets the cluster stream.
  Stream rng(seed_, unit_, static_cast<std::uint32_t>(k + 1), StreamKind::kWorldSettlement);
  return home_from(rng);
}

geo::Pt Settlement::home(std::uint64_t k, const PhiloxBlock& first_block) const {
  if (centre_.empty()) return {};
  Stream rng(seed_, unit_, static_cast<std::uint32_t>(k + 1), StreamKind::kWorldSettlement, &first_block, 1);
  return home_from(rng);
}

geo::Pt Settlement::home_from(Stream& rng) const {
  const double u = rng.uniform();
  const std::size_t ci = std::min(cluster_of(u), centre_.size() - 1);
  const geo::Pt c = centre_[ci];
  const double sd = sd_[ci];
  for (int attempt = 0; attempt < 16; ++attempt) {
    double dx = 0, dy = 0;
    rng.normal_pair(dx, dy);
    const geo::Pt q{c.x + sd * dx, c.y + sd * dy};
    if (box_.contains(q) && shape_.contains(q)) return q;
  }
  return c;
}

void Settlement::place(std::uint64_t first, std::size_t n, double* x, double* y) const {
  for (std::size_t i = 0; i < n; ++i) {
    const geo::Pt p = home(first + i);
    x[i] = p.x;
    y[i] = p.y;
  }
}

double mean_distance(const double* x, const double* y, std::size_t n, geo::Pt p) {
  if (n == 0) return 0;
  double s = 0;
  for (std::size_t i = 0; i < n; ++i) s += std::hypot(x[i] - p.x, y[i] - p.y);
  return s / static_cast<double>(n);
}

double clark_evans_ratio(const double* x, const double* y, std::size_t n, double area_km2) {
  if (n < 2 || area_km2 <= 0) return 0;
  double s = 0;
  for (std::size_t i = 0; i < n; ++i) {
    double best = 1e300;
    for (std::size_t j = 0; j < n; ++j) {
      if (j == i) continue;
      best = std::min(best, std::hypot(x[i] - x[j], y[i] - y[j]));
    }
    s += best;
  }
  const double expected = 0.5 / std::sqrt(static_cast<double>(n) / area_km2);
  return s / static_cast<double>(n) / expected;
}

double dispersion_index(const double* x, const double* y, std::size_t n, const geo::BBox& box, double cell_km) {
  const auto nx = static_cast<std::size_t>(std::max(1.0, std::floor((box.x1 - box.x0) / cell_km)));
  const auto ny = static_cast<std::size_t>(std::max(1.0, std::floor((box.y1 - box.y0) / cell_km)));
  std::vector<double> count(nx * ny, 0.0);
  for (std::size_t i = 0; i < n; ++i) {
    const double fx = (x[i] - box.x0) / cell_km, fy = (y[i] - box.y0) / cell_km;
    if (fx < 0 || fy < 0) continue;
    const auto cx = static_cast<std::size_t>(fx), cy = static_cast<std::size_t>(fy);
    if (cx < nx && cy < ny) count[cy * nx + cx] += 1;
  }
  double mean = 0;
  for (double c : count) mean += c;
  mean /= static_cast<double>(count.size());
  if (mean <= 0) return 0;
  double var = 0;
  for (double c : count) var += (c - mean) * (c - mean);
  var /= static_cast<double>(count.size());
  return var / mean;
}

}  // namespace swsim
