// The sensitivity report (swsim sensitivity): the Morris design, the elementary effects against
// functions whose effects are known in closed form, the [sensitivity] section, and the command end to end.
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "swsim/config/parameters.hpp"
#include "swsim/config/scenario.hpp"
#include "swsim/util/error.hpp"
#include "swsim/validation/sensitivity.hpp"

using namespace swsim;
using namespace swsim::sensitivity;
using Catch::Matchers::Contains;

TEST_CASE("a Morris trajectory moves one factor at a time by delta on the grid", "[sensitivity]") {
  const int k = 5, r = 7, p = 4;
  const Design d = morris_design(k, r, p, 42);
  REQUIRE(d.points.size() == static_cast<std::size_t>(r * (k + 1)));
  CHECK(d.delta == Approx(2.0 / 3.0));
  for (int t = 0; t < r; ++t) {
    std::set<int> changed;
    for (int j = 0; j <= k; ++j) {
      const auto& x = d.points[static_cast<std::size_t>(t * (k + 1) + j)];
      for (double v : x) {  // on the grid {0, 1/3, 2/3, 1}
        CHECK(v >= -1e-12);
        CHECK(v <= 1 + 1e-12);
        CHECK(std::abs(v * (p - 1) - std::round(v * (p - 1))) < 1e-9);
      }
      if (j == 0) {
        CHECK(d.changed[static_cast<std::size_t>(t * (k + 1))] == -1);
        continue;
      }
      const auto& prev = d.points[static_cast<std::size_t>(t * (k + 1) + j - 1)];
      const int i = d.changed[static_cast<std::size_t>(t * (k + 1) + j)];
      changed.insert(i);
      for (int f = 0; f < k; ++f)
        CHECK(std::abs(x[static_cast<std::size_t>(f)] - prev[static_cast<std::size_t>(f)]) ==
              Approx(f == i ? d.delta : 0.0).margin(1e-12));
    }
    CHECK(changed.size() == static_cast<std::size_t>(k));  // every factor once per trajectory
  }
  CHECK(morris_design(k, r, p, 42).points == d.points);  // deterministic in the seed
  CHECK(morris_design(k, r, p, 43).points != d.points);
  CHECK_THROWS_AS(morris_design(k, r, 3, 42), InputError);  // odd levels: delta off the grid
}

TEST_CASE("elementary effects of a known function: linear, quadratic and absent factors", "[sensitivity]") {
  // y = 3 a - 2 b + c^2 (a in [0, 2], b in [10, 20], c in [0, 1]), and d has no effect. Per full range:
  // EE(a) = 3 x 2 = 6 exactly, EE(b) = -2 x 10 = -20 exactly, EE(c) = (c1^2 - c0^2) / (c1 - c0) = c0 + c1,
  // which varies with the starting level (sigma > 0), EE(d) = 0.
  const std::vector<Factor> f{{"x.a", 0, 2, false, ""}, {"x.b", 10, 20, false, ""}, {"x.c", 0, 1, false, ""},
                              {"x.d", 5, 6, false, ""}};
  const std::vector<Output> out{{"y", "1"}, {"z", "1"}};
  const Design d = morris_design(4, 20, 4, 7);
  std::vector<std::vector<double>> y;
  for (const auto& x : d.points) {
    const double a = 2 * x[0], b = 10 + 10 * x[1], c = x[2];
    y.push_back({3 * a - 2 * b + c * c, 1.0});
  }
  const auto e = morris_effects(d, f, out, y);
  REQUIRE(e.size() == 8);
  CHECK(e[0].mu == Approx(6));
  CHECK(e[0].sigma == Approx(0).margin(1e-9));
  CHECK(e[1].mu == Approx(-20));
  CHECK(e[1].mu_star == Approx(20));
  CHECK(e[2].sigma > 0.1);
  CHECK(e[2].mu_star > 0.5);
  CHECK(e[2].mu_star < 1.5);
  CHECK(e[3].mu_star == 0);
  CHECK(e[1].rank == 1);  // ranked by mu*
  CHECK(e[0].rank == 2);
  CHECK(e[3].rank == 4);
  for (std::size_t i = 4; i < 8; ++i) CHECK(e[i].mu_star == 0);  // a constant output
}

TEST_CASE("whole-number factors use the step they really took", "[sensitivity]") {
  // y = the rounded value itself: the effect per full range is exactly 1 x range, whatever the rounding.
  const std::vector<Factor> f{{"staffing.social_workers_per_station", 2, 5, true, ""}};
  const Design d = morris_design(1, 10, 4, 3);
  std::vector<std::vector<double>> y;
  for (const auto& x : d.points) y.push_back({std::stod(factor_value(f[0], x[0]))});
  const auto e = morris_effects(d, f, {{"y", "1"}}, y);
  CHECK(e[0].mu == Approx(3));
  CHECK(e[0].sigma == Approx(0).margin(1e-12));
}

