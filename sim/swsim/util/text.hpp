#pragma once
// Small text helpers shared by the input readers.
#include <cstddef>
#include <string>
#include <string_view>

namespace swsim {

// Without leading and trailing blanks (spaces, tabs, CR, LF).
inline std::string trim(std::string_view s) {
  const auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return {};
  const auto e = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(b, e - b + 1));
}

// Length of the valid UTF-8 sequence starting at s[i], or 0 when the bytes there are not UTF-8 (no
// overlongs, no surrogates, nothing above U+10FFFF).
inline std::size_t utf8_sequence_length(std::string_view s, std::size_t i) {
  const auto c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) return 1;
  std::size_t n = 0;
  unsigned char lo = 0x80, hi = 0xBF;
  if (c >= 0xC2 && c <= 0xDF) n = 2;
  else if (c >= 0xE0 && c <= 0xEF) n = 3, lo = c == 0xE0 ? 0xA0 : 0x80, hi = c == 0xED ? 0x9F : 0xBF;
  else if (c >= 0xF0 && c <= 0xF4) n = 4, lo = c == 0xF0 ? 0x90 : 0x80, hi = c == 0xF4 ? 0x8F : 0xBF;
  if (n == 0 || i + n > s.size()) return 0;
  for (std::size_t k = 1; k < n; ++k) {
    const auto b = static_cast<unsigned char>(s[i + k]);
    if (k == 1 ? (b < lo || b > hi) : (b < 0x80 || b > 0xBF)) return 0;
  }
  return n;
}

// Byte offset of the first byte that does not start valid UTF-8, or npos when all of `s` is UTF-8.
inline std::size_t first_non_utf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t n = utf8_sequence_length(s, i);
    if (n == 0) return i;
    i += n;
  }
  return std::string_view::npos;
}

// Text safe to print in a one-line message: bytes that are not UTF-8 and control characters (tab
// aside) become \xNN, and at most `max_chars` characters are kept, followed by "…" when cut. Values
// from input files go through this before they are echoed, so a 100 MB value or a GBK byte cannot
// flood or garble the terminal.
inline std::string shown(std::string_view s, std::size_t max_chars = 60) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  std::size_t chars = 0;
  for (std::size_t i = 0; i < s.size(); ++chars) {
    if (chars == max_chars) {
      out.append("\xE2\x80\xA6");  // U+2026 HORIZONTAL ELLIPSIS
      break;
    }
    const auto c = static_cast<unsigned char>(s[i]);
    const std::size_t n = utf8_sequence_length(s, i);
    if (n == 0 || (c < 0x20 && c != '\t') || c == 0x7F) {
      out.append("\\x");
      out.push_back(hex[c >> 4]);
      out.push_back(hex[c & 15]);
      ++i;
      continue;
    }
    out.append(s.substr(i, n));
    i += n;
  }
  return out;
}

}  // namespace swsim
