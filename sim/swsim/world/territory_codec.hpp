#pragma once
// The unit territories of the built-in outlines as built data. build_territories (the power diagrams of
// world/territory) depends only on the outlines, the TerritoryParams and the world seed, so for the
// built-in outlines and the default seed it is run once at build time: the program swsim-gen-territories
// (sim/tools/gen_territories.cpp, run by CMake) encodes its result as a flat array of doubles written
// exactly (hexadecimal floating-point literals) into a generated source of swsim_core. At run time
// shared_territories decodes that array instead of building (a test proves the two equal); any other
// seed or a boundaries file is built as before.
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "swsim/world/territory.hpp"

namespace swsim {

// Every field of the territories (units and district outlines; not build_seconds) as numbers:
// [format, units, districts, then per unit: unit, seat x y, seat lon lat, area, target, urban, shape,
// then per district: shape]; a shape is [parts, per part: ring, holes, per hole: ring]; a ring is
// [vertices, x0 y0 x1 y1 ...]. decode(encode(t)) == t exactly.
std::vector<double> encode_territories(const Territories& t);
Territories decode_territories(std::span<const double> data);  // std::runtime_error on a malformed array

// C++ source of the generated file: defines builtin_territory_seed() and builtin_territory_data().
std::string territory_source(const Territories& t, std::uint64_t seed);

// Defined in the generated source (swsim_core only): the seed the stored territories were built with
// (TerritoryParams defaults otherwise) and their encoding.
std::uint64_t builtin_territory_seed();
std::span<const double> builtin_territory_data();

}  // namespace swsim
