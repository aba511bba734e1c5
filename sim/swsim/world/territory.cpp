#include "swsim/world/territory.hpp"

#include <tbb/parallel_for.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <string>

#include "swsim/util/rng.hpp"
#include "swsim/world/geography.hpp"
#include "swsim/world/jinan_units.hpp"

namespace swsim {

Anchor district_anchor(int district) {
  // Urban districts (历下, 市中, 槐荫, 天桥, 历城): their centroid from jinan_areas(). Outer districts: the
  // seat street's town centre, rounded to 0.01° [assumption: general map knowledge, not surveyed].
  static constexpr Anchor kSeats[kJinanDistrictCount] = {
      {0, 0}, {0, 0}, {0, 0}, {0, 0}, {0, 0},
      {116.75, 36.55},  // 长清区 文昌街道
      {117.53, 36.71},  // 章丘区 明水街道
      {117.18, 36.98},  // 济阳区 济阳街道
      {117.67, 36.21},  // 莱芜区 凤城街道
      {117.81, 36.06},  // 钢城区 艾山街道
      {116.45, 36.29},  // 平阴县 榆山街道
      {117.15, 37.31},  // 商河县 许商街道
  };
  const auto& a = jinan_areas().at(static_cast<std::size_t>(district));
  if (a.urban) return {a.lon, a.lat};
  return kSeats[district];
}

geo::MultiPolygon Territories::area_shape(int area) const {
  geo::MultiPolygon m;
  for (const auto& t : units)
    if (jinan_units()[static_cast<std::size_t>(t.unit)].area == area)
      m.parts.insert(m.parts.end(), t.shape.parts.begin(), t.shape.parts.end());
  return m;
}

namespace {

bool is_seat_street(const JinanUnit& u) {
  return u.kind == UnitKind::kStreet && u.area < kJinanDistrictCount &&
         !jinan_areas()[static_cast<std::size_t>(u.area)].urban && u.code % 1000 == 1;
}

struct Sample {
  geo::Pt p;
  bool deep;  // at least seat_margin_km inside the outline
};

// One district: capacity-constrained power diagram of its units on a grid of samples.
// One district's capacity-constrained power diagram, built in named steps (see the header).
struct DistrictDiagram {
  DistrictDiagram(int district, const std::vector<int>& units, const geo::MultiPolygon& outline,
                  const TerritoryParams& params, Territories& result)
      : d(district), members(units), shape(outline), prm(params), out(result) {}
  int d;
  const std::vector<int>& members;
  const geo::MultiPolygon& shape;
  const TerritoryParams& prm;
  Territories& out;
  std::size_t k = 0;
  double cell = 0;
  geo::BBox bb;
  std::vector<Sample> samples;
  std::vector<geo::Pt> g, start;       // generators, and where they started
  std::vector<double> w, target;        // power weights, target areas
  std::vector<char> tethered;           // functional-zone units: Lloyd steps pulled back to the start point
  std::vector<std::uint16_t> owner;     // per sample
  std::vector<double> count, sx, sy;    // per cell: samples and their coordinate sums

  // A regular grid of sample points over the district; "deep" ones are far enough inside for a seat.
  bool sample() {
    const double total = geo::area(shape);
    bb = geo::bbox(shape);
    const double h = std::sqrt(total / std::max(prm.samples_per_district, 100));
    for (double y = bb.y0 + 0.5 * h; y < bb.y1; y += h)
      for (double x = bb.x0 + 0.5 * h; x < bb.x1; x += h) {
        const geo::Pt p{x, y};
        if (geo::contains(shape, p)) samples.push_back({p, geo::distance_to_boundary(shape, p) >= prm.seat_margin_km});
      }
    if (samples.empty()) return false;
    cell = total / static_cast<double>(samples.size());
    k = members.size();
    g.resize(k);
    w.assign(k, 0.0);
    target.resize(k);
    tethered.assign(k, 0);
    owner.resize(samples.size());
    count.resize(k);
    sx.resize(k);
    sy.resize(k);
    return true;
  }

  // A point of the district near an anchor that lies outside it (舜华路: 高新区's centroid is in 历城区;
  // 起步区's is in 天桥区, outside 济阳区): a sample within `spread` km of the nearest one.
  geo::Pt near_outside_anchor(geo::Pt a, double spread, Stream& rng) const {
    double nearest = 1e300;
    for (const auto& s : samples) nearest = std::min(nearest, std::hypot(s.p.x - a.x, s.p.y - a.y));
    std::vector<geo::Pt> near;
    for (const auto& s : samples)
      if (std::hypot(s.p.x - a.x, s.p.y - a.y) <= nearest + spread) near.push_back(s.p);
    return near[rng.below(static_cast<std::uint32_t>(near.size()))];
  }

