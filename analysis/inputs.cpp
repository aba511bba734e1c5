#include "inputs.hpp"

#include <cstdio>
#include <filesystem>

#include "reader/result_file.hpp"

namespace swsim::results {

std::string format_number(double v) {
  char b[32];
  std::snprintf(b, sizeof b, "%.10g", v);
  return b;
}

std::string SweepPoint::label() const {
  std::string out;
  for (const auto& [k, v] : params) out += (out.empty() ? "" : ", ") + k + "=" + format_number(v);
  return out.empty() ? "point " + std::to_string(point) : out;
}

bool is_sweep_index(const std::string& path) {
  try {
    const ResultFile f = ResultFile::open_any(path);
    return f.has("point") && f.has("point_file") && !f.has("station");
  } catch (const ReadError&) {
    return false;
  }
}

SweepIndex read_sweep_index(const std::string& path) {
  const ResultFile f = ResultFile::open_any(path);
  if (!f.has("point") || !f.has("point_file"))
    throw ReadError(path + ": not a sweep index (no 'point' dimension and 'point_file' list)");
  SweepIndex s;
  s.path = path;
  s.scenario = f.global_text("scenario");
  const auto dir = std::filesystem::path(path).parent_path();
  const auto files = f.read_strings("point_file");
  const auto ids = f.read("point");
  if (ids.size() != files.size()) throw ReadError(path + ": 'point' and 'point_file' differ in length");
  std::vector<std::pair<std::string, std::vector<double>>> params;
  for (const auto& var : f.variables_with_dims({"point"})) {
    if (var.rfind("param_", 0) != 0) continue;
    std::string name = f.text_attribute(var, "parameter");
    if (name.empty()) name = var.substr(6);
    const auto v = f.read(var);
    if (v.size() != files.size()) throw ReadError(path + ": '" + var + "' does not match the 'point' dimension");
    s.parameters.push_back(name);
    params.emplace_back(name, v);
  }
  for (std::size_t i = 0; i < files.size(); ++i) {
    SweepPoint p;
    p.point = static_cast<int>(ids[i]);
    const std::filesystem::path file(files[i]);
    p.file = (file.is_absolute() ? file : dir / file).string();
    for (const auto& [name, v] : params) p.params.emplace_back(name, v[i]);
    s.points.push_back(p);
  }
  if (s.points.empty()) throw ReadError(path + ": the sweep index lists no points");
  return s;
}

std::vector<Input> expand_inputs(const std::vector<std::string>& args) {
  std::vector<Input> out;
  for (const auto& a : args) {
    if (!is_sweep_index(a)) {
      out.push_back(Input{a, "", "", {}});
      continue;
    }
    const SweepIndex s = read_sweep_index(a);
    for (const auto& p : s.points) {
      if (!std::filesystem::exists(p.file))
        throw ReadError(a + ": point " + std::to_string(p.point) + " result file " + p.file + " not found");
      out.push_back(Input{p.file, "point " + std::to_string(p.point) + ": " + p.label(), a, p});
    }
  }
  return out;
}

}  // namespace swsim::results
