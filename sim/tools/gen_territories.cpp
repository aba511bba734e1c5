// swsim-gen-territories OUT.cpp: builds the unit territories of the built-in outlines with the default
// TerritoryParams (seed 1) and writes them as the C++ source that swsim_core compiles in
// (world/territory_codec.hpp). Run by CMake at build time; not installed.
#include <cstdio>
#include <fstream>
#include <string>

#include "swsim/world/jinan_outlines.hpp"
#include "swsim/world/territory.hpp"
#include "swsim/world/territory_codec.hpp"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: swsim-gen-territories OUT.cpp\n");
    return 2;
  }
  const swsim::TerritoryParams params;
  const std::string text = swsim::territory_source(swsim::build_territories(swsim::jinan_builtin_outlines(), params),
                                                   params.seed);
  const std::string tmp = std::string(argv[1]) + ".tmp";
  std::ofstream out(tmp, std::ios::binary);
  out << text;
  out.close();
  if (!out || std::rename(tmp.c_str(), argv[1]) != 0) {
    std::fprintf(stderr, "swsim-gen-territories: cannot write %s\n", argv[1]);
    return 1;
  }
  return 0;
}
