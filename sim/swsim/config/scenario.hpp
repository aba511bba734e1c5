#pragma once
// Reading a scenario: INI file (Boost.Program_options) + command-line overrides -> validated Config,
// plus the effective scenario text (every key with the value used) that results carry.
#include <string>
#include <vector>

#include "swsim/config/config.hpp"

namespace swsim {

struct Override {
  std::string key;     // section.key
  std::string value;   // raw text
  std::string origin;  // as the user typed it, for messages: "--set run.days=3", "--days 3"
};

// One axis of a parameter sweep: a scenario key and the values it takes ([sweep] section).
struct SweepAxis {
  std::string key;
  std::vector<std::string> values;  // canonical text of each value
};

// One factor of a sensitivity analysis ([sensitivity] section): "key = low, high", both checked by the
// key's own parser and kept as canonical text.
struct SensitivityRange {
  std::string key;
  std::string low, high;
};

struct Scenario {
  Config config;
  std::string source;         // file path, or a name for text scenarios
  std::string effective_ini;  // every parameter with its value, as INI
  std::string text;           // the scenario file as read
  std::string base_dir;       // folder of the scenario file (for relative paths inside it)
  std::vector<SweepAxis> sweep;  // from a [sweep] section; empty when there is none
  std::vector<SensitivityRange> sensitivity;  // from a [sensitivity] section, in file order
};

// Parses "section.key=value" from --set; throws InputError on a malformed item.
Override parse_set_option(const std::string& item);

// Reads and validates a scenario file with overrides applied last. Relative file paths inside the
// scenario (weather.csv_file) are resolved against the scenario file's folder.
// Throws InputError with a one-line message naming the file, line and key.
Scenario load_scenario(const std::string& path, const std::vector<Override>& overrides = {});

// Same from INI text already in memory (tests, results files); `name` appears in messages.
Scenario scenario_from_text(const std::string& text, const std::string& name,
                            const std::vector<Override>& overrides = {}, const std::string& base_dir = ".");

// A [sweep] axis: "2, 3, 5" (a list of values) or "2:5" / "0.1:0.5:0.1" (an inclusive numeric range).
// Each value is checked with the key's own parser; throws ValueError.
SweepAxis parse_sweep_axis(const std::string& key, const std::string& spec);

// A [sensitivity] range "low, high" of a numeric key, each end checked by the key's parser; throws ValueError.
SensitivityRange parse_sensitivity_range(const std::string& key, const std::string& spec);

// The effective INI for a Config (all parameters, registry order, grouped by section).
std::string effective_ini(const Config& config, const std::string& header_comment);

}  // namespace swsim
