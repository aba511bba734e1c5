#pragma once
// Rare events without a draw per entity. Independent Bernoulli(p) trials over the positions [begin, end)
// succeed at the positions a geometric sequence of gaps reaches: the gap before the next success is
// floor(log U / log(1 - p)), one uniform per success rather than one per position. The successes have
// exactly the distribution of one draw per position (each position succeeds with probability p,
// independently), read from one stream in order, so they are the same for any thread count and do not
// depend on anything but the stream's key, p and the range (common random numbers between scenarios
// that share them). Used for the heat-illness candidates and the outpatient appointments of a station.
#include <cmath>
#include <cstdint>

#include "swsim/util/rng.hpp"

namespace swsim {

// Calls f(position) for each success, in increasing order.
template <class F>
void for_each_success(Stream& seq, std::uint64_t begin, std::uint64_t end, double p, F&& f) {
  if (!(p > 0) || begin >= end) return;
  const double log_q = std::log1p(-p);
  std::uint64_t i = begin;
  for (;;) {
    const double gap = p >= 1.0 ? 0.0 : std::floor(std::log(seq.uniform()) / log_q);
    if (gap >= static_cast<double>(end - i)) break;
    i += static_cast<std::uint64_t>(gap);
    f(i);
    ++i;
  }
}

}  // namespace swsim
