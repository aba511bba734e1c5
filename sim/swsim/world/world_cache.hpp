#pragma once
// Worlds built once per process. A world depends only on the parameters that build_world reads (the
// world, population and children sections, the scale, the station coverage and staffing, and the
// handful of register, loneliness, heat-weight, meal-programme and volunteer keys listed in
// world_cache.cpp) and on the world seed, never on the run seed, the replicate count or the days.
// Replicates, sweep points, sensitivity points, validation rows and the optimiser that share those
// inputs share one read-only World. Thread-safe: concurrent requests for the same key build it once
// (the waiting threads help build it); different keys build concurrently.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "swsim/config/config.hpp"
#include "swsim/world/territory.hpp"
#include "swsim/world/world.hpp"

namespace swsim {

// The registry keys a world depends on, besides the files named by world.stations_file and
// world.boundaries_file (their paths are part of the key).
const std::vector<std::string>& world_parameter_keys();

// The cache key of a config: every world parameter as "key=value" lines (canonical text).
std::string world_key(const Config& config);

// The world of `config`, built now or taken from the cache. Equal to build_world(config).
std::shared_ptr<const World> shared_world(const Config& config);

struct WorldCacheStats {
  long builds = 0;  // worlds built since the process started (or the last clear)
  long hits = 0;    // requests served from the cache
  std::size_t held = 0;  // worlds the cache holds now
};
WorldCacheStats world_cache_stats();

// At most `n` worlds are kept (least recently used dropped first; a world still in use elsewhere lives
// on with its users). Default 4. 0 turns caching off (every request builds).
void set_world_cache_capacity(std::size_t n);
void clear_world_cache();  // the worlds and the territories, and the statistics

// The unit territories for an outline source and world seed (the costliest part of the geography), built
// once per process; `boundaries_file` empty = the built-in outlines, whose territories for the default
// world seed were built at build time and are only decoded (world/territory_codec.hpp).
std::shared_ptr<const Territories> shared_territories(const std::string& boundaries_file,
                                                            std::uint64_t seed);

// A 64-bit FNV-1a hash of everything a world holds (areas, stations, elders, registers, children,
// volunteers, meal programme, raster, outlines): equal worlds hash alike.
std::uint64_t world_digest(const World& world);

}  // namespace swsim