  // Start points: zone units near their zone's centroid, the county-seat street near the county seat,
  // urban streets near the district anchor, the rest anywhere in the district.
  void start_points() {
    const auto& units = jinan_units();
    for (std::size_t j = 0; j < k; ++j) {
      const int ui = members[j];
      const JinanUnit& u = units[static_cast<std::size_t>(ui)];
      target[j] = out.units[static_cast<std::size_t>(ui)].target_km2;
      Stream rng(prm.seed, static_cast<std::uint32_t>(ui), 0, StreamKind::kWorldTerritory);
      const auto& area = jinan_areas()[static_cast<std::size_t>(u.area)];
      Anchor anchor{0, 0};
      double spread = prm.start_spread_km;
      bool anchored = true;
      if (u.area >= kJinanDistrictCount) {
        anchor = {area.lon, area.lat};  // the functional zone's centroid
        tethered[j] = 1;
      } else if (is_seat_street(u)) {
        anchor = district_anchor(d);
        spread *= 0.25;
      } else if (u.kind == UnitKind::kStreet && area.urban) {
        anchor = district_anchor(d);
      } else {
        anchored = false;
      }
      if (!anchored) {
        g[j] = samples[rng.below(static_cast<std::uint32_t>(samples.size()))].p;
        continue;
      }
      const geo::Pt a = geo::to_km(anchor.lon, anchor.lat);
      bool found = false;
      for (int attempt = 0; attempt < 200 && !found && geo::contains(shape, a); ++attempt) {
        const geo::Pt q{a.x + spread * rng.normal(), a.y + spread * rng.normal()};
        if (geo::contains(shape, q)) {
          g[j] = q;
          found = true;
        }
      }
      if (!found) g[j] = near_outside_anchor(a, spread, rng);
    }
    start = g;
  }

  // Each sample to the cell of least power distance |p - g|² - w.
  void assign() {
    std::fill(count.begin(), count.end(), 0.0);
    std::fill(sx.begin(), sx.end(), 0.0);
    std::fill(sy.begin(), sy.end(), 0.0);
    for (std::size_t s = 0; s < samples.size(); ++s) {
      const geo::Pt p = samples[s].p;
      std::size_t best = 0;
      double bd = 1e300;
      for (std::size_t j = 0; j < k; ++j) {
        const double dx = p.x - g[j].x, dy = p.y - g[j].y;
        const double pd = dx * dx + dy * dy - w[j];
        if (pd < bd) {
          bd = pd;
          best = j;
        }
      }
      owner[s] = static_cast<std::uint16_t>(best);
      count[best] += 1;
      sx[best] += p.x;
      sy[best] += p.y;
    }
  }

  void update_weights() {
    for (std::size_t j = 0; j < k; ++j) w[j] += 0.25 * (target[j] - count[j] * cell);
  }

  // Alternately move the weights towards the target areas and the generators to their cells' centroids.
  void iterate() {
    for (int step = 0; step < prm.lloyd_steps; ++step) {
      for (int ws = 0; ws < prm.weight_steps; ++ws) {
        assign();
        update_weights();
      }
      assign();
      for (std::size_t j = 0; j < k; ++j) {
        if (count[j] == 0) continue;
        geo::Pt c{sx[j] / count[j], sy[j] / count[j]};
        if (tethered[j]) c = {0.5 * (c.x + start[j].x), 0.5 * (c.y + start[j].y)};
        if (geo::contains(shape, c)) g[j] = c;
      }
    }
    for (int ws = 0; ws < 3 * prm.weight_steps; ++ws) {
      assign();
      update_weights();
    }
    assign();
  }

  // Seat: the deep sample of the cell nearest its centroid (any sample of the cell if none is deep).
  geo::Pt seat_of(std::size_t j, geo::Pt centroid) const {
    double best = 1e300;
    geo::Pt seat = g[j];
    for (int pass = 0; pass < 2 && best == 1e300; ++pass)
      for (std::size_t s = 0; s < samples.size(); ++s) {
        if (owner[s] != j || (pass == 0 && !samples[s].deep)) continue;
        const double dd = std::hypot(samples[s].p.x - centroid.x, samples[s].p.y - centroid.y);
        if (dd < best) {
          best = dd;
          seat = samples[s].p;
        }
      }
    return seat;
  }

