#include "swsim/world/world_cache.hpp"

#include <tbb/collaborative_call_once.h>

#include <algorithm>
#include <list>
#include <map>
#include <mutex>

#include "swsim/config/parameters.hpp"
#include "swsim/util/error.hpp"
#include "swsim/world/jinan_outlines.hpp"
#include "swsim/world/territory_codec.hpp"

namespace swsim {
namespace {

// Sections build_world reads as a whole, and single keys it reads from other sections. The test
// world_cache.key_is_complete changes every other parameter and checks that the world stays the same.
constexpr const char* kWorldSections[] = {"world", "population", "children"};
constexpr const char* kWorldKeys[] = {
    "run.scale", "policy.station_coverage", "staffing.social_workers_per_station",
    "caseload.chronic_share", "caseload.medicine_interval_days", "caseload.visit_interval_high_days",
    "caseload.visit_interval_key_days", "caseload.visit_interval_general_days",
    "loneliness.initial_mean", "loneliness.initial_sd", "loneliness.alone_extra", "loneliness.shidu_extra",
    "health.base_hazard_per_day", "health.or_bedridden", "health.or_homebound", "health.or_air_conditioning",
    "health.or_living_alone",
    "lunch.meals_per_100_elders", "lunch.delivered_share", "lunch.points_per_1000_elders", "lunch.canteen_share",
    "lunch.point_capacity", "lunch.point_kitchen_staff", "lunch.point_couriers", "lunch.point_delivery_capacity",
    "lunch.point_reach_km",
    "volunteers.roster_per_station", "volunteers.ebike_share"};

// One cached value: built at most once, by whichever thread asks first (others help or wait).
template <class T>
struct Slot {
  tbb::collaborative_once_flag once;
  std::shared_ptr<const T> value;
};

// A small least-recently-used map of slots. get() returns the slot for a key, creating it when absent.
template <class T>
class Lru {
 public:
  std::shared_ptr<Slot<T>> get(const std::string& key) {
    std::lock_guard<std::mutex> lock(mutex_);
    const auto it = index_.find(key);
    if (it != index_.end()) {
      order_.splice(order_.begin(), order_, it->second);
      return it->second->second;
    }
    auto slot = std::make_shared<Slot<T>>();
    order_.emplace_front(key, slot);
    index_[key] = order_.begin();
    trim();
    return slot;
  }
  void set_capacity(std::size_t n) {
    std::lock_guard<std::mutex> lock(mutex_);
    capacity_ = n;
    trim();
  }
  void clear() {
    std::lock_guard<std::mutex> lock(mutex_);
    order_.clear();
    index_.clear();
  }
  std::size_t size() {
    std::lock_guard<std::mutex> lock(mutex_);
    return order_.size();
  }

