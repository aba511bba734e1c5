#include "indicators.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <sstream>

#include "reader/time_axis.hpp"

namespace swsim::results {
namespace {

std::string trim(std::string s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\r' || s.back() == '\t')) s.pop_back();
  std::size_t i = 0;
  while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
  return s.substr(i);
}

}  // namespace

std::vector<std::string> words(const std::string& text) {
  std::istringstream in(text);
  std::vector<std::string> out;
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

double Indicator::value(const SummaryRow& row) const {
  double num = 0, den = 0;
  for (const auto& n : numerator) num += row.get(n);
  const double k = percent ? scale / 100.0 : scale;  // shares stay fractions; formatting shows %
  if (denominator.empty()) return k * num;
  for (const auto& d : denominator) den += row.get(d);
  return den > 0 ? k * num / den : 0.0;
}

std::vector<Indicator> key_indicators(const ResultFile& file) {
  std::vector<Indicator> out;
  for (const auto& name : file.group_variables("indicators")) {
    const std::string var = "indicators/" + name;
    if (file.number_attribute(var, "key").value_or(0) == 0) continue;
    Indicator ind;
    ind.key = name;
    ind.name = file.text_attribute(var, "label");
    ind.name_zh = file.text_attribute(var, "label_zh");
    ind.unit = file.unit_label(var);
    ind.meaning = file.long_name(var);
    ind.direction = file.text_attribute(var, "direction");
    ind.percent = ind.unit == "%";
    ind.decimals = static_cast<int>(file.number_attribute(var, "decimals").value_or(1));
    ind.scale = file.number_attribute(var, "scale").value_or(1);
    ind.numerator = words(file.text_attribute(var, "numerator"));
    ind.denominator = words(file.text_attribute(var, "denominator"));
    if (ind.numerator.empty()) throw ReadError(file.path() + ": indicator '" + name + "' has no numerator");
    for (const auto& group : {ind.numerator, ind.denominator})
      for (const auto& m : group)
        if (!file.has(m)) throw ReadError(file.path() + ": indicator '" + name + "' needs variable '" + m + "', which is missing");
        else file.require_station_metric(m);
    out.push_back(std::move(ind));
  }
  if (out.empty())
    throw ReadError(file.path() + ": defines no indicators (group 'indicators'): written by an older swsim; run the "
                                  "scenario again");
  return out;
}

std::string format_estimate(const Indicator& ind, const Estimate& e, bool signed_diff) {
  const double scale = ind.percent ? 100.0 : 1.0;
  char b[96];
  const char* sign = signed_diff && e.mean * scale >= 0.5 * std::pow(10.0, -ind.decimals) ? "+" : "";
  const char* unit = ind.percent ? (signed_diff ? " pp" : "%") : "";
  std::snprintf(b, sizeof b, "%s%.*f%s", sign, ind.decimals, e.mean * scale, unit);
  std::string out = b;
  if (out == "-0" || out.rfind("-0.", 0) == 0) {  // "-0.0" -> "0.0"
    bool zero = true;
    for (char c : out.substr(1))
      if (c >= '1' && c <= '9') zero = false;
    if (zero) out = out.substr(1);
  }
  if (e.has_interval()) {
    std::snprintf(b, sizeof b, " ±%.*f", ind.decimals, e.half_width * scale);
    out += b;
  }
  return out;
}

std::vector<std::string> scenario_comment_lines(const ResultFile& file) {
  std::vector<std::string> out;
  std::istringstream in(file.global_text("scenario"));
  std::string line;
  while (std::getline(in, line)) {
    line = trim(line);
    if (line.empty()) {
      if (out.empty()) continue;
      break;
    }
    if (line[0] != '#') break;
    out.push_back(trim(line.substr(1)));
  }
  return out;
}

std::string scenario_label(const ResultFile& file) {
  std::string name = file.global_text("scenario_file");
  if (name.empty()) name = std::filesystem::path(file.path()).filename().string();
  else name = std::filesystem::path(name).filename().string();
  for (const auto& l : scenario_comment_lines(file))
    if (l.rfind("--set ", 0) == 0) name += " + " + trim(l.substr(6));
  return name;
}

ScenarioIndicators compute_indicators(const ResultFile& file, const std::string& label, int day_begin, int day_end) {
  ScenarioIndicators s;
  s.file = file.path();
  s.label = label.empty() ? scenario_label(file) : label;
  s.replicates = file.replicates();
  s.seeds = file.replicate_seeds();
  const auto all_days = read_day_numbers(file);
  const int d0 = std::clamp(day_begin, 0, file.days());
  const int d1 = day_end < 0 ? file.days() : std::clamp(day_end, d0, file.days());
  s.day_numbers.assign(all_days.begin() + d0, all_days.begin() + d1);
  if (file.has("station_global_index"))
    for (double v : file.read("station_global_index")) s.station_global.push_back(static_cast<int>(v));
  s.mean = summarize(file, SummaryOptions{-1, d0, d1});
  for (const auto& a : s.mean.areas) {
    s.row_en.push_back(a.name_en);
    s.row_zh.push_back(a.name_zh);
  }
  s.row_en.push_back(s.mean.city.name_en);
  s.row_zh.push_back(s.mean.city.name_zh);
  s.indicators = key_indicators(file);
  const auto& inds = s.indicators;
  s.values.assign(s.row_en.size(), std::vector<std::vector<double>>(inds.size()));
  for (int r = 0; r < s.replicates; ++r) {
    const Summary one = s.replicates == 1 ? s.mean : summarize(file, SummaryOptions{r, d0, d1});
    for (std::size_t row = 0; row < s.row_en.size(); ++row) {
      const SummaryRow& src = row + 1 == s.row_en.size() ? one.city : one.areas[row];
      for (std::size_t k = 0; k < inds.size(); ++k) s.values[row][k].push_back(inds[k].value(src));
    }
  }
  return s;
}

}  // namespace swsim::results
