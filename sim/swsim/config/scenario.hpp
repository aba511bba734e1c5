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

struct Scenario {
  Config config;
  std::string source;         // file path, or a name for text scenarios
  std::string effective_ini;  // every parameter with its value, as INI
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

// The effective INI for a Config (all parameters, registry order, grouped by section).
std::string effective_ini(const Config& config, const std::string& header_comment);

}  // namespace swsim
