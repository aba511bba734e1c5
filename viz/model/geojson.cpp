#include "model/geojson.hpp"

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <variant>

namespace swsim::viz {
namespace {

// A JSON value; objects keep their members in a map (GeoJSON does not care about key order).
struct Json;
using JsonArray = std::vector<Json>;
using JsonObject = std::map<std::string, Json>;
struct Json {
  std::variant<std::nullptr_t, bool, double, std::string, std::shared_ptr<JsonArray>,
               std::shared_ptr<JsonObject>>
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

class Parser {
 public:
  Parser(const std::string& text, const std::string& source) : s_(text), source_(source) {}

  Json parse_document() {
    skip_ws();
    if (pos_ >= s_.size()) fail("the file is empty");
    Json j = parse_value(0);
    skip_ws();
    if (pos_ < s_.size()) fail("unexpected text after the JSON value");
    return j;
  }

 private:
  const std::string& s_;
  const std::string& source_;
  std::size_t pos_ = 0;

  [[noreturn]] void fail(const std::string& what) const {
    int line = 1, col = 1;
    for (std::size_t i = 0; i < pos_ && i < s_.size(); ++i) {
      if (s_[i] == '\n') {
        ++line;
        col = 1;
      } else {
        ++col;
      }
    }
    throw GeoJsonError(source_ + ": line " + std::to_string(line) + ", column " + std::to_string(col) +
                       ": invalid JSON: " + what);
  }
  void skip_ws() {
    while (pos_ < s_.size() && (s_[pos_] == ' ' || s_[pos_] == '\t' || s_[pos_] == '\n' || s_[pos_] == '\r'))
      ++pos_;
  }
  bool eat(char c) {
    skip_ws();
    if (pos_ < s_.size() && s_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }
  void expect_word(const char* w) {
    for (const char* p = w; *p; ++p, ++pos_)
      if (pos_ >= s_.size() || s_[pos_] != *p) fail(std::string("expected '") + w + "'");
  }

  Json parse_value(int depth) {
    if (depth > 200) fail("nested too deeply");
    skip_ws();
    if (pos_ >= s_.size()) fail("unexpected end of file");
    const char c = s_[pos_];
    if (c == '{') return parse_object(depth);
    if (c == '[') return parse_array(depth);
    if (c == '"') return Json{parse_string()};
    if (c == 't') return expect_word("true"), Json{true};
    if (c == 'f') return expect_word("false"), Json{false};
    if (c == 'n') return expect_word("null"), Json{nullptr};
    if (c == '-' || (c >= '0' && c <= '9')) return Json{parse_number()};
    fail(std::string("unexpected character '") + c + "'");
  }

  double parse_number() {
    const std::size_t start = pos_;
    if (s_[pos_] == '-') ++pos_;
    auto digits = [&] {
      const std::size_t d0 = pos_;
      while (pos_ < s_.size() && s_[pos_] >= '0' && s_[pos_] <= '9') ++pos_;
      if (pos_ == d0) fail("malformed number");
    };
    digits();
    if (pos_ < s_.size() && s_[pos_] == '.') {
      ++pos_;
      digits();
    }
    if (pos_ < s_.size() && (s_[pos_] == 'e' || s_[pos_] == 'E')) {
      ++pos_;
      if (pos_ < s_.size() && (s_[pos_] == '+' || s_[pos_] == '-')) ++pos_;
      digits();
    }
    return std::strtod(s_.substr(start, pos_ - start).c_str(), nullptr);
  }

  static void put_utf8(std::string& out, unsigned cp) {
    if (cp < 0x80) {
      out += static_cast<char>(cp);
    } else if (cp < 0x800) {
      out += static_cast<char>(0xC0 | (cp >> 6));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      out += static_cast<char>(0xE0 | (cp >> 12));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (cp >> 18));
      out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    }
  }

  unsigned hex4() {
    if (pos_ + 4 > s_.size()) fail("truncated \\u escape");
    unsigned v = 0;
    for (int i = 0; i < 4; ++i) {
      const char h = s_[pos_++];
      v <<= 4;
      if (h >= '0' && h <= '9')
        v |= static_cast<unsigned>(h - '0');
      else if (h >= 'a' && h <= 'f')
        v |= static_cast<unsigned>(h - 'a' + 10);
      else if (h >= 'A' && h <= 'F')
        v |= static_cast<unsigned>(h - 'A' + 10);
      else
        fail("bad \\u escape");
    }
    return v;
  }

