#include "swsim/simulation/ensemble.hpp"

#include <tbb/parallel_for.h>
#include <tbb/parallel_pipeline.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <string_view>
#include <filesystem>
#include <mutex>
#include <fstream>
#include <limits>
#include <sstream>
#include <string>

#include "swsim/simulation/simulation.hpp"
#include "swsim/util/error.hpp"
#include "swsim/util/temp_file.hpp"

namespace swsim {
namespace {

constexpr char kMagic[8] = {'S', 'W', 'S', 'I', 'M', 'C', 'K', 'P'};
constexpr std::uint32_t kCheckpointVersion = 3;  // 3: no protected_day (prevention is same-day)

std::uint64_t fnv1a(std::string_view s, std::uint64_t h = 1469598103934665603ull) {
  for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
  return h;
}

template <class T>
void write_pod(std::ostream& out, const T& v) {
  out.write(reinterpret_cast<const char*>(&v), sizeof v);
}
template <class T>
bool read_pod(std::istream& in, T& v) {
  in.read(reinterpret_cast<char*>(&v), sizeof v);
  return static_cast<bool>(in);
}
void write_text(std::ostream& out, const std::string& s) {
  write_pod(out, static_cast<std::uint64_t>(s.size()));
  out.write(s.data(), static_cast<std::streamsize>(s.size()));
}
bool read_text(std::istream& in, std::string& s, std::uint64_t max) {
  std::uint64_t n = 0;
  if (!read_pod(in, n) || n > max) return false;
  s.resize(n);
  return static_cast<bool>(in.read(s.data(), static_cast<std::streamsize>(n)));
}

// Layout (version 2): magic, version, then the body, then FNV-1a of the body. The body holds the
// effective scenario text, the input digests, the replicate count, the day and the state payload, so
// the checksum covers all of them.
struct CheckpointFile {
  std::string scenario;
  std::vector<InputDigest> inputs;
  std::int32_t replicates = 0, day = 0;
  std::string payload;
};

CheckpointFile read_checkpoint(const std::string& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) throw InputError(path + ": is a directory, not a checkpoint");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path + ": checkpoint not found or not readable");
  char magic[8] = {};
  std::uint32_t version = 0;
  if (!in.read(magic, 8) || std::string(magic, 8) != std::string(kMagic, 8))
    throw InputError(path + ": not a swsim checkpoint");
  const auto damaged = [&] { return InputError(path + ": checkpoint is truncated or damaged"); };
  if (!read_pod(in, version)) throw damaged();
  if (version != kCheckpointVersion)
    throw InputError(path + ": checkpoint version " + std::to_string(version) + " is not supported (expected " +
                     std::to_string(kCheckpointVersion) + "; start the run again)");
  std::ostringstream rest;
  rest << in.rdbuf();
  std::string body = rest.str();
  if (body.size() < 8) throw damaged();
  std::uint64_t hash = 0;
  std::memcpy(&hash, body.data() + body.size() - 8, 8);
  body.resize(body.size() - 8);
  if (hash != fnv1a(body)) throw damaged();
  std::istringstream b(body, std::ios::binary);
  CheckpointFile f;
  std::uint32_t n_inputs = 0;
  if (!read_text(b, f.scenario, 1u << 26) || !read_pod(b, n_inputs) || n_inputs > 64) throw damaged();
  for (std::uint32_t i = 0; i < n_inputs; ++i) {
    InputDigest d;
    if (!read_text(b, d.what, 256) || !read_text(b, d.path, 1u << 16) || !read_pod(b, d.hash)) throw damaged();
    f.inputs.push_back(d);
  }
  if (!read_pod(b, f.replicates) || !read_pod(b, f.day) || !read_text(b, f.payload, 1ull << 40)) throw damaged();
  return f;
}

}  // namespace

ResultsMemory results_memory(int days, int stations, std::uint64_t fixed) {
  ResultsMemory m;
  m.per_replicate = static_cast<std::uint64_t>(kMetricCount) * static_cast<std::uint64_t>(std::max(0, days)) *
                    static_cast<std::uint64_t>(std::max(0, stations)) * sizeof(double);
  m.fixed = fixed;
  return m;
}

