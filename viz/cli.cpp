#include "cli.hpp"

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <sstream>

namespace swsim::viz {
namespace {

bool parse_double(const std::string& s, double& out) {
  char* end = nullptr;
  out = std::strtod(s.c_str(), &end);
  return !s.empty() && end == s.c_str() + s.size() && std::isfinite(out);
}

bool parse_int(const std::string& s, int& out) {
  const char* end = s.data() + s.size();
  auto [p, ec] = std::from_chars(s.data(), end, out);
  return ec == std::errc() && p == end;
}

}  // namespace

std::string help_text() {
  return R"(swsim-viz: desktop visualizer of swsim result files

Usage:
  swsim-viz RESULT.h5 [OTHER.h5 [MORE.h5 ...]] [options]

With one file: map, charts and inspector of that run. With two files: the comparison
OTHER - RESULT (B - A), stations matched by station_global_index and days by date. Up to
four more files are drawn in the charts as C, D, ... next to A and B.

Options:
  --boundaries FILE    district outlines from a GeoJSON FeatureCollection of Polygon /
                       MultiPolygon features (e.g. a DataV district file); without it the
                       outlines of the management areas come from the catchment raster
  --metric NAME        metric shown at start: a variable over (day, station), e.g.
                       meals_missed, or a derived one: share_on_time, share_missed,
                       mean_wait_min, share_found_early (default: meals_missed)
  --day D              day shown at start: an index (0 = first day), a date YYYY-MM-DD,
                       or "all" for totals over the whole run (default: 0)
  --station I          select station I (index in RESULT.h5) at start
  --area I             select management area I at start
  --view a|b|diff      with two files, what the map shows at start (default: diff)
  --point N            with a sweep index (DIR/sweep.h5 from swsim sweep): show grid point N (default 0)
  --compare-point M    with a sweep index: compare point M (B) with the --point one (A)
  --lang zh|en         interface language (default: as last chosen in the window, else en);
                       also in the Language menu
  --stat S             statistic over the replicates of an ensemble file for the map, ranking
                       and inspector: mean (default), median, q05, q95
  --replicate N        show replicate N (0, 1, ...) of an ensemble file instead of a statistic
  --per-elders         counts per 1,000 elders (60+) of the catchment
  --per-registered     counts per 1,000 elders on the stations' registers (station_caseload)
  --period P           sum the map, ranking and inspector over a period: all, heat-wave,
                       warning (heat-warning days) or FROM:TO (dates or day indices)
  --chart series|diff  with two files, the charts show A and B (default) or B - A with its
                       95 % interval
  --palette viridis|cividis  sequential colour scale (default: viridis)
  --meal-points        draw the meal programme's canteens (filled) and meal points (hollow)
                       on the map (also View > Meal points, key M)
  --limits LO:HI       lock the map's colour limits (B - A: -max..max)
  --panel NAMES        open floating windows at start, comma separated: ranking,
                       distribution, sweep, help, open, whatif
  --search TEXT        ranking table: only stations whose name (Chinese or pinyin) has TEXT
  --distribution stations|replicates  what the distribution window is across
  --zoom F             map zoom relative to the fitted view (e.g. 2)
  --centre LON,LAT     map centre in degrees
  --screenshot OUT.png render without user input, write a PNG and exit (non-zero exit and
                       a message on stderr when a file cannot be read)
  --crop map|chart     with --screenshot: write only the map or the charts tile, as their PNG
                       buttons do
  --frames N           frames rendered before the screenshot is taken (default: 3)
  --size WxH           window / screenshot size in pixels (default: 1600x900, 1280x720
                       for --screenshot)
  --font FILE          font with Chinese glyphs (default: WenQuanYi Micro Hei or Noto CJK
                       when installed); without one, names are shown in pinyin
  --no-cjk             show the Latin (pinyin) names even when a CJK font is found
  --follow             A is a run still going (swsim run --live --out A): show its live
                       snapshot A.live.h5 as it grows, then the result A when the run ends
  --font-size PX       UI font size (default: from the window height, 15-20 px)
  -h, --help           show this help
  --version            show the version

Keys: Space play/pause, Left/Right previous/next day, Home/End first/last day, W day /
period, L lock colours, E per 1,000 elders, R ranking, D distribution, S sweep browser,
I what if (run the scenario again with one parameter changed; the result opens as B),
F fit the map, Ctrl+O open, F5 reload, H or F1 help, Esc clear the selection. Mouse on the
map: drag to pan, wheel to zoom, hover for a tooltip, click to select a station. Files
dropped on the window are opened (two files: A and B). Window layout and preferences are
kept in $XDG_CONFIG_HOME/swsim/swsim-viz.ini (~/.config/swsim/ when unset).
)";
}

