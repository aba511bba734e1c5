#include "swsim/validation/closed_forms.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>
#include <vector>

#include "swsim/services/lunch.hpp"
#include "swsim/services/schedule.hpp"
#include "swsim/util/rng.hpp"

namespace swsim::validation {

double erlang_c(int c, double a) {
  // Erlang B by its recursion, then C = B / (1 - (a / c)(1 - B)).
  double b = 1.0;
  for (int k = 1; k <= c; ++k) b = a * b / (k + a * b);
  const double rho = a / c;
  return b / (1.0 - rho * (1.0 - b));
}

QueueStats queue_through_scheduler(int c, double lambda, double mu, int requests, std::uint64_t seed) {
  std::vector<Helper> helpers(static_cast<std::size_t>(c));
  for (auto& h : helpers) h.reset(1, true, 0, 1e15, 1e15);
  const TravelModel tm{};
  Stream arrivals(seed, 0, 0, StreamKind::kWeather), service(seed, 1, 0, StreamKind::kWeather);
  double t = 0, waited = 0, wait_sum = 0;
  const int warmup = requests / 20;
  for (int k = 0; k < requests; ++k) {
    t += arrivals.exponential(1.0 / lambda);
    ScheduleTask task;
    task.travel = false;
    task.outdoor = false;
    task.service_min = service.exponential(1.0 / mu);
    task.release = t;
    const Assignment a = assign_task(task, helpers, tm);
    if (k < warmup || a.helper < 0) continue;
    const double w = a.start - t;
    waited += w > 1e-9 ? 1 : 0;
    wait_sum += w;
  }
  const double n = requests - warmup;
  return {waited / n, wait_sum / n};
}

double route_length_ratio(int n, int reps, std::uint64_t seed) {
  double sum = 0;
  for (int r = 0; r < reps; ++r) {
    Stream s(seed, static_cast<std::uint32_t>(r), 0, StreamKind::kWeather);
    std::vector<MealStop> stops(static_cast<std::size_t>(n));
    for (int k = 0; k < n; ++k)
      stops[static_cast<std::size_t>(k)] = MealStop{static_cast<std::uint32_t>(k), static_cast<float>(s.uniform()),
                                                    static_cast<float>(s.uniform()), 0};
    std::vector<std::uint32_t> rest(static_cast<std::size_t>(n - 1));
    std::iota(rest.begin(), rest.end(), 1u);
    const double x0 = stops[0].x_km, y0 = stops[0].y_km;
    order_route(x0, y0, stops, rest);
    sum += open_path_km(x0, y0, stops, rest) / std::sqrt(n);
  }
  return sum / reps;
}

double simulated_coverage(int stations, double side, double r, int homes, std::uint64_t seed) {
  // A fresh station layout every kHomesPerLayout homes: one layout's coverage varies with how its discs
  // happen to overlap; the closed form is the mean over layouts.
  constexpr int kHomesPerLayout = 500;
  std::vector<double> sx(static_cast<std::size_t>(stations)), sy(sx.size());
  int within = 0;
  for (int h = 0; h < homes; ++h) {
    Stream s(seed, static_cast<std::uint32_t>(h / kHomesPerLayout), 0, StreamKind::kWeather);
    if (h % kHomesPerLayout == 0)
      for (std::size_t k = 0; k < sx.size(); ++k) {
        sx[k] = s.uniform() * side;
        sy[k] = s.uniform() * side;
      }
    Stream hs(seed, static_cast<std::uint32_t>(h), 1, StreamKind::kWeather);
    const double x = hs.uniform() * side, y = hs.uniform() * side;
    for (std::size_t k = 0; k < sx.size(); ++k) {
      double dx = std::abs(x - sx[k]), dy = std::abs(y - sy[k]);
      dx = std::min(dx, side - dx);
      dy = std::min(dy, side - dy);
      if (dx * dx + dy * dy <= r * r) {
        ++within;
        break;
      }
    }
  }
  return static_cast<double>(within) / homes;
}

double coverage_closed_form(double density, double r) { return 1.0 - std::exp(-density * 3.14159265358979323846 * r * r); }

namespace {
// Solves A x = b (n x n, row-major) by Gaussian elimination with partial pivoting; false when singular.
bool solve_small(std::vector<double> a, std::vector<double>& b) {
  const std::size_t n = b.size();
  for (std::size_t c = 0; c < n; ++c) {
    std::size_t piv = c;
    for (std::size_t r = c + 1; r < n; ++r)
      if (std::abs(a[r * n + c]) > std::abs(a[piv * n + c])) piv = r;
    if (std::abs(a[piv * n + c]) < 1e-12) return false;
    for (std::size_t k = 0; k < n; ++k) std::swap(a[c * n + k], a[piv * n + k]);
    std::swap(b[c], b[piv]);
    for (std::size_t r = c + 1; r < n; ++r) {
      const double f = a[r * n + c] / a[c * n + c];
      for (std::size_t k = c; k < n; ++k) a[r * n + k] -= f * a[c * n + k];
      b[r] -= f * b[c];
    }
  }
  for (std::size_t c = n; c-- > 0;) {
    for (std::size_t k = c + 1; k < n; ++k) b[c] -= a[c * n + k] * b[k];
    b[c] /= a[c * n + c];
  }
  return true;
}
}  // namespace

std::vector<double> poisson_log_linear_fit(const std::vector<double>& y, const std::vector<std::vector<double>>& covariates) {
  const std::size_t p = covariates.size() + 1, n = y.size();
  double total = 0;
  for (double v : y) total += v;
  if (total <= 0) throw std::invalid_argument("Poisson fit: all counts are zero");
  auto x = [&](std::size_t k, std::size_t d) { return k == 0 ? 1.0 : covariates[k - 1][d]; };
  std::vector<double> b(p, 0.0);
  b[0] = std::log(total / static_cast<double>(n));
  for (int it = 0; it < 50; ++it) {
    std::vector<double> grad(p, 0.0), info(p * p, 0.0);
    for (std::size_t d = 0; d < n; ++d) {
      double eta = 0;
      for (std::size_t k = 0; k < p; ++k) eta += b[k] * x(k, d);
      const double mu = std::exp(eta);
      for (std::size_t k = 0; k < p; ++k) {
        grad[k] += (y[d] - mu) * x(k, d);
        for (std::size_t l = 0; l < p; ++l) info[k * p + l] += mu * x(k, d) * x(l, d);
      }
    }
    if (!solve_small(info, grad)) throw std::invalid_argument("Poisson fit: collinear covariates");
    double step = 0;
    for (std::size_t k = 0; k < p; ++k) b[k] += grad[k], step = std::max(step, std::abs(grad[k]));
    if (step < 1e-10) break;
  }
  return b;
}

}  // namespace swsim::validation