int ResultsMemory::replicates_within(std::uint64_t available) const {
  if (per_replicate == 0) return std::numeric_limits<int>::max();
  if (available < fixed + 5 * per_replicate) return 0;
  const std::uint64_t n = (available - fixed) / per_replicate - 4;
  return n > static_cast<std::uint64_t>(std::numeric_limits<int>::max()) ? std::numeric_limits<int>::max()
                                                                         : static_cast<int>(n);
}

std::uint64_t available_memory_bytes() {
  std::ifstream in("/proc/meminfo");
  std::string key, unit;
  std::uint64_t kib = 0;
  while (in >> key >> kib) {
    std::getline(in, unit);
    if (key == "MemAvailable:") return kib * 1024;
  }
  return 0;
}

std::uint64_t replicate_seed(std::uint64_t run_seed, int replicate) {
  if (replicate == 0) return run_seed;
  std::uint64_t z = run_seed + 0x9E3779B97F4A7C15ull * static_cast<std::uint64_t>(replicate);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

EnsembleRun::EnsembleRun(const Config& config, const World& world, const std::vector<WeatherDay>& weather,
                         std::vector<int> only_replicates)
    : indices_(std::move(only_replicates)),
      days_(config.run.days),
      stations_(static_cast<int>(world.stations.size())) {
  for (int r = 0; r < config.run.replicates; ++r) seeds_.push_back(replicate_seed(config.run.seed, r));
  if (indices_.empty())
    for (int r = 0; r < config.run.replicates; ++r) indices_.push_back(r);
  for (int r : indices_) {
    if (r < 0 || r >= config.run.replicates) throw RuntimeError("internal: replicate index out of range");
    configs_.push_back(config);
    configs_.back().run.seed = seeds_[static_cast<std::size_t>(r)];
  }
  for (const Config& c : configs_) sims_.push_back(std::make_unique<Simulation>(c, world, weather));
}

EnsembleRun::~EnsembleRun() = default;

int EnsembleRun::day() const { return sims_.empty() ? days_ : sims_.front()->day(); }

void EnsembleRun::step() {
  tbb::parallel_for(std::size_t(0), sims_.size(), [&](std::size_t r) { sims_[r]->step(); });
}

Ensemble EnsembleRun::results() const {
  Ensemble e;
  e.seeds = seeds_;
  e.replicates.assign(seeds_.size(), Results(days_, stations_));
  for (std::size_t k = 0; k < sims_.size(); ++k) e.replicates[static_cast<std::size_t>(indices_[k])] = sims_[k]->results();
  return e;
}

void EnsembleRun::save_checkpoint(const std::string& path, const std::string& scenario_text,
                                  const std::vector<InputDigest>& inputs) const {
  std::ostringstream payload(std::ios::binary);
  for (const auto& s : sims_) s->save(payload);
  std::ostringstream body(std::ios::binary);
  write_text(body, scenario_text);
  write_pod(body, static_cast<std::uint32_t>(inputs.size()));
  for (const auto& d : inputs) {
    write_text(body, d.what);
    write_text(body, d.path);
    write_pod(body, d.hash);
  }
  write_pod(body, static_cast<std::int32_t>(sims_.size()));
  write_pod(body, static_cast<std::int32_t>(day()));
  write_text(body, payload.str());
  const std::string data = body.str();
  const std::string temp = temp_name_for(path);  // per process: two runs never share it
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    out.write(kMagic, 8);
    write_pod(out, kCheckpointVersion);
    out.write(data.data(), static_cast<std::streamsize>(data.size()));
    write_pod(out, fnv1a(data));
    out.flush();
    if (!out) {
      out.close();
      std::remove(temp.c_str());
      throw RuntimeError(path + ": cannot write the checkpoint (disk full or file size limit?)");
    }
  }
  std::error_code ec;
  std::filesystem::rename(temp, path, ec);
  if (ec) {
    std::remove(temp.c_str());
    throw RuntimeError(path + ": cannot move the checkpoint into place: " + ec.message());
  }
}

