// swsim-analyze: summaries of result files, from the files alone.
//   swsim-analyze summary FILE... [--format table|csv|markdown]
#include <iostream>
#include <string>
#include <vector>

#include "reader/result_file.hpp"
#include "summary.hpp"

using namespace swsim::results;

namespace {

const char* kUsage =
    "Usage: swsim-analyze summary FILE... [--format table|csv|markdown]\n"
    "\n"
    "  summary   meals on time / late / missed and heat illness per management area and for the city\n";

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty() || args[0] == "--help" || args[0] == "-h") {
    (args.empty() ? std::cerr : std::cout) << kUsage;
    return args.empty() ? 2 : 0;
  }
  if (args[0] != "summary") {
    std::cerr << "swsim-analyze: error: unknown command '" << args[0] << "'\n" << kUsage;
    return 2;
  }
  TableFormat format = TableFormat::kTerminal;
  std::vector<std::string> files;
  for (std::size_t i = 1; i < args.size(); ++i) {
    if (args[i] == "--format") {
      if (i + 1 >= args.size()) {
        std::cerr << "swsim-analyze: error: --format needs table, csv or markdown\n";
        return 2;
      }
      const std::string f = args[++i];
      if (f == "table") format = TableFormat::kTerminal;
      else if (f == "csv") format = TableFormat::kCsv;
      else if (f == "markdown") format = TableFormat::kMarkdown;
      else {
        std::cerr << "swsim-analyze: error: --format must be table, csv or markdown, not '" << f << "'\n";
        return 2;
      }
    } else if (args[i].rfind("--", 0) == 0) {
      std::cerr << "swsim-analyze: error: unknown option '" << args[i] << "'\n" << kUsage;
      return 2;
    } else {
      files.push_back(args[i]);
    }
  }
  if (files.empty()) {
    std::cerr << "swsim-analyze: error: summary needs at least one result file\n";
    return 2;
  }
  try {
    for (std::size_t i = 0; i < files.size(); ++i) {
      if (i) std::cout << "\n";
      std::cout << format_summary(summarize(ResultFile(files[i])), format);
    }
  } catch (const ReadError& e) {
    std::cerr << "swsim-analyze: error: " << e.what() << "\n";
    return 2;
  }
  return 0;
}
