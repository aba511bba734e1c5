// libFuzzer target: the result-file reader (swsim::results::ResultFile) on crafted HDF5 files. The
// input is written to a private temporary file, opened as a result file and every variable read.
// Contract checked: a bad file is a ReadError; an accepted file's variables have the lengths of
// their dimensions (the reader's own check), so reading them never goes out of bounds.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

#include "reader/result_file.hpp"

namespace {

const std::string& scratch() {
  static const std::string path = [] {
    std::string p = "/tmp/swsim_fuzz_results_";
    p.append(std::to_string(::getpid())).append(".h5");
    return p;
  }();
  return path;
}

void read_everything(const swsim::results::ResultFile& f) {
  for (const auto& name : f.variables_with_dims({"day"})) f.read(name);
  for (const auto& name : f.station_metrics()) {
    const auto v = f.read(name);
    const std::size_t want = static_cast<std::size_t>(f.replicates()) * static_cast<std::size_t>(f.days()) *
                             static_cast<std::size_t>(f.stations());
    if (v.size() != want) std::abort();  // the reader accepted a metric of the wrong size
  }
  for (const char* s : {"station_name", "station_name_en", "area_name", "area_name_en"})
    if (f.has(s)) {
      const auto names = f.read_strings(s);
      const int want = s[0] == 's' ? f.stations() : f.areas();
      if (static_cast<int>(names.size()) != want) std::abort();
    }
  for (const char* n : {"station_area", "station_elders", "tmax_c", "heat_wave", "heat_warning"})
    if (f.has(n)) {
      const auto v = f.read(n);
      const int want = n[0] == 's' ? f.stations() : f.days();
      if (static_cast<int>(v.size()) != want) std::abort();
    }
  f.replicate_seeds();
  f.global_text("scenario");
  for (const auto& g : f.group_variables("indicators")) f.text_attribute("indicators/" + g, "label");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  {
    std::ofstream out(scratch(), std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  }
  try {
    const swsim::results::ResultFile f(scratch());
    read_everything(f);
  } catch (const swsim::results::ReadError&) {
  }
  std::remove(scratch().c_str());
  return 0;
}
