#pragma once
// The name of a run's live snapshot (swsim run --live): OUT.live.h5 for OUT.h5, OUT.live for a name without
// ".h5". Header-only: the writer (swsim) and the follower (swsim-viz, which does not link the simulation
// library) share this one definition.
#include <string>

namespace swsim {

inline std::string live_path_for(const std::string& out_path) {
  const std::string ext = ".h5";
  if (out_path.size() > ext.size() && out_path.compare(out_path.size() - ext.size(), ext.size(), ext) == 0)
    return out_path.substr(0, out_path.size() - ext.size()) + ".live.h5";
  return out_path + ".live";
}

}  // namespace swsim
