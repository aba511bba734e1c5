// The swsim-analyze command line: --version, the help (synopsis, options, examples), errors for unknown
// commands, options and stray arguments (one line, "swsim-analyze: error:", exit 2), and how `report`
// finds its Python script: beside the program, else <prefix>/share/swsim relative to it.
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;

namespace {
namespace fs = std::filesystem;

struct Outcome {
  int code;
  std::string out, err;
};

std::string tmp_dir() {
  static const std::string dir = [] {
    std::string leaf = "cli";
    leaf += std::to_string(::getpid());
    const auto d = fs::path(SWSIM_ANALYSIS_FILES) / leaf;
    fs::remove_all(d);
    fs::create_directories(d);
    return d.string();
  }();
  return dir;
}

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Runs a shell command line with stdout and stderr captured.
Outcome run(const std::string& command) {
  const std::string out = tmp_dir() + "/stdout", err = tmp_dir() + "/stderr";
  const int status = std::system((command + " >" + out + " 2>" + err + " </dev/null").c_str());
  return Outcome{WIFEXITED(status) ? WEXITSTATUS(status) : -1, slurp(out), slurp(err)};
}

Outcome analyze(const std::string& args) { return run(std::string("env -u SWSIM_REPORT_SCRIPT ") + SWSIM_ANALYZE_BIN + " " + args); }

int lines(const std::string& s) {
  int n = 0;
  for (char c : s) n += c == '\n';
  return n;
}

// A bad command line: exit 2, nothing on stdout, one line on stderr with the one prefix.
void expect_usage_error(const std::string& args, const std::string& says) {
  INFO("swsim-analyze " << args);
  const Outcome o = analyze(args);
  CHECK(o.code == 2);
  CHECK(o.out.empty());
  CHECK(lines(o.err) == 1);
  CHECK_THAT(o.err, StartsWith("swsim-analyze: error: "));
  CHECK_THAT(o.err, Contains(says));
}
}  // namespace

TEST_CASE("swsim-analyze --version prints the project version", "[analysis][cli]") {
  for (const char* opt : {"--version", "-V"}) {
    const Outcome o = analyze(opt);
    CHECK(o.code == 0);
    CHECK(o.out == std::string("swsim-analyze ") + SWSIM_VERSION_EXPECTED + "\n");
    CHECK(o.err.empty());
  }
}

TEST_CASE("swsim-analyze help: synopsis first, the required --out of report, options and examples", "[analysis][cli]") {
  for (const char* args : {"--help", "-h", "summary --help", "report --out x --help"}) {
    INFO(args);
    const Outcome o = analyze(args);
    CHECK(o.code == 0);
    CHECK_THAT(o.out, StartsWith("Usage: swsim-analyze summary FILE..."));
    CHECK_THAT(o.out, Contains("  or:  swsim-analyze report --out DIR FILE... [--title TEXT]"));
    CHECK_THAT(o.out, Contains("  or:  swsim-analyze --help | --version"));
    CHECK_THAT(o.out, Contains("\nOptions:\n  --out DIR          report (required)"));
    CHECK_THAT(o.out, Contains("\nExamples:\n  swsim-analyze summary out/baseline.h5\n"));
    CHECK_THAT(o.out, Contains("swsim 结果文件"));
  }
}

TEST_CASE("swsim-analyze: bad command lines are one-line errors with exit 2", "[analysis][cli]") {
  expect_usage_error("", "no command given");
  expect_usage_error("summarise a.h5", "unknown command 'summarise'");
  expect_usage_error("--bogus", "unknown option '--bogus'");
  expect_usage_error("summary", "summary needs at least one result file");
  expect_usage_error("summary a.h5 -q", "unknown option '-q' for summary");
  expect_usage_error("summary a.h5 --out d", "unknown option '--out' for summary");
  expect_usage_error("summary a.h5 --format=json", "--format must be table, csv or markdown, not 'json'");
  expect_usage_error("summary a.h5 --format", "--format needs table, csv or markdown");
  expect_usage_error("compare a.h5", "compare needs exactly two");
  expect_usage_error("compare a.h5 b.h5 stray", "not 3 (unexpected 'stray')");
  expect_usage_error("report a.h5", "report needs --out DIR");
  expect_usage_error("report --out d", "report needs at least one result file");
  expect_usage_error("report --out d --format csv a.h5", "unknown option '--format' for report");
  expect_usage_error("report --out", "--out needs a value");
}