  // Exact cells: the intersection of power half-planes, clipped to the outline; then the seats.
  void cells() {
    const geo::Ring frame = geo::rectangle(bb.x0 - 1, bb.y0 - 1, bb.x1 + 1, bb.y1 + 1);
    for (std::size_t j = 0; j < k; ++j) {
      geo::Ring cellring = frame;
      const double gj2 = g[j].x * g[j].x + g[j].y * g[j].y;
      for (std::size_t m = 0; m < k && !cellring.empty(); ++m) {
        if (m == j) continue;
        const double gm2 = g[m].x * g[m].x + g[m].y * g[m].y;
        // |p-gj|² - wj <= |p-gm|² - wm  <=>  2 p.(gm - gj) <= |gm|² - |gj|² - wm + wj
        cellring = geo::clip_halfplane(cellring, 2 * (g[m].x - g[j].x), 2 * (g[m].y - g[j].y), gm2 - gj2 - w[m] + w[j]);
      }
      UnitTerritory& t = out.units[static_cast<std::size_t>(members[j])];
      t.shape = cellring.empty() ? geo::MultiPolygon{} : geo::clip_convex(shape, cellring);
      t.area_km2 = geo::area(t.shape);
      t.seat = seat_of(j, t.shape.parts.empty() ? g[j] : geo::centroid(t.shape));
      geo::to_lonlat(t.seat, t.seat_lon, t.seat_lat);
    }
  }
};

void build_district(int d, const std::vector<int>& members, const geo::MultiPolygon& shape,
                    const TerritoryParams& prm, Territories& out) {
  DistrictDiagram diagram(d, members, shape, prm, out);
  if (!diagram.sample()) return;
  diagram.start_points();
  diagram.iterate();
  diagram.cells();
}

}  // namespace

Territories build_territories(const geo::FeatureSet& outlines, const TerritoryParams& p) {
  const auto t0 = std::chrono::steady_clock::now();
  const auto& areas = jinan_areas();
  const auto& units = jinan_units();
  std::vector<std::string> names;
  std::vector<long> codes;
  for (int d = 0; d < kJinanDistrictCount; ++d) {
    names.emplace_back(areas[static_cast<std::size_t>(d)].name_zh);
    codes.push_back(district_adcode(d));
  }
  geo::require_features(outlines, names, codes);
  Territories out;
  for (int d = 0; d < kJinanDistrictCount; ++d)
    out.districts.push_back(outlines.find(names[static_cast<std::size_t>(d)], codes[static_cast<std::size_t>(d)])->shape);

  // Target areas: each management area's land area shared by weight, then scaled per district.
  auto weight = [&](const JinanUnit& u) {
    if (u.kind == UnitKind::kTown) return p.town_weight;
    if (is_seat_street(u)) return p.seat_weight;
    return 1.0;
  };
  std::vector<double> area_weight(kAreaCount, 0.0), district_target(kJinanDistrictCount, 0.0);
  for (const auto& u : units) area_weight[static_cast<std::size_t>(u.area)] += weight(u);
  out.units.resize(units.size());
  for (std::size_t i = 0; i < units.size(); ++i) {
    const auto& u = units[i];
    auto& t = out.units[i];
    t.unit = static_cast<int>(i);
    t.urban = u.kind == UnitKind::kStreet && areas[static_cast<std::size_t>(u.area)].urban;
    t.target_km2 = areas[static_cast<std::size_t>(u.area)].area_km2 * weight(u) / area_weight[static_cast<std::size_t>(u.area)];
    district_target[static_cast<std::size_t>(u.district)] += t.target_km2;
  }
  for (auto& t : out.units) {
    const int d = units[static_cast<std::size_t>(t.unit)].district;
    t.target_km2 *= geo::area(out.districts[static_cast<std::size_t>(d)]) / district_target[static_cast<std::size_t>(d)];
  }
  // Districts are independent (each writes only its own units' territories): built in parallel.
  tbb::parallel_for(0, kJinanDistrictCount, [&](int d) {
    std::vector<int> members;
    for (std::size_t i = 0; i < units.size(); ++i)
      if (units[i].district == d) members.push_back(static_cast<int>(i));
    build_district(d, members, out.districts[static_cast<std::size_t>(d)], p, out);
  });
  out.build_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return out;
}

}  // namespace swsim
