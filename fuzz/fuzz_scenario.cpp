// libFuzzer target: the scenario reader (INI text + --set overrides -> validated Config).
// Input: INI text, optionally followed by a NUL byte and newline-separated --set items.
// Contract checked: every bad input is an InputError (anything else escaping is a bug), and a scenario
// that parses has an effective INI that parses back to the same effective INI.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstdio>
#include <sstream>
#include <string>
#include <vector>

#include "swsim/config/scenario.hpp"
#include "swsim/util/error.hpp"

namespace {
std::string body(const std::string& ini) { return ini.substr(ini.find('[')); }  // drop the header comment
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string input(reinterpret_cast<const char*>(data), size);
  const auto nul = input.find('\0');
  const std::string text = input.substr(0, nul);
  std::vector<swsim::Override> overrides;
  try {
    if (nul != std::string::npos) {
      std::istringstream sets(input.substr(nul + 1));
      for (std::string item; std::getline(sets, item);) overrides.push_back(swsim::parse_set_option(item));
    }
    const swsim::Scenario s = swsim::scenario_from_text(text, "fuzz.ini", overrides);
    // What a run writes into its result must read back as the same scenario.
    const swsim::Scenario again = swsim::scenario_from_text(s.effective_ini, "effective.ini");
    if (body(again.effective_ini) != body(s.effective_ini)) {
      std::fprintf(stderr, "effective INI does not round-trip:\n%s\n---\n%s\n", s.effective_ini.c_str(),
                   again.effective_ini.c_str());
      std::abort();
    }
  } catch (const swsim::InputError&) {
    // The expected way to reject input.
  }
  return 0;
}
