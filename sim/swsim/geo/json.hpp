#pragma once
// A small JSON reader (RFC 8259) for input files such as GeoJSON. Every syntax error is a JsonError
// naming the source, line and column. The same parser as the viewer's (viz/model/geojson.cpp), moved
// here so the simulation can read boundaries too.
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <variant>
#include <vector>

namespace swsim::geo {

class JsonError : public std::runtime_error {
 public:
  explicit JsonError(const std::string& what) : std::runtime_error(what) {}
};

// A JSON value; objects keep their members in a map (key order does not matter to our formats).
struct Json;
using JsonArray = std::vector<Json>;
using JsonObject = std::map<std::string, Json>;
struct Json {
  std::variant<std::nullptr_t, bool, double, std::string, std::shared_ptr<JsonArray>, std::shared_ptr<JsonObject>>
      v;
  bool is_number() const { return std::holds_alternative<double>(v); }
  bool is_string() const { return std::holds_alternative<std::string>(v); }
  bool is_array() const { return std::holds_alternative<std::shared_ptr<JsonArray>>(v); }
  bool is_object() const { return std::holds_alternative<std::shared_ptr<JsonObject>>(v); }
  bool is_null() const { return std::holds_alternative<std::nullptr_t>(v); }
  double number() const { return std::get<double>(v); }
  const std::string& string() const { return std::get<std::string>(v); }
  const JsonArray& array() const { return *std::get<std::shared_ptr<JsonArray>>(v); }
  const JsonObject& object() const { return *std::get<std::shared_ptr<JsonObject>>(v); }
  const Json* member(const std::string& key) const {
    if (!is_object()) return nullptr;
    auto it = object().find(key);
    return it == object().end() ? nullptr : &it->second;
  }
};

// Parses a whole document (a leading UTF-8 byte-order mark is skipped); `source` names it in errors:
// "<source>: line L, column C: invalid JSON: <what>".
Json parse_json(const std::string& text, const std::string& source);

}  // namespace swsim::geo
