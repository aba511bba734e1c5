#include "swsim/geo/json.hpp"

#include <cstdlib>

namespace swsim::geo {
namespace {

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
    throw JsonError(source_ + ": line " + std::to_string(line) + ", column " + std::to_string(col) +
                       ": invalid JSON: " + what);
  }
  // A character for a message on one line: 'x' when printable ASCII, else its byte value (0x0A).
  static std::string shown(char c) {
    const auto u = static_cast<unsigned char>(c);
    if (u >= 0x20 && u < 0x7F) return std::string("'") + c + "'";
    static const char* hex = "0123456789ABCDEF";
    return std::string("byte 0x") + hex[u >> 4] + hex[u & 15];
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
    fail("unexpected character " + shown(c));
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
          fail("bad escape \\ followed by " + shown(e));
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

}  // namespace

Json parse_json(const std::string& text_in, const std::string& source) {
  // A UTF-8 byte-order mark (some Windows tools write one) is not part of the JSON.
  const bool bom = text_in.compare(0, 3, "\xEF\xBB\xBF") == 0;
  if (!bom) return Parser(text_in, source).parse_document();
  const std::string text = text_in.substr(3);  // columns on line 1 count from after it
  return Parser(text, source).parse_document();
}

}  // namespace swsim::geo
