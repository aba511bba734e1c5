#include "swsim/io/sweep_index.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "swsim/config/parameters.hpp"
#include "swsim/io/nc_writer.hpp"
#include "swsim/io/result_writer.hpp"
#include "swsim/util/error.hpp"

namespace swsim {
namespace {

// Text values (on/off, choices, dates) as CF flags: on/off as 1/0, others by their position in the
// [sweep] list, named in flag_meanings; the CSV keeps the text.
void write_text_axis(io::NcWriter& out, const std::string& var, const SweepAxis& axis, std::size_t a,
                     const std::vector<SweepPoint>& points, io::VarInfo vi) {
  const bool on_off = std::all_of(axis.values.begin(), axis.values.end(),
                                  [](const std::string& v) { return v == "on" || v == "off"; });
  std::vector<std::int64_t> flags;
  std::string meanings;
  for (std::size_t k = 0; k < axis.values.size(); ++k) {
    flags.push_back(on_off ? (axis.values[k] == "on" ? 1 : 0) : static_cast<std::int64_t>(k));
    std::string m = axis.values[k];
    std::replace_if(m.begin(), m.end(), [](char ch) { return ch == ' ' || ch == ';'; }, '_');
    if (!meanings.empty()) meanings += ' ';
    meanings += m;
  }
  std::vector<std::int32_t> code(points.size());
  for (std::size_t p = 0; p < points.size(); ++p) {
    const auto it = std::find(axis.values.begin(), axis.values.end(), points[p].values[a]);
    code[p] = static_cast<std::int32_t>(flags[static_cast<std::size_t>(it - axis.values.begin())]);
  }
  vi.extra.push_back(io::Attribute::IntList("flag_values", flags));
  vi.extra.push_back(io::Attribute::Text("flag_meanings", meanings));
  out.variable(var, {"point"}, code, vi);
}

// One variable per swept key: numbers as float64, text as CF flags.
void write_axis(io::NcWriter& out, const SweepAxis& axis, std::size_t a, const std::vector<SweepPoint>& points) {
  const ParamDef* def = find_parameter(axis.key);
  std::string var = "param_" + axis.key;
  std::replace(var.begin(), var.end(), '.', '_');
  bool numeric = true;
  std::vector<double> num(points.size());
  for (std::size_t p = 0; p < points.size(); ++p) {
    const std::string& text = points[p].values[a];
    char* end = nullptr;
    num[p] = std::strtod(text.c_str(), &end);
    numeric = numeric && end && *end == '\0' && !text.empty();
  }
  // Flags (text values) are dimensionless codes.
  const io::VarInfo vi{numeric && !def->unit.empty() ? def->unit : std::string("1"), def->description,
                       {io::Attribute::Text("parameter", axis.key)}};
  if (numeric) out.variable(var, {"point"}, num, vi);
  else write_text_axis(out, var, axis, a, points, vi);
}

void write_index_h5(const std::string& path, const Scenario& base, const std::vector<SweepPoint>& points,
                    const std::vector<int>& complete, const std::string& version, const std::string& command_line) {
  io::NcWriter out(path);
  out.global_attribute("Conventions", std::string("CF-1.8"));
  out.global_attribute("title", std::string("swsim sweep index"));
  out.global_attribute("swsim_version", version);
  out.global_attribute("command_line", command_line);
  std::string keys;
  for (const auto& axis : base.sweep) {
    if (!keys.empty()) keys += ", ";
    keys += axis.key;
  }
  out.global_attribute("sweep_parameters", keys);
  out.global_attribute("scenario", base.text);
  out.global_attribute("scenario_file", base.source);
  std::vector<std::int32_t> ids(points.size());
  std::vector<std::string> files(points.size());
  for (std::size_t p = 0; p < points.size(); ++p) {
    ids[p] = static_cast<std::int32_t>(p);
    files[p] = points[p].file;
  }
  out.dimension("point", ids, io::VarInfo{"1", "grid point of the sweep (coordinate)", {}});
  out.variable("point_file", {"point"}, files, io::VarInfo{"", "result file of the point, relative to the index", {}});
  out.variable("point_complete", {"point"}, std::vector<std::int8_t>(complete.begin(), complete.end()),
               io::VarInfo{"1", "1 when the point's result file is complete (0: failed, run the sweep again)",
                           {io::Attribute::IntList("flag_values", {0, 1}), io::Attribute::Text("flag_meanings", "missing complete")}});
  for (std::size_t a = 0; a < base.sweep.size(); ++a) write_axis(out, base.sweep[a], a, points);
  out.close();
}

void write_index_csv(const std::string& path, const Scenario& base, const std::vector<SweepPoint>& points) {
  std::ofstream csv(path);
  csv << "point,file";
  for (const auto& axis : base.sweep) csv << "," << axis.key;
  csv << "\n";
  for (std::size_t p = 0; p < points.size(); ++p) {
    csv << p << "," << points[p].file;
    for (const auto& v : points[p].values) csv << "," << v;
    csv << "\n";
  }
  if (!csv) throw RuntimeError(path + ": cannot write");
}

}  // namespace

void write_sweep_index(const std::string& dir, const Scenario& base, const std::vector<SweepPoint>& points,
                       const std::vector<int>& complete, const std::string& version, const std::string& command_line) {
  PendingOutput index((std::filesystem::path(dir) / "sweep.h5").string());
  write_index_h5(index.temp_path(), base, points, complete, version, command_line);
  index.commit();
  write_index_csv((std::filesystem::path(dir) / "sweep.csv").string(), base, points);
}

}  // namespace swsim
