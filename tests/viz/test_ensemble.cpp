// Ensembles shown honestly, periods, per-1,000-elders, robust limits, metric meaning and run labels.
#include <hdf5.h>

#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>
#include <numeric>
#include <thread>
#include <chrono>

#include "model/colormap.hpp"
#include "model/ensemble.hpp"
#include "model/metric_table.hpp"
#include "model/ranking.hpp"
#include "model/session.hpp"
#include "model/whatif.hpp"
#include "stats.hpp"
#include "viz_test_files.hpp"

using namespace swsim::viz;
using Catch::Matchers::Contains;

TEST_CASE("quantiles interpolate between order statistics like numpy", "[ensemble]") {
  CHECK(quantile({4, 1, 3, 2}, 0.05) == Approx(1.15));
  CHECK(quantile({4, 1, 3, 2}, 0.5) == Approx(2.5));
  CHECK(quantile({4, 1, 3, 2}, 0.95) == Approx(3.85));
  CHECK(quantile({7}, 0.3) == 7);
  CHECK(std::isnan(quantile({}, 0.5)));
  CHECK(quantile({1, std::nan(""), 3}, 0.5) == Approx(2));
}

TEST_CASE("the statistic over replicates is the one asked for", "[ensemble]") {
  const std::vector<double> r = {63, 61, 43, 58};
  CHECK(reduce(r, {Stat::kMean, 0}) == Approx(56.25));
  CHECK(reduce(r, {Stat::kMedian, 0}) == Approx(59.5));
  CHECK(reduce(r, {Stat::kReplicate, 2}) == 43);
  CHECK(reduce(r, {Stat::kQ05, 0}) == Approx(quantile(r, 0.05)));
  const Band b = replicate_band(r, {Stat::kMean, 0});
  CHECK(b.has_band);
  CHECK(b.lo == Approx(quantile(r, 0.05)));
  CHECK(b.hi == Approx(quantile(r, 0.95)));
  CHECK_FALSE(replicate_band({5}, {Stat::kMean, 0}).has_band);
}

TEST_CASE("B - A pairs replicates and gives the t interval of the mean difference", "[ensemble]") {
  const std::vector<double> a = {10, 12, 11, 13}, b = {12, 15, 12, 16};
  const DiffEstimate paired = diff_estimate(a, b, {Stat::kMean, 0}, true);
  CHECK(paired.paired);
  CHECK(paired.value == Approx(2.25));
  REQUIRE(paired.has_interval);
  const auto ref = swsim::results::paired_difference(a, b);
  CHECK(paired.lo == Approx(ref.est.mean - ref.est.half_width));
  CHECK(paired.hi == Approx(ref.est.mean + ref.est.half_width));
  // Unpaired (Welch) is wider here: the pairing removes the shared replicate noise.
  const DiffEstimate welch = diff_estimate(a, b, {Stat::kMean, 0}, false);
  REQUIRE(welch.has_interval);
  CHECK(welch.hi - welch.lo > paired.hi - paired.lo);
  // One replicate: a difference without an interval.
  CHECK_FALSE(diff_estimate({1}, {2}, {Stat::kMean, 0}, true).has_interval);
  // The median of the paired differences, not the difference of medians.
  CHECK(diff_estimate(a, b, {Stat::kMedian, 0}, true).value == Approx(2.5));
}

TEST_CASE("robust colour limits ignore the extremes", "[ensemble]") {
  std::vector<double> v;
  for (int i = 0; i <= 100; ++i) v.push_back(i);
  v.push_back(1e6);  // one outlier
  const Limits l = robust_limits(v);
  CHECK(l.lo == Approx(quantile(v, 0.02)));
  CHECK(l.hi < 100);
  CHECK(robust_abs({-3, 1, 2, -1000}, 0.5) == Approx(2.5));
  CHECK(robust_abs({0, 0, 0}) == 1.0);
}

