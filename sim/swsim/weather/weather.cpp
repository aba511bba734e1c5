#include "swsim/util/text.hpp"
#include "swsim/weather/weather.hpp"

#include <charconv>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "swsim/config/parameters.hpp"
#include "swsim/util/error.hpp"
#include "swsim/util/rng.hpp"

namespace swsim {
namespace {

constexpr double kPi = 3.14159265358979323846;

// Comma-separated fields, trimmed; a trailing comma makes a last empty field (so "a,b,c,d," has 5).
std::vector<std::string> split_fields(const std::string& line) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (true) {
    const auto comma = line.find(',', start);
    out.push_back(trim(line.substr(start, comma == std::string::npos ? std::string::npos : comma - start)));
    if (comma == std::string::npos) return out;
    start = comma + 1;
  }
}

}  // namespace

std::vector<WeatherDay> generate_weather(const Config& cfg) {
  const auto& w = cfg.weather;
  const int n = cfg.run.days;
  const std::int64_t day0 = days_from_civil(cfg.run.start_date);
  const std::int64_t june1 = days_from_civil(Date{cfg.run.start_date.year, 6, 1});
  std::vector<WeatherDay> out(static_cast<std::size_t>(n));
  double noise_t = 0, noise_rh = 0;
  const double innov = std::sqrt(1 - w.noise_ar1 * w.noise_ar1);
  for (int d = 0; d < n; ++d) {
    Stream s(w.seed, 0, static_cast<std::uint32_t>(d), StreamKind::kWeather);
    const double since_june1 = static_cast<double>(day0 + d - june1);
    // Seasonal curve: a cosine peaking tmax_peak_day days after 1 June, period one year.
    const double seasonal =
        w.tmax_mean_c + w.tmax_seasonal_amp_c * std::cos(2 * kPi * (since_june1 - w.tmax_peak_day) / 365.0);
    const double z_t = s.normal_at(Draw::kTmaxNoise), z_rh = s.normal_at(Draw::kRhNoise);
    noise_t = d == 0 ? w.noise_sd_c * z_t : w.noise_ar1 * noise_t + innov * w.noise_sd_c * z_t;
    noise_rh = d == 0 ? w.rh_noise_sd_pct * z_rh : w.noise_ar1 * noise_rh + innov * w.rh_noise_sd_pct * z_rh;
    const double frac = std::clamp(since_june1 / 91.0, 0.0, 1.0);
    WeatherDay& day = out[static_cast<std::size_t>(d)];
    day.tmax_c = seasonal + noise_t;
    day.tmin_c = day.tmax_c - w.diurnal_range_c + 0.5 * s.normal_at(Draw::kTminNoise);
    day.rh_pct = std::clamp(w.rh_start_pct + (w.rh_end_pct - w.rh_start_pct) * frac + noise_rh, 5.0, 100.0);
  }
  // Heat waves replace the generated values on their days: Tmax rises to the peak in the middle of the
  // wave (2 degC lower at its ends, never below 35 degC when the peak reaches it), small noise on top.
  for (const auto& hw : w.heat_waves) {
    const std::int64_t first = days_from_civil(hw.start) - day0;
    for (int k = 0; k < hw.days; ++k) {
      const std::int64_t d = first + k;
      if (d < 0 || d >= n) continue;
      Stream s(w.seed, 1, static_cast<std::uint32_t>(d), StreamKind::kWeather);
      const double mid = (hw.days - 1) / 2.0;
      const double rel = hw.days > 1 ? std::abs(k - mid) / std::max(mid, 0.5) : 0.0;
      double t = hw.peak_tmax_c - 2.0 * rel * rel + 0.4 * s.normal_at(Draw::kWaveTmaxNoise);
      t = std::min(t, hw.peak_tmax_c);
      if (hw.peak_tmax_c >= 35) t = std::max(t, 35.0);
      WeatherDay& day = out[static_cast<std::size_t>(d)];
      day.tmax_c = t;
      const double z_tmin = s.normal_at(Draw::kWaveTminNoise);
      day.tmin_c = hw.has_tmin() ? hw.tmin_c + 0.5 * z_tmin : t - w.diurnal_range_c + 0.5 * z_tmin;
      day.rh_pct = std::clamp(hw.rh_pct + 3.0 * s.normal_at(Draw::kWaveRhNoise), 5.0, 100.0);
    }
  }
  for (auto& day : out) {  // keep a tidy number of decimals, as a station record would
    day.tmax_c = std::round(day.tmax_c * 10) / 10;
    day.tmin_c = std::round(std::min(day.tmin_c, day.tmax_c) * 10) / 10;
    day.rh_pct = std::round(day.rh_pct);
  }
  return out;
}

std::vector<WeatherDay> load_weather_csv(const std::string& path, const Date& start, int days) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) throw InputError(path + ": is a directory, not a weather CSV file");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path + ": weather CSV file not found or not readable");
  std::ostringstream buf;
  buf << in.rdbuf();
  return parse_weather_csv(buf.str(), path, start, days);
}

