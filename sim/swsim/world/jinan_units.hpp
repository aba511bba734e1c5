#pragma once
// The 161 street/town units (街道 132, 镇 29) of Jinan in 2022, one social work station each: the
// national statistical division code (9 digits), the Chinese name, a tone-less pinyin name for Latin
// display, the kind, the administrative district and the management area (index into jinan_areas()).
// Source: docs/sources.md, "Street and town units". Names and codes are real; nothing here is estimated
// except the administrative district of 舜华路街道 (see the note in jinan_units.cpp).
#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace swsim {

enum class UnitKind : std::uint8_t { kStreet = 0, kTown = 1 };  // 街道 / 镇

struct JinanUnit {
  std::int32_t code;         // statistical division code, e.g. 370102004
  std::string_view name_zh;  // full name, e.g. "泉城路街道"
  std::string_view base_zh;  // without the kind, e.g. "泉城路"
  std::string_view pinyin;   // Latin display, tone-less, no suffix, e.g. "Quanchenglu"
  UnitKind kind;
  int district;              // administrative district: index 0..11 into jinan_areas() (the 12 districts/counties)
  int area;                  // management area: index 0..14 into jinan_areas() (adds 高新区, 南部山区, 起步区)
};

inline constexpr int kJinanUnitCount = 161;
inline constexpr int kJinanDistrictCount = 12;  // the first 12 rows of jinan_areas() are the districts

// In code order within each management area, areas in jinan_areas() order.
const std::array<JinanUnit, kJinanUnitCount>& jinan_units();

// Index into jinan_units() of the unit with that code, or -1.
int find_unit(std::int32_t code);

// The station of a unit: "泉城路街道社工站" / "Quanchenglu".
std::string station_name_zh(const JinanUnit& u);
std::string_view station_name_en(const JinanUnit& u);
std::string_view kind_zh(UnitKind k);  // "街道" / "镇"
std::string_view kind_en(UnitKind k);  // "street" / "town"

// The DataV/statistical adcode of a district (index 0..11), e.g. 370112 for 历城区.
std::int32_t district_adcode(int district);

}  // namespace swsim
