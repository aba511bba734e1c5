#include "swsim/util/text.hpp"
#include "swsim/config/scenario.hpp"

#include <boost/program_options.hpp>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "swsim/config/parameters.hpp"
#include "swsim/util/error.hpp"

namespace po = boost::program_options;

namespace swsim {
namespace {

// Line number (1-based) of `section.key` in INI text, 0 when not found. Boost reports no lines, so we
// find them ourselves for the messages.
int locate_key(const std::string& text, const std::string& full_key) {
  const auto dot = full_key.find('.');
  const std::string want_section = dot == std::string::npos ? "" : full_key.substr(0, dot);
  const std::string want_key = dot == std::string::npos ? full_key : full_key.substr(dot + 1);
  std::istringstream in(text);
  std::string line, section;
  int n = 0;
  while (std::getline(in, line)) {
    ++n;
    std::string t = trim(line.substr(0, line.find('#')));
    if (t.empty()) continue;
    if (t.front() == '[' && t.back() == ']') {
      section = trim(t.substr(1, t.size() - 2));
      continue;
    }
    const auto eq = t.find('=');
    if (eq == std::string::npos) continue;
    if (section == want_section && trim(t.substr(0, eq)) == want_key) return n;
  }
  return 0;
}

// First line that is neither blank, comment, section header nor key = value.
int locate_bad_line(const std::string& text) {
  std::istringstream in(text);
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    ++n;
    std::string t = trim(line.substr(0, line.find('#')));
    if (t.empty()) continue;
    if (t.front() == '[' && t.back() == ']') continue;
    if (t.find('=') == std::string::npos || trim(t.substr(0, t.find('='))).empty()) return n;
  }
  return 0;
}

std::string where(const std::string& name, const std::string& text, const std::string& key) {
  const int line = locate_key(text, key);
  return name + (line > 0 ? ":" + std::to_string(line) : "");
}

// "" when the text is UTF-8 without control characters (tab, CR and LF aside), else what is wrong and
// `line` where: text in another encoding (GBK, Latin-1) or binary bytes would otherwise put stray bytes
// into messages and into the result file's UTF-8 scenario attribute.
std::string text_problem(const std::string& text, int& line) {
  line = 1;
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == '\n') ++line;
    if (c < 0x80) {
      if ((c < 0x20 && c != '\t' && c != '\r' && c != '\n') || c == 0x7F) {
        char hex[8];
        std::snprintf(hex, sizeof hex, "0x%02X", c);
        return std::string("control character (byte ") + hex + ")";
      }
      ++i;
      continue;
    }
    // Lead byte, sequence length and the allowed range of the second byte (no overlongs, no surrogates,
    // nothing above U+10FFFF).
    std::size_t n = 0;
    unsigned char lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) n = 2;
    else if (c >= 0xE0 && c <= 0xEF) n = 3, lo = c == 0xE0 ? 0xA0 : 0x80, hi = c == 0xED ? 0x9F : 0xBF;
    else if (c >= 0xF0 && c <= 0xF4) n = 4, lo = c == 0xF0 ? 0x90 : 0x80, hi = c == 0xF4 ? 0x8F : 0xBF;
    bool ok = n > 0 && i + n <= text.size();
    for (std::size_t k = 1; ok && k < n; ++k) {
      const auto b = static_cast<unsigned char>(text[i + k]);
      ok = k == 1 ? (b >= lo && b <= hi) : (b >= 0x80 && b <= 0xBF);
    }
    if (!ok) return "not UTF-8 text";
    i += n;
  }
  return {};
}

void check_text(const std::string& text, const std::string& name) {
  int line = 0;
  const std::string problem = text_problem(text, line);
  if (problem.empty()) return;
  throw InputError(name + ":" + std::to_string(line) + ": " + problem +
                   (problem[0] == 'c' ? " in the scenario file; is it a text file?"
                                      : " (save the scenario file as UTF-8; GBK and other encodings are not read)"));
}

std::string hint_for(const std::string& key) {
  const auto close = similar_keys(key);
  if (close.empty()) return " (swsim params lists every key)";
  std::string h = " (did you mean ";
  for (std::size_t i = 0; i < close.size(); ++i) h += (i ? ", '" : "'") + close[i] + "'";
  return h + "?)";
}

}  // namespace

Override parse_set_option(const std::string& item) {
  int line = 0;
  if (const std::string problem = text_problem(item, line); !problem.empty())
    throw InputError("--set: " + problem + " in the value (give UTF-8 text)");
  const auto eq = item.find('=');
  if (eq == std::string::npos || trim(item.substr(0, eq)).empty())
    throw InputError("--set " + shown(item) + ": expected section.key=value");
  Override o{trim(item.substr(0, eq)), trim(item.substr(eq + 1)), "--set " + item};
  if (o.key.find('.') == std::string::npos)
    throw InputError("--set " + shown(item) + ": key '" + shown(o.key) + "' must name its section, as section.key");
  return o;
}

