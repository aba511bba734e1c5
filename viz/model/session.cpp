#include "model/session.hpp"

#include "reader/hdf5_threads.hpp"

namespace swsim::viz {

Session load_session(const LoadRequest& request, const ProgressFn& progress) {
  const bool two = !request.file_b.empty();
  const bool geo = !request.boundaries.empty();
  const double share_a = two ? 0.48 : 0.95;
  auto part = [&](double from, double width) -> ProgressFn {
    return [=, &progress](double f, const std::string& what) {
      if (progress) progress(from + f * width, what);
    };
  };
  Session s;
  s.a = load_dataset(request.file_a, part(0.0, share_a));
  if (two) s.b = load_dataset(request.file_b, part(share_a, share_a));
  s.al = two ? align(s.a, *s.b) : align_single(s.a);
  if (geo) {
    if (progress) progress(0.97, "reading " + request.boundaries);
    s.boundaries = load_geojson(request.boundaries);
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
