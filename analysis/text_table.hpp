#pragma once
// Tables for the terminal (aligned, CJK-aware), Markdown and CSV.
#include <string>
#include <vector>

#include "summary.hpp"

namespace swsim::results {

// Terminal columns taken by UTF-8 text (CJK ideographs and full-width forms take two).
int display_width(const std::string& s);

// First column left-aligned, the others right-aligned. rule_before_last: a rule above the last row
// (the city) in the terminal format. CSV quotes cells that need it.
std::string render_table(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows,
                         TableFormat format, bool rule_before_last = false);
std::string csv_cell(const std::string& s);

}  // namespace swsim::results
