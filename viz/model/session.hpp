#pragma once
// Everything one window shows: file A, optionally file B aligned to it, optional district outlines.
// load_session() does the work synchronously (tests call it); Loader runs it on a background thread
// and reports progress, so the window keeps drawing while files load.
#include <atomic>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>
#include <utility>

#include "model/compare.hpp"
#include "model/dataset.hpp"
#include "inputs.hpp"
#include "model/geojson.hpp"

namespace swsim::viz {

struct Session {
  Dataset a;
  std::optional<Dataset> b;
  Alignment al;
  std::optional<Boundaries> boundaries;
  // When the files are points of a sweep: the index (for the sweep browser) and which points they are.
  std::optional<results::SweepIndex> sweep;
  int point_a = -1, point_b = -1;
  // More runs (C, D, ...), drawn in the charts only, each aligned with A like B.
  std::vector<Dataset> more;
  std::vector<Alignment> more_al;
  bool comparing() const { return b.has_value(); }
  const Dataset& side(int s) const { return s == 0 ? a : *b; }
};

struct LoadRequest {
  LoadRequest(std::string a = "", std::string b = "", std::string geo = "", std::string sweep_index = "",
              int pa = -1, int pb = -1)
      : file_a(std::move(a)), file_b(std::move(b)), boundaries(std::move(geo)), sweep(std::move(sweep_index)),
        point_a(pa), point_b(pb) {}
  std::string file_a, file_b, boundaries;  // file_b and boundaries may be empty
  // A sweep index (DIR/sweep.h5) and the points shown: an empty file_a / file_b is the point's file.
  std::string sweep;
  int point_a = -1, point_b = -1;
  std::vector<std::string> more;  // more runs for the charts
};

// Throws std::runtime_error (ReadError, GeoJsonError) with a one-line message.
Session load_session(const LoadRequest& request, const ProgressFn& progress = {});

class Loader {
 public:
  explicit Loader(LoadRequest request);
  ~Loader();
  Loader(const Loader&) = delete;
  Loader& operator=(const Loader&) = delete;

  bool done() const { return done_.load(); }
  double progress() const { return progress_.load(); }
  std::string stage() const;
  // Once done(): the session (moved out, once) or the error message.
  std::unique_ptr<Session> take_session();
  std::string error() const;

 private:
  LoadRequest request_;
  std::atomic<bool> done_{false};
  std::atomic<double> progress_{0.0};
  mutable std::mutex mutex_;
  std::string stage_, error_;
  std::unique_ptr<Session> session_;
  std::thread thread_;
};

}  // namespace swsim::viz
