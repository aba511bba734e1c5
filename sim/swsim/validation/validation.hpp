#pragma once
// How far to trust the model (docs/validation.md): one row per target — closed forms the model's parts
// must reproduce, the inputs it must reproduce, heat-harm calibration targets, and the service patterns of
// odd.md "Purpose and patterns" — each with its source, target range, the model's value (mean and 95 %
// interval over replicates where it is random) and pass/fail. `swsim validate` prints them, writes CSV and
// the Markdown of docs/validation.md.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "swsim/config/scenario.hpp"

namespace swsim::validation {

struct Row {
  std::string id;      // e.g. "services.ordinary_weekday_on_time"
  std::string what;    // what is compared, in words
  std::string source;  // where the target comes from
  double low = 0, high = 0;                    // the target range: the row passes when the model lies in it
  double model = 0;                            // the model's value (mean over replicates)
  double model_lo = 0, model_hi = 0;           // 95 % interval over replicates; equal to model when not random
  bool pass = false;
  std::string unit;  // "%", "1", "per 100,000 per day", ...
};

struct Options {
  int replicates = 8;
  std::function<void(const std::string&)> progress;  // one line per step
};

// Runs the scenario (and the variants the rows need) and evaluates every row.
std::vector<Row> run_validation(const Scenario& scenario, const Options& options);

std::string rows_csv(const std::vector<Row>& rows);  // id,target,source,low,high,model,pass
std::string rows_table(const std::vector<Row>& rows);  // for a terminal
std::string rows_markdown(const std::vector<Row>& rows, const Scenario& scenario, const Options& options);

}  // namespace swsim::validation
