#pragma once
// Interface text in English and Chinese, switched at run time. The English text is the key: tr("Map")
// gives "地图" in Chinese and "Map" in English. A key without a Chinese entry is shown in English and
// remembered, so a test can render every window in Chinese and list what is missing.
#include <string>
#include <vector>

namespace swsim::viz {

enum class Lang { kEn, kZh };

void set_lang(Lang lang);
Lang lang();
inline bool zh() { return lang() == Lang::kZh; }
// "zh" / "en" -> Lang; false for anything else.
bool parse_lang(const std::string& text, Lang& out);

const char* tr(const char* en);
// printf-style with a translated format (the Chinese format has the same conversions in order).
std::string trf(const char* en_format, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;

std::vector<std::string> missing_translations();
void clear_missing_translations();
// Every Chinese text of the table (the font atlas needs its glyphs).
std::vector<std::string> chinese_texts();

}  // namespace swsim::viz
