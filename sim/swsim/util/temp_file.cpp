#include "swsim/util/temp_file.hpp"

#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

namespace swsim {

std::string temp_name_for(const std::string& path) {
  const std::filesystem::path p(path);
  std::string name = ".";  // hidden, and clearly not a finished result
  name += p.filename().string();
  name += ".tmp.";
  name += std::to_string(::getpid());
  return (p.parent_path() / name).string();
}

namespace {

// The PID of a `.NAME.tmp.PID` name, or 0 when the name is not of that form.
long pid_of_temp_name(const std::string& name) {
  const auto dot = name.rfind(".tmp.");
  if (name.size() < 2 || name[0] != '.' || dot == std::string::npos || dot == 0) return 0;
  const std::string digits = name.substr(dot + 5);
  if (digits.empty() || digits.size() > 9 || digits.find_first_not_of("0123456789") != std::string::npos) return 0;
  return std::stol(digits);
}

bool process_gone(long pid) { return ::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH; }

bool written_by_swsim(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  char head[8] = {};
  in.read(head, 8);
  const auto n = in.gcount();
  if (n == 0) return true;  // the empty probe made before the run
  return n == 8 && (std::memcmp(head, "\x89HDF\r\n\x1a\n", 8) == 0 || std::memcmp(head, "SWSIMCKP", 8) == 0);
}

}  // namespace

int remove_stale_temp_files(const std::string& folder) {
  std::error_code ec;
  int removed = 0;
  std::filesystem::directory_iterator it(folder.empty() ? "." : folder, ec), end;
  for (; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    const long pid = pid_of_temp_name(name);
    if (pid <= 0 || pid == ::getpid() || !process_gone(pid)) continue;
    std::error_code e2;
    if (!it->is_regular_file(e2) || !written_by_swsim(it->path())) continue;
    if (std::filesystem::remove(it->path(), e2)) ++removed;
  }
  return removed;
}

}  // namespace swsim
