#pragma once
// Large arrays that are written once right after they are sized (the elders' arrays, ~50 MB at full
// scale) live on transparent huge pages where the kernel offers them: one 2 MiB page fault instead of
// 512 faults of 4 KiB pages, which cost several microseconds each on the virtual machines measured
// (docs/performance.md, "Performance round two"). Advice only: contents, sizes and results are the same
// with or without it.
#include <cstddef>
#include <vector>

namespace swsim {

// Blocks of 1 MiB and more: 2 MiB-aligned, rounded up to whole 2 MiB pages and advised MADV_HUGEPAGE
// (std::bad_alloc when memory is short); smaller blocks come from operator new. Free with the same size.
void* allocate_huge(std::size_t bytes);
void deallocate_huge(void* p, std::size_t bytes) noexcept;

template <class T>
struct HugePageAllocator {
  using value_type = T;
  HugePageAllocator() = default;
  template <class U>
  HugePageAllocator(const HugePageAllocator<U>&) noexcept {}
  T* allocate(std::size_t n) { return static_cast<T*>(allocate_huge(n * sizeof(T))); }
  void deallocate(T* p, std::size_t n) noexcept { deallocate_huge(p, n * sizeof(T)); }
  friend bool operator==(const HugePageAllocator&, const HugePageAllocator&) { return true; }
};

// A std::vector whose storage, once large, is on huge pages.
template <class T>
using HugeVector = std::vector<T, HugePageAllocator<T>>;

}  // namespace swsim
