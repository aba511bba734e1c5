// swsim-analyze: summaries and comparisons of result files, from the files alone.
//   swsim-analyze summary FILE... [--format table|csv|markdown]
//   swsim-analyze compare A B [--format table|csv|markdown]
//   swsim-analyze report --out DIR FILE... [--title TEXT] [--sensitivity CSV]
// A FILE may be a sweep index (DIR/sweep.h5 from `swsim sweep`): it stands for all its points.
// The report is a Python script found beside this program (build tree) or in <prefix>/share/swsim.
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "compare.hpp"
#include "indicators.hpp"
#include "inputs.hpp"
#include "reader/result_file.hpp"
#include "summary.hpp"
#include "text_table.hpp"

#ifndef SWSIM_BIN_TO_DATA
#define SWSIM_BIN_TO_DATA "../share/swsim"  // from <prefix>/bin to <prefix>/share/swsim
#endif
#ifndef SWSIM_PYTHON
#define SWSIM_PYTHON "/usr/bin/python3"
#endif
#ifndef SWSIM_VERSION
#define SWSIM_VERSION "unknown"
#endif

using namespace swsim::results;

namespace {

const char* kUsage =
    "Usage: swsim-analyze summary FILE... [--format table|csv|markdown]\n"
    "  or:  swsim-analyze compare A B [--format table|csv|markdown]\n"
    "  or:  swsim-analyze report --out DIR FILE... [--title TEXT] [--sensitivity CSV]\n"
    "  or:  swsim-analyze --help | --version\n"
    "Summaries, comparisons and what-if reports of swsim result files (swsim " SWSIM_VERSION ").\n"
    "swsim 结果文件的汇总、比较与情景报告。\n"
    "\n"
    "Commands:\n"
    "  summary   key indicators (on-time lunch, missed meals, heat illness found early, visits, overtime,\n"
    "            cost per meal) per management area and for the city, with 95 % intervals over replicates\n"
    "            when a file has them; then lunch, heat illness and services per area\n"
    "  compare   differences B - A of the key indicators per area and for the city; paired 95 % intervals\n"
    "            when A and B have the same replicate seeds (common random numbers)\n"
    "  report    a Markdown report with PNG figures for planners (DIR/report.md), made by the Python\n"
    "            script swsim_report.py (xarray, matplotlib)\n"
    "\n"
    "Options:\n"
    "  --out DIR          report (required): folder for report.md and its PNG figures\n"
    "  --format FORMAT    summary, compare: table (default), csv or markdown\n"
    "  --title TEXT       report: the report's title\n"
    "  --sensitivity CSV  report: add a section on which assumptions matter, from the CSV of\n"
    "                     'swsim sensitivity --csv'\n"
    "  -h, --help         show this help and exit\n"
    "  -V, --version      print the version and exit\n"
    "\n"
    "  A FILE may be a sweep index (DIR/sweep.h5 written by `swsim sweep`): it stands for all its points,\n"
    "  each labelled by its parameter values. compare with a sweep compares point by point (or a single\n"
    "  file against every point).\n"
    "\n"
    "Examples:\n"
    "  swsim-analyze summary out/baseline.h5\n"
    "  swsim-analyze summary out/baseline.h5 out/sw5.h5 --format csv > summary.csv\n"
    "  swsim-analyze compare out/baseline.h5 out/sw5.h5\n"
    "  swsim-analyze report --out report/ out/baseline.h5 out/sw5.h5\n"
    "  swsim-analyze report --out report/ --sensitivity morris.csv out/baseline.h5\n"
    "\n"
    "Environment:\n"
    "  SWSIM_REPORT_SCRIPT  the report script (default: swsim_report.py beside this program, else\n"
    "                       <prefix>/share/swsim/swsim_report.py)\n"
    "  SWSIM_PYTHON         the Python 3 that runs it (default: " SWSIM_PYTHON ")\n"
    "\n"
    "Exit status:\n"
    "  0 done; 2 a bad command line, or a result file that cannot be read (one line on stderr).\n";

// A message as one printable line: bytes that are not UTF-8 (a file name in GBK) and control characters
// become \xNN, and at most 1000 characters are shown.
std::string printable(const std::string& s) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  std::size_t chars = 0;
  for (std::size_t i = 0; i < s.size() && chars < 1000; ++chars) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t n = c < 0x80 ? 1 : c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3 : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
    if (i + n > s.size()) n = 0;
    for (std::size_t k = 1; k < n; ++k)
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) n = 0;
    if (n == 0 || (c < 0x20 && c != '\t') || c == 0x7F) {
      out.append("\\x");
      out.push_back(hex[c >> 4]);
      out.push_back(hex[c & 15]);
      ++i;
      continue;
    }
    out.append(s, i, n);
    i += n;
  }
  return out;
}

