#include "model/ranking.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <sstream>

#include "model/ticks.hpp"

namespace swsim::viz {
namespace {

std::string fold(const std::string& s) {
  std::string out;
  for (unsigned char c : s) {
    if (c == ' ' || c == '-' || c == '\'' || c == '_') continue;
    out.push_back(c < 0x80 ? static_cast<char>(std::tolower(c)) : static_cast<char>(c));
  }
  return out;
}

std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string csv_number(double v) {
  if (!std::isfinite(v)) return "";
  std::ostringstream o;
  o.precision(10);
  o << v;
  return o.str();
}

}  // namespace

bool name_matches(const Dataset& d, int s, const std::string& query) {
  const std::string q = fold(query);
  if (q.empty()) return true;
  const auto i = static_cast<std::size_t>(s);
  if (fold(d.station_name[i]).find(q) != std::string::npos) return true;
  if (fold(d.station_name_en[i]).find(q) != std::string::npos) return true;
  if (i < d.station_name_latin.size() && fold(d.station_name_latin[i]).find(q) != std::string::npos) return true;
  return false;
}

std::vector<RankRow> ranking(const Session& s, const MetricTable& t, const RankQuery& q) {
  std::vector<RankRow> rows;
  for (int p = 0; p < t.pairs; ++p) {
    const int st = s.al.station_a[static_cast<std::size_t>(p)];
    const auto si = static_cast<std::size_t>(st);
    if (q.area >= 0 && s.a.station_area[si] != q.area) continue;
    if (!name_matches(s.a, st, q.search)) continue;
    RankRow r;
    r.station = st;
    r.pair = p;
    r.area = s.a.station_area[si];
    r.a = t.value(0, q.step, p);
    r.b = t.value(1, q.step, p);
    r.diff = t.diff(q.step, p);
    r.elders = si < s.a.station_elders.size() ? s.a.station_elders[si] : std::nan("");
    rows.push_back(r);
  }
  auto key = [&](const RankRow& r) -> double {
    switch (q.column) {
      case RankColumn::kB:
        return r.b;
      case RankColumn::kDiff:
        return r.diff;
      case RankColumn::kElders:
        return r.elders;
      case RankColumn::kArea:
        return r.area;
      default:
        return r.a;
    }
  };
  std::stable_sort(rows.begin(), rows.end(), [&](const RankRow& x, const RankRow& y) {
    if (q.column == RankColumn::kName) {
      const auto& nx = s.a.station_name_en[static_cast<std::size_t>(x.station)];
      const auto& ny = s.a.station_name_en[static_cast<std::size_t>(y.station)];
      return q.descending ? ny < nx : nx < ny;
    }
    const double kx = key(x), ky = key(y);
    // Undefined values last, whatever the order.
    if (!std::isfinite(kx) || !std::isfinite(ky)) return std::isfinite(kx) && !std::isfinite(ky);
    return q.descending ? kx > ky : kx < ky;
  });
  return rows;
}

std::string ranking_csv(const Session& s, const std::vector<RankRow>& rows, const std::string& what) {
  std::ostringstream o;
  if (!what.empty()) o << "# " << what << "\n";
  const bool two = s.comparing();
  o << "rank,station_global_index,station_name,station_name_en,area_name,area_name_en,elders,"
    << (two ? "A,B,B_minus_A" : "value") << "\n";
  int rank = 0;
  for (const auto& r : rows) {
    const auto si = static_cast<std::size_t>(r.station);
    const std::string an = r.area >= 0 ? s.a.area_name[static_cast<std::size_t>(r.area)] : "";
    const std::string ae = r.area >= 0 ? s.a.area_name_en[static_cast<std::size_t>(r.area)] : "";
    o << ++rank << "," << s.a.station_global[si] << "," << csv_field(s.a.station_name[si]) << ","
      << csv_field(s.a.station_name_en[si]) << "," << csv_field(an) << "," << csv_field(ae) << ","
      << csv_number(r.elders) << "," << csv_number(r.a);
    if (two) o << "," << csv_number(r.b) << "," << csv_number(r.diff);
    o << "\n";
  }
  return o.str();
}

}  // namespace swsim::viz
