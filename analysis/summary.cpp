#include "summary.hpp"

#include "text_table.hpp"

#include <algorithm>
#include <cstdio>
#include <sstream>

#include "reader/time_axis.hpp"

namespace swsim::results {
namespace {

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

Summary summarize(const ResultFile& f) { return summarize(f, SummaryOptions{}); }

Summary summarize(const ResultFile& f, const SummaryOptions& opt) {
  Summary s;
  s.file = f.path();
  s.scenario_file = f.global_text("scenario_file");
  s.start_date = f.global_text("start_date");
  s.replicates = f.replicates();
  s.replicate = opt.replicate;
  if (opt.replicate >= s.replicates)
    throw ReadError(f.path() + ": no replicate " + std::to_string(opt.replicate) + " (the file has " +
                    std::to_string(s.replicates) + ")");
  const int d0 = std::clamp(opt.day_begin, 0, f.days());
  const int d1 = opt.day_end < 0 ? f.days() : std::clamp(opt.day_end, d0, f.days());
  s.days = d1 - d0;
  const auto n_st = static_cast<std::size_t>(f.stations());
  const auto days = static_cast<std::size_t>(f.days());
  const auto first = static_cast<std::size_t>(d0), last = static_cast<std::size_t>(d1);
  const int weather_rep = std::max(0, opt.replicate);  // weather may differ by replicate: show one
  const auto tmax = f.read_day_series("tmax_c", weather_rep);
  const auto wave = f.read_day_series("heat_wave", weather_rep);
  const auto warn = f.read_day_series("heat_warning", weather_rep);
  for (std::size_t d = first; d < last; ++d) {
    s.tmax_max_c = d == first ? tmax[d] : std::max(s.tmax_max_c, tmax[d]);
    s.heat_wave_days += wave[d] > 0;
    s.warning_days += warn[d] > 0;
  }
  if (d0 > 0 && f.has("day")) {
    try {
      s.first_date = format_iso(civil_from_days(read_day_numbers(f)[first]));
    } catch (const ReadError&) {
    }
  }
  // The metrics the tables show: a missing or transposed one is an error, not a column of zeros.
  for (const char* m : {"meals_requested", "meals_on_time", "meals_late", "meals_missed", "heat_illness",
                        "heat_illness_found_early", "hospitalisations", "expected_excess_deaths", "visits_done",
                        "visits_overdue", "medicine_done", "medicine_due", "escorts_scheduled_done",
                        "escorts_scheduled_due", "escorts_urgent_served", "escorts_urgent_requested",
                        "child_sessions_done", "child_sessions_due", "loneliness_sum", "overtime_hours",
                        "volunteer_hours", "cost_yuan"})
    f.require_station_metric(m);
  const auto area_of = f.read("station_area");
  const auto elders = f.read("station_elders");
  const auto caseload = f.has("station_caseload") ? f.read("station_caseload") : std::vector<double>(n_st, 0.0);
  const auto home_km = f.has("station_mean_home_km") ? f.read("station_mean_home_km") : std::vector<double>(n_st, 0.0);
  const auto names = f.read_strings("area_name");
  const auto names_en = f.read_strings("area_name_en");
  std::vector<SummaryRow> rows(static_cast<std::size_t>(f.areas()));
  for (std::size_t a = 0; a < rows.size(); ++a) {
    rows[a].name_zh = names[a];
    rows[a].name_en = names_en[a];
  }
  for (std::size_t st = 0; st < n_st; ++st) {
    const auto a = static_cast<std::size_t>(area_of[st]);
    if (a >= rows.size()) throw ReadError(f.path() + ": station_area refers to a missing area");
    rows[a].stations += 1;
    rows[a].elders += elders[st];
    rows[a].caseload += caseload[st];
    rows[a].home_km_sum += elders[st] * home_km[st];
  }
  // Replicates to add up (one, or all of them, each weighted 1/R).
  const int r0 = opt.replicate < 0 ? 0 : opt.replicate;
  const int r1 = opt.replicate < 0 ? s.replicates : opt.replicate + 1;
  const double weight = 1.0 / (r1 - r0);
  const std::size_t block = days * n_st;
  for (const auto& var : f.station_metrics()) {
    const auto v = f.read(var);
    if (v.size() != block * static_cast<std::size_t>(s.replicates))
      throw ReadError(f.path() + ": variable '" + var + "' does not match the day and station dimensions");
    for (int r = r0; r < r1; ++r) {
      const double* base = v.data() + block * static_cast<std::size_t>(r);
      auto add = [&](std::size_t st, double x) { return rows[static_cast<std::size_t>(area_of[st])].sum[var] += weight * x; };
      for (std::size_t d = first; d < last; ++d)
        for (std::size_t st = 0; st < n_st; ++st) add(st, base[d * n_st + st]);
      if (var == "loneliness_sum" && last > first)
        for (std::size_t st = 0; st < n_st; ++st)
          rows[static_cast<std::size_t>(area_of[st])].last_day_loneliness += weight * base[(last - 1) * n_st + st];
    }
  }
  s.city.name_zh = "济南市";
  s.city.name_en = "Jinan (simulated stations)";
  for (const auto& r : rows) {
    if (r.stations == 0) continue;
    s.areas.push_back(r);
    s.city.stations += r.stations;
    s.city.elders += r.elders;
    s.city.caseload += r.caseload;
    s.city.home_km_sum += r.home_km_sum;
    s.city.last_day_loneliness += r.last_day_loneliness;
    for (const auto& [k, v] : r.sum) s.city.sum[k] += v;
  }
  return s;
}

namespace {

struct Column {
  const char* header;
  const char* csv;  // column name in CSV (raw figure)
  std::string (*show)(const SummaryRow&, int days);
  double (*raw)(const SummaryRow&, int days);
};

std::string fixed(double x, int decimals) {
  char b[48];
  std::snprintf(b, sizeof b, "%.*f", decimals, x);
  return b;
}

const std::vector<Column>& lunch_columns() {
  static const std::vector<Column> c{
      {"stations", "stations", [](const SummaryRow& r, int) { return std::to_string(r.stations); },
       [](const SummaryRow& r, int) { return double(r.stations); }},
      {"elders", "elders", [](const SummaryRow& r, int) { return num(r.elders); }, [](const SummaryRow& r, int) { return r.elders; }},
      {"home km", "mean_home_km", [](const SummaryRow& r, int) { return fixed(r.mean_home_km(), 2); },
       [](const SummaryRow& r, int) { return r.mean_home_km(); }},
      {"meals", "meals_requested", [](const SummaryRow& r, int) { return num(r.get("meals_requested")); },
       [](const SummaryRow& r, int) { return r.get("meals_requested"); }},
      {"on time", "meals_on_time", [](const SummaryRow& r, int) { return pct(r.ratio("meals_on_time", "meals_requested")); },
       [](const SummaryRow& r, int) { return r.get("meals_on_time"); }},
      {"late", "meals_late", [](const SummaryRow& r, int) { return pct(r.ratio("meals_late", "meals_requested")); },
       [](const SummaryRow& r, int) { return r.get("meals_late"); }},
      {"missed", "meals_missed", [](const SummaryRow& r, int) { return pct(r.ratio("meals_missed", "meals_requested")); },
       [](const SummaryRow& r, int) { return r.get("meals_missed"); }},
      {"heat illness", "heat_illness", [](const SummaryRow& r, int) { return num(r.get("heat_illness")); },
       [](const SummaryRow& r, int) { return r.get("heat_illness"); }},
      {"found early", "heat_illness_found_early",
       [](const SummaryRow& r, int) { return pct(r.ratio("heat_illness_found_early", "heat_illness")); },
       [](const SummaryRow& r, int) { return r.get("heat_illness_found_early"); }},
      {"hospitalised", "hospitalisations", [](const SummaryRow& r, int) { return num(r.get("hospitalisations")); },
       [](const SummaryRow& r, int) { return r.get("hospitalisations"); }},
      {"excess deaths", "expected_excess_deaths", [](const SummaryRow& r, int) { return fixed(r.get("expected_excess_deaths"), 1); },
       [](const SummaryRow& r, int) { return r.get("expected_excess_deaths"); }},
  };
  return c;
}

const std::vector<Column>& service_columns() {
  static const std::vector<Column> c{
      {"register", "caseload", [](const SummaryRow& r, int) { return num(r.caseload); }, [](const SummaryRow& r, int) { return r.caseload; }},
      {"visits done", "visits_done", [](const SummaryRow& r, int) { return num(r.get("visits_done")); },
       [](const SummaryRow& r, int) { return r.get("visits_done"); }},
      {"overdue/day", "visits_overdue", [](const SummaryRow& r, int d) { return fixed(r.get("visits_overdue") / std::max(1, d), 1); },
       [](const SummaryRow& r, int) { return r.get("visits_overdue"); }},
      {"medicine", "medicine_done", [](const SummaryRow& r, int) { return pct(r.ratio("medicine_done", "medicine_due")); },
       [](const SummaryRow& r, int) { return r.get("medicine_done"); }},
      {"escorts", "escorts_scheduled_done",
       [](const SummaryRow& r, int) { return pct(r.ratio("escorts_scheduled_done", "escorts_scheduled_due")); },
       [](const SummaryRow& r, int) { return r.get("escorts_scheduled_done"); }},
      {"urgent", "escorts_urgent_served",
       [](const SummaryRow& r, int) { return pct(r.ratio("escorts_urgent_served", "escorts_urgent_requested")); },
       [](const SummaryRow& r, int) { return r.get("escorts_urgent_served"); }},
      {"children", "child_sessions_done",
       [](const SummaryRow& r, int) { return pct(r.ratio("child_sessions_done", "child_sessions_due")); },
       [](const SummaryRow& r, int) { return r.get("child_sessions_done"); }},
      {"loneliness", "loneliness_last_day_mean",
       [](const SummaryRow& r, int) { return fixed(r.caseload > 0 ? r.last_day_loneliness / r.caseload : 0.0, 2); },
       [](const SummaryRow& r, int) { return r.caseload > 0 ? r.last_day_loneliness / r.caseload : 0.0; }},
      {"overtime h", "overtime_hours", [](const SummaryRow& r, int) { return num(r.get("overtime_hours")); },
       [](const SummaryRow& r, int) { return r.get("overtime_hours"); }},
      {"volunteer h", "volunteer_hours", [](const SummaryRow& r, int) { return num(r.get("volunteer_hours")); },
       [](const SummaryRow& r, int) { return r.get("volunteer_hours"); }},
      {"cost kyuan", "cost_yuan", [](const SummaryRow& r, int) { return fixed(r.get("cost_yuan") / 1000, 0); },
       [](const SummaryRow& r, int) { return r.get("cost_yuan"); }},
  };
  return c;
}

std::string table(const Summary& s, const std::vector<Column>& cols, TableFormat format) {
  std::vector<std::string> header{"area"};
  for (const auto& c : cols) header.push_back(c.header);
  std::vector<std::vector<std::string>> rows;
  auto add = [&](const SummaryRow& r) {
    std::vector<std::string> row{r.name_en + " " + r.name_zh};
    for (const auto& c : cols) row.push_back(c.show(r, s.days));
    rows.push_back(row);
  };
  for (const auto& r : s.areas) add(r);
  add(s.city);
  return render_table(header, rows, format, /*rule_before_last=*/true);
}

}  // namespace

std::string format_summary(const Summary& s, TableFormat format) {
  std::ostringstream out;
  if (format == TableFormat::kCsv) {
    out << "area,area_zh";
    for (const auto* cols : {&lunch_columns(), &service_columns()})
      for (const auto& c : *cols) out << "," << c.csv;
    out << "\n";
    auto row = [&](const SummaryRow& r) {
      out << r.name_en << "," << r.name_zh;
      for (const auto* cols : {&lunch_columns(), &service_columns()})
        for (const auto& c : *cols) out << "," << fixed(c.raw(r, s.days), 3);
      out << "\n";
    };
    for (const auto& r : s.areas) row(r);
    row(s.city);
    return out.str();
  }
  std::string what = s.file;
  if (s.replicates > 1)
    what += s.replicate < 0 ? " (mean of " + std::to_string(s.replicates) + " replicates)"
                            : " (replicate " + std::to_string(s.replicate) + ")";
  const std::string title = what + ": " + std::to_string(s.days) + " days from " +
                            (s.first_date.empty() ? s.start_date : s.first_date) + ", " +
                            std::to_string(s.heat_wave_days) + " heat-wave days, " + std::to_string(s.warning_days) +
                            " warning days, hottest " + fixed(s.tmax_max_c, 1) + " degC";
  const bool md = format == TableFormat::kMarkdown;
  out << (md ? "**" + title + "**\n\n" : title + "\n\n");
  out << (md ? "*Lunch and heat*\n\n" : "Lunch (on time within lunch.on_time_by, late by lunch.late_by) and heat illness (found within 24 h)\n");
  out << table(s, lunch_columns(), format) << "\n";
  out << (md ? "*Other services, staff and cost*\n\n"
             : "Register, visits, medicine and escorts done, children's sessions, loneliness (UCLA-3 mean, last day), "
               "hours, cost\n");
  out << table(s, service_columns(), format);
  return out.str();
}

}  // namespace swsim::results
