// util/memory: large blocks come 2 MiB-aligned (so that whole huge pages can back them), small ones from
// operator new; HugeVector behaves like std::vector.
#include <catch2/catch.hpp>
#include <cstdint>
#include <cstring>

#include "swsim/util/memory.hpp"

using namespace swsim;

TEST_CASE("memory: large blocks are 2 MiB-aligned and usable, small ones too", "[memory]") {
  const std::size_t big = (std::size_t{3} << 20) + 123;
  void* p = allocate_huge(big);
  REQUIRE(p != nullptr);
  CHECK(reinterpret_cast<std::uintptr_t>(p) % (std::uintptr_t{2} << 20) == 0);
  std::memset(p, 0x5a, big);
  CHECK(static_cast<unsigned char*>(p)[big - 1] == 0x5a);
  deallocate_huge(p, big);
  void* q = allocate_huge(100);
  REQUIRE(q != nullptr);
  std::memset(q, 1, 100);
  deallocate_huge(q, 100);
}

TEST_CASE("memory: HugeVector sizes, zero-fills, grows and compares like std::vector", "[memory]") {
  HugeVector<float> a;
  a.resize(std::size_t{1} << 20);  // 4 MiB: on huge pages
  CHECK(reinterpret_cast<std::uintptr_t>(a.data()) % (std::uintptr_t{2} << 20) == 0);
  bool zero = true;
  for (float x : a) zero = zero && x == 0.0f;
  CHECK(zero);
  a[12345] = 2.5f;
  a.push_back(7.0f);
  CHECK(a.size() == (std::size_t{1} << 20) + 1);
  CHECK(a[12345] == 2.5f);
  CHECK(a.back() == 7.0f);
  HugeVector<float> b = a;
  CHECK(b == a);
  b[0] = 1.0f;
  CHECK_FALSE(b == a);
  HugeVector<std::uint8_t> small(10, 3);
  CHECK(small[9] == 3);
}