void EnsembleRun::load_checkpoint(const std::string& path) {
  const CheckpointFile f = read_checkpoint(path);
  if (f.replicates != static_cast<std::int32_t>(sims_.size()))
    throw InputError(path + ": checkpoint has " + std::to_string(f.replicates) + " replicates, the run " +
                     std::to_string(sims_.size()));
  std::istringstream in(f.payload, std::ios::binary);
  try {
    for (auto& s : sims_) s->load(in);
  } catch (const std::runtime_error& e) {
    throw InputError(path + ": checkpoint " + e.what());
  }
}

std::string checkpoint_scenario(const std::string& path) { return read_checkpoint(path).scenario; }

InputDigest digest_input(const std::string& what, const std::string& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) throw InputError(path + ": is a directory, not the " + what + " file");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path + ": " + what + " not found or not readable");
  std::uint64_t h = fnv1a("");
  char buf[1 << 16];
  while (in.read(buf, sizeof buf) || in.gcount() > 0) h = fnv1a(std::string_view(buf, static_cast<std::size_t>(in.gcount())), h);
  const auto abs = std::filesystem::absolute(path, ec);
  return InputDigest{what, ec ? path : abs.lexically_normal().string(), h};
}

std::vector<InputDigest> digest_inputs(const Config& config) {
  std::vector<InputDigest> out;
  if (config.weather.source == WeatherSource::kCsv && !config.weather.csv_file.empty())
    out.push_back(digest_input("weather CSV", config.weather.csv_file));
  if (!config.world.stations_file.empty()) out.push_back(digest_input("station table", config.world.stations_file));
  return out;
}

void verify_checkpoint_inputs(const std::string& path) {
  for (const auto& was : read_checkpoint(path).inputs) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(was.path, ec))
      throw InputError(path + ": the " + was.what + " of the checkpointed run, " + was.path +
                       ", is missing; put it back to resume");
    if (digest_input(was.what, was.path).hash != was.hash)
      throw InputError(path + ": the " + was.what + " " + was.path +
                       " changed since the checkpoint was written; resuming would mix two runs (restore it, or start "
                       "the run again without --resume)");
  }
}

namespace {

// One replicate in flight through the stream: its config (the simulation refers to it) and simulation.
struct InFlight {
  int replicate = 0;
  Config config;
  std::unique_ptr<Simulation> sim;
};

// Counts the simulations alive and remembers the most at once.
struct AliveCounter {
  std::atomic<int> now{0}, most{0};
  void up() {
    const int n = ++now;
    int m = most.load();
    while (n > m && !most.compare_exchange_weak(m, n)) {
    }
  }
  void down() { --now; }
};

}  // namespace

StreamStats stream_ensemble(const Config& config, const World& world, const std::vector<WeatherDay>& weather,
                            const std::function<void(int, Results&&)>& consume, int max_alive,
                            const std::vector<int>& only, const std::function<void()>& on_day,
                            const std::atomic<bool>* stop) {
  std::vector<int> order = only;
  if (order.empty())
    for (int r = 0; r < config.run.replicates; ++r) order.push_back(r);
  if (max_alive <= 0) max_alive = 2 * tbb::this_task_arena::max_concurrency();
  std::size_t next = 0;
  std::mutex day_mutex;
  AliveCounter alive;
  StreamStats stats;
  const auto emit = [&](tbb::flow_control& fc) -> InFlight* {
    if (next == order.size() || (stop && stop->load())) {
      fc.stop();
      return nullptr;
    }
    auto* f = new InFlight{order[next++], config, nullptr};
    f->config.run.seed = replicate_seed(config.run.seed, f->replicate);
    return f;
  };
  const auto simulate = [&](InFlight* f) -> InFlight* {
    std::unique_ptr<InFlight> own(f);
    own->sim = std::make_unique<Simulation>(own->config, world, weather);
    alive.up();
    while (own->sim->day() < config.run.days) {
      if (stop && stop->load()) break;
      own->sim->step();
      if (on_day) {
        std::lock_guard<std::mutex> lock(day_mutex);
        on_day();
      }
    }
    return own.release();
  };
  const auto finish = [&](InFlight* f) {
    std::unique_ptr<InFlight> own(f);
    if (own->sim->day() == config.run.days) {
      consume(own->replicate, own->sim->take_results());
      ++stats.replicates;
    }
    own->sim.reset();
    alive.down();
  };
  tbb::parallel_pipeline(static_cast<std::size_t>(max_alive),
                         tbb::make_filter<void, InFlight*>(tbb::filter_mode::serial_in_order, emit) &
                             tbb::make_filter<InFlight*, InFlight*>(tbb::filter_mode::parallel, simulate) &
                             tbb::make_filter<InFlight*, void>(tbb::filter_mode::serial_in_order, finish));
  if (stop && stop->load()) throw Interrupted();
  stats.max_alive = alive.most.load();
  return stats;
}

