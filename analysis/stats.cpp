#include "stats.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace swsim::results {
namespace {

// Continued fraction for the incomplete beta function (modified Lentz), as in Numerical Recipes §6.4.
double beta_cf(double a, double b, double x) {
  constexpr int kMaxIter = 300;
  constexpr double kEps = 1e-15, kTiny = 1e-300;
  const double qab = a + b, qap = a + 1, qam = a - 1;
  double c = 1, d = 1 - qab * x / qap;
  if (std::fabs(d) < kTiny) d = kTiny;
  d = 1 / d;
  double h = d;
  for (int m = 1; m <= kMaxIter; ++m) {
    const double m2 = 2.0 * m;
    double aa = m * (b - m) * x / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (std::fabs(d) < kTiny) d = kTiny;
    c = 1 + aa / c;
    if (std::fabs(c) < kTiny) c = kTiny;
    d = 1 / d;
    h *= d * c;
    aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (std::fabs(d) < kTiny) d = kTiny;
    c = 1 + aa / c;
    if (std::fabs(c) < kTiny) c = kTiny;
    d = 1 / d;
    const double del = d * c;
    h *= del;
    if (std::fabs(del - 1) < kEps) break;
  }
  return h;
}

}  // namespace

double incomplete_beta(double a, double b, double x) {
  if (!(a > 0) || !(b > 0) || x < 0 || x > 1) throw std::invalid_argument("incomplete_beta: bad arguments");
  if (x == 0 || x == 1) return x;
  const double ln_front = std::lgamma(a + b) - std::lgamma(a) - std::lgamma(b) + a * std::log(x) + b * std::log1p(-x);
  const double front = std::exp(ln_front);
  if (x < (a + 1) / (a + b + 2)) return front * beta_cf(a, b, x) / a;
  return 1 - front * beta_cf(b, a, 1 - x) / b;
}

double student_t_cdf(double t, double df) {
  if (!(df > 0)) throw std::invalid_argument("student_t_cdf: df must be > 0");
  const double x = df / (df + t * t);
  const double tail = 0.5 * incomplete_beta(df / 2, 0.5, x);  // P(T > |t|)
  return t >= 0 ? 1 - tail : tail;
}

double student_t_quantile(double p, double df) {
  if (!(p > 0 && p < 1)) throw std::invalid_argument("student_t_quantile: p must be in (0, 1)");
  if (p == 0.5) return 0;
  if (p < 0.5) return -student_t_quantile(1 - p, df);
  // Bracket, then bisect: the CDF is monotone; 200 halvings reach double precision.
  double lo = 0, hi = 1;
  while (student_t_cdf(hi, df) < p) hi *= 2;
  for (int i = 0; i < 200 && hi - lo > 1e-14 * hi; ++i) {
    const double mid = 0.5 * (lo + hi);
    (student_t_cdf(mid, df) < p ? lo : hi) = mid;
  }
  return 0.5 * (lo + hi);
}

Estimate estimate_mean(const std::vector<double>& x) {
  Estimate e;
  e.n = static_cast<int>(x.size());
  if (x.empty()) return e;
  double s = 0;
  for (double v : x) s += v;
  e.mean = s / e.n;
  if (e.n < 2) return e;
  double ss = 0;
  for (double v : x) ss += (v - e.mean) * (v - e.mean);
  e.sd = std::sqrt(ss / (e.n - 1));
  e.half_width = student_t_quantile(0.975, e.n - 1) * e.sd / std::sqrt(double(e.n));
  return e;
}

Difference paired_difference(const std::vector<double>& a, const std::vector<double>& b) {
  if (a.size() != b.size()) throw std::invalid_argument("paired_difference: samples of different sizes");
  std::vector<double> d(a.size());
  for (std::size_t i = 0; i < a.size(); ++i) d[i] = b[i] - a[i];
  Difference out;
  out.est = estimate_mean(d);
  out.a_mean = estimate_mean(a).mean;
  out.b_mean = estimate_mean(b).mean;
  out.pairing = out.est.has_interval() ? Pairing::kPaired : Pairing::kNone;
  return out;
}

Difference unpaired_difference(const std::vector<double>& a, const std::vector<double>& b) {
  const Estimate ea = estimate_mean(a), eb = estimate_mean(b);
  Difference out;
  out.a_mean = ea.mean;
  out.b_mean = eb.mean;
  out.est.mean = eb.mean - ea.mean;
  out.est.n = std::min(ea.n, eb.n);
  if (!ea.has_interval() || !eb.has_interval()) {
    out.est.n = std::min(out.est.n, 1);
    return out;
  }
  const double va = ea.sd * ea.sd / ea.n, vb = eb.sd * eb.sd / eb.n;
  const double se = std::sqrt(va + vb);
  out.est.sd = se;
  out.pairing = Pairing::kUnpaired;
  if (se == 0) return out;
  const double df = (va + vb) * (va + vb) / (va * va / (ea.n - 1) + vb * vb / (eb.n - 1));
  out.est.half_width = student_t_quantile(0.975, df) * se;
  return out;
}

const char* pairing_name(Pairing p) {
  switch (p) {
    case Pairing::kPaired: return "paired";
    case Pairing::kUnpaired: return "unpaired";
    default: return "single runs";
  }
}

}  // namespace swsim::results
