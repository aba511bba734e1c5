#include "swsim/simulation/ensemble.hpp"

#include <tbb/parallel_for.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "swsim/simulation/simulation.hpp"
#include "swsim/util/error.hpp"

namespace swsim {
namespace {

constexpr char kMagic[8] = {'S', 'W', 'S', 'I', 'M', 'C', 'K', 'P'};
constexpr std::uint32_t kCheckpointVersion = 1;

std::uint64_t fnv1a(const std::string& s) {
  std::uint64_t h = 1469598103934665603ull;
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

struct CheckpointFile {
  std::string scenario;
  std::int32_t replicates = 0, day = 0;
  std::string payload;
};

CheckpointFile read_checkpoint(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path + ": checkpoint not found or not readable");
  char magic[8] = {};
  std::uint32_t version = 0;
  if (!in.read(magic, 8) || std::string(magic, 8) != std::string(kMagic, 8))
    throw InputError(path + ": not a swsim checkpoint");
  CheckpointFile f;
  std::uint64_t n = 0, hash = 0;
  const auto damaged = [&] { return InputError(path + ": checkpoint is truncated or damaged"); };
  if (!read_pod(in, version)) throw damaged();
  if (version != kCheckpointVersion)
    throw InputError(path + ": checkpoint version " + std::to_string(version) + " is not supported (expected " +
                     std::to_string(kCheckpointVersion) + ")");
  if (!read_pod(in, n) || n > (1u << 26)) throw damaged();
  f.scenario.resize(n);
  if (!in.read(f.scenario.data(), static_cast<std::streamsize>(n))) throw damaged();
  if (!read_pod(in, f.replicates) || !read_pod(in, f.day) || !read_pod(in, n) || n > (1ull << 40)) throw damaged();
  f.payload.resize(n);
  if (!in.read(f.payload.data(), static_cast<std::streamsize>(n)) || !read_pod(in, hash)) throw damaged();
  if (hash != fnv1a(f.payload)) throw damaged();
  return f;
}

}  // namespace

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

void EnsembleRun::save_checkpoint(const std::string& path, const std::string& scenario_text) const {
  std::ostringstream payload(std::ios::binary);
  for (const auto& s : sims_) s->save(payload);
  const std::string data = payload.str();
  const std::string temp = path + ".tmp";
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    out.write(kMagic, 8);
    write_pod(out, kCheckpointVersion);
    write_pod(out, static_cast<std::uint64_t>(scenario_text.size()));
    out.write(scenario_text.data(), static_cast<std::streamsize>(scenario_text.size()));
    write_pod(out, static_cast<std::int32_t>(sims_.size()));
    write_pod(out, static_cast<std::int32_t>(day()));
    write_pod(out, static_cast<std::uint64_t>(data.size()));
    out.write(data.data(), static_cast<std::streamsize>(data.size()));
    write_pod(out, fnv1a(data));
    out.flush();
    if (!out) {
      std::remove(temp.c_str());
      throw RuntimeError(path + ": cannot write the checkpoint (disk full?)");
    }
  }
  std::error_code ec;
  std::filesystem::rename(temp, path, ec);
  if (ec) throw RuntimeError(path + ": cannot move the checkpoint into place: " + ec.message());
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

Ensemble run_ensemble(const Config& config, const World& world, const std::vector<WeatherDay>& weather,
                      const std::function<void(long, long)>& on_progress, const RunControl& control) {
  EnsembleRun run(config, world, weather, control.only_replicates);
  if (!control.resume_path.empty()) run.load_checkpoint(control.resume_path);
  const long total = static_cast<long>(config.run.replicates) * config.run.days;
  while (run.day() < config.run.days) {
    if (control.stop && control.stop->load()) throw Interrupted();
    run.step();
    if (on_progress) on_progress(static_cast<long>(run.day()) * config.run.replicates, total);
    if (control.checkpoint_every > 0 && run.day() % control.checkpoint_every == 0 && run.day() < config.run.days)
      run.save_checkpoint(control.checkpoint_path, control.scenario_text);
  }
  return run.results();
}

}  // namespace swsim