  std::string parse_string() {
    ++pos_;  // opening quote
    std::string out;
    while (true) {
      if (pos_ >= s_.size()) fail("unterminated string");
      const char c = s_[pos_++];
      if (c == '"') return out;
      if (static_cast<unsigned char>(c) < 0x20) fail("control character in string");
      if (c != '\\') {
        out += c;
        continue;
      }
      if (pos_ >= s_.size()) fail("unterminated string");
      const char e = s_[pos_++];
      switch (e) {
        case '"':
          out += '"';
          break;
        case '\\':
          out += '\\';
          break;
        case '/':
          out += '/';
          break;
        case 'b':
          out += '\b';
          break;
        case 'f':
          out += '\f';
          break;
        case 'n':
          out += '\n';
          break;
        case 'r':
          out += '\r';
          break;
        case 't':
          out += '\t';
          break;
        case 'u': {
          // A surrogate pair makes one code point; a lone or mismatched surrogate (valid JSON, not
          // valid Unicode) becomes U+FFFD so names stay valid UTF-8.
          unsigned cp = hex4();
          if (cp >= 0xD800 && cp < 0xDC00 && pos_ + 1 < s_.size() && s_[pos_] == '\\' &&
              s_[pos_ + 1] == 'u') {
            const std::size_t second = pos_;
            pos_ += 2;
            const unsigned lo = hex4();
            if (lo >= 0xDC00 && lo < 0xE000) {
              cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
            } else {
              cp = 0xFFFD;
              pos_ = second;  // read the second escape on its own
            }
          }
          if (cp >= 0xD800 && cp < 0xE000) cp = 0xFFFD;
          put_utf8(out, cp);
          break;
        }
        default:
          fail(std::string("bad escape '\\") + e + "'");
      }
    }
  }

  Json parse_array(int depth) {
    ++pos_;
    auto arr = std::make_shared<JsonArray>();
    if (eat(']')) return Json{arr};
    while (true) {
      arr->push_back(parse_value(depth + 1));
      if (eat(',')) continue;
      if (eat(']')) return Json{arr};
      fail(pos_ >= s_.size() ? "unexpected end of file inside an array" : "expected ',' or ']'");
    }
  }

