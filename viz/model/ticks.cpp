#include "model/ticks.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace swsim::viz {

Ticks nice_ticks(double min, double max, int target) {
  Ticks t;
  if (!std::isfinite(min) || !std::isfinite(max)) min = 0, max = 1;
  if (min > max) std::swap(min, max);
  if (max - min < 1e-12 * std::max(1.0, std::fabs(max))) {
    const double pad = min == 0 ? 1 : std::fabs(min) * 0.5;
    min -= min == 0 ? 0 : pad;
    max += pad;
  }
  target = std::max(target, 2);
  const double raw = (max - min) / (target - 1);
  const double mag = std::pow(10.0, std::floor(std::log10(raw)));
  const double f = raw / mag;
  double nice = 10;
  for (double c : {1.0, 2.0, 2.5, 5.0, 10.0})
    if (f <= c * 1.0000001) {
      nice = c;
      break;
    }
  t.step = nice * mag;
  t.lo = std::floor(min / t.step + 1e-9) * t.step;
  t.hi = std::ceil(max / t.step - 1e-9) * t.step;
  const int n = static_cast<int>(std::lround((t.hi - t.lo) / t.step));
  for (int i = 0; i <= n; ++i) {
    double v = t.lo + i * t.step;
    if (std::fabs(v) < t.step * 1e-9) v = 0;  // no "-0"
    t.values.push_back(v);
  }
  return t;
}

namespace {
// Thin-space thousands separators for integers of 5+ digits ("12 345").
std::string group_thousands(const std::string& s) {
  const std::size_t start = (s[0] == '-' || s[0] == '+') ? 1 : 0;
  std::size_t dot = s.find('.');
  if (dot == std::string::npos) dot = s.size();
  if (dot - start < 5) return s;
  std::string out = s.substr(0, start);
  for (std::size_t i = start; i < dot; ++i) {
    out += s[i];
    const std::size_t left = dot - i - 1;
    if (left > 0 && left % 3 == 0) out += ' ';
  }
  return out + s.substr(dot);
}
}  // namespace

std::string format_tick(double v, double step) {
  if (!std::isfinite(v)) return "-";
  int decimals = 0;
  if (step > 0 && step < 1) decimals = static_cast<int>(std::ceil(-std::log10(step) - 1e-9));
  // 2.5, 0.25 ... need one more digit than the magnitude says.
  if (step > 0) {
    const double scaled = step * std::pow(10.0, decimals);
    if (std::fabs(scaled - std::round(scaled)) > 1e-6) ++decimals;
  }
  decimals = std::clamp(decimals, 0, 6);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, std::fabs(v) < step * 1e-6 ? 0.0 : v);
  return group_thousands(buf);
}

std::string format_value(double v) {
  if (!std::isfinite(v)) return "-";
  char buf[64];
  const double a = std::fabs(v);
  if (a == std::round(a) && a < 1e9)
    std::snprintf(buf, sizeof buf, "%.0f", v);
  else if (a >= 1000)
    std::snprintf(buf, sizeof buf, "%.0f", v);
  else if (a >= 100)
    std::snprintf(buf, sizeof buf, "%.1f", v);
  else if (a >= 10)
    std::snprintf(buf, sizeof buf, "%.2f", v);
  else
    std::snprintf(buf, sizeof buf, "%.3g", v);
  return group_thousands(buf);
}

std::string format_delta(double v) {
  if (!std::isfinite(v)) return "-";
  std::string s = format_value(v);
  if (v > 0) s = "+" + s;
  return s;
}

int day_tick_step(int days, double width_px, double min_px) {
  static const int steps[] = {1, 2, 5, 7, 14, 28, 56, 91, 182, 365};
  if (days <= 1 || width_px <= 0) return 1;
  const double px_per_day = width_px / days;
  for (int s : steps)
    if (s * px_per_day >= min_px) return s;
  return 365;
}

}  // namespace swsim::viz
