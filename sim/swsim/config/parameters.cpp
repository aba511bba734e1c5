#include "swsim/util/text.hpp"
#include "swsim/config/parameters.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <cstdio>
#include <sstream>

namespace swsim {
namespace {

double parse_double(std::string_view text) {
  const std::string t = trim(text);
  double v = 0;
  auto [p, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
  if (t.empty() || ec != std::errc() || p != t.data() + t.size() || !std::isfinite(v))
    throw ValueError("'" + t + "' is not a number");
  return v;
}

long long parse_integer(std::string_view text) {
  const std::string t = trim(text);
  long long v = 0;
  auto [p, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
  if (t.empty() || ec != std::errc() || p != t.data() + t.size())
    throw ValueError("'" + t + "' is not a whole number");
  return v;
}

int parse_clock(std::string_view text) {
  const std::string t = trim(text);
  int h = 0, m = 0;
  if (t.size() == 5 && t[2] == ':') {
    auto r1 = std::from_chars(t.data(), t.data() + 2, h);
    auto r2 = std::from_chars(t.data() + 3, t.data() + 5, m);
    if (r1.ec == std::errc() && r1.ptr == t.data() + 2 && r2.ec == std::errc() && r2.ptr == t.data() + 5 &&
        h >= 0 && h < 24 && m >= 0 && m < 60)
      return h * 60 + m;
  }
  throw ValueError("'" + t + "' is not a time of day HH:MM");
}

std::vector<std::string> split(std::string_view s, char sep) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (true) {
    const auto pos = s.find(sep, start);
    out.push_back(trim(s.substr(start, pos == std::string_view::npos ? std::string_view::npos : pos - start)));
    if (pos == std::string_view::npos) break;
    start = pos + 1;
  }
  return out;
}

std::vector<HeatWaveSpec> parse_heat_waves(std::string_view text) {
  std::vector<HeatWaveSpec> waves;
  const std::string t = trim(text);
  if (t.empty() || t == "none") return waves;
  for (const std::string& item : split(t, ';')) {
    if (item.empty()) continue;
    std::istringstream in(item);
    std::vector<std::string> f;
    for (std::string w; in >> w;) f.push_back(w);
    if (f.size() != 4 && f.size() != 5)
      throw ValueError("heat wave '" + item +
                       "' must be 'START_DATE DAYS PEAK_TMAX_C RH_PCT [TMIN_C]', e.g. '2022-06-16 7 39 40'");
    HeatWaveSpec w;
    auto d = parse_date(f[0]);
    if (!d) throw ValueError("heat wave '" + item + "': '" + f[0] + "' is not a date YYYY-MM-DD");
    w.start = *d;
    const long long days = parse_integer(f[1]);
    if (days < 1 || days > 60) throw ValueError("heat wave '" + item + "': length must be 1-60 days");
    w.days = static_cast<int>(days);
    w.peak_tmax_c = parse_double(f[2]);
    if (w.peak_tmax_c < 25 || w.peak_tmax_c > 50)
      throw ValueError("heat wave '" + item + "': peak Tmax must be 25-50 degC");
    w.rh_pct = parse_double(f[3]);
    if (w.rh_pct < 0 || w.rh_pct > 100) throw ValueError("heat wave '" + item + "': humidity must be 0-100 %");
    if (f.size() == 5) {
      w.tmin_c = parse_double(f[4]);
      if (w.tmin_c < -10 || w.tmin_c > w.peak_tmax_c)
        throw ValueError("heat wave '" + item + "': night minimum must be between -10 degC and the peak");
    }
    waves.push_back(w);
  }
  return waves;
}

std::string format_heat_waves(const std::vector<HeatWaveSpec>& waves) {
  if (waves.empty()) return "none";
  std::string out;
  for (const auto& w : waves) {
    if (!out.empty()) out += "; ";
    out += format_date(w.start) + " " + std::to_string(w.days) + " " + format_number(w.peak_tmax_c) + " " +
           format_number(w.rh_pct);
    if (w.has_tmin()) {
      out += ' ';
      out += format_number(w.tmin_c);
    }
  }
  return out;
}

// ---- builders -------------------------------------------------------------------------------------

struct Meta {
  const char* unit;
  const char* description;
  const char* source;
};

template <class Get>
ParamDef real(const char* sec, const char* name, Get get, double def, double lo, double hi, Meta m,
              bool lo_open = false) {
  ParamDef p{sec, name, format_number(def), m.unit, "", m.description, m.source, {}, {}};
  p.range = std::string(lo_open ? "(" : "[") + format_number(lo) + ", " + format_number(hi) + "]";
  p.parse = [get, lo, hi, lo_open, range = p.range](Config& c, std::string_view t) {
    const double v = parse_double(t);
    if (v < lo || v > hi || (lo_open && v == lo))
      throw ValueError(format_number(v) + " is out of range " + range);
    get(c) = v;
  };
  p.format = [get](const Config& c) { return format_number(get(const_cast<Config&>(c))); };
  return p;
}

template <class Get>
ParamDef integer(const char* sec, const char* name, Get get, long long def, long long lo, long long hi, Meta m) {
  ParamDef p{sec, name, std::to_string(def), m.unit, "", m.description, m.source, {}, {}};
  p.range = std::to_string(lo) + "-" + std::to_string(hi);
  p.parse = [get, lo, hi](Config& c, std::string_view t) {
    const long long v = parse_integer(t);
    if (v < lo || v > hi)
      throw ValueError(std::to_string(v) + " is out of range " + std::to_string(lo) + "-" + std::to_string(hi));
    using T = std::remove_reference_t<decltype(get(c))>;
    get(c) = static_cast<T>(v);
  };
  p.format = [get](const Config& c) { return std::to_string(get(const_cast<Config&>(c))); };
  return p;
}

template <class Get>
ParamDef clock(const char* sec, const char* name, Get get, const char* def, Meta m) {
  ParamDef p{sec, name, def, "", "HH:MM", m.description, m.source, {}, {}};
  p.parse = [get](Config& c, std::string_view t) { get(c) = parse_clock(t); };
  p.format = [get](const Config& c) { return format_clock(get(const_cast<Config&>(c))); };
  return p;
}

template <class Get>
ParamDef text(const char* sec, const char* name, Get get, const char* def, const char* range, Meta m) {
  ParamDef p{sec, name, def, "", range, m.description, m.source, {}, {}};
  p.parse = [get](Config& c, std::string_view t) { get(c) = trim(t); };
  p.format = [get](const Config& c) { return get(const_cast<Config&>(c)); };
  return p;
}

// A choice among named values of an enum (policies, sources): the INI text maps to the enum and back.
template <class Get, class E>
ParamDef enum_choice(const char* sec, const char* name, Get get, const char* def,
                     std::vector<std::pair<std::string, E>> allowed, Meta m) {
  std::string range;
  for (const auto& a : allowed) range += (range.empty() ? "" : " | ") + a.first;
  ParamDef p{sec, name, def, "", range, m.description, m.source, {}, {}};
  p.parse = [get, allowed, range](Config& c, std::string_view t) {
    const std::string v = trim(t);
    for (const auto& a : allowed)
      if (a.first == v) {
        get(c) = a.second;
        return;
      }
    throw ValueError("'" + v + "' is not one of " + range);
  };
  p.format = [get, allowed](const Config& c) {
    for (const auto& a : allowed)
      if (a.second == get(const_cast<Config&>(c))) return a.first;
    return std::string("?");
  };
  return p;
}

template <class Get>
ParamDef flag(const char* sec, const char* name, Get get, bool def, Meta m) {
  ParamDef p{sec, name, def ? "on" : "off", "", "on | off", m.description, m.source, {}, {}};
  p.parse = [get](Config& c, std::string_view t) {
    const std::string v = trim(t);
    if (v == "on" || v == "true" || v == "yes" || v == "1") get(c) = true;
    else if (v == "off" || v == "false" || v == "no" || v == "0") get(c) = false;
    else throw ValueError("'" + v + "' is not on or off");
  };
  p.format = [get](const Config& c) { return std::string(get(const_cast<Config&>(c)) ? "on" : "off"); };
  return p;
}

template <class Get>
ParamDef seed(const char* sec, const char* name, Get get, const char* description) {
  ParamDef p{sec, name, "1", "", "0-18446744073709551615", description, "assumption", {}, {}};
  p.parse = [get](Config& c, std::string_view t) {
    const std::string s = trim(t);
    std::uint64_t v = 0;
    auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (s.empty() || ec != std::errc() || ptr != s.data() + s.size())
      throw ValueError("'" + s + "' is not a non-negative whole number");
    get(c) = v;
  };
  p.format = [get](const Config& c) { return std::to_string(get(const_cast<Config&>(c))); };
  return p;
}

#define FIELD(f) [](Config& c) -> auto& { return c.f; }

std::vector<ParamDef> build_registry() {
  std::vector<ParamDef> r;
  const char* kAssume = "assumption";

  // [run]
  {
    ParamDef p{"run", "start_date", "2022-06-01", "", "YYYY-MM-DD", "First simulated day", "summer of the 2022 heat wave", {}, {}};
    p.parse = [](Config& c, std::string_view t) {
      auto d = parse_date(trim(t));
      if (!d) throw ValueError("'" + trim(t) + "' is not a date YYYY-MM-DD");
      if (d->year < 1900 || d->year > 2100)  // readers decode days since START_DATE (proleptic Gregorian)
        throw ValueError("'" + trim(t) + "': the supported years are 1900-2100");
      c.run.start_date = *d;
    };
    p.format = [](const Config& c) { return format_date(c.run.start_date); };
    r.push_back(p);
  }
  r.push_back(integer("run", "days", FIELD(run.days), 92, 1, 366,
                      {"day", "Number of simulated days (92 = 1 June to 31 August)", "model specification (odd.md)"}));
  r.push_back(real("run", "scale", FIELD(run.scale), 1.0, 0.0, 1.0,
                   {"1", "Share of the 161 stations simulated, each with its whole catchment (at least one per area)",
                    kAssume},
                   true));
  r.push_back(seed("run", "seed", FIELD(run.seed),
                   "Seed of the day-to-day random streams (health events, turnout, appointments, detection)"));
  r.push_back(integer("run", "replicates", FIELD(run.replicates), 1, 1, 1000,
                      {"1", "Independent replicates of the days, each with its own seed derived from run.seed "
                            "(replicate 0 uses run.seed); same world and weather",
                       kAssume}));
  // [world]
  r.push_back(seed("world", "seed", FIELD(world.seed),
                   "Seed of the constructed geography and the population (unit territories and seats, homes, attributes); "
                   "replicates change run.seed and keep the same world"));
  r.push_back(text("world", "boundaries_file", FIELD(world.boundaries_file), "", "path",
                   {"", "GeoJSON FeatureCollection of the 12 district outlines (Polygon/MultiPolygon, matched by name "
                        "or adcode, e.g. DataV's) replacing the built-in coarse outlines; relative to the scenario file",
                    "sources.md, Geography: built-in outlines derived from DataV.GeoAtlas"}));
  r.push_back(text("world", "stations_file", FIELD(world.stations_file), "", "path",
                   {"", "CSV of real station sites (name,area,lat,lon[,social_workers]) replacing the synthetic ones; "
                        "relative to the scenario file",
                    "model specification (odd.md)"}));

  // [weather]
  r.push_back(seed("weather", "seed", FIELD(weather.seed),
                   "Seed of the weather generator's day-to-day noise (the same for every replicate)"));
  r.push_back(enum_choice("weather", "source", FIELD(weather.source), "generator",
                          std::vector<std::pair<std::string, WeatherSource>>{{"generator", WeatherSource::kGenerator},
                                                                              {"csv", WeatherSource::kCsv}},
                          {"", "Built-in weather generator, or a CSV file (date,tmax_c,tmin_c,rh)", kAssume}));
  r.push_back(text("weather", "csv_file", FIELD(weather.csv_file), "", "path",
                   {"", "Weather CSV (columns date,tmax_c,tmin_c,rh) when source = csv; relative to the scenario file",
                    kAssume}));
  {
    ParamDef p{"weather", "heat_waves", "none", "", "none | START DAYS PEAK_C RH_PCT [TMIN_C]; ...",
               "Heat waves imposed on the generated weather: start date, length in days, peak Tmax, mean humidity "
               "and optionally the night minimum",
               "sources.md, Heat: Jinan heat waves 2022-06-16..22, 2023-06-20..24, 2025-07-03..08", {}, {}};
    p.parse = [](Config& c, std::string_view t) { c.weather.heat_waves = parse_heat_waves(t); };
    p.format = [](const Config& c) { return format_heat_waves(c.weather.heat_waves); };
    r.push_back(p);
  }
  r.push_back(real("weather", "tmax_mean_c", FIELD(weather.tmax_mean_c), 30.5, 10, 45,
                   {"degC", "Summer mean of the daily maximum temperature",
                    "sources.md: July mean Tmax about 32 degC (1961-90 normals); June-August mean [EST]"}));
  r.push_back(real("weather", "tmax_seasonal_amp_c", FIELD(weather.tmax_seasonal_amp_c), 1.5, 0, 10,
                   {"degC", "Amplitude of the seasonal Tmax curve around its mean", kAssume}));
  r.push_back(integer("weather", "tmax_peak_day", FIELD(weather.tmax_peak_day), 40, 0, 92,
                      {"day", "Days after 1 June at which the seasonal Tmax curve peaks", kAssume}));
  r.push_back(real("weather", "noise_sd_c", FIELD(weather.noise_sd_c), 2.0, 0, 10,
                   {"degC", "Standard deviation of day-to-day Tmax noise", kAssume}));
  r.push_back(real("weather", "noise_ar1", FIELD(weather.noise_ar1), 0.6, 0, 0.99,
                   {"1", "Day-to-day autocorrelation of the temperature noise (AR(1))", kAssume}));
  r.push_back(real("weather", "diurnal_range_c", FIELD(weather.diurnal_range_c), 8.0, 0, 25,
                   {"degC", "Mean difference Tmax - Tmin", kAssume}));
  r.push_back(real("weather", "rh_start_pct", FIELD(weather.rh_start_pct), 55, 0, 100,
                   {"%", "Mean relative humidity on 1 June (June heat is dry)", "sources.md, Heat: June heat dry, July-August humid; value [EST]"}));
  r.push_back(real("weather", "rh_end_pct", FIELD(weather.rh_end_pct), 78, 0, 100,
                   {"%", "Mean relative humidity on 31 August (July-August heat is humid)",
                    "sources.md, Heat: June heat dry, July-August humid; value [EST]"}));
  r.push_back(real("weather", "rh_noise_sd_pct", FIELD(weather.rh_noise_sd_pct), 7, 0, 50,
                   {"%", "Standard deviation of day-to-day humidity noise", kAssume}));

  r.push_back(real("weather", "heat_wave_tmax_c", FIELD(weather.heat_wave_tmax_c), 35, 20, 50,
                   {"degC", "A heat wave (and a yellow warning): Tmax at or above this on heat_wave_min_days days in a row",
                    "sources.md, Heat: China Meteorological Administration definitions"}));
  r.push_back(integer("weather", "heat_wave_min_days", FIELD(weather.heat_wave_min_days), 3, 1, 30,
                      {"day", "Consecutive days at or above heat_wave_tmax_c that make a heat wave",
                       "sources.md, Heat: China Meteorological Administration definitions"}));
  r.push_back(real("weather", "orange_tmax_c", FIELD(weather.orange_tmax_c), 37, 20, 50,
                   {"degC", "Orange heat warning at or above this Tmax",
                    "sources.md, Heat: China Meteorological Administration definitions"}));
  r.push_back(real("weather", "red_tmax_c", FIELD(weather.red_tmax_c), 40, 20, 55,
                   {"degC", "Red heat warning at or above this Tmax",
                    "sources.md, Heat: China Meteorological Administration definitions"}));
  r.push_back(real("weather", "sauna_tmax_c", FIELD(weather.sauna_tmax_c), 32, 20, 50,
                   {"degC", "A sauna day: Tmax at or above this with mean humidity at or above sauna_rh_pct",
                    "sources.md, Heat: sauna days, Tmax >= 32 degC with mean RH >= 80%"}));
  r.push_back(real("weather", "sauna_rh_pct", FIELD(weather.sauna_rh_pct), 80, 0, 100,
                   {"%", "Mean relative humidity of a sauna day", "sources.md, Heat: sauna days"}));
  r.push_back(real("weather", "wind_ms", FIELD(weather.wind_ms), 2.0, 0, 30,
                   {"m/s", "10-m wind speed used in the apparent temperature (the weather has no wind)",
                    "assumption (typical summer mean wind in Jinan); only used when health.exposure = apparent"}));

  // [population]
  r.push_back(real("population", "share_60plus", FIELD(population.share_60plus), 0.1996, 0.01, 0.6,
                   {"1", "Share of residents aged 60+ (city); areas keep their relative shares",
                    "2020 census, Jinan: 19.96%"}));
  r.push_back(real("population", "share_65plus", FIELD(population.share_65plus), 0.1407, 0.005, 0.6,
                   {"1", "Share of residents aged 65+", "2020 census, Jinan: 14.07%"}));
  r.push_back(real("population", "share_80plus_of_60plus", FIELD(population.share_80plus_of_60plus), 0.1345, 0,
                   0.6, {"1", "Share of the 60+ who are 80+", "sources.md: [EST] from 2015 registered population"}));
  r.push_back(real("population", "male_share", FIELD(population.male_share), 0.47, 0, 1,
                   {"1", "Share of men among the 60+", kAssume}));
  r.push_back(real("population", "impaired_share", FIELD(population.impaired_share), 0.183, 0, 1,
                   {"1", "Share of the 60+ who are disabled or semi-disabled (rising with age)",
                    "China 2015 national survey of older persons: 18.3%"}));
  r.push_back(real("population", "disabled_share_of_impaired", FIELD(population.disabled_share_of_impaired),
                   0.25, 0, 1, {"1", "Share of the impaired who are fully disabled (bedridden)", kAssume}));
  r.push_back(real("population", "living_alone_share", FIELD(population.living_alone_share), 0.15, 0, 1,
                   {"1", "Share of the 60+ living alone (rising with age, see living_alone_ratio_*)",
                    "China 5th sample survey of older persons 2021: 59.7% empty-nest, about 3/4 of them with a "
                    "spouse, so about 15% alone (derived)"}));
  r.push_back(real("population", "couple_share", FIELD(population.couple_share), 0.45, 0, 1,
                   {"1", "Share of the 60+ living as an elderly couple", kAssume}));
  r.push_back(real("population", "family_away_by_day_share", FIELD(population.family_away_by_day_share), 0.18,
                   0, 1, {"1", "Share of the 60+ living with family who are away by day", kAssume}));
  r.push_back(real("population", "lost_only_child_share", FIELD(population.lost_only_child_share), 0.010, 0, 0.2,
                   {"1", "Share of the 60+ who lost their only child (shidu)",
                    "assumption: no count found for Jinan, Shandong or China (sources.md); about 1.35 shidu families "
                    "per 1,000 residents, 1.5 elders a family [EST]"}));
  r.push_back(real("population", "ac_share_urban", FIELD(population.ac_share_urban), 0.85, 0, 1,
                   {"1", "Share of urban elders with working air conditioning", kAssume}));
  r.push_back(real("population", "ac_share_rural", FIELD(population.ac_share_rural), 0.60, 0, 1,
                   {"1", "Share of rural elders with working air conditioning", kAssume}));
  r.push_back(real("population", "lift_share_urban", FIELD(population.lift_share_urban), 0.25, 0, 1,
                   {"1", "Share of urban elders living in a building with a lift", kAssume}));
  r.push_back(real("population", "lift_share_rural", FIELD(population.lift_share_rural), 0.02, 0, 1,
                   {"1", "Share of rural elders living in a building with a lift", kAssume}));

  r.push_back(real("population", "impairment_ratio_65_79", FIELD(population.impairment_ratio_65_79), 2.2, 0.1, 20,
                   {"1", "Impairment rate at 65-79 relative to 60-64 (the overall share stays impaired_share)", kAssume}));
  r.push_back(real("population", "impairment_ratio_80plus", FIELD(population.impairment_ratio_80plus), 5, 0.1, 50,
                   {"1", "Impairment rate at 80+ relative to 60-64", kAssume}));
  r.push_back(real("population", "living_alone_ratio_65_79", FIELD(population.living_alone_ratio_65_79), 1.6, 0.1,
                   20, {"1", "Living-alone rate at 65-79 relative to 60-64 (the overall share stays living_alone_share)",
                        "assumption: widowhood rises with age [EST]"}));
  r.push_back(real("population", "living_alone_ratio_80plus", FIELD(population.living_alone_ratio_80plus), 2.8, 0.1,
                   20, {"1", "Living-alone rate at 80+ relative to 60-64",
                        "assumption: widowhood rises with age; gives about 27% of the 80+ alone [EST]"}));
  r.push_back(real("population", "ac_ratio_65_79", FIELD(population.ac_ratio_65_79), 0.95, 0.1, 10,
                   {"1", "Air-conditioning rate at 65-79 relative to 60-64 (urban and rural shares kept)", kAssume}));
  r.push_back(real("population", "ac_ratio_80plus", FIELD(population.ac_ratio_80plus), 0.85, 0.1, 10,
                   {"1", "Air-conditioning rate at 80+ relative to 60-64", kAssume}));
  r.push_back(real("population", "tekun_share", FIELD(population.tekun_share), 0.005, 0, 0.5,
                   {"1", "Share of the 60+ in extreme-poverty support (te kun, registered)",
                    "sources.md: Jinan 48,000 elders in financial difficulty (2.6% of 60+), about 1/5 of them "
                    "te kun as in national and Fujian counts [EST]"}));
  r.push_back(real("population", "dibao_share", FIELD(population.dibao_share), 0.021, 0, 0.5,
                   {"1", "Share of the 60+ on the minimum living allowance (dibao, registered), not te kun",
                    "sources.md: Jinan 48,000 elders in financial difficulty less te kun [EST]; national 5.3%"}));
  r.push_back(real("population", "age_80plus_mean_extra_years", FIELD(population.age_80plus_mean_extra_years), 6,
                   0.5, 20, {"year", "Mean years above 80 of the 80+ (a declining exponential tail, capped at 104)",
                             kAssume}));
  r.push_back(integer("population", "lift_max_floor", FIELD(population.lift_max_floor), 18, 1, 60,
                      {"1", "Homes in buildings with a lift are on floors 1 to this (uniform)", kAssume}));
  r.push_back(integer("population", "walkup_max_floor_urban", FIELD(population.walkup_max_floor_urban), 6, 1, 12,
                      {"1", "Urban homes without a lift are on floors 1 to this (six-storey walk-ups)", kAssume}));
  r.push_back(real("population", "ground_floor_share_rural", FIELD(population.ground_floor_share_rural), 0.85, 0,
                   0.99, {"1", "Share of rural homes without a lift on the ground floor (village houses)", kAssume}));
  r.push_back(integer("population", "max_floor_rural", FIELD(population.max_floor_rural), 4, 2, 12,
                      {"1", "The other rural homes without a lift are on floors 2 to this (uniform)", kAssume}));

  // [staffing]
  r.push_back(integer("staffing", "social_workers_per_station", FIELD(staffing.social_workers_per_station), 3,
                      0, 50,
                      {"1", "Social workers on the staff of each station",
                       "sources.md: observed 2.35-3.1 per station; default 3, range 2-5 [EST]"}));
  r.push_back(real("staffing", "weekend_duty_share", FIELD(staffing.weekend_duty_share), 0.34, 0, 1,
                   {"1", "Share of a station's social workers on the weekend duty roster (at least weekend_min_on_duty)",
                    kAssume}));
  r.push_back(integer("staffing", "weekend_min_on_duty", FIELD(staffing.weekend_min_on_duty), 2, 0, 50,
                      {"1", "Social workers on weekend duty at the least (or all staff when fewer), so lunch and "
                            "urgent work stay covered",
                       "model specification (odd.md): a weekend roster that keeps lunch covered, default 2 [EST]; "
                       "no source found for stations' weekend duty"}));
  {
    ParamDef p{"staffing", "social_worker_mode", "ebike", "", "walk | ebike",
               "How social workers travel on their rounds", kAssume, {}, {}};
    p.parse = [](Config& c, std::string_view t) {
      const std::string v = trim(t);
      if (v == "walk") c.staffing.social_worker_mode = TravelMode::kWalk;
      else if (v == "ebike") c.staffing.social_worker_mode = TravelMode::kEbike;
      else throw ValueError("'" + v + "' is not one of walk | ebike");
    };
    p.format = [](const Config& c) {
      return std::string(c.staffing.social_worker_mode == TravelMode::kWalk ? "walk" : "ebike");
    };
    r.push_back(p);
  }
  r.push_back(clock("staffing", "shift_start", FIELD(staffing.shift_start_min), "08:30",
                    {"", "Social workers' weekday shift starts", "model specification (odd.md): 8:30-17:30"}));
  r.push_back(clock("staffing", "shift_end", FIELD(staffing.shift_end_min), "17:30",
                    {"", "Social workers' shift ends (later work is overtime)", "model specification (odd.md)"}));
  r.push_back(integer("staffing", "break_min", FIELD(staffing.break_min), 60, 0, 180,
                      {"min", "Lunch break, taken after the lunch round", "model specification (odd.md)"}));
  r.push_back(real("staffing", "admin_share", FIELD(staffing.admin_share), 0.25, 0, 0.9,
                   {"1", "Share of a social worker's working time spent on desk work (registers, reports)", kAssume}));
  r.push_back(integer("staffing", "max_overtime_min", FIELD(staffing.max_overtime_min), 90, 0, 360,
                      {"min", "Longest a social worker works past the shift to finish a task", kAssume}));

  // [general_station]
  r.push_back(integer("general_station", "mobile_team", FIELD(general_station.mobile_team), 2, 0, 20,
                      {"1", "Staff of each district general station who can be lent to stations for a day (policy.lending)",
                       kAssume}));

  // [heat_work]
  r.push_back(real("heat_work", "stop_tmax_c", FIELD(heat_work.stop_tmax_c), 40, 30, 50,
                   {"degC", "Under policy.heat_work_rules = national2012: no outdoor work (volunteers stay home) at or "
                            "above this Tmax",
                    "sources.md: China 2012 outdoor work rules"}));
  r.push_back(real("heat_work", "midday_ban_tmax_c", FIELD(heat_work.midday_ban_tmax_c), 37, 30, 50,
                   {"degC", "From this Tmax (below stop_tmax_c): no outdoor work in the midday hours and a cap on "
                            "outdoor minutes",
                    "sources.md: China 2012 outdoor work rules"}));
  r.push_back(clock("heat_work", "midday_ban_start", FIELD(heat_work.midday_ban_start_min), "12:00",
                    {"", "Start of the midday hours without outdoor work",
                     "sources.md: local rules keep 12:00-15:00 free"}));
  r.push_back(clock("heat_work", "midday_ban_end", FIELD(heat_work.midday_ban_end_min), "15:00",
                    {"", "End of the midday hours without outdoor work", "sources.md: local rules keep 12:00-15:00 free"}));
  r.push_back(real("heat_work", "max_outdoor_min", FIELD(heat_work.max_outdoor_min), 360, 0, 1440,
                   {"min", "Outdoor minutes allowed on a day at or above midday_ban_tmax_c",
                    "sources.md: China 2012 outdoor work rules, at most 6 h"}));

  // [volunteers]
  r.push_back(integer("volunteers", "roster_per_station", FIELD(volunteers.roster_per_station), 10, 0, 1000,
                      {"1", "Active volunteers on each station's roster for home services",
                       "sources.md: 1.47 M registered volunteers (2022), 5-10% active in a week [EST]; roster size an assumption"}));
  r.push_back(real("volunteers", "turnout_weekday", FIELD(volunteers.turnout_weekday), 0.35, 0, 1,
                   {"1", "Probability that a rostered volunteer turns out on a weekday (mild weather)", kAssume}));
  r.push_back(real("volunteers", "turnout_weekend", FIELD(volunteers.turnout_weekend), 0.25, 0, 1,
                   {"1", "Probability that a rostered volunteer turns out on a weekend day (mild weather)", kAssume}));
  r.push_back(real("volunteers", "heat_turnout_onset_c", FIELD(volunteers.heat_turnout_onset_c), 30, 0, 50,
                   {"degC", "Tmax above which volunteer turnout starts to fall",
                    "sources.md: hotter weather predicts less volunteering (direction only); value [EST]"}));
  r.push_back(real("volunteers", "heat_turnout_drop_per_c", FIELD(volunteers.heat_turnout_drop_per_c), 0.05, 0,
                   1, {"1/degC", "Relative fall in turnout per degC above the onset (turnout never below 0)",
                       kAssume}));
  r.push_back(integer("volunteers", "shift_min", FIELD(volunteers.shift_min), 180, 30, 600,
                      {"min", "Length of a volunteer's turnout", kAssume}));
  r.push_back(clock("volunteers", "lunch_shift_start", FIELD(volunteers.lunch_shift_start_min), "11:00",
                    {"", "Start of the lunch shift (most volunteers)", kAssume}));
  r.push_back(clock("volunteers", "afternoon_shift_start", FIELD(volunteers.afternoon_shift_start_min), "14:30",
                    {"", "Start of the afternoon shift (visits, children)", kAssume}));
  r.push_back(real("volunteers", "afternoon_share", FIELD(volunteers.afternoon_share), 0.35, 0, 1,
                   {"1", "Share of turnouts on the afternoon shift rather than the lunch shift", kAssume}));
  r.push_back(real("volunteers", "fatigue_cap_hours", FIELD(volunteers.fatigue_cap_hours), 24, 1, 168,
                   {"h", "Hours worked in the last 7 days at which turnout falls to zero (linearly)", kAssume}));
  r.push_back(real("volunteers", "monthly_dropout", FIELD(volunteers.monthly_dropout), 0.035, 0, 1,
                   {"1", "Share of active volunteers who drop out in a month",
                    "sources.md: more than 1 in 3 quit within a year"}));
  r.push_back(real("volunteers", "overwork_hours", FIELD(volunteers.overwork_hours), 12, 0, 168,
                   {"h", "Hours in the last 7 days above which a volunteer counts as overworked", kAssume}));
  r.push_back(real("volunteers", "overwork_dropout_factor", FIELD(volunteers.overwork_dropout_factor), 2, 1, 20,
                   {"1", "Dropout hazard multiplier for overworked volunteers", kAssume}));
  r.push_back(real("volunteers", "ebike_share", FIELD(volunteers.ebike_share), 0.8, 0, 1,
                   {"1", "Share of volunteers who ride an e-bike (the rest walk)", kAssume}));

  // [lunch]
  r.push_back(real("lunch", "meals_per_100_elders", FIELD(lunch.meals_per_100_elders), 1.65, 0, 100,
                   {"per 100",
                    "Elders enrolled in the meal programme (one lunch a day) per 100 aged 60+, in every station",
                    "CALIBRATION s1: Shandong 350,000 elder-meals a day for 21.221 M aged 60+ = 1.65 per 100 "
                    "(derived); Jinan's own count NOT FOUND"}));
  r.push_back(real("lunch", "delivered_share", FIELD(lunch.delivered_share), 0.17, 0, 1,
                   {"1",
                    "Share of enrolled elders who are homebound (impaired, nobody home by day) and have lunch "
                    "delivered; the rest eat at or collect from a meal point",
                    "CALIBRATION s1: Chongqing canteen, ~60 of ~360 meals a day delivered (17%, derived)"}));
  r.push_back(real("lunch", "warning_switch_share", FIELD(lunch.warning_switch_share), 0.54, 0, 1,
                   {"1",
                    "Share of diners who live alone or are 75+ that book delivery for a day with a heat warning "
                    "(booked the day before, within the meal point's delivery capacity)",
                    "CALIBRATION s1: Beijing survey, 53.9% of elders prefer delivery; assumed realised on warning "
                    "days [EST]"}));
  r.push_back(real("lunch", "points_per_1000_elders", FIELD(lunch.points_per_1000_elders), 2.79, 0.01, 100,
                   {"per 1000",
                    "Meal points (canteens, day-care centres, village kitchens) per 1,000 elders aged 60+ of a "
                    "station's catchment (at least one, at the station)",
                    "CALIBRATION s1: Changqing, 332 points for its 10 units; 595,549 residents x 19.96% aged 60+ "
                    "= 118,872 elders: 2.79 per 1,000 (derived)"}));
  r.push_back(real("lunch", "canteen_share", FIELD(lunch.canteen_share), 0.17, 0, 1,
                   {"1",
                    "Share of meal points that are community canteens whose kitchen delivers (the station's own "
                    "point always is); the others serve diners on site only",
                    "CALIBRATION s1: Shandong 10,095 canteens for 21.221 M aged 60+ (0.476 per 1,000) over "
                    "Changqing's 2.79 meal points per 1,000 (derived)"}));
  r.push_back(integer("lunch", "point_capacity", FIELD(lunch.point_capacity), 35, 1, 10000,
                      {"meals/day",
                       "Meals a meal point serves a day; an elder enrols at the nearest point with room",
                       "CALIBRATION s1: Shandong, 10,095 canteens serve 350,000 meals a day (35 each, derived)"}));
  r.push_back(integer("lunch", "point_kitchen_staff", FIELD(lunch.point_kitchen_staff), 3, 1, 50,
                      {"1", "Kitchen staff of a meal point (cook, serve diners on site)",
                       "assumption [EST]: Yiyuan's village canteen has two cooks (CALIBRATION s1); a canteen that "
                       "delivers has one more"}));
  r.push_back(integer("lunch", "point_couriers", FIELD(lunch.point_couriers), 2, 0, 50,
                      {"1", "Of a canteen's kitchen staff, how many carry deliveries from ready_time",
                       "assumption [EST] (at most point_kitchen_staff): Qingdao Sifang ran 5 delivery vehicles for "
                       "6 canteens; a Chongqing canteen delivers ~60 meals a day (CALIBRATION s1)"}));
  r.push_back(integer("lunch", "point_delivery_capacity", FIELD(lunch.point_delivery_capacity), 12, 0, 1000,
                      {"meals/day",
                       "Deliveries a meal point takes a day at most (more homebound go to the station; warning-day "
                       "bookings beyond it are refused)",
                       "assumption [EST]: a canteen's two couriers with one insulated box each (box_capacity 8) "
                       "less a margin; on ordinary days a canteen delivers about 17% of 35 meals (CALIBRATION s1)"}));
  r.push_back(real("lunch", "point_reach_km", FIELD(lunch.point_reach_km), 5, 0, 100,
                   {"km",
                    "A meal point delivers to homes within this straight-line distance; homebound elders farther "
                    "from every point are delivered by the station",
                    "assumption [EST]: about 25 min by e-bike on roads (Linqu vans serve villages around a town "
                    "kitchen, CALIBRATION s1)"}));
  {
    ParamDef p{"lunch", "point_courier_mode", "ebike", "", "walk | ebike",
               "How a meal point's couriers travel",
               "CALIBRATION s1: Qingdao Sifang canteens deliver with small electric vehicles", {}, {}};
    p.parse = [](Config& c, std::string_view t) {
      const std::string v = trim(t);
      if (v == "walk") c.lunch.point_courier_mode = TravelMode::kWalk;
      else if (v == "ebike") c.lunch.point_courier_mode = TravelMode::kEbike;
      else throw ValueError("'" + v + "' is not one of walk | ebike");
    };
    p.format = [](const Config& c) { return std::string(c.lunch.point_courier_mode == TravelMode::kWalk ? "walk" : "ebike"); };
    r.push_back(p);
  }
  r.push_back(clock("lunch", "ready_time", FIELD(lunch.ready_min), "11:30",
                    {"", "Meals are ready at the canteen", "source article: lunch brought at 11:30"}));
  r.push_back(clock("lunch", "on_time_by", FIELD(lunch.on_time_min), "12:30",
                    {"", "A meal handed over by this time is on time (60 min after ready_time, the programmes' window)",
                     "sources.md: programmes require delivery within 30-60 min (Xuyi: within 1 h)"}));
  r.push_back(clock("lunch", "late_by", FIELD(lunch.late_min), "13:30",
                    {"", "A meal handed over after on_time_by and by this time is late; after it, missed",
                     "sources.md: food eaten within 2 h of cooking (Jurong, Xuyi): 2 h after ready_time"}));
  r.push_back(integer("lunch", "box_capacity", FIELD(lunch.box_capacity), 8, 1, 100,
                      {"1", "Meals one courier carries per trip (insulated box)", "model specification (odd.md)"}));
  r.push_back(real("lunch", "handover_min", FIELD(lunch.handover_min), 5, 0, 60,
                   {"min", "Time to hand over one meal at the door (stairs extra)", "model specification (odd.md)"}));

  // [travel]
  r.push_back(real("travel", "detour_factor", FIELD(travel.detour_factor), 1.3, 1, 3,
                   {"1", "Road distance over straight-line distance", "sources.md: road distance 1.2-1.34 x straight line"}));
  r.push_back(real("travel", "walk_kmh", FIELD(travel.walk_kmh), 4.5, 0.5, 10,
                   {"km/h", "Walking speed in mild weather", "model specification (odd.md)"}));
  r.push_back(real("travel", "ebike_kmh", FIELD(travel.ebike_kmh), 15, 1, 40,
                   {"km/h", "E-bike speed", "model specification (odd.md)"}));
  r.push_back(real("travel", "stair_min_per_floor", FIELD(travel.stair_min_per_floor), 1.0, 0, 10,
                   {"min", "Time to climb one floor without a lift (descending takes half)", "model specification (odd.md)"}));
  r.push_back(real("travel", "heat_slowdown_onset_c", FIELD(travel.heat_slowdown_onset_c), 32, 0, 50,
                   {"degC", "Tmax above which walking and stair climbing slow down", kAssume}));
  r.push_back(real("travel", "heat_walk_slowdown_per_c", FIELD(travel.heat_walk_slowdown_per_c), 0.03, 0, 0.2,
                   {"1/degC", "Relative slowing of walking and stair climbing per degC of Tmax above the onset",
                    kAssume}));
  r.push_back(real("travel", "min_heat_speed_factor", FIELD(travel.min_heat_speed_factor), 0.5, 0.05, 1,
                   {"1", "Walking and stair climbing never slow below this share of their mild-weather speed", kAssume}));

  // [health]
  r.push_back(enum_choice("health", "exposure", FIELD(health.exposure), "tmax",
                          std::vector<std::pair<std::string, HeatExposure>>{{"tmax", HeatExposure::kTmax},
                                                                            {"apparent", HeatExposure::kApparent}},
                          {"", "What heat illness responds to: daily Tmax, or the apparent temperature (BoM, no "
                               "radiation) of Tmax with the day's humidity and weather.wind_ms",
                           "sources.md, Heat exposure: Tmax predicted heat illness better than humidity indices "
                           "(Ningbo 2014; Armstrong et al. 2019); Li et al. 2017 (Jinan) on Tmax"}));
  r.push_back(real("health", "threshold_c", FIELD(health.threshold_c), 32, 20, 45,
                   {"degC", "Tmax above which heat raises mortality (expected excess deaths)",
                    "Li et al., Environ Res 2017 (Jinan): 32 degC"}));
  r.push_back(real("health", "illness_threshold_c", FIELD(health.illness_threshold_c), 32, 20, 45,
                   {"degC", "Tmax above which the heat-illness hazard rises (health.exposure = tmax)",
                    "Li et al. 2017 (Jinan): 32 degC"}));
  r.push_back(real("health", "illness_threshold_apparent_c", FIELD(health.illness_threshold_apparent_c), 36, 20, 55,
                   {"degC", "Apparent temperature above which the heat-illness hazard rises (health.exposure = apparent)",
                    "the apparent temperature of Tmax 32 degC at 60% humidity and 2 m/s wind [EST]"}));
  r.push_back(real("health", "illness_rr_per_c", FIELD(health.illness_rr_per_c), 1.21, 1, 3,
                   {"1/degC", "Heat-illness rate ratio per degC of lagged exposure above the illness threshold",
                    "fitted: heat-wave days / other summer days = 2.5 in summer 2022 (Bobb et al. 2014: 2.54; "
                    "sources.md, Calibration)"}));
  r.push_back(real("health", "base_hazard_per_day", FIELD(health.base_hazard_per_day), 5.46e-6, 0, 0.1,
                   {"1/day",
                    "Daily heat-illness hazard at or below the threshold for an elder with no risk modifiers",
                    "fitted: 0.85 heat-illness events per 100,000 aged 65+ per summer day in summer 2022 (Japan "
                    "FDMA 2020; sources.md, Calibration)"}));
  r.push_back(real("health", "rr_per_c_65plus", FIELD(health.rr_per_c_65plus), 1.038, 1, 2,
                   {"1/degC", "Relative risk per degC of lagged Tmax above the threshold, age 65+",
                    "Li et al. 2017: 1.038 (1.026-1.050)"}));
  r.push_back(real("health", "rr_per_c_60_64", FIELD(health.rr_per_c_60_64), 1.01, 1, 2,
                   {"1/degC", "Relative risk per degC above the threshold, age 60-64",
                    "Li et al. 2017: no significant effect at 64 or below [EST weak value]"}));
  {
    ParamDef p{"health", "lag_weights", "0.4, 0.3, 0.2, 0.1", "1", "1-8 non-negative weights summing to 1",
               "Weights of the excess Tmax on the day and the days before (lag 0, 1, ...)",
               "sources.md: heat effects last about 3 days (lags 0-3); weights [EST]", {}, {}};
    p.parse = [](Config& c, std::string_view t) {
      std::vector<double> w;
      for (const auto& item : split(t, ',')) w.push_back(parse_double(item));
      if (w.empty() || w.size() > 8) throw ValueError("give 1 to 8 comma-separated weights");
      double sum = 0;
      for (double x : w) {
        if (x < 0) throw ValueError("weights must not be negative");
        sum += x;
      }
      if (std::abs(sum - 1.0) > 1e-6) throw ValueError("weights sum to " + format_number(sum) + ", not 1");
      c.health.lag_weights = w;
    };
    p.format = [](const Config& c) {
      std::string s;
      for (double x : c.health.lag_weights) s += (s.empty() ? "" : ", ") + format_number(x);
      return s;
    };
    r.push_back(p);
  }
  r.push_back(real("health", "or_bedridden", FIELD(health.or_bedridden), 6.44, 0, 50,
                   {"1", "Hazard multiplier for the fully disabled (confined to bed)", "Bouchama et al. 2007: OR 6.44"}));
  r.push_back(real("health", "or_homebound", FIELD(health.or_homebound), 3.35, 0, 50,
                   {"1", "Hazard multiplier for the semi-disabled (not leaving home daily)",
                    "Bouchama et al. 2007: OR 3.35"}));
  r.push_back(real("health", "or_air_conditioning", FIELD(health.or_air_conditioning), 0.23, 0, 10,
                   {"1", "Hazard multiplier for elders with working air conditioning", "Bouchama et al. 2007: OR 0.23"}));
  r.push_back(real("health", "or_living_alone", FIELD(health.or_living_alone), 2.3, 0, 50,
                   {"1", "Hazard multiplier for elders living alone", "Semenza et al. 1996: OR 2.3"}));
  r.push_back(real("health", "hot_night_tmin_c", FIELD(health.hot_night_tmin_c), 27, 10, 40,
                   {"degC", "Tmin at or above which the night is hot", kAssume}));
  r.push_back(real("health", "hot_night_factor", FIELD(health.hot_night_factor), 1.3, 1, 10,
                   {"1", "Extra hazard multiplier on days hot by day and night",
                    "Xing et al. 2023 (Shandong) direction; value [EST]"}));
  r.push_back(real("health", "hot_night_factor_75plus", FIELD(health.hot_night_factor_75plus), 1.57, 1, 10,
                   {"1", "The hot-night multiplier for elders aged 75+",
                    "Xing et al. 2023: RR 2.14 over 74 vs 1.77 overall; 1.3 x 2.14/1.77 [EST]"}));
  r.push_back(real("health", "meal_contact_detection", FIELD(health.meal_contact_detection), 0.5, 0, 1,
                   {"1", "Probability that a meal hand-over to a heat-ill elder notices the illness",
                    "sources.md: 53% of Chicago 1999 heat deaths had been seen the day before; value [EST]"}));
  r.push_back(real("health", "hospitalisation_found_early", FIELD(health.hospitalisation_found_early), 0.10, 0,
                   1, {"1", "Probability of hospitalisation of a mild episode found within health.early_min", kAssume}));
  r.push_back(real("health", "hospitalisation_found_late", FIELD(health.hospitalisation_found_late), 0.30, 0,
                   1, {"1", "Probability of hospitalisation of a mild episode found later or not found", kAssume}));
  r.push_back(real("health", "hospitalisation_severe", FIELD(health.hospitalisation_severe), 0.90, 0, 1,
                   {"1", "Probability that a severe episode the elder survives ends in hospital",
                    "Wu et al. 2014: 54.6% of heat-stroke ED visits admitted (all severities); severe higher [EST]"}));
  r.push_back(real("health", "severe_share", FIELD(health.severe_share), 0.45, 0, 1,
                   {"1", "Share of heat-illness episodes that are severe",
                    "China CDC 2010-2023: 32% (all ages, +15% per 5 years of age); Jinan 58-71% [EST]"}));
  r.push_back(real("health", "onset_from_min", FIELD(health.onset_from_min), 600, 0, 1439,
                   {"min", "Earliest onset time of day (uniform between onset_from_min and onset_to_min)", kAssume}));
  r.push_back(real("health", "onset_to_min", FIELD(health.onset_to_min), 1200, 1, 1440,
                   {"min", "Latest onset time of day", kAssume}));
  r.push_back(real("health", "early_min", FIELD(health.early_min), 60, 1, 1440,
                   {"min", "Found (and cooled) within this many minutes of onset: found early",
                    "Bouchama et al. 2007: cooled within 60 min, mortality 15% vs 33%"}));
  r.push_back(real("health", "family_detection", FIELD(health.family_detection), 0.8, 0, 1,
                   {"1", "Probability that family at home notices the episode", kAssume}));
  r.push_back(real("health", "spouse_detection", FIELD(health.spouse_detection), 0.6, 0, 1,
                   {"1", "Probability that an older spouse (couple living alone) notices the episode", kAssume}));
  r.push_back(real("health", "family_notice_min", FIELD(health.family_notice_min), 30, 0, 1440,
                   {"min", "Minutes from onset (or from coming home) until family at home notices", kAssume}));
  r.push_back(real("health", "family_home_from_min", FIELD(health.family_home_from_min), 1080, 0, 1440,
                   {"min", "When family away by day comes home (time of day)", kAssume}));
  r.push_back(real("health", "neighbour_detection", FIELD(health.neighbour_detection), 0.2, 0, 1,
                   {"1", "Probability that a neighbour looks in and notices within 24 h of onset (any time then)",
                    kAssume}));
  r.push_back(real("health", "alarm_after_min", FIELD(health.alarm_after_min), 480, 0, 1440,
                   {"min", "The alarm platform raises an alert after this long without movement",
                    "Lixia 亲情E联: infrared sensors, alert after 8 h without movement"}));
  r.push_back(real("health", "alarm_detection", FIELD(health.alarm_detection), 0.9, 0, 1,
                   {"1", "Probability that the alarm's alert brings someone to the elder", kAssume}));
  r.push_back(real("health", "death_severe_early", FIELD(health.death_severe_early), 0.062, 0, 1,
                   {"1", "Death probability of a severe episode cooled within health.early_min",
                    "0.41 heat stroke among severe (Jinan 35-47%) x 15% (Bouchama et al. 2007) [EST]"}));
  r.push_back(real("health", "death_severe_late", FIELD(health.death_severe_late), 0.135, 0, 1,
                   {"1", "Death probability of a severe episode found later within 24 h",
                    "0.41 x 33% (Bouchama et al. 2007) [EST]"}));
  r.push_back(real("health", "death_severe_not_found", FIELD(health.death_severe_not_found), 0.26, 0, 1,
                   {"1", "Death probability of a severe episode nobody finds within 24 h",
                    "0.41 x 62.6% (France 2003 ICU heat stroke, Misset 2006) [EST]"}));
  r.push_back(real("health", "death_mild", FIELD(health.death_mild), 0.0, 0, 1,
                   {"1", "Death probability of a mild episode",
                    "China CDC 2010-2023: CFR 1.98% overall = 32% severe x 6.19%, so none among mild"}));
  r.push_back(real("health", "prevention_rr", FIELD(health.prevention_rr), 0.70, 0, 1,
                   {"1", "Heat-illness hazard multiplier after a call or visit on a hot day, from the contact to the end of that day",
                    "Rome programme RR 0.70 (Orlando et al. 2021); social contact OR 0.40 [EST]"}));
  r.push_back(integer("health", "ill_days", FIELD(health.ill_days), 3, 1, 60,
                      {"day", "Days a heat-ill elder at home takes to recover", kAssume}));
  r.push_back(integer("health", "hospital_days", FIELD(health.hospital_days), 7, 1, 120,
                      {"day", "Days in hospital after a heat illness (no lunch needed meanwhile)", kAssume}));
  r.push_back(real("health", "baseline_mortality_per_year", FIELD(health.baseline_mortality_per_year), 0.0196, 0,
                   0.5,
                   {"1/year", "Baseline mortality of the 60+, for expected excess deaths (RR applied without individual modifiers)",
                    "sources.md: Jinan 45-48 k deaths a year, about 80% aged 60+ [EST]"}));

  // [policy]
  r.push_back(flag("policy", "heat_checkins", FIELD(policy.heat_checkins), false,
                   {"", "While a heat warning is in force, high-risk elders get a daily assessing call and a visit",
                    "model specification (odd.md)"}));
  r.push_back(enum_choice("policy", "heat_work_rules", FIELD(policy.heat_work_rules), "none",
                          std::vector<std::pair<std::string, HeatWorkRules>>{{"none", HeatWorkRules::kNone},
                                                                              {"national2012", HeatWorkRules::kNational2012}},
                     {"", "Volunteers' outdoor work in heat: none, or the 2012 national rules (none at >= 40 degC; at "
                          "37-40 degC none 12:00-15:00 and at most 6 h)",
                      "sources.md: China 2012 outdoor work rules"}));
  r.push_back(flag("policy", "lending", FIELD(policy.lending), false,
                   {"", "General stations lend their mobile team each day to their most loaded stations",
                    "model specification (odd.md)"}));
  r.push_back(flag("policy", "shidu_activity", FIELD(policy.shidu_activity), false,
                   {"", "A monthly group activity for elders who lost their only child, instead of two gifts a year",
                    "model specification (odd.md)"}));
  r.push_back(real("policy", "station_coverage", FIELD(policy.station_coverage), 1.0, 0.0, 1.0,
                   {"1", "Share of streets/towns with a station (at least one per area); the others' residents are "
                         "served by the nearest remaining station of their area",
                    "sources.md: full coverage since 2021; Shandong 74% in 2021"},
                   true));
  r.push_back(real("policy", "alarm_coverage", FIELD(policy.alarm_coverage), 0.107, 0, 1,
                   {"1", "Share of elders living alone with the no-movement alarm (Lixia 亲情E联)",
                    "Lixia: 2,315 households of about 21,700 elders living alone (15% of its 60+) [EST]"}));

  // [caseload]
  r.push_back(real("caseload", "chronic_share", FIELD(caseload.chronic_share), 0.1, 0, 1,
                   {"1", "Share of registered elders for whom the station buys medicine about monthly",
                    "assumption: most registered elders or their families buy their own; rescaled from 0.6 of a "
                    "3% register when registers became full, keeping the errands near their old number"}));
  r.push_back(integer("caseload", "medicine_interval_days", FIELD(caseload.medicine_interval_days), 30, 1, 365,
                      {"day", "Days between medicine purchases", "model specification (odd.md): about monthly"}));
  r.push_back(integer("caseload", "medicine_window_days", FIELD(caseload.medicine_window_days), 2, 1, 30,
                      {"day", "Days within which a medicine purchase is due", "model specification (odd.md)"}));
  r.push_back(integer("caseload", "escort_interval_days", FIELD(caseload.escort_interval_days), 360, 1, 3650,
                      {"day", "Mean days between appointments an impaired registered elder needs the station to "
                              "escort",
                       "assumption: family escorts most; rescaled from 120 when registers became full, keeping "
                       "the escorts near their old number"}));
  r.push_back(integer("caseload", "visit_interval_high_days", FIELD(caseload.visit_interval_high_days), 7, 1, 365,
                      {"day", "Visit interval for high-risk elders (80+ living alone, disabled with nobody home by day)",
                       "sources.md: weekly"}));
  r.push_back(integer("caseload", "visit_interval_key_days", FIELD(caseload.visit_interval_key_days), 30, 1, 365,
                      {"day", "Visit interval for key elders (impaired, shidu)", "sources.md: monthly"}));
  r.push_back(integer("caseload", "visit_interval_general_days", FIELD(caseload.visit_interval_general_days), 91,
                      1, 365, {"day", "Visit interval for other registered elders", "sources.md: quarterly"}));
  r.push_back(integer("caseload", "visit_slack_high_days", FIELD(caseload.visit_slack_high_days), 1, 0, 60,
                      {"day", "Days a high-risk visit may slip before it is overdue", kAssume}));
  r.push_back(integer("caseload", "visit_slack_key_days", FIELD(caseload.visit_slack_key_days), 7, 0, 120,
                      {"day", "Days a key visit may slip before it is overdue", kAssume}));
  r.push_back(integer("caseload", "visit_slack_general_days", FIELD(caseload.visit_slack_general_days), 14, 0, 180,
                      {"day", "Days a general visit may slip before it is overdue", kAssume}));
  r.push_back(real("caseload", "visit_time_share", FIELD(caseload.visit_time_share), 0.6, 0, 1,
                   {"1", "Share of the field time left after check-ins, escorts and medicine that routine visits may take "
                         "(the rest is kept for children's sessions and activities)", kAssume}));
  r.push_back(real("caseload", "afternoon_appointment_share", FIELD(caseload.afternoon_appointment_share), 0.5, 0, 1,
                   {"1", "Share of outpatient appointments after lunch (the rest in the morning)", kAssume}));
  r.push_back(clock("caseload", "morning_appointment_by", FIELD(caseload.morning_appointment_by), "09:00",
                    {"", "A morning escort leaves between the shift start and this time", kAssume}));
  r.push_back(clock("caseload", "afternoon_appointment_from", FIELD(caseload.afternoon_appointment_from), "13:30",
                    {"", "An afternoon escort leaves from this time ...", kAssume}));
  r.push_back(clock("caseload", "afternoon_appointment_by", FIELD(caseload.afternoon_appointment_by), "14:30",
                    {"", "... and by this time", kAssume}));

  // [services]
  r.push_back(real("services", "visit_min", FIELD(services.visit_min), 30, 1, 600, {"min", "Home visit", "model specification (odd.md)"}));
  r.push_back(real("services", "medicine_min", FIELD(services.medicine_min), 45, 1, 600,
                   {"min", "Buying and bringing medicine (besides travel to the home)", "model specification (odd.md)"}));
  r.push_back(real("services", "escort_min", FIELD(services.escort_min), 180, 1, 900,
                   {"min", "Escort to the doctor and back", "model specification (odd.md)"}));
  r.push_back(real("services", "child_care_min", FIELD(services.child_care_min), 120, 1, 600,
                   {"min", "Care for a child on a day the guardian is away", "model specification (odd.md)"}));
  r.push_back(real("services", "tutoring_min", FIELD(services.tutoring_min), 90, 1, 600,
                   {"min", "Weekly tutoring session", "model specification (odd.md)"}));
  r.push_back(real("services", "activity_min", FIELD(services.activity_min), 120, 1, 600,
                   {"min", "Group activity, for its organiser", "model specification (odd.md)"}));
  r.push_back(real("services", "call_min", FIELD(services.call_min), 5, 1, 60,
                   {"min", "Heat check-in call from the station", kAssume}));
  r.push_back(real("services", "urgent_escort_max_wait_min", FIELD(services.urgent_escort_max_wait_min), 120, 0,
                   1440, {"min", "An urgent escort not started within this time is unserved (the family or 120 take over)",
                          kAssume}));
  r.push_back(real("services", "call_detection", FIELD(services.call_detection), 0.6, 0, 1,
                   {"1", "Probability that an assessing call notices heat illness", kAssume}));
  r.push_back(real("services", "visit_detection", FIELD(services.visit_detection), 0.9, 0, 1,
                   {"1", "Probability that a visit notices heat illness", kAssume}));
  r.push_back(clock("services", "checkin_call_by", FIELD(services.checkin_call_by), "11:00",
                    {"", "Heat check-in calls are made between the shift start and this time (before the heat of the day)",
                     kAssume}));
  r.push_back(clock("services", "activity_start", FIELD(services.activity_start), "14:00",
                    {"", "Start of the monthly group activity for shidu elders", kAssume}));

  // [children]
  r.push_back(real("children", "share_0_14", FIELD(children.share_0_14), 0.1644, 0, 0.5,
                   {"1", "Share of residents aged 0-14", "2020 census, Jinan: 16.44%"}));
  r.push_back(real("children", "orphan_per_1000", FIELD(children.orphan_per_1000), 0.65, 0, 100,
                   {"1", "Orphans per 1,000 children", "sources.md: China 2020-21 [EST rate]"}));
  r.push_back(real("children", "unsupported_per_1000", FIELD(children.unsupported_per_1000), 0.85, 0, 100,
                   {"1", "De-facto unsupported children per 1,000 children", "sources.md: China 2020-21 [EST rate]"}));
  r.push_back(real("children", "disabled_ill_per_1000", FIELD(children.disabled_ill_per_1000), 2.0, 0, 100,
                   {"1", "Children with a disability or serious illness needing station care, per 1,000 children",
                    "no published count [EST]"}));
  r.push_back(real("children", "left_behind_per_1000", FIELD(children.left_behind_per_1000), 3.0, 0, 200,
                   {"1", "Left-behind children per 1,000 children", kAssume}));
  r.push_back(real("children", "register_share", FIELD(children.register_share), 0.1, 0, 1,
                   {"1", "Share of children in difficulty on the station's register for care and tutoring", kAssume}));
  r.push_back(real("children", "guardian_away_prob", FIELD(children.guardian_away_prob), 0.25, 0, 1,
                   {"1", "Daily probability that a registered child's guardian is away (care needed)", kAssume}));
  r.push_back(clock("children", "care_start", FIELD(children.care_start_min), "14:30",
                    {"", "Earliest start of child care and tutoring (after school)", kAssume}));
  r.push_back(clock("children", "care_end", FIELD(children.care_end_min), "19:00",
                    {"", "Child care and tutoring must end by this time", kAssume}));

  // [loneliness]
  r.push_back(real("loneliness", "initial_mean", FIELD(loneliness.initial_mean), 4.8, 3, 9,
                   {"1", "Mean 3-item UCLA loneliness score (3-9) of registered elders at the start",
                    "sources.md: 28-30% of older Chinese lonely [EST]"}));
  r.push_back(real("loneliness", "initial_sd", FIELD(loneliness.initial_sd), 1.4, 0, 5,
                   {"1", "Standard deviation of the initial score", kAssume}));
  r.push_back(real("loneliness", "alone_extra", FIELD(loneliness.alone_extra), 1.0, 0, 6,
                   {"1", "Extra initial score for elders living alone", kAssume}));
  r.push_back(real("loneliness", "shidu_extra", FIELD(loneliness.shidu_extra), 1.0, 0, 6,
                   {"1", "Extra initial score for elders who lost their only child", kAssume}));
  r.push_back(real("loneliness", "reversion_per_day", FIELD(loneliness.reversion_per_day), 0.02, 0, 1,
                   {"1/day", "Daily share of the gap to the personal baseline that closes without contact", kAssume}));
  r.push_back(real("loneliness", "visit_effect", FIELD(loneliness.visit_effect), 0.15, 0, 6,
                   {"1", "Fall in the score after a visit", kAssume}));
  r.push_back(real("loneliness", "call_effect", FIELD(loneliness.call_effect), 0.1, 0, 6,
                   {"1", "Fall in the score after an assessing call",
                    "Kahlon et al. 2021: about 13 calls in 4 weeks lowered UCLA-3 by 1.1 [EST per call]"}));
  r.push_back(real("loneliness", "activity_effect", FIELD(loneliness.activity_effect), 0.45, 0, 6,
                   {"1", "Fall in the score after a group activity",
                    "sources.md: group activities d about -0.27 [EST per activity]"}));
  r.push_back(real("loneliness", "meal_effect", FIELD(loneliness.meal_effect), 0.02, 0, 6,
                   {"1", "Fall in the score after a lunch hand-over", kAssume}));
  r.push_back(real("loneliness", "activity_attendance", FIELD(loneliness.activity_attendance), 0.6, 0, 1,
                   {"1", "Share of invited shidu elders who attend a group activity", kAssume}));
  r.push_back(integer("loneliness", "activity_day_of_month", FIELD(loneliness.activity_day_of_month), 15, 1, 28,
                      {"day", "Day of the month of the shidu group activity (moved to Monday when a weekend)", kAssume}));

  // [cost]
  r.push_back(real("cost", "social_worker_yuan_per_day", FIELD(cost.social_worker_yuan_per_day), 260, 0, 10000,
                   {"yuan", "Cost of a social worker on duty for a day (lent staff included)", kAssume}));
  r.push_back(real("cost", "overtime_yuan_per_hour", FIELD(cost.overtime_yuan_per_hour), 50, 0, 10000,
                   {"yuan/h", "Overtime pay", kAssume}));
  r.push_back(real("cost", "volunteer_allowance_yuan", FIELD(cost.volunteer_allowance_yuan), 20, 0, 1000,
                   {"yuan", "Allowance per volunteer turnout (transport, water)", kAssume}));
  r.push_back(real("cost", "meal_yuan", FIELD(cost.meal_yuan), 15, 0, 1000,
                   {"yuan", "Cost of a delivered lunch (subsidised part)", kAssume}));
  r.push_back(real("cost", "travel_yuan_per_km", FIELD(cost.travel_yuan_per_km), 0.3, 0, 100,
                   {"yuan/km", "Travel cost per km", kAssume}));
  r.push_back(real("cost", "activity_yuan_fixed", FIELD(cost.activity_yuan_fixed), 300, 0, 100000,
                   {"yuan", "Fixed cost of a group activity", kAssume}));
  r.push_back(real("cost", "activity_yuan_per_attendee", FIELD(cost.activity_yuan_per_attendee), 40, 0, 10000,
                   {"yuan", "Cost per attendee of a group activity", kAssume}));
  r.push_back(real("cost", "gift_yuan", FIELD(cost.gift_yuan), 200, 0, 100000,
                   {"yuan", "Value of one gift to a shidu elder (without the activity policy; accrued daily)",
                    kAssume}));
  r.push_back(real("cost", "gifts_per_year", FIELD(cost.gifts_per_year), 2, 0, 52,
                   {"1/year", "Gifts a year to each registered shidu elder without the activity policy",
                    "model specification (odd.md): two gifts a year"}));
  return r;
}

#undef FIELD

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j)
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0u : 1u)});
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

}  // namespace