TEST_CASE("the [sensitivity] section names factors and ranges, checked like any key", "[sensitivity]") {
  const Scenario sc = scenario_from_text(
      "[sensitivity]\nstaffing.social_workers_per_station = 2, 5\nlunch.box_capacity = 6, 10\n", "s.ini");
  const auto f = factors_for(sc);
  REQUIRE(f.size() == 2);
  CHECK(f[0].key == "staffing.social_workers_per_station");
  CHECK(f[0].integer);
  CHECK(f[0].low == 2);
  CHECK(f[0].high == 5);
  CHECK(f[1].key == "lunch.box_capacity");
  auto error_of = [](const std::string& text) {
    try {
      (void)factors_for(scenario_from_text(text, "bad.ini"));
    } catch (const InputError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  CHECK_THAT(error_of("[sensitivity]\nstaffing.social_workers_per_station = 3\n"), Contains("bad.ini:2") && Contains("low, high"));
  CHECK_THAT(error_of("[sensitivity]\nlunch.box_capacity = 6, many\n"), Contains("bad.ini:2"));
  CHECK_THAT(error_of("[sensitivity]\nlunch.box_capacity = 9, 6\n"), Contains("low end must be below"));
  CHECK_THAT(error_of("[sensitivity]\nlunch.no_such_key = 1, 2\n"), Contains("unknown key"));
}

TEST_CASE("the built-in factors are real keys whose ranges parse and cover the defaults", "[sensitivity]") {
  const Scenario sc = scenario_from_text("", "empty.ini");
  const auto f = factors_for(sc);
  REQUIRE(f.size() == default_factors().size());
  for (const auto& factor : f) {
    INFO(factor.key);
    REQUIRE(find_parameter(factor.key) != nullptr);
    const double def = std::stod(find_parameter(factor.key)->format(default_config()));
    CHECK(factor.low <= def);
    CHECK(def <= factor.high);
    CHECK_FALSE(factor.why.empty());
    Config c = config_at(sc, {factor}, {0.0});  // both ends are valid scenarios
    c = config_at(sc, {factor}, {1.0});
  }
}

namespace {
std::string temp_path(const std::string& name) {
  const auto d = std::filesystem::temp_directory_path() / ("swsim_sens_" + std::to_string(::getpid()));
  std::filesystem::create_directories(d);
  return (d / name).string();
}
int run_swsim(const std::string& args, std::string& out) {
  const std::string o = temp_path("stdout");
  const int status = std::system((std::string(SWSIM_BIN) + " " + args + " >" + o + " 2>&1 </dev/null").c_str());
  std::ifstream in(o);
  std::ostringstream s;
  s << in.rdbuf();
  out = s.str();
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}
}  // namespace

TEST_CASE("swsim sensitivity runs a small design and writes the CSV and the chart", "[sensitivity][cli]") {
  const std::string ini = temp_path("small.ini"), csv = temp_path("effects.csv"), png = temp_path("effects.png");
  std::ofstream(ini) << "[run]\nscale = 0.02\ndays = 10\n[sensitivity]\nstaffing.social_workers_per_station = 1, 5\n"
                        "loneliness.visit_effect = 0.05, 0.3\n";
  std::string out;
  const int code = run_swsim("sensitivity --scenario " + ini + " -r 2 --outputs on_time_rate,loneliness_sum --csv " +
                                 csv + " --png " + png + " --quiet",
                             out);
  INFO(out);
  REQUIRE(code == 0);
  CHECK_THAT(out, Contains("6 runs"));
  std::ifstream in(csv);
  std::string header, line;
  std::getline(in, header);
  CHECK(header == "output,factor,rank,mu_star,mu,sigma");
  int rows = 0;
  bool visit_effect_on_lunch_is_zero = false;
  while (std::getline(in, line)) {
    ++rows;
    // Common random numbers: loneliness feeds nothing that lunch depends on, so its effect on the on-time
    // rate is exactly zero, not noise.
    if (line.rfind("on_time_rate,loneliness.visit_effect,", 0) == 0) visit_effect_on_lunch_is_zero = line.find(",0,0,0") != std::string::npos;
  }
  CHECK(rows == 4);
  CHECK(visit_effect_on_lunch_is_zero);
  std::ifstream pic(png, std::ios::binary);
  char magic[8] = {};
  pic.read(magic, 8);
  CHECK(std::string(magic + 1, 3) == "PNG");
  CHECK(run_swsim("sensitivity --scenario " + ini + " --outputs nonsense --quiet", out) == 2);
  CHECK_THAT(out, Contains("unknown output 'nonsense'"));
  CHECK(run_swsim("sensitivity --scenario " + ini + " --factors lunch.box_capacity --quiet", out) == 2);
  CHECK_THAT(out, Contains("not one of the factors"));
}
