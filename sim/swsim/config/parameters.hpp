#pragma once
// The registry of every scenario parameter: INI key, default, unit, allowed range, meaning and source.
// The INI reader, the --set overrides, the effective-scenario text written into results and the
// parameter table in docs/ are all generated from this one list.
#include <functional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "swsim/config/config.hpp"

namespace swsim {

// A value that does not parse or lies out of range; carries only the reason, the caller adds where.
class ValueError : public std::runtime_error {
 public:
  explicit ValueError(const std::string& why) : std::runtime_error(why) {}
};

struct ParamDef {
  std::string section;
  std::string name;
  std::string default_value;  // canonical text, as written in an INI file
  std::string unit;           // UDUNITS-style, "1" for shares and counts, "" for text
  std::string range;          // allowed values, for humans
  std::string description;
  std::string source;  // where the default comes from; "assumption" when it is ours
  std::function<void(Config&, std::string_view)> parse;  // throws ValueError
  std::function<std::string(const Config&)> format;

  std::string key() const { return section + "." + name; }
};

const std::vector<ParamDef>& parameter_registry();
const ParamDef* find_parameter(std::string_view key);
// Keys close to a misspelt one (edit distance), best first; empty when nothing is close.
std::vector<std::string> similar_keys(std::string_view key, std::size_t max_results = 3);

// Every parameter at its default.
Config default_config();

// Cross-parameter checks (e.g. lunch times in order); throws ValueError naming the keys.
void validate_config(const Config& config);

// Formatting helpers shared with the scenario writer.
std::string format_number(double v);
std::string format_clock(int minutes_after_midnight);

}  // namespace swsim