namespace {

// Every key=value of the INI text (sections joined to keys), with Boost's errors as one-line messages.
std::map<std::string, std::string> read_ini_values(const std::string& text, const std::string& name) {
  po::options_description desc;
  for (const auto& p : parameter_registry()) {
    desc.add_options()(p.key().c_str(), po::value<std::string>());
    desc.add_options()(("sweep." + p.key()).c_str(), po::value<std::string>());  // [sweep] section
    desc.add_options()(("sensitivity." + p.key()).c_str(), po::value<std::string>());  // [sensitivity] section
  }
  std::map<std::string, std::string> values;
  try {
    std::istringstream in(text);
    po::variables_map vm;
    po::store(po::parse_config_file(in, desc, /*allow_unregistered=*/false), vm);
    for (const auto& [k, v] : vm) values[k] = v.as<std::string>();
  } catch (const po::unknown_option& e) {
    const std::string key = e.get_option_name();
    throw InputError(where(name, text, key) + ": unknown key '" + shown(key) + "'" + hint_for(key));
  } catch (const po::multiple_occurrences& e) {
    const std::string key = e.get_option_name();
    throw InputError(where(name, text, key) + ": key '" + shown(key) + "' is given more than once");
  } catch (const po::invalid_config_file_syntax& e) {
    const int line = locate_bad_line(text);
    throw InputError(name + (line > 0 ? ":" + std::to_string(line) : "") + ": not 'key = value' or '[section]': " +
                     shown(e.what(), 200));
  } catch (const po::error& e) {
    throw InputError(name + ": " + shown(e.what(), 200));
  }
  return values;
}

// The file's values into a Config, and its [sweep] axes in the order the file lists them (the first
// varies slowest in the grid).
Config apply_file_values(const std::map<std::string, std::string>& values, const std::string& text,
                         const std::string& name, std::vector<SweepAxis>& sweep,
                         std::vector<SensitivityRange>& sensitivity) {
  Config config = default_config();
  for (const auto& [key, value] : values) {
    if (key.rfind("sensitivity.", 0) == 0) {
      try {
        sensitivity.push_back(parse_sensitivity_range(key.substr(12), value));
      } catch (const ValueError& e) {
        throw InputError(where(name, text, key) + ": [sensitivity] " + key.substr(12) + " = " + shown(value) + ": " +
                         shown(e.what(), 200));
      }
      continue;
    }
    if (key.rfind("sweep.", 0) == 0) {
      const std::string target = key.substr(6);
      try {
        sweep.push_back(parse_sweep_axis(target, value));
      } catch (const ValueError& e) {
        throw InputError(where(name, text, key) + ": [sweep] " + target + " = " + shown(value) + ": " + shown(e.what(), 200));
      }
      continue;
    }
    try {
      find_parameter(key)->parse(config, value);
    } catch (const ValueError& e) {
      throw InputError(where(name, text, key) + ": " + key + " = " + shown(value) + ": " + shown(e.what(), 200));
    }
  }
  std::stable_sort(sweep.begin(), sweep.end(), [&](const SweepAxis& a, const SweepAxis& b) {
    return locate_key(text, "sweep." + a.key) < locate_key(text, "sweep." + b.key);
  });
  std::stable_sort(sensitivity.begin(), sensitivity.end(), [&](const SensitivityRange& a, const SensitivityRange& b) {
    return locate_key(text, "sensitivity." + a.key) < locate_key(text, "sensitivity." + b.key);
  });
  return config;
}

void apply_overrides(const std::vector<Override>& overrides, const std::vector<SweepAxis>& sweep,
                     const std::string& name, Config& config) {
  for (const auto& o : overrides) {
    const ParamDef* p = find_parameter(o.key);
    if (!p) throw InputError(shown(o.origin, 160) + ": unknown key '" + shown(o.key) + "'" + hint_for(o.key));
    try {
      p->parse(config, o.value);
    } catch (const ValueError& e) {
      throw InputError(shown(o.origin, 160) + ": " + shown(e.what(), 200));
    }
    for (const auto& axis : sweep)
      if (o.key == axis.key && o.origin.rfind("[sweep]", 0) != 0)
        throw InputError(shown(o.origin, 160) + ": " + o.key + " is swept in the [sweep] section of " + name +
                         "; remove one of the two");
  }
}

}  // namespace

Scenario scenario_from_text(const std::string& text, const std::string& name,
                            const std::vector<Override>& overrides, const std::string& base_dir) {
  if (text.compare(0, 3, "\xEF\xBB\xBF") == 0)  // a UTF-8 byte-order mark, as Windows editors write
    return scenario_from_text(text.substr(3), name, overrides, base_dir);
  check_text(text, name);
  std::vector<SweepAxis> sweep;
  std::vector<SensitivityRange> sensitivity;
  Config config = apply_file_values(read_ini_values(text, name), text, name, sweep, sensitivity);
  apply_overrides(overrides, sweep, name, config);
  try {
    validate_config(config);
  } catch (const ValueError& e) {
    throw InputError(name + ": " + e.what());
  }
  for (std::string* file : {&config.weather.csv_file, &config.world.stations_file, &config.world.boundaries_file}) {
    if (file->empty()) continue;
    const std::filesystem::path p(*file);
    // Stored absolute (in the effective scenario, results and checkpoints), so a resume or a re-run
    // from another folder reads the same file.
    if (p.is_relative()) {
      std::error_code ec;
      const auto abs = std::filesystem::absolute(std::filesystem::path(base_dir) / p, ec);
      *file = (ec ? std::filesystem::path(base_dir) / p : abs).lexically_normal().string();
    }
  }
  std::string header = "effective scenario: " + name;
  for (const auto& o : overrides) header += "\n" + o.origin;
  return Scenario{config, name, effective_ini(config, header), text, base_dir, sweep, sensitivity};
}

