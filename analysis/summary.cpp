#include "summary.hpp"

#include <algorithm>
#include <cstdio>
#include <sstream>

namespace swsim::results {
namespace {

// Terminal columns taken by UTF-8 text: CJK ideographs and full-width forms take two.
int display_width(const std::string& s) {
  int w = 0;
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::uint32_t cp = c;
    int len = 1;
    if (c >= 0xF0) len = 4, cp = c & 0x07;
    else if (c >= 0xE0) len = 3, cp = c & 0x0F;
    else if (c >= 0xC0) len = 2, cp = c & 0x1F;
    for (int k = 1; k < len && i + static_cast<std::size_t>(k) < s.size(); ++k)
      cp = (cp << 6) | (static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]) & 0x3F);
    w += (cp >= 0x1100 && (cp <= 0x115F || (cp >= 0x2E80 && cp <= 0xA4CF) || (cp >= 0xAC00 && cp <= 0xD7A3) ||
                           (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFF00 && cp <= 0xFF60)))
             ? 2
             : 1;
    i += static_cast<std::size_t>(len);
  }
  return w;
}

std::string pct(double x) {
  char b[32];
  std::snprintf(b, sizeof b, "%.1f%%", 100 * x);
  return b;
}

std::string num(double x) {
  char b[32];
  std::snprintf(b, sizeof b, "%.0f", x);
  return b;
}

}  // namespace

Summary summarize(const ResultFile& f) {
  Summary s;
  s.file = f.path();
  s.scenario_file = f.global_text("scenario_file");
  s.start_date = f.global_text("start_date");
  s.days = f.days();
  const int n_st = f.stations();
  const auto tmax = f.read("tmax_c");
  const auto wave = f.read("heat_wave");
  const auto warn = f.read("heat_warning");
  for (int d = 0; d < s.days; ++d) {
    s.tmax_max_c = d == 0 ? tmax[0] : std::max(s.tmax_max_c, tmax[static_cast<std::size_t>(d)]);
    s.heat_wave_days += wave[static_cast<std::size_t>(d)] > 0;
    s.warning_days += warn[static_cast<std::size_t>(d)] > 0;
  }
  const auto area_of = f.read("station_area");
  const auto elders = f.read("station_elders");
  const auto names = f.read_strings("area_name");
  const auto names_en = f.read_strings("area_name_en");
  std::vector<SummaryRow> rows(static_cast<std::size_t>(f.areas()));
  for (std::size_t a = 0; a < rows.size(); ++a) {
    rows[a].name_zh = names[a];
    rows[a].name_en = names_en[a];
  }
  struct Col {
    const char* var;
    double SummaryRow::*field;
  };
  const Col cols[] = {{"meals_requested", &SummaryRow::meals_requested},
                      {"meals_on_time", &SummaryRow::meals_on_time},
                      {"meals_late", &SummaryRow::meals_late},
                      {"meals_missed", &SummaryRow::meals_missed},
                      {"heat_illness", &SummaryRow::heat_illness},
                      {"heat_illness_found_early", &SummaryRow::found_early},
                      {"heat_illness_found_late", &SummaryRow::found_late},
                      {"hospitalisations", &SummaryRow::hospitalisations}};
  for (int st = 0; st < n_st; ++st) {
    const auto a = static_cast<std::size_t>(area_of[static_cast<std::size_t>(st)]);
    if (a >= rows.size()) throw ReadError(f.path() + ": station_area refers to a missing area");
    rows[a].stations += 1;
    rows[a].elders += elders[static_cast<std::size_t>(st)];
  }
  for (const auto& c : cols) {
    const auto v = f.read(c.var);
    for (int d = 0; d < s.days; ++d)
      for (int st = 0; st < n_st; ++st) {
        const auto a = static_cast<std::size_t>(area_of[static_cast<std::size_t>(st)]);
        rows[a].*(c.field) += v[static_cast<std::size_t>(d) * static_cast<std::size_t>(n_st) + static_cast<std::size_t>(st)];
      }
  }
  s.city.name_zh = "济南市";
  s.city.name_en = "Jinan (simulated stations)";
  for (const auto& r : rows) {
    if (r.stations == 0) continue;
    s.areas.push_back(r);
    s.city.stations += r.stations;
    s.city.elders += r.elders;
    for (const auto& c : cols) s.city.*(c.field) += r.*(c.field);
  }
  return s;
}

std::string format_summary(const Summary& s, TableFormat format) {
  const std::vector<std::string> header = {"area", "stations", "elders", "meals", "on time", "late", "missed",
                                           "heat illness", "found early", "hospitalised"};
  std::vector<std::vector<std::string>> rows;
  auto add = [&](const SummaryRow& r) {
    rows.push_back({format == TableFormat::kCsv ? r.name_en : r.name_en + " " + r.name_zh, std::to_string(r.stations),
                    num(r.elders), num(r.meals_requested),
                    format == TableFormat::kCsv ? num(r.meals_on_time) : pct(r.on_time_rate()),
                    format == TableFormat::kCsv ? num(r.meals_late) : pct(r.late_rate()),
                    format == TableFormat::kCsv ? num(r.meals_missed) : pct(r.missed_rate()), num(r.heat_illness),
                    format == TableFormat::kCsv ? num(r.found_early) : pct(r.found_early_rate()),
                    num(r.hospitalisations)});
  };
  for (const auto& r : s.areas) add(r);
  add(s.city);

  std::ostringstream out;
  if (format == TableFormat::kCsv) {
    out << "area,stations,elders,meals_requested,meals_on_time,meals_late,meals_missed,heat_illness,"
           "heat_illness_found_early,hospitalisations\n";
    for (const auto& r : rows) {
      for (std::size_t k = 0; k < r.size(); ++k) out << (k ? "," : "") << r[k];
      out << "\n";
    }
    return out.str();
  }
  const std::string title = s.file + ": " + std::to_string(s.days) + " days from " + s.start_date + ", " +
                            std::to_string(s.heat_wave_days) + " heat-wave days, " + std::to_string(s.warning_days) +
                            " warning days, hottest " + num(s.tmax_max_c) + " degC";
  if (format == TableFormat::kMarkdown) {
    out << "**" << title << "**\n\n|";
    for (const auto& h : header) out << " " << h << " |";
    out << "\n|";
    for (std::size_t k = 0; k < header.size(); ++k) out << (k ? "---:|" : "---|");
    out << "\n";
    for (const auto& r : rows) {
      out << "|";
      for (const auto& c : r) out << " " << c << " |";
      out << "\n";
    }
    return out.str();
  }
  std::vector<int> width(header.size());
  for (std::size_t k = 0; k < header.size(); ++k) {
    width[k] = display_width(header[k]);
    for (const auto& r : rows) width[k] = std::max(width[k], display_width(r[k]));
  }
  auto line = [&](const std::vector<std::string>& r) {
    for (std::size_t k = 0; k < r.size(); ++k) {
      const std::string pad(static_cast<std::size_t>(width[k] - display_width(r[k])), ' ');
      out << (k ? "  " : "") << (k == 0 ? r[k] + pad : pad + r[k]);
    }
    out << "\n";
  };
  out << title << "\n\n";
  line(header);
  int total = 0;
  for (int w : width) total += w + 2;
  out << std::string(static_cast<std::size_t>(total - 2), '-') << "\n";
  for (std::size_t i = 0; i + 1 < rows.size(); ++i) line(rows[i]);
  out << std::string(static_cast<std::size_t>(total - 2), '-') << "\n";
  line(rows.back());
  return out.str();
}

}  // namespace swsim::results
