#include <catch2/catch.hpp>

#include <chrono>
#include <cmath>
#include <fstream>
#include <numeric>
#include <thread>

#include "model/metric_table.hpp"
#include "model/session.hpp"
#include "reader/result_file.hpp"
#include "viz_test_files.hpp"

using namespace swsim::viz;
using Catch::Matchers::Contains;

TEST_CASE("a result file loads into per-day per-station metrics", "[model]") {
  std::vector<double> seen;
  const Dataset d =
      load_dataset(viz_test::baseline_result(), [&](double f, const std::string&) { seen.push_back(f); });
  CHECK(d.days == 20);
  CHECK(d.stations > 0);
  CHECK(d.replicates == 1);
  REQUIRE(d.day_number.size() == 20u);
  CHECK(d.date_text(0) == "2022-06-01");
  CHECK(d.date_text(19) == "2022-06-20");
  CHECK(d.metric_index("meals_missed") >= 0);
  CHECK(d.metric_index("share_on_time") >= 0);
  CHECK(d.metric_index("lunch_km") >= 0);
  CHECK(d.metrics[static_cast<std::size_t>(d.metric_index("lunch_km"))].units == "km");
  CHECK(d.metrics[static_cast<std::size_t>(d.metric_index("meals_missed"))].units == "count");
  CHECK_FALSE(d.station_name[0].empty());
  CHECK_FALSE(d.station_name_en[0].empty());
  CHECK(d.station_facts.size() == 7u);
  REQUIRE_FALSE(seen.empty());
  CHECK(seen.back() == Approx(1.0));
  CHECK(std::is_sorted(seen.begin(), seen.end()));
}

TEST_CASE("the catchment raster becomes spans and outlines", "[model]") {
  const Dataset d = load_dataset(viz_test::baseline_result());
  const Grid& g = d.grid;
  REQUIRE_FALSE(g.empty());
  CHECK(g.lat_edge.size() == static_cast<std::size_t>(g.ny + 1));
  CHECK_FALSE(g.spans.empty());
  CHECK_FALSE(g.area_edges.empty());
  // Every cell inside an area is covered by exactly one span.
  long cells = 0, spanned = 0;
  for (int y = 0; y < g.ny; ++y)
    for (int x = 0; x < g.nx; ++x) cells += (g.area_at(y, x) >= 0 || g.station_at(y, x) >= 0);
  for (const auto& s : g.spans) spanned += s.x1 - s.x0;
  CHECK(spanned == cells);
  // A station's own cell holds that station.
  int y = 0, x = 0;
  REQUIRE(g.cell_of({d.station_lon[0], d.station_lat[0]}, y, x));
  CHECK(g.station_at(y, x) == 0);
  CHECK_FALSE(g.cell_of({0.0, 0.0}, y, x));
}

TEST_CASE("grid outlines separate areas and catchments", "[model]") {
  Grid g;
  g.ny = 2;
  g.nx = 3;
  g.lat = {36.0, 36.01};
  g.lon = {117.0, 117.01, 117.02};
  g.station = {0, 0, 1, 0, 0, 1};
  g.area = {0, 0, 0, 0, 0, -1};
  build_grid_geometry(g);
  CHECK(g.spans.size() == 4u);
  // Between stations 0 and 1 in area 0: one catchment edge on the bottom row.
  REQUIRE(g.catchment_edges.size() == 1u);
  CHECK(g.catchment_edges[0].station0 == 0);
  CHECK(g.catchment_edges[0].station1 == 1);
  for (const auto& s : g.area_edges) CHECK(s.area0 != s.area1);
}

TEST_CASE("metric sums: plain sums and ratios of sums", "[model]") {
  const Dataset d = load_dataset(viz_test::baseline_result());
  std::vector<int> days(static_cast<std::size_t>(d.days)), stations(static_cast<std::size_t>(d.stations));
  std::iota(days.begin(), days.end(), 0);
  std::iota(stations.begin(), stations.end(), 0);
  const Metric& req = d.metrics[static_cast<std::size_t>(d.metric_index("meals_requested"))];
  const Metric& ok = d.metrics[static_cast<std::size_t>(d.metric_index("meals_on_time"))];
  const Metric& share = d.metrics[static_cast<std::size_t>(d.metric_index("share_on_time"))];
  const double r = sum_metric(d, req, days, stations, 0).value(req);
  const double o = sum_metric(d, ok, days, stations, 0).value(ok);
  CHECK(r > 0);
  CHECK(sum_metric(d, share, days, stations, 0).value(share) == Approx(100.0 * o / r));
  // City total = sum of the station totals.
  double by_station = 0;
  for (int s : stations) by_station += sum_metric(d, req, days, std::vector<int>{s}, 0).value(req);
  CHECK(by_station == Approx(r));
}

TEST_CASE("missing, foreign and truncated files give one-line errors naming the file", "[model]") {
  CHECK_THROWS_WITH(load_dataset("/nonexistent/x.h5"), Contains("/nonexistent/x.h5: file not found"));
  const std::string text = viz_test::write_file("text.h5", "not hdf5\n");
  CHECK_THROWS_WITH(load_dataset(text), Contains("not an HDF5 file"));
  std::ifstream in(viz_test::baseline_result(), std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  for (std::size_t cut : {std::size_t{600}, std::size_t{5000}, bytes.size() / 2, bytes.size() - 100}) {
    const std::string t = viz_test::write_file("cut.h5", bytes.substr(0, cut));
    try {
      load_dataset(t);
      FAIL("a file cut at " << cut << " bytes loaded");
    } catch (const swsim::results::ReadError& e) {
      const std::string msg = e.what();
      CHECK(msg.find(t) == 0);
      CHECK(msg.find('\n') == std::string::npos);
    }
  }
}

TEST_CASE("the loader works on a background thread and reports progress or an error", "[model][loader]") {
  Loader ok({viz_test::baseline_result(), viz_test::one_worker_result(), ""});
  for (int i = 0; i < 2000 && !ok.done(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  REQUIRE(ok.done());
  CHECK(ok.progress() == Approx(1.0));
  auto s = ok.take_session();
  REQUIRE(s);
  CHECK(s->comparing());
  CHECK(ok.error().empty());

  Loader bad({"/nonexistent/y.h5", "", ""});
  for (int i = 0; i < 2000 && !bad.done(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  REQUIRE(bad.done());
  CHECK_FALSE(bad.take_session());
  CHECK_THAT(bad.error(), Contains("/nonexistent/y.h5: file not found"));
}

TEST_CASE("metric tables give per-station values, totals and colour ranges", "[model]") {
  Session s = load_session({viz_test::baseline_result(), viz_test::one_worker_result(), ""});
  const int m = s.a.metric_index("meals_missed");
  const MetricTable t = make_metric_table(s, m);
  CHECK(t.has_b);
  CHECK(t.steps == 20);
  double total = 0;
  for (int k = 0; k < t.steps; ++k) total += t.value(0, k, 0);
  CHECK(t.value(0, -1, 0) == Approx(total));
  CHECK(t.diff(-1, 0) == Approx(t.value(1, -1, 0) - t.value(0, -1, 0)));
  CHECK(t.day_hi >= t.day_lo);
  CHECK(t.total_absdiff > 0);
}
