#include "model/session.hpp"

#include "reader/hdf5_threads.hpp"
#include "reader/result_file.hpp"

namespace swsim::viz {

Session load_session(const LoadRequest& req, const ProgressFn& progress) {
  LoadRequest request = req;
  std::optional<results::SweepIndex> sweep;
  if (!request.sweep.empty()) {
    sweep = results::read_sweep_index(request.sweep);
    auto file_of = [&](int point) -> std::string {
      if (point < 0 || point >= static_cast<int>(sweep->points.size()))
        throw results::ReadError(request.sweep + ": the sweep has " + std::to_string(sweep->points.size()) +
                                 " points, not " + std::to_string(point));
      return sweep->points[static_cast<std::size_t>(point)].file;
    };
    if (request.file_a.empty()) request.file_a = file_of(std::max(request.point_a, 0));
    if (request.file_b.empty() && request.point_b >= 0) request.file_b = file_of(request.point_b);
  }
  const bool two = !request.file_b.empty();
  const bool geo = !request.boundaries.empty();
  const double files = 1.0 + (two ? 1 : 0) + static_cast<double>(request.more.size());
  const double share_a = 0.95 / files;
  auto part = [&](double from, double width) -> ProgressFn {
    return [=, &progress](double f, const std::string& what) {
      if (progress) progress(from + f * width, what);
    };
  };
  Session s;
  s.a = load_dataset(request.file_a, part(0.0, share_a));
  if (two) s.b = load_dataset(request.file_b, part(share_a, share_a));
  s.al = two ? align(s.a, *s.b) : align_single(s.a);
  double at = share_a * (two ? 2 : 1);
  for (const auto& path : request.more) {
    s.more.push_back(load_dataset(path, part(at, share_a)));
    s.more_al.push_back(align(s.a, s.more.back()));
    at += share_a;
  }
  if (geo) {
    if (progress) progress(0.97, "reading " + request.boundaries);
    s.boundaries = load_geojson(request.boundaries);
  } else if (auto own = outlines_from_result(request.file_a); !own.features.empty()) {
    s.boundaries = std::move(own);  // by default, the outlines the simulation was built in
  }
  s.sweep = std::move(sweep);
  if (s.sweep) {
    s.point_a = std::max(request.point_a, 0);
    s.point_b = request.point_b;
  }
  if (progress) progress(1.0, "done");
  return s;
}

Loader::Loader(LoadRequest request) : request_(std::move(request)) {
  thread_ = std::thread([this] {
    results::silence_hdf5_errors_on_this_thread();
    try {
      auto s = std::make_unique<Session>(load_session(request_, [this](double f, const std::string& what) {
        progress_.store(f);
        std::lock_guard<std::mutex> lock(mutex_);
        stage_ = what;
      }));
      std::lock_guard<std::mutex> lock(mutex_);
      session_ = std::move(s);
    } catch (const std::exception& e) {
      std::lock_guard<std::mutex> lock(mutex_);
      error_ = e.what();
    } catch (...) {
      std::lock_guard<std::mutex> lock(mutex_);
      error_ = "unknown error while loading";
    }
    done_.store(true);
  });
}

Loader::~Loader() {
  if (thread_.joinable()) thread_.join();
}

std::string Loader::stage() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return stage_;
}

std::unique_ptr<Session> Loader::take_session() {
  std::lock_guard<std::mutex> lock(mutex_);
  return std::move(session_);
}

std::string Loader::error() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return error_;
}

}  // namespace swsim::viz
