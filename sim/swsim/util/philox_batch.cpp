#include "swsim/util/philox_batch.hpp"

#include <immintrin.h>

#include <stdexcept>

namespace swsim {
namespace {

// Random123's Philox4x32 constants: the round multipliers and the Weyl key increments.
constexpr std::uint32_t kM0 = 0xD2511F53u, kM1 = 0xCD9E8D57u;
constexpr std::uint32_t kW0 = 0x9E3779B9u, kW1 = 0xBB67AE85u;
constexpr int kRounds = 10;

void blocks_scalar(std::uint64_t seed, const PhiloxBlock* ctr, PhiloxBlock* out, std::size_t n) {
  const r123::Philox4x32 gen;
  const r123::Philox4x32::key_type key{{static_cast<std::uint32_t>(seed), static_cast<std::uint32_t>(seed >> 32)}};
  for (std::size_t i = 0; i < n; ++i) {
    const r123::Philox4x32::ctr_type c{{ctr[i][0], ctr[i][1], ctr[i][2], ctr[i][3]}};
    const r123::Philox4x32::ctr_type r = gen(c, key);
    out[i] = {r.v[0], r.v[1], r.v[2], r.v[3]};
  }
}

// Lanes side by side: the four counter words of `kLanes` blocks as four vectors (structure of arrays).
template <std::size_t kLanes>
struct Lanes {
  alignas(64) std::uint32_t w[4][kLanes];
  void load(const PhiloxBlock* from) {
    for (std::size_t j = 0; j < kLanes; ++j)
      for (std::size_t k = 0; k < 4; ++k) w[k][j] = from[j][k];
  }
  void store(PhiloxBlock* to) const {
    for (std::size_t j = 0; j < kLanes; ++j)
      for (std::size_t k = 0; k < 4; ++k) to[j][k] = w[k][j];
  }
};

// Ten rounds on 8 counters side by side. A round's high and low halves of M * x come from the 64-bit
// products of the even and of the odd lanes (_mm256_mul_epu32), blended back into 32-bit lanes.
__attribute__((target("avx2"))) void blocks_avx2(std::uint64_t seed, const PhiloxBlock* ctr, PhiloxBlock* out,
                                                  std::size_t n) {
  const std::size_t whole = n / 8 * 8;
  const __m256i m0 = _mm256_set1_epi32(static_cast<int>(kM0)), m1 = _mm256_set1_epi32(static_cast<int>(kM1));
  for (std::size_t i = 0; i < whole; i += 8) {
    Lanes<8> l;
    l.load(ctr + i);
    __m256i x0 = _mm256_load_si256(reinterpret_cast<const __m256i*>(l.w[0]));
    __m256i x1 = _mm256_load_si256(reinterpret_cast<const __m256i*>(l.w[1]));
    __m256i x2 = _mm256_load_si256(reinterpret_cast<const __m256i*>(l.w[2]));
    __m256i x3 = _mm256_load_si256(reinterpret_cast<const __m256i*>(l.w[3]));
    __m256i k0 = _mm256_set1_epi32(static_cast<int>(static_cast<std::uint32_t>(seed)));
    __m256i k1 = _mm256_set1_epi32(static_cast<int>(static_cast<std::uint32_t>(seed >> 32)));
    for (int r = 0; r < kRounds; ++r) {
      if (r > 0) {
        k0 = _mm256_add_epi32(k0, _mm256_set1_epi32(static_cast<int>(kW0)));
        k1 = _mm256_add_epi32(k1, _mm256_set1_epi32(static_cast<int>(kW1)));
      }
      const __m256i e0 = _mm256_mul_epu32(x0, m0), o0 = _mm256_mul_epu32(_mm256_srli_epi64(x0, 32), m0);
      const __m256i e1 = _mm256_mul_epu32(x2, m1), o1 = _mm256_mul_epu32(_mm256_srli_epi64(x2, 32), m1);
      const __m256i hi0 = _mm256_blend_epi32(_mm256_srli_epi64(e0, 32), o0, 0xAA);
      const __m256i lo0 = _mm256_blend_epi32(e0, _mm256_slli_epi64(o0, 32), 0xAA);
      const __m256i hi1 = _mm256_blend_epi32(_mm256_srli_epi64(e1, 32), o1, 0xAA);
      const __m256i lo1 = _mm256_blend_epi32(e1, _mm256_slli_epi64(o1, 32), 0xAA);
      x0 = _mm256_xor_si256(_mm256_xor_si256(hi1, x1), k0);
      x1 = lo1;
      x2 = _mm256_xor_si256(_mm256_xor_si256(hi0, x3), k1);
      x3 = lo0;
    }
    _mm256_store_si256(reinterpret_cast<__m256i*>(l.w[0]), x0);
    _mm256_store_si256(reinterpret_cast<__m256i*>(l.w[1]), x1);
    _mm256_store_si256(reinterpret_cast<__m256i*>(l.w[2]), x2);
    _mm256_store_si256(reinterpret_cast<__m256i*>(l.w[3]), x3);
    l.store(out + i);
  }
  blocks_scalar(seed, ctr + whole, out + whole, n - whole);
}

// The same on 16 lanes.
__attribute__((target("avx512f"))) void blocks_avx512(std::uint64_t seed, const PhiloxBlock* ctr, PhiloxBlock* out,
                                                      std::size_t n) {
  const std::size_t whole = n / 16 * 16;
  const __m512i m0 = _mm512_set1_epi32(static_cast<int>(kM0)), m1 = _mm512_set1_epi32(static_cast<int>(kM1));
  constexpr __mmask16 kOdd = 0xAAAA;
  for (std::size_t i = 0; i < whole; i += 16) {
    Lanes<16> l;
    l.load(ctr + i);
    __m512i x0 = _mm512_load_si512(l.w[0]), x1 = _mm512_load_si512(l.w[1]);
    __m512i x2 = _mm512_load_si512(l.w[2]), x3 = _mm512_load_si512(l.w[3]);
    __m512i k0 = _mm512_set1_epi32(static_cast<int>(static_cast<std::uint32_t>(seed)));
    __m512i k1 = _mm512_set1_epi32(static_cast<int>(static_cast<std::uint32_t>(seed >> 32)));
    for (int r = 0; r < kRounds; ++r) {
      if (r > 0) {
        k0 = _mm512_add_epi32(k0, _mm512_set1_epi32(static_cast<int>(kW0)));
        k1 = _mm512_add_epi32(k1, _mm512_set1_epi32(static_cast<int>(kW1)));
      }
      const __m512i e0 = _mm512_mul_epu32(x0, m0), o0 = _mm512_mul_epu32(_mm512_srli_epi64(x0, 32), m0);
      const __m512i e1 = _mm512_mul_epu32(x2, m1), o1 = _mm512_mul_epu32(_mm512_srli_epi64(x2, 32), m1);
      const __m512i hi0 = _mm512_mask_blend_epi32(kOdd, _mm512_srli_epi64(e0, 32), o0);
      const __m512i lo0 = _mm512_mask_blend_epi32(kOdd, e0, _mm512_slli_epi64(o0, 32));
      const __m512i hi1 = _mm512_mask_blend_epi32(kOdd, _mm512_srli_epi64(e1, 32), o1);
      const __m512i lo1 = _mm512_mask_blend_epi32(kOdd, e1, _mm512_slli_epi64(o1, 32));
      x0 = _mm512_xor_si512(_mm512_xor_si512(hi1, x1), k0);
      x1 = lo1;
      x2 = _mm512_xor_si512(_mm512_xor_si512(hi0, x3), k1);
      x3 = lo0;
    }
    _mm512_store_si512(l.w[0], x0);
    _mm512_store_si512(l.w[1], x1);
    _mm512_store_si512(l.w[2], x2);
    _mm512_store_si512(l.w[3], x3);
    l.store(out + i);
  }
  blocks_scalar(seed, ctr + whole, out + whole, n - whole);
}

void run(int path, std::uint64_t seed, std::span<const PhiloxBlock> ctr, std::span<PhiloxBlock> out) {
  if (ctr.size() != out.size()) throw std::logic_error("philox_blocks: counters and blocks differ in number");
  // Each path reads a block's counter before it writes the block, so ctr and out may be one array.
  if (path == 2) blocks_avx512(seed, ctr.data(), out.data(), ctr.size());
  else if (path == 1) blocks_avx2(seed, ctr.data(), out.data(), ctr.size());
  else blocks_scalar(seed, ctr.data(), out.data(), ctr.size());
}

}  // namespace

namespace philox_detail {

bool available(int path) {
  if (path == 0) return true;
  __builtin_cpu_init();
  if (path == 1) return __builtin_cpu_supports("avx2");
  if (path == 2) return __builtin_cpu_supports("avx512f");
  return false;
}

void blocks_with(int path, std::uint64_t seed, std::span<const PhiloxBlock> ctr, std::span<PhiloxBlock> out) {
  if (!available(path)) throw std::logic_error("philox_blocks: this processor cannot run that path");
  run(path, seed, ctr, out);
}

}  // namespace philox_detail

void philox_blocks(std::uint64_t seed, std::span<const PhiloxBlock> ctr, std::span<PhiloxBlock> out) {
  static const int best = philox_detail::available(2) ? 2 : philox_detail::available(1) ? 1 : 0;
  run(best, seed, ctr, out);
}

}  // namespace swsim