  Json parse_object(int depth) {
    ++pos_;
    auto obj = std::make_shared<JsonObject>();
    if (eat('}')) return Json{obj};
    while (true) {
      skip_ws();
      if (pos_ >= s_.size()) fail("unexpected end of file inside an object");
      if (s_[pos_] != '"') fail("expected a member name in quotes");
      std::string key = parse_string();
      if (!eat(':')) fail("expected ':' after a member name");
      (*obj)[key] = parse_value(depth + 1);
      if (eat(',')) continue;
      if (eat('}')) return Json{obj};
      fail(pos_ >= s_.size() ? "unexpected end of file inside an object" : "expected ',' or '}'");
    }
  }
};

std::string where(const std::string& source, std::size_t feature) {
  return source + ": feature " + std::to_string(feature) + ": ";
}

std::vector<LonLat> parse_ring(const Json& j, const std::string& ctx) {
  if (!j.is_array()) throw GeoJsonError(ctx + "a polygon ring is not an array of positions");
  std::vector<LonLat> ring;
  for (const auto& p : j.array()) {
    if (!p.is_array() || p.array().size() < 2 || !p.array()[0].is_number() || !p.array()[1].is_number())
      throw GeoJsonError(ctx + "a position is not an array [longitude, latitude]");
    const double lon = p.array()[0].number(), lat = p.array()[1].number();
    if (!(lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90))
      throw GeoJsonError(ctx +
                         "a position is outside longitude -180..180 / latitude -90..90 (projected data?)");
    ring.push_back({lon, lat});
  }
  if (ring.size() < 4) throw GeoJsonError(ctx + "a polygon ring has fewer than 4 positions");
  return ring;
}

bool usable_position(double lon, double lat) { return lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90; }

void parse_polygon(const Json& j, const std::string& ctx, Boundary& out) {
  if (!j.is_array() || j.array().empty())
    throw GeoJsonError(ctx + "Polygon coordinates are not an array of rings");
  for (const auto& r : j.array()) out.rings.push_back(parse_ring(r, ctx));
}

bool read_point(const Json* j, LonLat& p) {
  if (!j || !j->is_array() || j->array().size() < 2 || !j->array()[0].is_number() ||
      !j->array()[1].is_number())
    return false;
  const double lon = j->array()[0].number(), lat = j->array()[1].number();
  if (!usable_position(lon, lat)) return false;  // e.g. 1e999 (infinite) or projected: use the ring average
  p = {lon, lat};
  return true;
}

}  // namespace

Boundaries parse_geojson(const std::string& text_in, const std::string& source) {
  // A UTF-8 byte-order mark (some Windows tools write one) is not part of the JSON.
  const bool bom = text_in.compare(0, 3, "\xEF\xBB\xBF") == 0;
  const std::string text = bom ? text_in.substr(3) : text_in;  // columns on line 1 count from after it
  const Json root = Parser(text, source).parse_document();
  if (!root.is_object()) throw GeoJsonError(source + ": not GeoJSON: the top level is not an object");
  const Json* type = root.member("type");
  if (!type || !type->is_string())
    throw GeoJsonError(source + ": not GeoJSON: no \"type\" member at the top level");
  if (type->string() != "FeatureCollection")
    throw GeoJsonError(source + ": expected a GeoJSON FeatureCollection, found type \"" + type->string() +
                       "\"");
  const Json* features = root.member("features");
  if (!features || !features->is_array())
    throw GeoJsonError(source + ": the FeatureCollection has no \"features\" array");
  Boundaries out;
  out.path = source;
  std::size_t index = 0;
  for (const auto& f : features->array()) {
    const std::string ctx = where(source, index++);
    if (!f.is_object()) throw GeoJsonError(ctx + "not an object");
    const Json* geom = f.member("geometry");
    if (!geom || geom->is_null()) {
      ++out.skipped;
      continue;
    }
    const Json* gtype = geom->member("type");
    if (!gtype || !gtype->is_string()) throw GeoJsonError(ctx + "the geometry has no \"type\"");
    const Json* coords = geom->member("coordinates");
    Boundary b;
    if (gtype->string() == "Polygon") {
      if (!coords) throw GeoJsonError(ctx + "the Polygon has no \"coordinates\"");
      parse_polygon(*coords, ctx, b);
    } else if (gtype->string() == "MultiPolygon") {
      if (!coords || !coords->is_array())
        throw GeoJsonError(ctx + "the MultiPolygon has no \"coordinates\" array");
      if (coords->array().empty()) throw GeoJsonError(ctx + "the MultiPolygon has no polygons (empty \"coordinates\")");
      for (const auto& poly : coords->array()) parse_polygon(poly, ctx, b);
    } else {
      ++out.skipped;
      continue;
    }
    bool have_label = false;
    if (const Json* props = f.member("properties")) {
      if (const Json* name = props->member("name"); name && name->is_string()) b.name = name->string();
      have_label = read_point(props->member("centroid"), b.label_at) ||
                   read_point(props->member("center"), b.label_at);
    }
    if (!have_label) {
      double sx = 0, sy = 0;
      for (const auto& p : b.rings.front()) {
        sx += p.lon;
        sy += p.lat;
      }
      const auto n = static_cast<double>(b.rings.front().size());
      b.label_at = {sx / n, sy / n};
    }
    out.features.push_back(std::move(b));
  }
  if (out.features.empty())
    throw GeoJsonError(source + ": the FeatureCollection has no Polygon or MultiPolygon feature");
  return out;
}

Boundaries load_geojson(const std::string& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) throw GeoJsonError(path + ": is a directory, not a boundaries file");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw GeoJsonError(path + ": cannot open the boundaries file");
  std::ostringstream ss;
  ss << in.rdbuf();
  return parse_geojson(ss.str(), path);
}

}  // namespace swsim::viz
