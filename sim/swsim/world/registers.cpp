#include "swsim/world/registers.hpp"

namespace swsim {

std::uint8_t register_reasons(int age, Function function, Living living, Assistance assistance, bool lost_only_child) {
  namespace rr = register_reason;
  const bool alone = living == Living::kAlone;
  std::uint8_t r = 0;
  if (assistance == Assistance::kTekun) r |= rr::kTekun;
  if (assistance == Assistance::kDibao) r |= rr::kDibao;
  if (age >= 80 && alone) r |= rr::kAlone80;
  if (function == Function::kDisabled && alone) r |= rr::kDisabledAlone;
  if (lost_only_child) r |= rr::kShidu;
  return r;
}

}  // namespace swsim
