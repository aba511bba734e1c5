#include "gui/i18n.hpp"

#include <cstdarg>
#include <cstdio>
#include <mutex>
#include <set>
#include <string_view>
#include <unordered_map>

namespace swsim::viz {
namespace {

Lang g_lang = Lang::kEn;

struct Entry {
  const char* en;
  const char* zh;
};

#include "gui/i18n_table.inc"

const std::unordered_map<std::string_view, const char*>& table() {
  static const std::unordered_map<std::string_view, const char*> t = [] {
    std::unordered_map<std::string_view, const char*> m;
    for (const Entry& e : kEntries) m.emplace(e.en, e.zh);
    return m;
  }();
  return t;
}

std::set<std::string>& missing() {
  static std::set<std::string> m;
  return m;
}

}  // namespace

void set_lang(Lang lang) {
  g_lang = lang;
}

Lang lang() {
  return g_lang;
}

bool parse_lang(const std::string& text, Lang& out) {
  if (text == "zh" || text == "zh_CN" || text == "cn") {
    out = Lang::kZh;
    return true;
  }
  if (text == "en") {
    out = Lang::kEn;
    return true;
  }
  return false;
}

const char* tr(const char* en) {
  if (g_lang == Lang::kEn || !en || !*en) return en;
  auto it = table().find(en);
  if (it != table().end()) return it->second;
  missing().insert(en);
  return en;
}

std::string trf(const char* en_format, ...) {
  const char* f = tr(en_format);
  char buf[1024];
  va_list ap;
  va_start(ap, en_format);
#if defined(__GNUC__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
#endif
  std::vsnprintf(buf, sizeof buf, f, ap);
#if defined(__GNUC__)
#pragma GCC diagnostic pop
#endif
  va_end(ap);
  return buf;
}

std::vector<std::string> missing_translations() {
  return {missing().begin(), missing().end()};
}

void clear_missing_translations() {
  missing().clear();
}

std::vector<std::string> chinese_texts() {
  std::vector<std::string> out;
  for (const Entry& e : kEntries) {
    out.push_back(e.zh);
    out.push_back(e.en);  // some English texts name Chinese characters (汉字)
  }
  return out;
}

}  // namespace swsim::viz