SensitivityRange parse_sensitivity_range(const std::string& key, const std::string& spec) {
  const ParamDef* p = find_parameter(key);
  if (!p) throw ValueError("unknown key '" + key + "'");
  if (p->unit.empty()) throw ValueError(key + " is not numeric");
  const auto comma = spec.find(',');
  if (comma == std::string::npos || spec.find(',', comma + 1) != std::string::npos)
    throw ValueError("expected 'low, high'");
  SensitivityRange r{key, {}, {}};
  for (auto [part, out] : {std::pair{trim(spec.substr(0, comma)), &r.low}, std::pair{trim(spec.substr(comma + 1)), &r.high}}) {
    Config probe = default_config();
    p->parse(probe, part);  // throws ValueError with the reason
    *out = p->format(probe);
  }
  return r;
}

SweepAxis parse_sweep_axis(const std::string& key, const std::string& spec) {
  const ParamDef* p = find_parameter(key);
  if (!p) {
    std::string hint;
    for (const auto& k : similar_keys(key)) hint += (hint.empty() ? " (did you mean '" : ", '") + k + "'";
    throw ValueError("unknown key '" + key + "'" + (hint.empty() ? "" : hint + "?)"));
  }
  SweepAxis axis{key, {}};
  auto add = [&](const std::string& v) {
    Config probe = default_config();
    p->parse(probe, v);  // throws ValueError with the reason
    axis.values.push_back(p->format(probe));
  };
  const std::string t = trim(spec);
  if (t.find(':') != std::string::npos && t.find(',') == std::string::npos && p->unit != "" && t.find('-') == std::string::npos) {
    // start:stop[:step], inclusive, numeric
    std::vector<double> f;
    std::size_t from = 0;
    while (true) {
      const auto c = t.find(':', from);
      const std::string part = trim(t.substr(from, c == std::string::npos ? std::string::npos : c - from));
      double v = 0;
      const char* b = part.data();
      if (!part.empty() && *b == '+') ++b;
      const auto [end, ec] = std::from_chars(b, part.data() + part.size(), v);
      if (part.empty() || ec != std::errc() || end != part.data() + part.size())
        throw ValueError("'" + shown(part) + "' in range '" + shown(t) + "' is not a number");
      if (!std::isfinite(v) || std::abs(v) > 1e15)
        throw ValueError("'" + shown(part) + "' in range '" + shown(t) + "' is not a finite number of at most 1e15");
      f.push_back(v);
      if (c == std::string::npos) break;
      from = c + 1;
    }
    if (f.size() < 2 || f.size() > 3) throw ValueError("a range is START:STOP or START:STOP:STEP");
    const double step = f.size() == 3 ? f[2] : 1.0;
    if (!(step > 0) || f[1] < f[0]) throw ValueError("a range needs START <= STOP and a positive STEP");
    // The count is checked as a double before any conversion to an integer (no overflow for a tiny step).
    const double count = std::floor((f[1] - f[0]) / step + 1e-9) + 1;
    if (!(count >= 1) || count > 1000) throw ValueError("the range has more than 1000 values");
    const auto n = static_cast<long long>(count);
    for (long long k = 0; k < n; ++k) add(format_number(f[0] + static_cast<double>(k) * step));
  } else {
    std::size_t from = 0;
    while (true) {
      const auto c = t.find(',', from);
      const std::string item = trim(t.substr(from, c == std::string::npos ? std::string::npos : c - from));
      if (item.empty()) throw ValueError("empty value in the list '" + shown(t) + "'");
      add(item);
      if (c == std::string::npos) break;
      from = c + 1;
    }
  }
  return axis;
}

Scenario load_scenario(const std::string& path, const std::vector<Override>& overrides) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec))
    throw InputError(path + ": scenario file not found");
  if (std::filesystem::is_directory(path, ec)) throw InputError(path + ": is a directory, not a scenario file");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path + ": cannot open scenario file");
  std::ostringstream buf;
  buf << in.rdbuf();
  const std::string base = std::filesystem::path(path).parent_path().string();
  return scenario_from_text(buf.str(), path, overrides, base.empty() ? "." : base);
}

std::string effective_ini(const Config& config, const std::string& header_comment) {
  std::ostringstream out;
  std::istringstream hc(header_comment);
  for (std::string line; std::getline(hc, line);) out << "# " << line << "\n";
  std::string section;
  for (const auto& p : parameter_registry()) {
    if (p.section != section) {
      section = p.section;
      out << "\n[" << section << "]\n";
    }
    out << p.name << " = " << p.format(config) << "\n";
  }
  return out.str();
}

}  // namespace swsim
