#include <catch2/catch.hpp>

#include "cli.hpp"

using namespace swsim::viz;
using Catch::Matchers::Contains;

TEST_CASE("command line: files and every option", "[cli]") {
  const auto r = parse_command_line(
      {"a.h5",        "b.h5",       "--boundaries", "d.geojson", "--metric", "heat_illness",
       "--day",       "2022-06-16", "--screenshot", "o.png",     "--frames", "5",
       "--size",      "1600x900",   "--station",    "3",         "--font",   "f.ttc",
       "--font-size", "18",         "--view",       "a"});
  REQUIRE(r.error.empty());
  CHECK(r.options.file_a == "a.h5");
  CHECK(r.options.file_b == "b.h5");
  CHECK(r.options.boundaries == "d.geojson");
  CHECK(r.options.metric == "heat_illness");
  CHECK(r.options.day == "2022-06-16");
  CHECK(r.options.frames == 5);
  CHECK(r.options.width == 1600);
  CHECK(r.options.height == 900);
  CHECK(r.options.station == 3);
  CHECK(r.options.font_size == 18);
  CHECK(r.options.view == "a");
}

TEST_CASE("command line: bad arguments give one-line errors", "[cli]") {
  CHECK_THAT(parse_command_line({}).error, Contains("no result file given"));
  CHECK_THAT(parse_command_line({"a.h5", "--frames"}).error, Contains("--frames needs a value"));
  CHECK_THAT(parse_command_line({"a.h5", "--frames", "x"}).error,
             Contains("--frames: expected a whole number"));
  CHECK_THAT(parse_command_line({"a.h5", "--size", "800"}).error, Contains("--size: expected WIDTHxHEIGHT"));
  CHECK_THAT(parse_command_line({"a.h5", "--size", "10x10"}).error, Contains("--size"));
  CHECK_THAT(parse_command_line({"a.h5", "--wat"}).error, Contains("unknown option '--wat'"));
  CHECK_THAT(parse_command_line({"a", "b", "c", "d", "e", "f", "g"}).error, Contains("too many files"));
  CHECK(parse_command_line({"a", "b", "c", "d"}).options.more_files == std::vector<std::string>{"c", "d"});
  CHECK_THAT(parse_command_line({"a.h5", "--view", "diff"}).error, Contains("--view needs two result files"));
  CHECK_THAT(parse_command_line({"a.h5", "b.h5", "--view", "x"}).error,
             Contains("--view: expected a, b or diff"));
  for (const auto& args :
       std::vector<std::vector<std::string>>{{}, {"a.h5", "--wat"}, {"a.h5", "--size", "1"}})
    CHECK(parse_command_line(args).error.find('\n') == std::string::npos);
}

TEST_CASE("command line: --help needs no file and the help names every option", "[cli]") {
  const auto r = parse_command_line({"--help"});
  CHECK(r.error.empty());
  CHECK(r.options.help);
  for (const char* opt :
       {"--boundaries", "--metric", "--day", "--station", "--area", "--view", "--screenshot", "--frames",
        "--size", "--font", "--no-cjk", "--font-size", "--meal-points", "--help", "--version"})
    CHECK_THAT(help_text(), Contains(opt));
}

TEST_CASE("command line: --meal-points turns the meal points layer on", "[cli]") {
  CHECK(parse_command_line({"a.h5", "--meal-points"}).options.meal_points);
  CHECK_FALSE(parse_command_line({"a.h5"}).options.meal_points);
}

TEST_CASE("command line: the options of the new views", "[cli]") {
  const auto r = parse_command_line({"a.h5", "b.h5", "--lang", "zh", "--stat", "median", "--per-elders",
                                     "--period", "heat-wave", "--chart", "diff", "--palette", "cividis",
                                     "--panel", "ranking,help", "--search", "li", "--limits", "0:5", "--zoom",
                                     "2.5", "--centre", "117.0,36.65", "--distribution", "replicates"});
  REQUIRE(r.error.empty());
  const Options& o = r.options;
  CHECK(o.lang == "zh");
  CHECK(o.stat == "median");
  CHECK(o.per_elders);
  CHECK(o.period == "heat-wave");
  CHECK(o.chart == "diff");
  CHECK(o.palette == "cividis");
  CHECK(o.panel_ranking);
  CHECK(o.panel_help);
  CHECK_FALSE(o.panel_sweep);
  CHECK(o.search == "li");
  CHECK(o.limits == "0:5");
  CHECK(o.zoom == Approx(2.5));
  CHECK(o.has_centre);
  CHECK(o.centre_lat == Approx(36.65));
  CHECK(o.distribution == "replicates");
  CHECK(parse_command_line({"a.h5", "--replicate", "2"}).options.replicate == 2);
  CHECK(parse_command_line({"a.h5", "--per-registered"}).options.per_registered);
}

TEST_CASE("command line: bad values of the new options", "[cli]") {
  CHECK_THAT(parse_command_line({"a.h5", "--lang", "fr"}).error, Contains("--lang: expected zh or en"));
  CHECK_THAT(parse_command_line({"a.h5", "--stat", "max"}).error, Contains("--stat: expected mean"));
  CHECK_THAT(parse_command_line({"a.h5", "--panel", "ranking,maps"}).error, Contains("--panel: expected"));
  CHECK_THAT(parse_command_line({"a.h5", "--zoom", "0"}).error, Contains("--zoom"));
  CHECK_THAT(parse_command_line({"a.h5", "--centre", "117"}).error, Contains("--centre: expected LON,LAT"));
  CHECK_THAT(parse_command_line({"a.h5", "--chart", "diff"}).error, Contains("--chart diff needs two"));
  CHECK_THAT(parse_command_line({"a.h5", "--replicate", "1", "--stat", "mean"}).error, Contains("exclude"));
  CHECK_THAT(parse_command_line({"a.h5", "--crop", "map"}).error, Contains("--crop needs --screenshot"));
  CHECK_THAT(parse_command_line({"a.h5", "--crop", "x", "--screenshot", "o.png"}).error, Contains("--crop: expected"));
  for (const char* opt : {"--lang", "--stat", "--replicate", "--per-elders", "--per-registered", "--crop", "--period", "--chart", "--palette",
                          "--limits", "--panel", "--search", "--zoom", "--centre", "--distribution"})
    CHECK_THAT(help_text(), Contains(opt));
}
