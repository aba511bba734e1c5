#pragma once
// The index of a sweep (docs/hdf5-schema.md, Sweep index): DIR/sweep.h5 (which file holds which parameter
// values, and whether it is complete) and DIR/sweep.csv (the same table for spreadsheets).
#include <string>
#include <vector>

#include "swsim/config/scenario.hpp"
#include "swsim/simulation/sweep.hpp"

namespace swsim {

// Writes both files (sweep.h5 atomically). complete[p] is 1 when point p's file is complete.
void write_sweep_index(const std::string& dir, const Scenario& base, const std::vector<SweepPoint>& points,
                       const std::vector<int>& complete, const std::string& version, const std::string& command_line);

}  // namespace swsim