int usage_error(const std::string& msg) {
  std::cerr << "swsim-analyze: error: " << printable(msg) << "\n";
  return 2;
}

// The folder holding this program (from /proc/self/exe), or empty when it cannot be read.
std::filesystem::path program_dir() {
  std::error_code ec;
  const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  return ec ? std::filesystem::path() : exe.parent_path();
}

// The report script: $SWSIM_REPORT_SCRIPT, else beside the program (build tree), else the installed
// copy in <prefix>/share/swsim found relative to <prefix>/bin. Empty when none exists.
std::string find_report_script(std::vector<std::string>& tried) {
  if (const char* env = std::getenv("SWSIM_REPORT_SCRIPT"); env && *env) {
    tried.push_back(env);
    return std::filesystem::exists(env) ? std::string(env) : std::string();
  }
  const auto dir = program_dir();
  if (dir.empty()) return {};
  for (const auto& p : {dir / "swsim_report.py", (dir / SWSIM_BIN_TO_DATA / "swsim_report.py").lexically_normal()}) {
    tried.push_back(p.string());
    std::error_code ec;
    if (std::filesystem::is_regular_file(p, ec)) return p.string();
  }
  return {};
}

bool parse_format(const std::string& f, TableFormat& format) {
  if (f == "table") format = TableFormat::kTerminal;
  else if (f == "csv") format = TableFormat::kCsv;
  else if (f == "markdown") format = TableFormat::kMarkdown;
  else return false;
  return true;
}

std::string label_of(const Input& in, const ResultFile& f) {
  return in.label.empty() ? scenario_label(f) : in.label;
}

std::string params_text(const Input& in) {
  std::string out;
  for (const auto& [k, v] : in.point.params) out += (out.empty() ? "" : " ") + k + "=" + format_number(v);
  return out;
}

std::vector<std::string> indicator_cells(const ScenarioIndicators& s, std::size_t row) {
  std::vector<std::string> out;
  const auto& inds = s.indicators;
  for (std::size_t k = 0; k < inds.size(); ++k) out.push_back(format_estimate(inds[k], estimate_mean(s.values[row][k])));
  return out;
}

std::vector<std::string> indicator_header(const std::string& first, const std::vector<Indicator>& inds) {
  std::vector<std::string> h{first};
  for (const auto& ind : inds) {
    const std::string unit = ind.unit;
    h.push_back(std::string(ind.name) + (unit == "h" || unit == "yuan" ? " (" + unit + ")" : ""));
  }
  return h;
}

std::string interval_note(const ScenarioIndicators& s) {
  if (s.replicates < 2) return "single run: no intervals (swsim run --replicates R gives 95 % intervals)";
  return "mean of " + std::to_string(s.replicates) + " replicates ± half-width of the 95 % interval";
}

// Splits the CSV of format_summary into header and rows (area names never contain commas).
std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string l; std::getline(in, l);) out.push_back(l);
  return out;
}