 private:
  void trim() {
    while (order_.size() > capacity_) {
      index_.erase(order_.back().first);
      order_.pop_back();
    }
  }
  using Entry = std::pair<std::string, std::shared_ptr<Slot<T>>>;
  std::mutex mutex_;
  std::list<Entry> order_;  // most recent first
  std::map<std::string, typename std::list<Entry>::iterator> index_;
  std::size_t capacity_ = 4;
};

Lru<World>& worlds() {
  static Lru<World> cache;
  return cache;
}
Lru<Territories>& territories() {
  static Lru<Territories> cache;
  return cache;
}
std::mutex g_stats_mutex;
WorldCacheStats g_stats;

void count(bool hit) {
  std::lock_guard<std::mutex> lock(g_stats_mutex);
  (hit ? g_stats.hits : g_stats.builds) += 1;
}

// FNV-1a over raw bytes, for world_digest.
struct Digest {
  std::uint64_t h = 1469598103934665603ull;
  void bytes(const void* p, std::size_t n) {
    const auto* c = static_cast<const unsigned char*>(p);
    for (std::size_t i = 0; i < n; ++i) h = (h ^ c[i]) * 1099511628211ull;
  }
  template <class T>
  void pod(const T& v) {
    bytes(&v, sizeof v);
  }
  template <class T, class A>
  void vec(const std::vector<T, A>& v) {
    pod(v.size());
    if (!v.empty()) bytes(v.data(), v.size() * sizeof(T));
  }
  void text(const std::string& s) {
    pod(s.size());
    bytes(s.data(), s.size());
  }
  void shape(const geo::MultiPolygon& m) {
    pod(m.parts.size());
    for (const auto& p : m.parts) {
      vec(p.outer);
      for (const auto& hole : p.holes) vec(hole);
    }
  }
};

void digest_places(Digest& d, const World& w) {
  for (const Area& a : w.areas) {
    d.text(a.name_zh);
    d.text(a.name_en);
    for (double v : {a.population, a.area_km2, a.lat, a.lon, a.x_km, a.y_km}) d.pod(v);
    for (long v : {static_cast<long>(a.elders_full), static_cast<long>(a.stations_total), static_cast<long>(a.stations_open),
                   static_cast<long>(a.stations_simulated), static_cast<long>(a.stations_open_urban),
                   static_cast<long>(a.stations_simulated_urban), static_cast<long>(a.urban)})
      d.pod(v);
  }
  for (const Station& s : w.stations) {
    d.text(s.name_zh);
    d.text(s.name_en);
    for (long v : {static_cast<long>(s.global_index), static_cast<long>(s.area), static_cast<long>(s.code),
                   static_cast<long>(s.urban), static_cast<long>(s.social_workers)})
      d.pod(v);
    for (double v : {s.mean_home_km, s.x_km, s.y_km, s.lat, s.lon, s.coverage_500m, s.coverage_700m, s.coverage_1km}) d.pod(v);
    for (std::uint32_t v : {s.elder_begin, s.elder_end, s.volunteer_begin, s.volunteer_end, s.enrolled_begin, s.enrolled_end,
                            s.meal_point_begin, s.meal_point_end, s.caseload_begin, s.caseload_end, s.children_begin,
                            s.children_end, s.elders_by_heat_class[0], s.elders_by_heat_class[1], s.elders_by_heat_class[2]})
      d.pod(v);
  }
  for (const auto& m : w.district_outlines) d.shape(m);
  d.pod(w.grid.x0_km), d.pod(w.grid.y0_km), d.pod(w.grid.cell_km), d.pod(w.grid.nx), d.pod(w.grid.ny);
  d.vec(w.grid.station);
  d.vec(w.grid.area);
}

void digest_people(Digest& d, const World& w) {
  const Elders& e = w.elders;
  d.vec(e.id), d.vec(e.x_km), d.vec(e.y_km), d.vec(e.station), d.vec(e.unit), d.vec(e.age), d.vec(e.floor);
  d.vec(e.function), d.vec(e.living), d.vec(e.assistance), d.vec(e.flags), d.vec(e.heat_class), d.vec(e.heat_weight);
  const Caseload& c = w.caseload;
  d.vec(c.elder), d.vec(c.tier), d.vec(c.reasons), d.vec(c.chronic), d.vec(c.medicine_phase), d.vec(c.visit_phase);
  d.vec(c.loneliness_base);
  const Children& k = w.children;
  d.vec(k.id), d.vec(k.station), d.vec(k.x_km), d.vec(k.y_km), d.vec(k.condition), d.vec(k.tutoring_weekday);
  d.vec(w.volunteers.id), d.vec(w.volunteers.station), d.vec(w.volunteers.mode);
  d.vec(w.lunch_enrolled), d.vec(w.lunch_arrangement), d.vec(w.lunch_deliverer);
  const MealPoints& m = w.meal_points;
  d.vec(m.x_km), d.vec(m.y_km), d.vec(m.station), d.vec(m.capacity), d.vec(m.canteen), d.vec(m.kitchen_staff);
  d.vec(m.couriers), d.vec(m.delivery_capacity), d.vec(m.enrolled_begin), d.vec(m.enrolled_end), d.vec(m.delivered);
}

}  // namespace

std::uint64_t world_digest(const World& world) {
  Digest d;
  digest_places(d, world);
  digest_people(d, world);
  return d.h;
}

const std::vector<std::string>& world_parameter_keys() {
  static const std::vector<std::string> keys = [] {
    std::vector<std::string> out;
    for (const auto& p : parameter_registry())
      if (std::find(std::begin(kWorldSections), std::end(kWorldSections), p.section) != std::end(kWorldSections))
        out.push_back(p.key());
    for (const char* k : kWorldKeys) {
      if (!find_parameter(k)) throw RuntimeError(std::string("internal: world key ") + k + " is not a parameter");
      out.push_back(k);
    }
    return out;
  }();
  return keys;
}

std::string world_key(const Config& config) {
  std::string key;
  for (const std::string& k : world_parameter_keys()) {
    key.append(k).append("=").append(find_parameter(k)->format(config)).append("\n");
  }
  return key;
}

std::shared_ptr<const World> shared_world(const Config& config) {
  const std::shared_ptr<Slot<World>> slot = worlds().get(world_key(config));
  bool built = false;
  tbb::collaborative_call_once(slot->once, [&] {
    slot->value = std::make_shared<const World>(build_world(config));
    built = true;
  });
  count(!built);
  return slot->value;
}

std::shared_ptr<const Territories> shared_territories(const std::string& boundaries_file, std::uint64_t seed) {
  const auto slot = territories().get(boundaries_file + "\n" + std::to_string(seed));
  tbb::collaborative_call_once(slot->once, [&] {
    if (boundaries_file.empty() && seed == builtin_territory_seed()) {  // built at build time (territory_codec)
      slot->value = std::make_shared<const Territories>(decode_territories(builtin_territory_data()));
      return;
    }
    TerritoryParams tp;
    tp.seed = seed;
    const geo::FeatureSet outlines = boundaries_file.empty() ? jinan_builtin_outlines() : geo::load_geojson(boundaries_file);
    slot->value = std::make_shared<const Territories>(build_territories(outlines, tp));
  });
  return slot->value;
}

WorldCacheStats world_cache_stats() {
  std::lock_guard<std::mutex> lock(g_stats_mutex);
  WorldCacheStats s = g_stats;
  s.held = worlds().size();
  return s;
}

void set_world_cache_capacity(std::size_t n) { worlds().set_capacity(n); }

void clear_world_cache() {
  worlds().clear();
  territories().clear();
  std::lock_guard<std::mutex> lock(g_stats_mutex);
  g_stats = WorldCacheStats{};
}

}  // namespace swsim
