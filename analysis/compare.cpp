#include "compare.hpp"

#include <algorithm>
#include <cstdio>
#include <map>
#include <sstream>

#include "reader/time_axis.hpp"
#include "text_table.hpp"

namespace swsim::results {
namespace {

std::string iso(long day) { return format_iso(civil_from_days(day)); }

std::string describe(const std::string& tag, const ScenarioIndicators& s) {
  std::string out = tag + ": " + s.label + " (" + s.file;
  if (s.replicates > 1) out += ", " + std::to_string(s.replicates) + " replicates";
  return out + ")";
}

std::string seeds_text(const std::vector<std::string>& seeds) {
  std::string out;
  for (std::size_t i = 0; i < seeds.size() && i < 6; ++i) out += (i ? ", " : "") + seeds[i];
  if (seeds.size() > 6) out += ", ...";
  return out;
}

// Index range [begin, end) of `days` (consecutive day numbers) within [from, to].
std::pair<int, int> range_in(const std::vector<long>& days, long from, long to) {
  int b = 0, e = 0;
  for (std::size_t i = 0; i < days.size(); ++i) {
    if (days[i] < from) b = static_cast<int>(i) + 1;
    if (days[i] <= to) e = static_cast<int>(i) + 1;
  }
  return {b, std::max(b, e)};
}

}  // namespace

Comparison compare_files(const ResultFile& fa, const std::string& label_a, const ResultFile& fb,
                         const std::string& label_b) {
  Comparison c;
  const auto da = read_day_numbers(fa), db = read_day_numbers(fb);
  if (da.empty() || db.empty()) throw ReadError((da.empty() ? fa : fb).path() + ": the file has no days");
  const long from = std::max(da.front(), db.front()), to = std::min(da.back(), db.back());
  if (from > to)
    throw ReadError("cannot compare " + fa.path() + " (" + iso(da.front()) + " to " + iso(da.back()) + ") with " +
                    fb.path() + " (" + iso(db.front()) + " to " + iso(db.back()) + "): they have no day in common");
  const auto [a0, a1] = range_in(da, from, to);
  const auto [b0, b1] = range_in(db, from, to);
  c.same_days = da == db;
  c.a = compute_indicators(fa, label_a, a0, a1);
  c.b = compute_indicators(fb, label_b, b0, b1);
  auto keys = [](const ScenarioIndicators& s) {
    std::vector<std::string> k;
    for (const auto& ind : s.indicators) k.push_back(ind.key);
    return k;
  };
  if (keys(c.a) != keys(c.b))
    throw ReadError("cannot compare " + fa.path() + " with " + fb.path() +
                    ": they define different indicators (written by different versions of swsim?)");
  if (c.a.day_numbers != c.b.day_numbers)
    throw ReadError("cannot compare " + fa.path() + " with " + fb.path() + ": their days are not the same dates");
  const std::string period = std::to_string(c.a.day_numbers.size()) + " days, " + iso(from) + " to " + iso(to);
  c.notes.push_back(c.same_days ? "Days: " + period + " (the same in both files)."
                                : "Days: only the " + period + " that both files cover are compared.");

  auto sorted = [](std::vector<int> v) {
    std::sort(v.begin(), v.end());
    return v;
  };
  c.same_stations = !c.a.station_global.empty() && c.a.station_global == c.b.station_global;
  if (c.same_stations) {
    c.notes.push_back("Stations: the same " + std::to_string(c.a.station_global.size()) + " stations in both files.");
  } else if (sorted(c.a.station_global) == sorted(c.b.station_global) && !c.a.station_global.empty()) {
    c.same_stations = true;
    c.notes.push_back("Stations: the same " + std::to_string(c.a.station_global.size()) +
                      " stations in both files (in a different order).");
  } else {
    c.notes.push_back("Stations: the files simulate different stations (A " + std::to_string(c.a.station_global.size()) +
                      ", B " + std::to_string(c.b.station_global.size()) +
                      " of Jinan's 161): compared per area and for the city only; shares (%) and cost per meal "
                      "compare, totals (meals, visits, hours) count different stations.");
  }

  const bool ensembles = c.a.replicates > 1 && c.b.replicates > 1;
  const std::size_t common = std::min(c.a.seeds.size(), c.b.seeds.size());
  const bool same_seeds = ensembles && common >= 2 &&
                          std::equal(c.a.seeds.begin(), c.a.seeds.begin() + static_cast<std::ptrdiff_t>(common), c.b.seeds.begin());
  std::size_t used = 0;  // replicates used for pairing
  if (same_seeds) {
    c.pairing = Pairing::kPaired;
    used = common;
    std::vector<std::string> seeds(c.a.seeds.begin(), c.a.seeds.begin() + static_cast<std::ptrdiff_t>(common));
    c.notes.push_back("Intervals: paired 95 % intervals over " + std::to_string(common) +
                      " replicates: replicate r of A is paired with replicate r of B (same seeds " + seeds_text(seeds) +
                      ", so both see the same random events: common random numbers)" +
                      (c.a.replicates != c.b.replicates ? "; only the replicates both files have are used." : "."));
  } else if (ensembles) {
    c.pairing = Pairing::kUnpaired;
    c.notes.push_back("Intervals: unpaired (Welch) 95 % intervals: the replicates of A and B use different seeds (A " +
                      seeds_text(c.a.seeds) + "; B " + seeds_text(c.b.seeds) + "), so they cannot be paired.");
  } else {
    c.pairing = Pairing::kNone;
    std::string why = c.a.seeds == c.b.seeds ? " Both runs use seed " + seeds_text(c.a.seeds) +
                                                   " (common random numbers), so the difference is due to the "
                                                   "scenario, but its run-to-run spread is unknown."
                                             : "";
    c.notes.push_back("Intervals: none: at least one file is a single run; run both with --replicates R (R >= 2) "
                      "for 95 % intervals." + why);
  }

  std::map<std::string, std::size_t> b_row;
  for (std::size_t i = 0; i + 1 < c.b.row_en.size(); ++i) b_row[c.b.row_en[i]] = i;
  auto add = [&](std::size_t ra, std::size_t rb) {
    ComparisonRow row{c.a.row_en[ra], c.a.row_zh[ra], {}};
    for (std::size_t k = 0; k < c.a.indicators.size(); ++k) {
      auto va = c.a.values[ra][k];
      auto vb = c.b.values[rb][k];
      if (used > 0) {
        va.resize(used);
        vb.resize(used);
      }
      row.diffs.push_back(c.pairing == Pairing::kPaired     ? paired_difference(va, vb)
                          : c.pairing == Pairing::kUnpaired ? unpaired_difference(va, vb)
                                                            : unpaired_difference(va, vb));
    }
    c.rows.push_back(row);
  };
  for (std::size_t i = 0; i + 1 < c.a.row_en.size(); ++i)
    if (const auto it = b_row.find(c.a.row_en[i]); it != b_row.end()) add(i, it->second);
  if (c.rows.empty()) throw ReadError("cannot compare " + fa.path() + " with " + fb.path() + ": no management area in common");
  if (c.rows.size() + 1 != c.a.row_en.size() || c.rows.size() + 1 != c.b.row_en.size())
    c.notes.push_back("Areas: only the " + std::to_string(c.rows.size()) + " areas simulated in both files are listed.");
  add(c.a.city_row(), c.b.city_row());
  return c;
}

std::string format_comparison(const Comparison& c, TableFormat format) {
  if (format == TableFormat::kCsv) return comparison_csv_header() + comparison_csv_rows(c);
  const bool md = format == TableFormat::kMarkdown;
  const auto& inds = c.a.indicators;
  std::ostringstream out;
  const std::string title = "Comparison B − A (" + std::string(pairing_name(c.pairing)) + ")";
  out << (md ? "**" + title + "**\n\n" : title + "\n");
  for (const auto& l : {describe("A", c.a), describe("B", c.b)}) out << (md ? "- " : "  ") << l << "\n";
  for (const auto& n : c.notes) out << (md ? "- " : "  ") << n << "\n";
  out << "\n";

  // City: indicator | A | B | B − A
  const std::string diff_head = c.pairing == Pairing::kNone ? "B − A" : "B − A (95 % " + std::string(pairing_name(c.pairing)) + ")";
  std::vector<std::vector<std::string>> rows;
  const auto& city = c.rows.back();
  const auto ra = c.a.city_row(), rb = c.b.city_row();
  for (std::size_t k = 0; k < inds.size(); ++k) {
    rows.push_back({std::string(inds[k].name) + " (" + inds[k].unit + ")", format_estimate(inds[k], estimate_mean(c.a.values[ra][k])),
                    format_estimate(inds[k], estimate_mean(c.b.values[rb][k])),
                    format_estimate(inds[k], city.diffs[k].est, true)});
  }
  out << (md ? "*City: " + city.name_en + " " + city.name_zh + "*\n\n"
             : "City: " + city.name_en + " " + city.name_zh + "\n");
  out << render_table({"indicator", "A", "B", diff_head}, rows, format) << "\n";

  // Areas: B − A of every indicator
  std::vector<std::string> header{"B − A by area"};
  for (const auto& ind : inds) header.push_back(ind.name);
  rows.clear();
  for (const auto& r : c.rows) {
    std::vector<std::string> row{r.name_en + " " + r.name_zh};
    for (std::size_t k = 0; k < inds.size(); ++k) row.push_back(format_estimate(inds[k], r.diffs[k].est, true));
    rows.push_back(row);
  }
  out << render_table(header, rows, format, true);
  if (!md) out << "pp = percentage points. ";
  else out << "\n*pp = percentage points.* ";
  out << (c.pairing == Pairing::kNone ? "Single runs: no intervals.\n" : "± = half-width of the 95 % interval of the difference.\n");
  return out.str();
}

std::string comparison_csv_header() {
  return "a_label,a_file,b_label,b_file,area,area_zh,indicator,unit,a_mean,b_mean,difference,ci95_half_width,interval,"
         "replicates\n";
}

std::string comparison_csv_rows(const Comparison& c) {
  std::ostringstream out;
  const auto& inds = c.a.indicators;
  for (const auto& r : c.rows) {
    for (std::size_t k = 0; k < inds.size(); ++k) {
      const auto& d = r.diffs[k];
      const double scale = inds[k].percent ? 100.0 : 1.0;
      char nums[160];
      std::snprintf(nums, sizeof nums, "%.6g,%.6g,%.6g,", d.a_mean * scale, d.b_mean * scale, d.est.mean * scale);
      std::string hw;
      if (c.pairing != Pairing::kNone) {
        char b[40];
        std::snprintf(b, sizeof b, "%.6g", d.est.half_width * scale);
        hw = b;
      }
      out << csv_cell(c.a.label) << "," << csv_cell(c.a.file) << "," << csv_cell(c.b.label) << "," << csv_cell(c.b.file)
          << "," << csv_cell(r.name_en) << "," << csv_cell(r.name_zh) << "," << inds[k].key << ","
          << (inds[k].percent ? "percent" : inds[k].unit) << "," << nums << hw << "," << pairing_name(c.pairing) << ","
          << std::min(c.a.replicates, c.b.replicates) << "\n";
    }
  }
  return out.str();
}

}  // namespace swsim::results