std::vector<WeatherDay> parse_weather_csv(const std::string& text, const std::string& path, const Date& start,
                                          int days) {
  std::istringstream in(text);
  std::string line;
  int line_no = 0;
  if (!std::getline(in, line)) throw InputError(path + ": empty weather CSV (expected header date,tmax_c,tmin_c,rh)");
  ++line_no;
  if (line.compare(0, 3, "\xEF\xBB\xBF") == 0) line.erase(0, 3);  // UTF-8 byte-order mark
  if (split_fields(line) != std::vector<std::string>{"date", "tmax_c", "tmin_c", "rh"})
    throw InputError(path + ":1: header must be 'date,tmax_c,tmin_c,rh'");
  const std::int64_t day0 = days_from_civil(start);
  std::map<std::int64_t, WeatherDay> by_day;
  while (std::getline(in, line)) {
    ++line_no;
    if (trim(line).empty()) continue;
    const std::string where = path + ":" + std::to_string(line_no) + ": ";
    const std::vector<std::string> f = split_fields(line);
    if (f.size() != 4) throw InputError(where + "expected 4 fields date,tmax_c,tmin_c,rh, found " + std::to_string(f.size()));
    auto date = parse_date(f[0]);
    if (!date) throw InputError(where + "'" + shown(f[0]) + "' is not a date YYYY-MM-DD");
    double v[3];
    const char* names[3] = {"tmax_c", "tmin_c", "rh"};
    for (int k = 0; k < 3; ++k) {
      const std::string& t = f[static_cast<std::size_t>(k + 1)];
      // from_chars, not stod: independent of the locale, no hex floats, no leading blanks.
      const char* b = t.data() + (!t.empty() && t[0] == '+' ? 1 : 0);
      auto [p, err] = std::from_chars(b, t.data() + t.size(), v[k]);
      if (t.empty() || err != std::errc() || p != t.data() + t.size() || !std::isfinite(v[k]))
        throw InputError(where + names[k] + " '" + shown(t) + "' is not a number");
    }
    if (v[0] < -40 || v[0] > 55) throw InputError(where + "tmax_c " + format_number(v[0]) + " is out of range [-40, 55]");
    if (v[1] < -50 || v[1] > v[0]) throw InputError(where + "tmin_c " + format_number(v[1]) + " must be at least -50 and at most tmax_c");
    if (v[2] < 0 || v[2] > 100) throw InputError(where + "rh " + format_number(v[2]) + " is out of range [0, 100]");
    const std::int64_t dn = days_from_civil(*date);
    if (by_day.count(dn)) throw InputError(where + "date " + f[0] + " appears twice");
    by_day[dn] = WeatherDay{v[0], v[1], v[2], false, HeatWarning::kNone, false};
  }
  std::vector<WeatherDay> out;
  for (int d = 0; d < days; ++d) {
    auto it = by_day.find(day0 + d);
    if (it == by_day.end())
      throw InputError(path + ": no row for " + format_date(civil_from_days(day0 + d)) + " (the run covers " +
                       format_date(start) + " and " + std::to_string(days) + " days)");
    out.push_back(it->second);
  }
  return out;
}

void classify_heat(std::vector<WeatherDay>& days, const WeatherParams& rules) {
  const std::size_t n = days.size();
  std::size_t i = 0;
  while (i < n) {
    if (days[i].tmax_c < rules.heat_wave_tmax_c) {
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < n && days[j].tmax_c >= rules.heat_wave_tmax_c) ++j;
    const bool wave = j - i >= static_cast<std::size_t>(rules.heat_wave_min_days);
    for (std::size_t k = i; k < j; ++k) days[k].heat_wave = wave;
    i = j;
  }
  for (auto& d : days) {
    d.warning = d.tmax_c >= rules.red_tmax_c      ? HeatWarning::kRed
                : d.tmax_c >= rules.orange_tmax_c ? HeatWarning::kOrange
                : d.heat_wave                     ? HeatWarning::kYellow
                                                  : HeatWarning::kNone;
    d.sauna = d.tmax_c >= rules.sauna_tmax_c && d.rh_pct >= rules.sauna_rh_pct;
  }
}

std::vector<WeatherDay> make_weather(const Config& cfg) {
  std::vector<WeatherDay> days = cfg.weather.source == WeatherSource::kCsv
                                     ? load_weather_csv(cfg.weather.csv_file, cfg.run.start_date, cfg.run.days)
                                     : generate_weather(cfg);
  classify_heat(days, cfg.weather);
  return days;
}

std::vector<std::string> heat_wave_warnings(const Config& cfg) {
  std::vector<std::string> out;
  const auto& waves = cfg.weather.heat_waves;
  if (waves.empty()) return out;
  if (cfg.weather.source == WeatherSource::kCsv) {
    out.push_back("weather.heat_waves (" + std::to_string(waves.size()) +
                  " given) is ignored with weather.source = csv: the CSV file is the weather");
    return out;
  }
  const std::int64_t first = days_from_civil(cfg.run.start_date);
  const std::int64_t last = first + cfg.run.days - 1;
  const std::string run = format_date(cfg.run.start_date) + " to " + format_date(civil_from_days(last));
  std::string outside, partly;
  int n_outside = 0, n_partly = 0;
  for (const auto& hw : waves) {
    const std::int64_t a = days_from_civil(hw.start), b = a + hw.days - 1;
    std::string& list = (b < first || a > last) ? outside : partly;
    if (b >= first && a <= last && a >= first && b <= last) continue;  // wholly inside
    ++((b < first || a > last) ? n_outside : n_partly);
    if (!list.empty()) list.append(", ");
    list.append(format_date(hw.start)).append(" (").append(std::to_string(hw.days)).append(" days)");
  }
  if (n_outside > 0)
    out.push_back("weather.heat_waves: " + std::string(n_outside == 1 ? "the wave from " : "the waves from ") + outside +
                  (n_outside == 1 ? " is" : " are") + " outside the run (" + run + ") and ignored");
  if (n_partly > 0)
    out.push_back("weather.heat_waves: " + std::string(n_partly == 1 ? "the wave from " : "the waves from ") + partly +
                  (n_partly == 1 ? " is" : " are") + " partly outside the run (" + run + "); only days in the run apply");
  return out;
}

}  // namespace swsim