namespace {

// run_ensemble without checkpoints or per-day snapshots: the replicates streamed and collected.
Ensemble streamed_ensemble(const Config& config, const World& world, const std::vector<WeatherDay>& weather,
                           const std::function<void(long, long)>& on_progress, const RunControl& control) {
  Ensemble e;
  for (int r = 0; r < config.run.replicates; ++r) e.seeds.push_back(replicate_seed(config.run.seed, r));
  e.replicates.resize(e.seeds.size());  // empty: each replicate's results are moved in as it finishes
  const long total = static_cast<long>(config.run.replicates) * config.run.days;
  long done = 0;
  const auto on_day = [&] {
    if (on_progress) on_progress(++done, total);
  };
  stream_ensemble(
      config, world, weather, [&](int r, Results&& res) { e.replicates[static_cast<std::size_t>(r)] = std::move(res); },
      0, control.only_replicates, on_day, control.stop);
  for (Results& r : e.replicates)  // replicates left to other ranks (`only`): zeros of the same shape
    if (r.days() == 0) r = Results(config.run.days, static_cast<int>(world.stations.size()));
  return e;
}

}  // namespace

Ensemble run_ensemble(const Config& config, const World& world, const std::vector<WeatherDay>& weather,
                      const std::function<void(long, long)>& on_progress, const RunControl& control) {
  if (control.checkpoint_every <= 0 && control.resume_path.empty() && !control.after_day) {
    for (int r : control.only_replicates)
      if (r < 0 || r >= config.run.replicates) throw RuntimeError("internal: replicate index out of range");
    return streamed_ensemble(config, world, weather, on_progress, control);
  }
  EnsembleRun run(config, world, weather, control.only_replicates);
  if (!control.resume_path.empty()) run.load_checkpoint(control.resume_path);
  const long total = static_cast<long>(config.run.replicates) * config.run.days;
  while (run.day() < config.run.days) {
    if (control.stop && control.stop->load()) throw Interrupted();
    run.step();
    if (on_progress) on_progress(static_cast<long>(run.day()) * config.run.replicates, total);
    if (control.checkpoint_every > 0 && run.day() % control.checkpoint_every == 0 && run.day() < config.run.days)
      run.save_checkpoint(control.checkpoint_path, control.scenario_text, control.inputs);
    if (control.after_day) control.after_day(run);
  }
  return run.results();
}

Ensemble first_days(const Ensemble& ensemble, int days) {
  Ensemble e;
  e.seeds = ensemble.seeds;
  for (const Results& r : ensemble.replicates) {
    const int d = std::min(days, r.days());
    Results cut(d, r.stations());
    for (std::size_t m = 0; m < kMetricCount; ++m) {
      const auto& src = r.series(static_cast<Metric>(m));
      std::copy_n(src.begin(), static_cast<std::ptrdiff_t>(d) * r.stations(), cut.series(static_cast<Metric>(m)).begin());
    }
    e.replicates.push_back(std::move(cut));
  }
  return e;
}

}  // namespace swsim
