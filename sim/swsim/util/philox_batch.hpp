#pragma once
// Many Philox4x32-10 blocks at once: the same numbers as Stream (Random123's philox4x32, ten rounds), for
// callers that know in advance which blocks of which streams they will read (building the world: every
// elder's attribute blocks and home block). On processors with AVX-512 or AVX2 the rounds run on 16 or 8
// counters side by side (chosen at run time; integer arithmetic, so every path gives the same bits); else
// one block at a time. Tests compare every path with Random123 (tests/test_rng.cpp).
#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

#include "swsim/util/rng.hpp"

namespace swsim {

// out[i] = Philox4x32-10(ctr[i], key of `seed`), as Stream(seed, ...) computes its blocks.
// ctr and out have the same length; they may be the same array.
void philox_blocks(std::uint64_t seed, std::span<const PhiloxBlock> ctr, std::span<PhiloxBlock> out);

// The counter of block `block` of Stream(seed, entity, day, kind).
inline PhiloxBlock stream_counter(std::uint32_t entity, std::uint32_t day, StreamKind kind, std::uint32_t block) {
  return {entity, day, static_cast<std::uint32_t>(kind), block};
}

namespace philox_detail {
// The paths philox_blocks chooses from, for tests: 0 = one block at a time, 1 = AVX2 (8 lanes),
// 2 = AVX-512 (16 lanes). available(path) says whether this processor runs it.
bool available(int path);
void blocks_with(int path, std::uint64_t seed, std::span<const PhiloxBlock> ctr, std::span<PhiloxBlock> out);
}  // namespace philox_detail

}  // namespace swsim
