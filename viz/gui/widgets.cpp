#include "gui/widgets.hpp"

#include <cmath>
#include <filesystem>

namespace swsim::viz {

ImU32 warning_colour(int level) {
  switch (level) {
    case 1:
      return IM_COL32(240, 205, 40, 255);
    case 2:
      return IM_COL32(245, 135, 30, 255);
    case 3:
      return IM_COL32(215, 40, 30, 255);
    default:
      return IM_COL32(215, 215, 212, 255);
  }
}

const char* warning_name(int level) {
  switch (level) {
    case 1:
      return tr("yellow");
    case 2:
      return tr("orange");
    case 3:
      return tr("red");
    default:
      return "";
  }
}

void text_halo(ImDrawList* dl, ImVec2 pos, ImU32 colour, const std::string& text, ImU32 halo) {
  const char* b = text.c_str();
  const char* e = b + text.size();
  for (int dx = -1; dx <= 1; ++dx)
    for (int dy = -1; dy <= 1; ++dy)
      if (dx || dy) dl->AddText(ImVec2(pos.x + dx, pos.y + dy), halo, b, e);
  dl->AddText(pos, colour, b, e);
}

ImVec2 text_size(const std::string& text) {
  return ImGui::CalcTextSize(text.c_str(), text.c_str() + text.size());
}

std::string fit_text(const std::string& text, float width) {
  if (text_size(text).x <= width) return text;
  const std::string dots = "\xE2\x80\xA6";
  std::string out = text;
  while (!out.empty() && text_size(out + dots).x > width) {
    out.pop_back();
    while (!out.empty() && (static_cast<unsigned char>(out.back()) & 0xC0) == 0x80) out.pop_back();
    if (!out.empty() && static_cast<unsigned char>(out.back()) >= 0xC0) out.pop_back();
  }
  return out + dots;
}

std::string fit_text_tail(const std::string& text, float width) {
  if (text_size(text).x <= width) return text;
  const std::string dots = "\xE2\x80\xA6";
  std::size_t start = 0;
  while (start < text.size() && text_size(dots + text.substr(start)).x > width) {
    ++start;
    while (start < text.size() && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80) ++start;
  }
  return dots + text.substr(start);
}

const std::string& metric_label(const Metric& m) {
  return m.label_in(zh());
}

std::string metric_units_text(const Metric& m, const ViewState& v, int period_days, bool per_station) {
  std::string u = m.units == "count" ? tr("count") : m.units;
  const bool norm = v.per_elders && m.per_elders_ok();
  if (norm) u = v.per_registered ? tr("per 1,000 registered elders") : tr("per 1,000 elders");
  if (m.is_ratio()) return u + (v.whole_run ? trf(", over %d days", period_days) : std::string(tr(", per day")));
  std::string where = per_station && !norm ? tr(" per station") : "";
  if (v.whole_run && m.stock) return u + where + trf(", mean over %d days", period_days);
  if (v.whole_run) return u + where + trf(", total over %d days", period_days);
  return u + where + tr(" per day");
}

std::string scope_name(const Session& s, Scope scope, bool cjk) {
  switch (scope.kind) {
    case ScopeKind::kStation:
      return s.a.station_label(scope.index, cjk);
    case ScopeKind::kArea:
      return s.a.area_label(scope.index, cjk);
    default:
      return trf("City: %d simulated stations", s.al.pairs());
  }
}

std::string step_title(const Session& s, int step) {
  const int d = s.al.day_a[static_cast<std::size_t>(step)];
  return trf("Day %d", d) + " \xC2\xB7 " + s.a.date_text(d);
}

std::string period_title(const Session& s, const ViewState& v, int days) {
  switch (v.period.kind) {
    case PeriodKind::kHeatWave:
      return trf("Heat-wave days (%d days)", days);
    case PeriodKind::kWarning:
      return trf("Heat-warning days (%d days)", days);
    case PeriodKind::kRange:
      return s.a.date_text(s.al.day_a[static_cast<std::size_t>(v.period.first)]) + " \xE2\x80\x93 " +
             s.a.date_text(s.al.day_a[static_cast<std::size_t>(v.period.last)]) + " " +
             trf("(%d days)", days);
    default:
      return trf("Whole run (%d days)", days);
  }
}

std::string file_label(const std::string& path) {
  return std::filesystem::path(path).filename().string();
}

std::string run_label(const Dataset& d) {
  std::string out = d.scenario_file.empty() ? file_label(d.path) : file_label(d.scenario_file);
  for (const auto& o : d.overrides) {
    const auto eq = o.find('=');
    const auto dot = o.rfind('.', eq);
    out += " + " + (dot != std::string::npos && dot < eq ? o.substr(dot + 1) : o);
  }
  if (d.live_days_total > 0) out += "  " + trf("(running: day %d of %d)", d.days, d.live_days_total);
  return out;
}

std::string stat_label(const Dataset& d, StatChoice c) {
  if (d.replicates <= 1) return {};
  switch (c.stat) {
    case Stat::kMedian:
      return trf("median of %d replicates", d.replicates);
    case Stat::kQ05:
      return trf("5 %% quantile of %d replicates", d.replicates);
    case Stat::kQ95:
      return trf("95 %% quantile of %d replicates", d.replicates);
    case Stat::kReplicate: {
      const int r = std::clamp(c.replicate, 0, d.replicates - 1);
      std::string s = trf("replicate %d of %d", r, d.replicates);
      if (static_cast<std::size_t>(r) < d.replicate_seeds.size())
        s += " (" + std::string(tr("seed")) + " " + d.replicate_seeds[static_cast<std::size_t>(r)] + ")";
      return s;
    }
    default:
      return trf("mean of %d replicates", d.replicates);
  }
}

ImU32 delta_colour(const Metric& m, double x) {
  if (!std::isfinite(x) || x == 0) return ink::kMuted;
  if (m.direction == Direction::kNeutral) return ink::kText;
  const bool better = (x > 0) == (m.direction == Direction::kHigherIsBetter);
  return better ? ink::kBetter : ink::kWorse;
}

std::string window_title(const char* en, const char* id) {
  std::string t = tr(en);
  t += id;
  return t;
}

void text_right(const std::string& text, ImU32 colour) {
  const float w = text_size(text).x;
  ImGui::SameLine(std::max(ImGui::GetCursorPosX(), ImGui::GetWindowContentRegionMax().x - w));
  ImGui::PushStyleColor(ImGuiCol_Text, colour);
  ImGui::TextUnformatted(text.c_str());
  ImGui::PopStyleColor();
}

void begin_tile(const char* name, ImVec2 pos, ImVec2 size, bool scroll) {
  ImGui::SetNextWindowPos(pos);
  ImGui::SetNextWindowSize(size);
  ImGuiWindowFlags flags = ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse |
                           ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus;
  if (!scroll) flags |= ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse;
  ImGui::Begin(name, nullptr, flags);
}

}  // namespace swsim::viz