std::string format_number(double v) {
  char buf[64];
  auto [p, ec] = std::to_chars(buf, buf + sizeof buf, v);
  return ec == std::errc() ? std::string(buf, p) : std::string("nan");
}

std::string format_clock(int m) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%02d:%02d", m / 60, m % 60);
  return buf;
}

const std::vector<ParamDef>& parameter_registry() {
  static const std::vector<ParamDef> registry = build_registry();
  return registry;
}

const ParamDef* find_parameter(std::string_view key) {
  for (const auto& p : parameter_registry())
    if (p.key() == key) return &p;
  return nullptr;
}

std::vector<std::string> similar_keys(std::string_view key, std::size_t max_results) {
  std::vector<std::pair<std::size_t, std::string>> scored;
  for (const auto& p : parameter_registry()) {
    const std::string k = p.key();
    std::size_t d = edit_distance(key, k);
    // A right name in the wrong section, or a right section with a close name, is a good hint.
    const auto dot = key.find('.');
    const std::string_view bare = dot == std::string_view::npos ? key : key.substr(dot + 1);
    if (bare == p.name) d = std::min<std::size_t>(d, 1);
    if (d <= std::max<std::size_t>(3, k.size() / 4)) scored.emplace_back(d, k);
  }
  std::sort(scored.begin(), scored.end());
  std::vector<std::string> out;
  for (std::size_t i = 0; i < scored.size() && i < max_results; ++i) out.push_back(scored[i].second);
  return out;
}

