#pragma once
// Running across machines with MPI (CMake option SWSIM_WITH_MPI). Without it every call is the
// one-process answer (rank 0 of 1), so the command line has one code path.
#include <string>
#include <vector>

#include "swsim/simulation/results.hpp"

namespace swsim::cluster {

void init(int* argc, char*** argv);
void finalize();
bool enabled();  // built with MPI
int rank();
int size();
void barrier();

// Element-wise sum over ranks, result on every rank.
std::vector<int> sum_all(const std::vector<int>& local);
// The same for values computed on exactly one rank each (the others hold 0): exact, so deterministic.
std::vector<double> sum_all(const std::vector<double>& local);

// Results computed on `owner` arrive at rank 0 (in place); a no-op when owner is 0.
void send_results_to_root(Results& results, int owner);

}  // namespace swsim::cluster
