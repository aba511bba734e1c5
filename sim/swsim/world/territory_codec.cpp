#include "swsim/world/territory_codec.hpp"

#include <cstdio>
#include <stdexcept>

namespace swsim {
namespace {

constexpr double kFormat = 1;  // bumped when the layout changes

void put_ring(const geo::Ring& r, std::vector<double>& out) {
  out.push_back(static_cast<double>(r.size()));
  for (const geo::Pt& p : r) {
    out.push_back(p.x);
    out.push_back(p.y);
  }
}

void put_shape(const geo::MultiPolygon& m, std::vector<double>& out) {
  out.push_back(static_cast<double>(m.parts.size()));
  for (const geo::Polygon& poly : m.parts) {
    put_ring(poly.outer, out);
    out.push_back(static_cast<double>(poly.holes.size()));
    for (const geo::Ring& h : poly.holes) put_ring(h, out);
  }
}

// Reads the array in order; every read is bounds-checked.
struct Reader {
  std::span<const double> data;
  std::size_t at = 0;
  double next() {
    if (at >= data.size()) throw std::runtime_error("stored territories: the array ends early");
    return data[at++];
  }
  std::size_t count() { return static_cast<std::size_t>(next()); }
  geo::Ring ring() {
    geo::Ring r(count());
    for (geo::Pt& p : r) {
      p.x = next();
      p.y = next();
    }
    return r;
  }
  geo::MultiPolygon shape() {
    geo::MultiPolygon m;
    m.parts.resize(count());
    for (geo::Polygon& poly : m.parts) {
      poly.outer = ring();
      poly.holes.resize(count());
      for (geo::Ring& h : poly.holes) h = ring();
    }
    return m;
  }
};

}  // namespace

std::vector<double> encode_territories(const Territories& t) {
  std::vector<double> out{kFormat, static_cast<double>(t.units.size()), static_cast<double>(t.districts.size())};
  for (const UnitTerritory& u : t.units) {
    out.insert(out.end(), {static_cast<double>(u.unit), u.seat.x, u.seat.y, u.seat_lon, u.seat_lat, u.area_km2,
                           u.target_km2, u.urban ? 1.0 : 0.0});
    put_shape(u.shape, out);
  }
  for (const geo::MultiPolygon& d : t.districts) put_shape(d, out);
  return out;
}

Territories decode_territories(std::span<const double> data) {
  Reader in{data};
  if (in.next() != kFormat) throw std::runtime_error("stored territories: unknown format");
  Territories t;
  t.units.resize(in.count());
  t.districts.resize(in.count());
  for (UnitTerritory& u : t.units) {
    u.unit = static_cast<int>(in.next());
    u.seat.x = in.next();
    u.seat.y = in.next();
    u.seat_lon = in.next();
    u.seat_lat = in.next();
    u.area_km2 = in.next();
    u.target_km2 = in.next();
    u.urban = in.next() != 0;
    u.shape = in.shape();
  }
  for (geo::MultiPolygon& d : t.districts) d = in.shape();
  if (in.at != data.size()) throw std::runtime_error("stored territories: trailing numbers");
  return t;
}

std::string territory_source(const Territories& t, std::uint64_t seed) {
  const std::vector<double> data = encode_territories(t);
  std::string s;
  s.append("// GENERATED at build time by swsim-gen-territories (sim/tools/gen_territories.cpp): the unit\n"
           "// territories of the built-in outlines (world/territory_codec.hpp). Do not edit.\n"
           "#include \"swsim/world/territory_codec.hpp\"\n\nnamespace swsim {\nnamespace {\n"
           "constexpr double kData[] = {\n");
  char buf[64];
  for (std::size_t i = 0; i < data.size(); ++i) {
    std::snprintf(buf, sizeof buf, "%a,%s", data[i], i % 4 == 3 ? "\n" : " ");
    s.append(buf);
  }
  std::snprintf(buf, sizeof buf, "%llu", static_cast<unsigned long long>(seed));
  s.append("\n};\n}  // namespace\n\nstd::uint64_t builtin_territory_seed() { return ").append(buf);
  s.append("u; }\nstd::span<const double> builtin_territory_data() { return kData; }\n\n}  // namespace swsim\n");
  return s;
}

}  // namespace swsim
