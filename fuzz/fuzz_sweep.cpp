// libFuzzer target: sweep axes (parse_sweep_axis). The first line of the input is the swept key, the
// rest the value list or START:STOP[:STEP] range.
// Contract checked: bad input is a ValueError; an accepted axis has 1 to 1000 values, each of which
// the key's own parser accepts.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "swsim/config/parameters.hpp"
#include "swsim/config/scenario.hpp"
#include "swsim/util/error.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  const auto nl = text.find('\n');
  const std::string key = text.substr(0, nl);
  const std::string spec = nl == std::string::npos ? std::string() : text.substr(nl + 1);
  try {
    const swsim::SweepAxis axis = swsim::parse_sweep_axis(key, spec);
    if (axis.values.empty() || axis.values.size() > 1000) std::abort();
    const swsim::ParamDef* p = swsim::find_parameter(key);
    if (!p) std::abort();
    swsim::Config probe = swsim::default_config();
    for (const auto& v : axis.values) p->parse(probe, v);  // must not throw
  } catch (const swsim::ValueError&) {
  } catch (const swsim::InputError&) {
  }
  return 0;
}