Config::Config() {
  for (const auto& p : parameter_registry()) p.parse(*this, p.default_value);
}

Config default_config() { return Config{}; }

void validate_config(const Config& c) {
  const auto& l = c.lunch;
  if (!(l.ready_min < l.on_time_min && l.on_time_min <= l.late_min))
    throw ValueError("lunch.ready_time < lunch.on_time_by <= lunch.late_by must hold (got " +
                     format_clock(l.ready_min) + ", " + format_clock(l.on_time_min) + ", " +
                     format_clock(l.late_min) + ")");
  if (l.point_couriers > l.point_kitchen_staff)
    throw ValueError("lunch.point_couriers (" + std::to_string(l.point_couriers) +
                     ") must not exceed lunch.point_kitchen_staff (" + std::to_string(l.point_kitchen_staff) + ")");
  const auto& p = c.population;
  const double living = p.living_alone_share + p.couple_share + p.family_away_by_day_share;
  if (living > 1.0 + 1e-12)
    throw ValueError("population.living_alone_share + couple_share + family_away_by_day_share = " +
                     format_number(living) + " exceeds 1");
  if (p.tekun_share + p.dibao_share > 1.0)
    throw ValueError("population.tekun_share + dibao_share exceeds 1");
  if (p.share_65plus >= p.share_60plus)
    throw ValueError("population.share_65plus must be below population.share_60plus");
  if (p.share_80plus_of_60plus >= p.share_65plus / p.share_60plus)
    throw ValueError("population.share_80plus_of_60plus must be below the 65+ share of the 60+ (" +
                     format_number(p.share_65plus / p.share_60plus) + ")");
  if (c.staffing.shift_start_min >= c.staffing.shift_end_min)
    throw ValueError("staffing.shift_start must be before staffing.shift_end");
  if (c.children.care_start_min >= c.children.care_end_min)
    throw ValueError("children.care_start must be before children.care_end");
  if (c.heat_work.midday_ban_start_min >= c.heat_work.midday_ban_end_min)
    throw ValueError("heat_work.midday_ban_start must be before heat_work.midday_ban_end");
  if (c.caseload.afternoon_appointment_from > c.caseload.afternoon_appointment_by)
    throw ValueError("caseload.afternoon_appointment_from must not be after caseload.afternoon_appointment_by");
  if (!(c.weather.heat_wave_tmax_c <= c.weather.orange_tmax_c && c.weather.orange_tmax_c <= c.weather.red_tmax_c))
    throw ValueError("weather.heat_wave_tmax_c <= weather.orange_tmax_c <= weather.red_tmax_c must hold");
  if (c.weather.source == WeatherSource::kCsv && c.weather.csv_file.empty())
    throw ValueError("weather.source = csv needs weather.csv_file");
  if (c.health.onset_from_min >= c.health.onset_to_min)
    throw ValueError("health.onset_from_min must be below health.onset_to_min");
}

}  // namespace swsim