TEST_CASE("swsim-analyze summary: '--' ends the options, so a file may start with a dash", "[analysis][cli]") {
  const Outcome o = analyze("summary -- -x.h5");
  CHECK(o.code == 2);
  CHECK_THAT(o.err, Contains("swsim-analyze: error: -x.h5"));
  CHECK_THAT(o.err, !Contains("unknown option"));
}

TEST_CASE("swsim-analyze report finds its script beside itself, else in <prefix>/share/swsim", "[analysis][cli]") {
  // A prefix made by hand: bin/swsim-analyze (a copy) and a stand-in script that prints its arguments.
  const fs::path prefix = fs::path(tmp_dir()) / "prefix";
  fs::remove_all(prefix);
  fs::create_directories(prefix / "bin");
  fs::create_directories(prefix / "share" / "swsim");
  const fs::path exe = prefix / "bin" / "swsim-analyze";
  fs::copy_file(SWSIM_ANALYZE_BIN, exe);
  const std::string run_it = "env -u SWSIM_REPORT_SCRIPT " + exe.string() + " report --out 'my report' --title T a.h5 b.h5";

  SECTION("no script: one line saying where it looked") {
    const Outcome o = run(run_it);
    CHECK(o.code == 2);
    CHECK(lines(o.err) == 1);
    CHECK_THAT(o.err, Contains("swsim-analyze: error: the report script swsim_report.py is missing"));
    CHECK_THAT(o.err, Contains((prefix / "share" / "swsim" / "swsim_report.py").string()));
  }
  SECTION("the installed script under share/swsim, with the arguments checked and passed on") {
    std::ofstream(prefix / "share" / "swsim" / "swsim_report.py")
        << "import os, sys\nprint('share script', sys.argv[1:], os.environ.get('SWSIM_REPORT_PROG'))\n";
    const Outcome o = run(run_it);
    CHECK(o.code == 0);
    CHECK(o.out == "share script ['--out', 'my report', '--title', 'T', '--', 'a.h5', 'b.h5'] swsim-analyze\n");
  }
  SECTION("a script beside the program (the build tree) wins; SWSIM_REPORT_SCRIPT wins over both") {
    std::ofstream(prefix / "share" / "swsim" / "swsim_report.py") << "print('share script')\n";
    std::ofstream(prefix / "bin" / "swsim_report.py") << "print('beside script')\n";
    CHECK(run(run_it).out == "beside script\n");
    std::ofstream(prefix / "other.py") << "print('env script')\n";
    CHECK(run("SWSIM_REPORT_SCRIPT=" + (prefix / "other.py").string() + " " + exe.string() + " report --out d a.h5").out ==
          "env script\n");
  }
  SECTION("SWSIM_PYTHON chooses the interpreter; a missing one is a one-line error") {
    std::ofstream(prefix / "share" / "swsim" / "swsim_report.py") << "print('x')\n";
    const Outcome o = run("SWSIM_PYTHON=/nonexistent/python3 " + run_it);
    CHECK(o.code == 2);
    CHECK_THAT(o.err, StartsWith("swsim-analyze: error: cannot run /nonexistent/python3"));
  }
}

TEST_CASE("swsim-analyze report: the script's errors carry swsim-analyze's prefix and exit 2", "[analysis][cli]") {
  const Outcome o = analyze("report --out " + tmp_dir() + "/r " + tmp_dir() + "/nope.h5");
  CHECK(o.code == 2);
  CHECK(o.err == "swsim-analyze: error: " + tmp_dir() + "/nope.h5: file not found\n");
}
