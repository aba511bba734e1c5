#pragma once
// Result files for the unit tests, made once per test process by running swsim (small and quick).
#include <string>

namespace viz_test {
const std::string& baseline_result();    // --scale 0.05 --days 20
const std::string& one_worker_result();  // the same with one social worker per station
const std::string& replicates_result();             // the baseline with --replicates 3
const std::string& replicates_one_worker_result();  // the same seeds with one social worker per station
const std::string& sweep_index();                   // a two-point sweep of social workers (1, 4), 10 days
std::string write_file(const std::string& name, const std::string& content);  // in the test directory
}  // namespace viz_test
