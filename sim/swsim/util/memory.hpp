#pragma once
// Large arrays that are written once right after they are sized (the elders' arrays, ~50 MB at full
// scale): asking the kernel for transparent huge pages before the first touch turns thousands of 4 KiB
// page faults (each several microseconds on the virtual machines measured, docs/performance.md) into a
// few dozen 2 MiB ones. Advice only: contents, sizes and results are the same with or without it.
#include <cstddef>
#include <vector>

namespace swsim {

// madvise(MADV_HUGEPAGE) on the whole 2 MiB-aligned pages inside [p, p + bytes) (none for less than 2
// MiB); nothing where the system has no transparent huge pages. Returns whether the advice was taken.
bool advise_huge_pages(void* p, std::size_t bytes);

// v.resize(n), first moving a vector too small for n into a fresh allocation of capacity n that is
// advised to use huge pages before its elements are written.
template <class T>
void resize_huge(std::vector<T>& v, std::size_t n) {
  if (v.capacity() < n) {
    std::vector<T> fresh;
    fresh.reserve(n);
    advise_huge_pages(fresh.data(), n * sizeof(T));
    fresh.assign(v.begin(), v.end());
    v.swap(fresh);
  }
  v.resize(n);
}

}  // namespace swsim
