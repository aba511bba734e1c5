#pragma once
// The closed forms the model's parts must reproduce (docs/sources.md, Closed forms), computed two ways:
// by the formula itself, and by running the model's own machinery on the textbook situation.
#include <cstdint>
#include <vector>

namespace swsim::validation {

// Erlang C: probability that a request waits, c servers, offered load a = lambda / mu (a < c).
double erlang_c(int c, double a);

// M/M/c through the station's list scheduler (services/schedule.hpp): Poisson arrivals, exponential
// service, c identical helpers, no travel; P(wait) and mean wait after a 5 % warm-up.
struct QueueStats {
  double p_wait = 0, mean_wait = 0;
};
QueueStats queue_through_scheduler(int c, double lambda, double mu, int requests, std::uint64_t seed);

// Mean L / sqrt(n A) of the lunch router's open paths (services/lunch.hpp: nearest neighbour + 2-opt)
// through n uniform points in the unit square, starting at one of them, over `reps` samples.
double route_length_ratio(int n, int reps, std::uint64_t seed);

// Share of uniform homes within r km of the nearest of `stations` uniform stations in a square of side
// `side_km` (torus distances, so no edge effects; a new station layout every 500 homes), against
// 1 - exp(-lambda pi r^2) (for a fixed number N of stations, exactly 1 - (1 - pi r^2 / A)^N).
double simulated_coverage(int stations, double side_km, double r_km, int homes, std::uint64_t seed);
double coverage_closed_form(double stations_per_km2, double r_km);

// Maximum-likelihood log-linear Poisson regression, counts y_d ~ Poisson(exp(b0 + sum_k b_k x_k,d)),
// by Newton-Raphson from b = (log mean, 0, ...): the coefficients b0, b1, ... (intercept first). Used to
// recover the heat-illness rate ratio per degC from simulated daily counts, independently of the hazard
// code. `covariates[k]` has one value per count; throws std::invalid_argument when the columns are
// collinear or the counts are all zero.
std::vector<double> poisson_log_linear_fit(const std::vector<double>& y, const std::vector<std::vector<double>>& covariates);

}  // namespace swsim::validation