int run_summary(const std::vector<std::string>& files, TableFormat format) {
  const auto inputs = expand_inputs(files);
  std::ostringstream out;
  std::vector<std::pair<const Input*, ScenarioIndicators>> all;
  bool csv_header_done = false;
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    const ResultFile f(inputs[i].path);
    ScenarioIndicators s = compute_indicators(f, label_of(inputs[i], f));
    const auto& inds = s.indicators;
    if (format == TableFormat::kCsv) {
      const auto classic = lines_of(format_summary(s.mean, TableFormat::kCsv));
      if (!csv_header_done) {
        out << "scenario,file,parameters,replicates";
        for (const auto& ind : inds) out << "," << ind.key << "_mean," << ind.key << "_ci95";
        out << "," << classic[0] << "\n";
        csv_header_done = true;
      }
      for (std::size_t row = 0; row < s.row_en.size(); ++row) {
        out << csv_cell(s.label) << "," << csv_cell(s.file) << "," << csv_cell(params_text(inputs[i])) << "," << s.replicates;
        for (std::size_t k = 0; k < inds.size(); ++k) {
          const Estimate e = estimate_mean(s.values[row][k]);
          const double scale = inds[k].percent ? 100.0 : 1.0;
          char b[80];
          std::snprintf(b, sizeof b, ",%.6g,", e.mean * scale);
          out << b;
          if (e.has_interval()) {
            std::snprintf(b, sizeof b, "%.6g", e.half_width * scale);
            out << b;
          }
        }
        out << "," << (row + 1 < classic.size() ? classic[row + 1] : "") << "\n";
      }
      continue;
    }
    const bool md = format == TableFormat::kMarkdown;
    if (i) out << "\n";
    const std::string head = "Scenario: " + s.label;
    out << (md ? "### " + head + "\n\n" : head + "\n");
    for (const auto& l : scenario_comment_lines(f)) out << (md ? "- " : "  ") << l << "\n";
    out << "\n";
    const std::string key_title = "Key indicators (" + interval_note(s) + ")";
    out << (md ? "*" + key_title + "*\n\n" : key_title + "\n");
    std::vector<std::vector<std::string>> rows;
    for (std::size_t row = 0; row < s.row_en.size(); ++row) {
      auto cells = indicator_cells(s, row);
      cells.insert(cells.begin(), s.row_en[row] + " " + s.row_zh[row]);
      rows.push_back(cells);
    }
    out << render_table(indicator_header("area", s.indicators), rows, format, true) << "\n";
    out << format_summary(s.mean, format);
    all.emplace_back(&inputs[i], std::move(s));
  }
  if (format != TableFormat::kCsv && all.size() > 1) {
    const bool md = format == TableFormat::kMarkdown;
    out << "\n" << (md ? "### Key indicators by scenario (city)\n\n" : "Key indicators by scenario (city)\n");
    std::vector<std::vector<std::string>> rows;
    for (const auto& [in, s] : all) {
      auto cells = indicator_cells(s, s.city_row());
      cells.insert(cells.begin(), std::to_string(s.replicates));
      cells.insert(cells.begin(), s.label);
      rows.push_back(cells);
    }
    auto header = indicator_header("scenario", all.front().second.indicators);
    header.insert(header.begin() + 1, "replicates");
    out << render_table(header, rows, format);
    out << "± = half-width of the 95 % interval over replicates (mean ± t(0.975, R-1)·sd/√R).\n";
  }
  std::cout << out.str();
  return 0;
}

int run_compare(const std::vector<std::string>& files, TableFormat format) {
  if (files.size() != 2)
    return usage_error("compare needs exactly two result files (or sweep indexes): A B" +
                       (files.size() > 2 ? ", not " + std::to_string(files.size()) + " (unexpected '" + files[2] + "')"
                                         : std::string()));
  const auto a = expand_inputs({files[0]});
  const auto b = expand_inputs({files[1]});
  std::vector<std::pair<const Input*, const Input*>> pairs;
  if (a.size() == 1) {
    for (const auto& x : b) pairs.emplace_back(&a[0], &x);
  } else if (b.size() == 1) {
    for (const auto& x : a) pairs.emplace_back(&x, &b[0]);
  } else if (a.size() == b.size()) {
    for (std::size_t i = 0; i < a.size(); ++i) pairs.emplace_back(&a[i], &b[i]);
  } else {
    return usage_error("cannot compare " + files[0] + " (" + std::to_string(a.size()) + " points) with " + files[1] +
                       " (" + std::to_string(b.size()) + " points): sweeps must have the same number of points");
  }
  std::ostringstream out;
  if (format == TableFormat::kCsv) out << comparison_csv_header();
  for (std::size_t i = 0; i < pairs.size(); ++i) {
    const ResultFile fa(pairs[i].first->path), fb(pairs[i].second->path);
    const Comparison c = compare_files(fa, label_of(*pairs[i].first, fa), fb, label_of(*pairs[i].second, fb));
    if (format == TableFormat::kCsv) {
      out << comparison_csv_rows(c);
    } else {
      if (i) out << "\n";
      out << format_comparison(c, format);
    }
  }
  std::cout << out.str();
  return 0;
}