ParseResult parse_command_line(const std::vector<std::string>& args) {
  ParseResult r;
  Options& o = r.options;
  std::vector<std::string> positional;
  auto fail = [&](const std::string& msg) {
    r.error = msg;
    return r;
  };
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    auto value = [&](std::string& out) -> bool {
      if (i + 1 >= args.size()) return false;
      out = args[++i];
      return true;
    };
    std::string v;
    if (a == "-h" || a == "--help") {
      o.help = true;
    } else if (a == "--version") {
      o.version = true;
    } else if (a == "--no-cjk") {
      o.no_cjk = true;
    } else if (a == "--follow") {
      o.follow = true;
    } else if (a == "--per-elders") {
      o.per_elders = true;
    } else if (a == "--per-registered") {
      o.per_registered = true;
    } else if (a == "--meal-points") {
      o.meal_points = true;
    } else if (a == "--boundaries" || a == "--metric" || a == "--day" || a == "--screenshot" ||
               a == "--font" || a == "--frames" || a == "--size" || a == "--station" || a == "--area" ||
               a == "--font-size" || a == "--view" || a == "--point" || a == "--compare-point" ||
               a == "--lang" || a == "--stat" || a == "--replicate" || a == "--period" || a == "--chart" ||
               a == "--palette" || a == "--panel" || a == "--search" || a == "--limits" || a == "--zoom" ||
               a == "--centre" || a == "--center" || a == "--distribution" || a == "--crop") {
      if (!value(v) || v.empty()) return fail("option " + a + " needs a value (see --help)");
      if (a == "--boundaries")
        o.boundaries = v;
      else if (a == "--metric")
        o.metric = v;
      else if (a == "--day")
        o.day = v;
      else if (a == "--screenshot")
        o.screenshot = v;
      else if (a == "--font")
        o.font = v;
      else if (a == "--frames") {
        if (!parse_int(v, o.frames) || o.frames < 1 || o.frames > 10000)
          return fail("--frames: expected a whole number from 1 to 10000, got '" + v + "'");
      } else if (a == "--station") {
        if (!parse_int(v, o.station) || o.station < 0)
          return fail("--station: expected a station index (0, 1, ...), got '" + v + "'");
      } else if (a == "--area") {
        if (!parse_int(v, o.area) || o.area < 0)
          return fail("--area: expected an area index (0, 1, ...), got '" + v + "'");
      } else if (a == "--point" || a == "--compare-point") {
        int& target = a == "--point" ? o.point : o.compare_point;
        if (!parse_int(v, target) || target < 0)
          return fail(a + ": expected a grid point of the sweep (0, 1, ...), got '" + v + "'");
      } else if (a == "--font-size") {
        int px = 0;
        if (!parse_int(v, px) || px < 8 || px > 64)
          return fail("--font-size: expected 8 to 64 pixels, got '" + v + "'");
        o.font_size = static_cast<float>(px);
      } else if (a == "--view") {
        if (v != "a" && v != "b" && v != "diff")
          return fail("--view: expected a, b or diff, got '" + v + "'");
        o.view = v;
      } else if (a == "--lang") {
        if (v != "zh" && v != "en") return fail("--lang: expected zh or en, got '" + v + "'");
        o.lang = v;
      } else if (a == "--stat") {
        if (v != "mean" && v != "median" && v != "q05" && v != "q95")
          return fail("--stat: expected mean, median, q05 or q95, got '" + v + "'");
        o.stat = v;
      } else if (a == "--replicate") {
        if (!parse_int(v, o.replicate) || o.replicate < 0)
          return fail("--replicate: expected a replicate index (0, 1, ...), got '" + v + "'");
      } else if (a == "--period") {
        o.period = v;
      } else if (a == "--chart") {
        if (v != "series" && v != "diff") return fail("--chart: expected series or diff, got '" + v + "'");
        o.chart = v;
      } else if (a == "--palette") {
        if (v != "viridis" && v != "cividis") return fail("--palette: expected viridis or cividis, got '" + v + "'");
        o.palette = v;
      } else if (a == "--distribution") {
        if (v != "stations" && v != "replicates")
          return fail("--distribution: expected stations or replicates, got '" + v + "'");
        o.distribution = v;
      } else if (a == "--panel") {
        std::istringstream in(v);
        std::string p;
        while (std::getline(in, p, ',')) {
          if (p == "ranking") o.panel_ranking = true;
          else if (p == "distribution") o.panel_distribution = true;
          else if (p == "sweep") o.panel_sweep = true;
          else if (p == "help") o.panel_help = true;
          else if (p == "open") o.panel_open = true;
          else if (p == "whatif") o.panel_whatif = true;
          else return fail("--panel: expected ranking, distribution, sweep, help, open or whatif, got '" + p + "'");
        }
      } else if (a == "--crop") {
        if (v != "map" && v != "chart") return fail("--crop: expected map or chart, got '" + v + "'");
        o.crop = v;
      } else if (a == "--search") {
        o.search = v;
      } else if (a == "--limits") {
        o.limits = v;
      } else if (a == "--zoom") {
        if (!parse_double(v, o.zoom) || o.zoom < 0.1 || o.zoom > 1000)
          return fail("--zoom: expected a factor from 0.1 to 1000, got '" + v + "'");
      } else if (a == "--centre" || a == "--center") {
        const auto comma = v.find(',');
        if (comma == std::string::npos || !parse_double(v.substr(0, comma), o.centre_lon) ||
            !parse_double(v.substr(comma + 1), o.centre_lat) || std::fabs(o.centre_lat) > 90 ||
            std::fabs(o.centre_lon) > 180)
          return fail("--centre: expected LON,LAT in degrees, e.g. 117.0,36.65, got '" + v + "'");
        o.has_centre = true;
      } else if (a == "--size") {
        const auto x = v.find('x');
        if (x == std::string::npos || !parse_int(v.substr(0, x), o.width) ||
            !parse_int(v.substr(x + 1), o.height) || o.width < 320 || o.height < 240 || o.width > 8192 ||
            o.height > 8192)
          return fail("--size: expected WIDTHxHEIGHT from 320x240 to 8192x8192, e.g. 1280x720, got '" + v +
                      "'");
      }
    } else if (a.size() > 1 && a[0] == '-') {
      return fail("unknown option '" + a + "' (see --help)");
    } else {
      positional.push_back(a);
    }
  }
  if (o.help || o.version) return r;
  if (positional.empty())
    return fail("no result file given: usage: swsim-viz RESULT.h5 [OTHER.h5 [MORE.h5 ...]] [options]");
  if (positional.size() > 6)
    return fail("too many files: at most six result files (A, B and four more for the charts), got " +
                std::to_string(positional.size()));
  o.file_a = positional[0];
  if (positional.size() >= 2) o.file_b = positional[1];
  o.more_files.assign(positional.begin() + std::min<std::ptrdiff_t>(2, static_cast<std::ptrdiff_t>(positional.size())),
                      positional.end());
  if (o.compare_point >= 0 && !o.file_b.empty())
    return fail("--compare-point takes its second run from the sweep of the first file: give one file");
  if (!o.view.empty() && o.file_b.empty() && o.compare_point < 0) return fail("--view needs two result files");
  if (o.chart == "diff" && o.file_b.empty() && o.compare_point < 0) return fail("--chart diff needs two result files");
  if (o.replicate >= 0 && !o.stat.empty()) return fail("--replicate and --stat exclude each other");
  if (!o.crop.empty() && o.screenshot.empty()) return fail("--crop needs --screenshot");
  return r;
}

}  // namespace swsim::viz
