#include "cluster.hpp"

#ifdef SWSIM_WITH_MPI
#include <mpi.h>
#endif

namespace swsim::cluster {

#ifdef SWSIM_WITH_MPI

void init(int* argc, char*** argv) { MPI_Init(argc, argv); }
void finalize() { MPI_Finalize(); }
bool enabled() { return true; }
int rank() {
  int r = 0;
  MPI_Comm_rank(MPI_COMM_WORLD, &r);
  return r;
}
int size() {
  int s = 1;
  MPI_Comm_size(MPI_COMM_WORLD, &s);
  return s;
}
void barrier() { MPI_Barrier(MPI_COMM_WORLD); }

std::vector<int> sum_all(const std::vector<int>& local) {
  std::vector<int> out(local.size(), 0);
  MPI_Allreduce(local.data(), out.data(), static_cast<int>(local.size()), MPI_INT, MPI_SUM, MPI_COMM_WORLD);
  return out;
}

std::vector<double> sum_all(const std::vector<double>& local) {
  std::vector<double> out(local.size(), 0.0);
  MPI_Allreduce(local.data(), out.data(), static_cast<int>(local.size()), MPI_DOUBLE, MPI_SUM, MPI_COMM_WORLD);
  return out;
}

void send_results_to_root(Results& results, int owner) {
  if (owner == 0) return;
  const int me = rank();
  if (me != owner && me != 0) return;
  for (std::size_t m = 0; m < kMetricCount; ++m) {
    const std::span<double> v = results.series(static_cast<Metric>(m));
    if (me == owner)
      MPI_Send(v.data(), static_cast<int>(v.size()), MPI_DOUBLE, 0, static_cast<int>(m), MPI_COMM_WORLD);
    else
      MPI_Recv(v.data(), static_cast<int>(v.size()), MPI_DOUBLE, owner, static_cast<int>(m), MPI_COMM_WORLD,
               MPI_STATUS_IGNORE);
  }
}

#else

void init(int*, char***) {}
void finalize() {}
bool enabled() { return false; }
int rank() { return 0; }
int size() { return 1; }
void barrier() {}
std::vector<int> sum_all(const std::vector<int>& local) { return local; }
std::vector<double> sum_all(const std::vector<double>& local) { return local; }
void send_results_to_root(Results&, int) {}

#endif

}  // namespace swsim::cluster