TEST_CASE("a replicate file shows the chosen statistic, labelled, not replicate 0", "[ensemble]") {
  Session s = load_session({viz_test::replicates_result(), "", ""});
  REQUIRE(s.a.replicates == 3);
  REQUIRE(s.a.replicate_seeds.size() == 3u);
  const int m = s.a.metric_index("volunteers_turned_out");  // random turnout: differs between replicates
  TableSpec spec;
  spec.metric = m;
  const std::vector<int> all = period_steps(s, {});
  // Per replicate, station 0, over the run.
  std::vector<double> per_rep;
  for (int r = 0; r < 3; ++r) {
    const std::vector<int> one = {0};
    std::vector<int> days(static_cast<std::size_t>(s.a.days));
    std::iota(days.begin(), days.end(), 0);
    per_rep.push_back(sum_metric(s.a, s.a.metrics[static_cast<std::size_t>(m)], days, one, r)
                          .value(s.a.metrics[static_cast<std::size_t>(m)]));
  }
  REQUIRE(per_rep[0] != per_rep[1]);  // the replicates differ
  const MetricTable mean = make_metric_table(s, spec);
  CHECK(mean.value(0, -1, 0) == Approx((per_rep[0] + per_rep[1] + per_rep[2]) / 3));
  spec.stat = {Stat::kReplicate, 2};
  CHECK(make_metric_table(s, spec).value(0, -1, 0) == Approx(per_rep[2]));
  spec.stat = {Stat::kMedian, 0};
  CHECK(make_metric_table(s, spec).value(0, -1, 0) == Approx(quantile(per_rep, 0.5)));
  // The same through the scope values the charts and inspector use.
  const auto reps = scope_replicates(s, m, 0, {ScopeKind::kStation, 0}, all, Norm::kNone);
  REQUIRE(reps.size() == 3u);
  CHECK(reps[1] == Approx(per_rep[1]));
}

TEST_CASE("replicates pair by seed between A and B", "[ensemble]") {
  Session s = load_session({viz_test::replicates_result(), viz_test::replicates_one_worker_result(), ""});
  CHECK(replicates_paired(s));
  TableSpec spec;
  spec.metric = s.a.metric_index("meals_missed");
  const MetricTable t = make_metric_table(s, spec);
  CHECK(t.paired);
  // The mean of paired differences equals the difference of means; the interval brackets it.
  int with_interval = 0;
  for (int p = 0; p < t.pairs; ++p) {
    CHECK(t.diff(-1, p) == Approx(t.value(1, -1, p) - t.value(0, -1, p)));
    if (std::isfinite(t.total_d_lo[static_cast<std::size_t>(p)])) {
      ++with_interval;
      CHECK(t.total_d_lo[static_cast<std::size_t>(p)] <= t.diff(-1, p) + 1e-9);
      CHECK(t.total_d_hi[static_cast<std::size_t>(p)] >= t.diff(-1, p) - 1e-9);
    }
  }
  CHECK(with_interval > 0);
  // A single-run B does not pair with a replicate A.
  Session u = load_session({viz_test::replicates_result(), viz_test::one_worker_result(), ""});
  CHECK_FALSE(replicates_paired(u));
}

TEST_CASE("periods: whole run, a date range, heat-wave days", "[ensemble]") {
  Session s = load_session({viz_test::baseline_result(), "", ""});
  CHECK(period_steps(s, {}).size() == 20u);
  CHECK(period_steps(s, {PeriodKind::kRange, 3, 7}) == std::vector<int>{3, 4, 5, 6, 7});
  for (int k : period_steps(s, {PeriodKind::kHeatWave, 0, -1}))
    CHECK(s.a.heat_wave[static_cast<std::size_t>(s.al.day_a[static_cast<std::size_t>(k)])] == 1);
  TableSpec spec;
  spec.metric = s.a.metric_index("meals_requested");
  spec.period = {PeriodKind::kRange, 3, 7};
  const MetricTable t = make_metric_table(s, spec);
  double sum = 0;
  for (int k = 3; k <= 7; ++k) sum += t.value(0, k, 0);
  CHECK(t.value(0, -1, 0) == Approx(sum));
}

