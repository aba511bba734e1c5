#include "swsim/util/memory.hpp"

#include <sys/mman.h>

#include <cstdlib>
#include <new>

namespace swsim {
namespace {
constexpr std::size_t kHugePage = std::size_t{2} << 20;
constexpr std::size_t kHugeFrom = std::size_t{1} << 20;  // smaller blocks: operator new
}  // namespace

void* allocate_huge(std::size_t bytes) {
  if (bytes < kHugeFrom) return ::operator new(bytes);
  const std::size_t rounded = (bytes + kHugePage - 1) / kHugePage * kHugePage;
  void* p = std::aligned_alloc(kHugePage, rounded);
  if (p == nullptr) throw std::bad_alloc();
#ifdef MADV_HUGEPAGE
  madvise(p, rounded, MADV_HUGEPAGE);  // advice: ignored where transparent huge pages are off
#endif
  return p;
}

void deallocate_huge(void* p, std::size_t bytes) noexcept {
  if (bytes < kHugeFrom) ::operator delete(p);
  else std::free(p);
}

}  // namespace swsim