// report --out DIR FILE... [--title TEXT]: the arguments are checked here (one error prefix for every
// mistake), then the Python script takes over this process.
int run_report(const std::vector<std::string>& args) {
  std::string out, title, sensitivity;
  bool has_title = false;
  std::vector<std::string> files;
  bool options_done = false;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (!options_done && a == "--") {
      options_done = true;
    } else if (!options_done && (a == "--out" || a == "--title" || a == "--sensitivity")) {
      if (i + 1 >= args.size()) return usage_error(a + " needs a value (see 'swsim-analyze --help')");
      (a == "--out" ? out : a == "--title" ? title : sensitivity) = args[++i];
      if (a == "--title") has_title = true;
    } else if (!options_done &&
               (a.rfind("--out=", 0) == 0 || a.rfind("--title=", 0) == 0 || a.rfind("--sensitivity=", 0) == 0)) {
      const auto eq = a.find('=');
      (a[2] == 'o' ? out : a[2] == 't' ? title : sensitivity) = a.substr(eq + 1);
      if (a[2] == 't') has_title = true;
    } else if (!options_done && a.size() > 1 && a[0] == '-') {
      return usage_error("unknown option '" + a +
                         "' for report (report takes --out DIR, --title TEXT and --sensitivity CSV)");
    } else {
      files.push_back(a);
    }
  }
  if (out.empty()) return usage_error("report needs --out DIR (the folder for report.md and its figures)");
  if (files.empty()) return usage_error("report needs at least one result file");
  std::vector<std::string> tried;
  const std::string script = find_report_script(tried);
  if (script.empty()) {
    std::string where;
    for (const auto& t : tried) where += (where.empty() ? "" : ", ") + t;
    if (where.empty()) where = "nowhere: /proc/self/exe cannot be read";
    return usage_error("the report script swsim_report.py is missing (looked at " + where +
                       "; set SWSIM_REPORT_SCRIPT to its path)");
  }
  std::string python = SWSIM_PYTHON;
  if (const char* env = std::getenv("SWSIM_PYTHON"); env && *env) python = env;
  std::vector<std::string> argv_s{python, script, "--out", out};
  if (has_title) argv_s.insert(argv_s.end(), {"--title", title});
  if (!sensitivity.empty()) argv_s.insert(argv_s.end(), {"--sensitivity", sensitivity});
  argv_s.push_back("--");
  argv_s.insert(argv_s.end(), files.begin(), files.end());
  std::vector<char*> argv;
  for (auto& s : argv_s) argv.push_back(s.data());
  argv.push_back(nullptr);
  std::cout.flush();
  setenv("SWSIM_REPORT_PROG", "swsim-analyze", 1);  // the script's errors carry our prefix
  execvp(python.c_str(), argv.data());
  return usage_error("cannot run " + python + ": " + std::strerror(errno) + " (set SWSIM_PYTHON to a Python 3)");
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty()) {
    return usage_error("no command given (commands: summary, compare, report; see 'swsim-analyze --help')");
  }
  const std::string cmd = args[0];
  if (cmd == "--help" || cmd == "-h" || cmd == "help") {
    std::cout << kUsage;
    return 0;
  }
  if (cmd == "--version" || cmd == "-V") {
    std::cout << "swsim-analyze " << SWSIM_VERSION << "\n";
    return 0;
  }
  if (cmd != "summary" && cmd != "compare" && cmd != "report") {
    return usage_error(std::string("unknown ") + (cmd.size() > 1 && cmd[0] == '-' ? "option" : "command") + " '" + printable(cmd) +
                       "' (commands: summary, compare, report; see 'swsim-analyze --help')");
  }
  for (const auto& a : args) {
    if (a == "--") break;
    if (a == "--help" || a == "-h") {
      std::cout << kUsage;
      return 0;
    }
  }
  if (cmd == "report") return run_report(std::vector<std::string>(args.begin() + 1, args.end()));
  TableFormat format = TableFormat::kTerminal;
  std::vector<std::string> files;
  bool options_done = false;
  for (std::size_t i = 1; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (!options_done && a == "--") {
      options_done = true;
    } else if (!options_done && (a == "--format" || a.rfind("--format=", 0) == 0)) {
      std::string value;
      if (a == "--format") {
        if (i + 1 >= args.size()) return usage_error("--format needs table, csv or markdown");
        value = args[++i];
      } else {
        value = a.substr(9);
      }
      if (!parse_format(value, format))
        return usage_error("--format must be table, csv or markdown, not '" + value + "'");
    } else if (!options_done && a.size() > 1 && a[0] == '-') {
      return usage_error("unknown option '" + printable(a) + "' for " + cmd + " (" + cmd + " takes --format table|csv|markdown)");
    } else {
      files.push_back(a);
    }
  }
  try {
    if (cmd == "summary") {
      if (files.empty()) return usage_error("summary needs at least one result file");
      return run_summary(files, format);
    }
    return run_compare(files, format);
  } catch (const ReadError& e) {
    return usage_error(e.what());
  } catch (const std::bad_alloc&) {
    std::cerr << "swsim-analyze: failed: out of memory\n";
    return 1;
  } catch (const std::exception& e) {
    std::cerr << "swsim-analyze: failed: " << printable(e.what()) << "\n";
    return 1;
  }
}