TEST_CASE("per 1000 elders divides counts by the catchment's elders and leaves shares as they are", "[ensemble]") {
  Session s = load_session({viz_test::baseline_result(), "", ""});
  REQUIRE(s.a.has_elders());
  TableSpec spec;
  spec.metric = s.a.metric_index("meals_missed");
  const MetricTable raw = make_metric_table(s, spec);
  spec.norm = Norm::kElders;
  const MetricTable norm = make_metric_table(s, spec);
  CHECK(norm.per_elders);
  const double elders = s.a.station_elders[0];
  CHECK(norm.value(0, -1, 0) == Approx(raw.value(0, -1, 0) / elders * 1000));
  spec.metric = s.a.metric_index("on_time_rate");
  const MetricTable share = make_metric_table(s, spec);
  CHECK_FALSE(share.per_elders);
  spec.norm = Norm::kNone;
  CHECK(share.value(0, -1, 0) == Approx(make_metric_table(s, spec).value(0, -1, 0)));
  // A scope: the sum of counts over the sum of elders.
  const auto city = scope_replicates(s, s.a.metric_index("meals_missed"), 0, {}, period_steps(s, {}), Norm::kElders);
  double count = 0, all_elders = 0;
  for (int p = 0; p < raw.pairs; ++p) count += raw.value(0, -1, p), all_elders += s.a.station_elders[static_cast<std::size_t>(p)];
  CHECK(city[0] == Approx(count / all_elders * 1000));
  // Per 1,000 registered elders: the station's register instead.
  REQUIRE(s.a.has_norm(Norm::kRegistered));
  spec.metric = s.a.metric_index("visits_overdue");
  spec.norm = Norm::kRegistered;
  const MetricTable reg = make_metric_table(s, spec);
  spec.norm = Norm::kNone;
  const MetricTable plain = make_metric_table(s, spec);
  CHECK(reg.norm == Norm::kRegistered);
  CHECK(reg.value(0, -1, 1) == Approx(plain.value(0, -1, 1) / s.a.station_caseload[1] * 1000));
}

TEST_CASE("metrics carry a direction and Chinese labels from the built-in table", "[meta]") {
  const Dataset d = load_dataset(viz_test::baseline_result());
  auto at = [&](const char* n) -> const Metric& { return d.metrics[static_cast<std::size_t>(d.metric_index(n))]; };
  CHECK(at("meals_missed").direction == Direction::kHigherIsWorse);
  CHECK(at("meals_on_time").direction == Direction::kHigherIsBetter);
  CHECK(at("meals_requested").direction == Direction::kNeutral);
  CHECK(at("on_time_rate").direction == Direction::kHigherIsBetter);
  CHECK(at("on_time_rate").is_ratio());
  CHECK_FALSE(at("meals_missed").label_zh.empty());
  CHECK(at("meals_missed").label.size() < 30);
  CHECK(d.metric_index("share_on_time") == d.metric_index("on_time_rate"));  // the older name still works
  // Every metric in the file has a short label and, for those swsim writes, a Chinese one.
  for (const auto& m : d.metrics) {
    INFO(m.name);
    CHECK(m.label.size() <= 40);
    CHECK_FALSE(m.label_zh.empty());
  }
}

namespace {
void set_text_attr(hid_t obj, const char* name, const std::string& value) {
  const hid_t t = H5Tcopy(H5T_C_S1);
  H5Tset_size(t, value.size() + 1);
  H5Tset_cset(t, H5T_CSET_UTF8);
  const hid_t sp = H5Screate(H5S_SCALAR);
  if (H5Aexists(obj, name) > 0) H5Adelete(obj, name);
  const hid_t a = H5Acreate2(obj, name, t, sp, H5P_DEFAULT, H5P_DEFAULT);
  H5Awrite(a, t, value.c_str());
  H5Aclose(a);
  H5Sclose(sp);
  H5Tclose(t);
}
}  // namespace

