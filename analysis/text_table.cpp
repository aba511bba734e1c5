#include "text_table.hpp"

#include <algorithm>
#include <cstdint>
#include <sstream>

namespace swsim::results {

int display_width(const std::string& s) {
  int w = 0;
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::uint32_t cp = c;
    int len = 1;
    if (c >= 0xF0) len = 4, cp = c & 0x07;
    else if (c >= 0xE0) len = 3, cp = c & 0x0F;
    else if (c >= 0xC0) len = 2, cp = c & 0x1F;
    for (int k = 1; k < len && i + static_cast<std::size_t>(k) < s.size(); ++k)
      cp = (cp << 6) | (static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]) & 0x3F);
    w += (cp >= 0x1100 && (cp <= 0x115F || (cp >= 0x2E80 && cp <= 0xA4CF) || (cp >= 0xAC00 && cp <= 0xD7A3) ||
                           (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFF00 && cp <= 0xFF60)))
             ? 2
             : 1;
    i += static_cast<std::size_t>(len);
  }
  return w;
}

std::string csv_cell(const std::string& s) {
  if (s.find_first_of(",\"\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string render_table(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows,
                         TableFormat format, bool rule_before_last) {
  std::ostringstream out;
  if (format == TableFormat::kCsv) {
    auto line = [&](const std::vector<std::string>& r) {
      for (std::size_t k = 0; k < r.size(); ++k) out << (k ? "," : "") << csv_cell(r[k]);
      out << "\n";
    };
    line(header);
    for (const auto& r : rows) line(r);
    return out.str();
  }
  if (format == TableFormat::kMarkdown) {
    out << "|";
    for (const auto& h : header) out << " " << h << " |";
    out << "\n|";
    for (std::size_t k = 0; k < header.size(); ++k) out << (k ? "---:|" : "---|");
    out << "\n";
    for (const auto& r : rows) {
      out << "|";
      for (const auto& c : r) out << " " << c << " |";
      out << "\n";
    }
    return out.str();
  }
  std::vector<int> width(header.size());
  for (std::size_t k = 0; k < header.size(); ++k) {
    width[k] = display_width(header[k]);
    for (const auto& r : rows)
      if (k < r.size()) width[k] = std::max(width[k], display_width(r[k]));
  }
  auto line = [&](const std::vector<std::string>& r) {
    for (std::size_t k = 0; k < r.size() && k < width.size(); ++k) {
      const std::string pad(static_cast<std::size_t>(width[k] - display_width(r[k])), ' ');
      out << (k ? "  " : "") << (k == 0 ? r[k] + pad : pad + r[k]);
    }
    out << "\n";
  };
  int total = 0;
  for (int wd : width) total += wd + 2;
  const std::string rule(static_cast<std::size_t>(std::max(0, total - 2)), '-');
  line(header);
  out << rule << "\n";
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (rule_before_last && i + 1 == rows.size() && rows.size() > 1) out << rule << "\n";
    line(rows[i]);
  }
  return out.str();
}

}  // namespace swsim::results