TEST_CASE("the file's metric attributes and /indicators group win over the built-in table", "[meta]") {
  const std::string path = std::string(VIZ_TEST_DIR) + "/unit_with_meta.h5";
  std::filesystem::copy_file(viz_test::baseline_result(), path, std::filesystem::copy_options::overwrite_existing);
  bool had_group = false;
  {
    const hid_t f = H5Fopen(path.c_str(), H5F_ACC_RDWR, H5P_DEFAULT);
    REQUIRE(f >= 0);
    const hid_t ds = H5Dopen2(f, "meals_late", H5P_DEFAULT);
    set_text_attr(ds, "label", "late meals (file)");
    set_text_attr(ds, "label_zh", "迟送午餐");
    set_text_attr(ds, "direction", "higher_is_better");  // deliberately not the built-in one
    H5Dclose(ds);
    // Files written since the metric table already have the group: add to it.
    had_group = H5Lexists(f, "indicators", H5P_DEFAULT) > 0;
    const hid_t g = had_group ? H5Gopen2(f, "indicators", H5P_DEFAULT)
                              : H5Gcreate2(f, "indicators", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
    const hid_t sp = H5Screate(H5S_SCALAR);
    const hid_t ind = H5Dcreate2(g, "not_on_time_rate", H5T_NATIVE_INT8, sp, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
    set_text_attr(ind, "numerator", "meals_late meals_missed");
    set_text_attr(ind, "denominator", "meals_requested");
    set_text_attr(ind, "units", "%");
    set_text_attr(ind, "label", "not on time");
    set_text_attr(ind, "label_zh", "未准时率");
    set_text_attr(ind, "direction", "higher_is_worse");
    const hid_t asp = H5Screate(H5S_SCALAR);
    const double scale = 100;
    const hid_t a = H5Acreate2(ind, "scale", H5T_NATIVE_DOUBLE, asp, H5P_DEFAULT, H5P_DEFAULT);
    H5Awrite(a, H5T_NATIVE_DOUBLE, &scale);
    H5Aclose(a);
    H5Sclose(asp);
    H5Dclose(ind);
    H5Sclose(sp);
    H5Gclose(g);
    H5Fclose(f);
  }
  const Dataset d = load_dataset(path);
  const Metric& late = d.metrics[static_cast<std::size_t>(d.metric_index("meals_late"))];
  CHECK(late.label == "late meals (file)");
  CHECK(late.label_zh == "迟送午餐");
  CHECK(late.direction == Direction::kHigherIsBetter);
  const int i = d.metric_index("not_on_time_rate");
  REQUIRE(i >= 0);
  const Metric& nt = d.metrics[static_cast<std::size_t>(i)];
  CHECK(nt.label == "not on time");
  CHECK(nt.direction == Direction::kHigherIsWorse);
  CHECK(nt.factor == 100);
  CHECK(nt.num.size() == 2u);
  // With an /indicators group, the built-in derived metrics are not added.
  if (!had_group) CHECK(d.metric_index("on_time_rate") < 0);
  std::vector<int> days(static_cast<std::size_t>(d.days)), st(static_cast<std::size_t>(d.stations));
  std::iota(days.begin(), days.end(), 0);
  std::iota(st.begin(), st.end(), 0);
  auto total = [&](const char* n) {
    const Metric& m = d.metrics[static_cast<std::size_t>(d.metric_index(n))];
    return sum_metric(d, m, days, st, 0).value(m);
  };
  CHECK(total("not_on_time_rate") ==
        Approx(100 * (total("meals_late") + total("meals_missed")) / total("meals_requested")));
}

TEST_CASE("a file's label names its scenario and --set overrides and sweep points their parameters", "[meta]") {
  const Dataset a = load_dataset(viz_test::baseline_result());
  CHECK(a.run_label == "baseline.ini");
  CHECK(a.overrides.empty());
  const Dataset b = load_dataset(viz_test::one_worker_result());
  CHECK(b.run_label == "baseline.ini + staffing.social_workers_per_station=1");
  REQUIRE(b.overrides.size() == 1u);
  const Session sw = load_session({"", "", "", viz_test::sweep_index(), 0, 1});
  REQUIRE(sw.sweep);
  CHECK(sw.point_a == 0);
  CHECK(sw.point_b == 1);
  CHECK_THAT(sw.a.run_label, Contains("staffing.social_workers_per_station=1"));
  CHECK_THAT(sw.b->run_label, Contains("staffing.social_workers_per_station=4"));
  CHECK_THROWS_WITH(load_session({"", "", "", viz_test::sweep_index(), 5, -1}), Contains("the sweep has 2 points"));
}

TEST_CASE("days carry sauna and hot-night marks", "[meta]") {
  const Dataset d = load_dataset(viz_test::baseline_result());
  REQUIRE(d.sauna_day.size() == static_cast<std::size_t>(d.days));
  REQUIRE(d.hot_night.size() == static_cast<std::size_t>(d.days));
  CHECK(d.hot_night_tmin_c == 27);
  for (int k = 0; k < d.days; ++k)
    CHECK(d.hot_night[static_cast<std::size_t>(k)] == (d.tmin_c[static_cast<std::size_t>(k)] >= 27 ? 1 : 0));
}

TEST_CASE("ranking: search by Chinese or pinyin, filter by area, sort, CSV", "[ranking]") {
  Session s = load_session({viz_test::baseline_result(), viz_test::one_worker_result(), ""});
  TableSpec spec;
  spec.metric = s.a.metric_index("meals_missed");
  const MetricTable t = make_metric_table(s, spec);
  RankQuery q;
  auto rows = ranking(s, t, q);
  REQUIRE(rows.size() == static_cast<std::size_t>(t.pairs));
  for (std::size_t i = 1; i < rows.size(); ++i) CHECK(rows[i - 1].a >= rows[i].a);
  q.descending = false;
  q.column = RankColumn::kDiff;
  rows = ranking(s, t, q);
  for (std::size_t i = 1; i < rows.size(); ++i) CHECK(rows[i - 1].diff <= rows[i].diff);
  // Search: a piece of a Chinese name, and the pinyin in another case with spaces.
  const std::string zh = s.a.station_name[0].substr(0, 6);  // two characters
  q.search = zh;
  rows = ranking(s, t, q);
  REQUIRE_FALSE(rows.empty());
  for (const auto& r : rows) CHECK(s.a.station_name[static_cast<std::size_t>(r.station)].find(zh) != std::string::npos);
  std::string pinyin = s.a.station_name_en[0];
  for (auto& c : pinyin) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  q.search = pinyin;
  rows = ranking(s, t, q);
  REQUIRE_FALSE(rows.empty());
  CHECK(rows[0].station == 0);
  std::string spaced = " ";
  spaced += s.a.station_name_en[0].substr(0, 4);
  spaced += " ";
  CHECK(name_matches(s.a, 0, spaced));
  CHECK_FALSE(name_matches(s.a, 0, "zzzzqqq"));
  q.search.clear();
  q.area = s.a.station_area[0];
  rows = ranking(s, t, q);
  for (const auto& r : rows) CHECK(r.area == q.area);
  const std::string csv = ranking_csv(s, rows, "missed lunches, whole run");
  CHECK(csv.rfind("# missed lunches, whole run\nrank,station_global_index,station_name", 0) == 0);
  CHECK(std::count(csv.begin(), csv.end(), '\n') == static_cast<long>(rows.size()) + 2);
  CHECK_THAT(csv, Contains("A,B,B_minus_A"));
}

TEST_CASE("colours: blue means better and orange worse and sequential scales run dark to light", "[colour]") {
  const Rgb better = better_worse(1), worse = better_worse(-1), zero = better_worse(0);
  CHECK(better.b > better.r);
  CHECK(worse.r > worse.b);
  CHECK(luminance(zero) > 0.9);
  for (Palette p : {Palette::kViridis, Palette::kCividis}) {
    double last = -1;
    for (int i = 0; i <= 10; ++i) {
      const double l = luminance(sequential(i / 10.0, p));
      CHECK(l > last);  // lightness rises monotonically: readable in grey and for colour-blind readers
      last = l;
    }
  }
  CHECK(diverging_neutral(1).g > diverging_neutral(1).r);
}

TEST_CASE("more runs for the charts align with A like B", "[ensemble]") {
  LoadRequest r{viz_test::baseline_result(), viz_test::one_worker_result(), ""};
  r.more = {viz_test::one_worker_result(), viz_test::baseline_result()};
  const Session s = load_session(r);
  REQUIRE(s.more.size() == 2u);
  CHECK(runs(s) == 4);
  const int m = s.a.metric_index("meals_missed");
  for (int k : {0, 7, 19}) {
    const std::vector<int> one = {k};
    CHECK(run_replicates(s, 2, m, {}, one, Norm::kNone) == run_replicates(s, 1, m, {}, one, Norm::kNone));
    CHECK(run_replicates(s, 3, m, {ScopeKind::kStation, 1}, one, Norm::kRegistered) ==
          run_replicates(s, 0, m, {ScopeKind::kStation, 1}, one, Norm::kRegistered));
  }
}

TEST_CASE("what if: the scenario's parameters, and a run with one change equals swsim run --set", "[whatif]") {
  const auto params = scenario_params("# c\n[run]\ndays = 20\n\n[staffing]\nsocial_workers_per_station = 3\n");
  REQUIRE(params.size() == 2u);
  CHECK(params[1].name() == "staffing.social_workers_per_station");
  CHECK(params[1].value == "3");
  const Dataset a = load_dataset(viz_test::baseline_result());
  CHECK(scenario_params(a.scenario_text).size() > 50u);
  WhatIfRun run;
  REQUIRE(run.start(SWSIM_BIN, a.scenario_file, a.scenario_text, "staffing.social_workers_per_station=1") == "");
  for (int i = 0; i < 1200 && run.poll() == WhatIfRun::State::kRunning; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  REQUIRE(run.state() == WhatIfRun::State::kDone);
  const Dataset b = load_dataset(run.output());
  CHECK(b.run_label == "baseline.ini + staffing.social_workers_per_station=1");
  // Same seeds, same days, same scale: identical to running swsim with --set directly.
  const Dataset direct = load_dataset(viz_test::one_worker_result());
  REQUIRE(b.vars.size() == direct.vars.size());
  for (std::size_t v = 0; v < b.vars.size(); ++v) {
    INFO(b.vars[v].name);
    CHECK(b.vars[v].values == direct.vars[v].values);
  }
  // A bad parameter: swsim's one-line message.
  WhatIfRun bad;
  REQUIRE(bad.start(SWSIM_BIN, a.scenario_file, a.scenario_text, "staffing.no_such_key=2") == "");
  for (int i = 0; i < 1200 && bad.poll() == WhatIfRun::State::kRunning; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  CHECK(bad.state() == WhatIfRun::State::kFailed);
  CHECK_THAT(bad.error(), Contains("no_such_key"));
  CHECK_FALSE(WhatIfRun().start(SWSIM_BIN, "x.ini", a.scenario_text, "no equals sign").empty());
}

TEST_CASE("stocks are averaged over the days of a period and flows summed", "[ensemble]") {
  Session s = load_session({viz_test::baseline_result(), "", ""});
  const int stock = s.a.metric_index("visits_overdue"), flow = s.a.metric_index("visits_done");
  REQUIRE(s.a.metrics[static_cast<std::size_t>(stock)].stock);
  REQUIRE_FALSE(s.a.metrics[static_cast<std::size_t>(flow)].stock);
  for (int m : {stock, flow}) {
    TableSpec spec;
    spec.metric = m;
    spec.period = {PeriodKind::kRange, 2, 11};
    const MetricTable t = make_metric_table(s, spec);
    double sum = 0;
    for (int k = 2; k <= 11; ++k) sum += t.value(0, k, 0);
    CHECK(t.value(0, -1, 0) == Approx(m == stock ? sum / 10 : sum));
    const auto city = scope_replicates(s, m, 0, {}, period_steps(s, spec.period), Norm::kNone);
    double total = 0;
    for (int p = 0; p < t.pairs; ++p) total += t.value(0, -1, p);
    CHECK(city[0] == Approx(total));  // stations add up either way
  }
}
