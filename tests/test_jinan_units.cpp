// The built-in table of Jinan's 161 street/town units.
#include <catch2/catch.hpp>
#include <set>
#include <string>

#include "swsim/world/geography.hpp"
#include "swsim/world/jinan_units.hpp"

using namespace swsim;

TEST_CASE("161 units with unique 9-digit codes and names, per-area counts as in FACTS", "[units]") {
  const auto& units = jinan_units();
  REQUIRE(units.size() == 161);
  std::set<std::int32_t> codes;
  std::set<std::string> names, pinyins;
  int per_area[kAreaCount] = {};
  int streets = 0;
  for (const auto& u : units) {
    INFO(u.name_zh);
    CHECK(u.code >= 100'000'000);
    CHECK(u.code <= 999'999'999);
    // The code starts with its district's adcode, except the 高新区 units (370176, the zone's own code).
    if (u.area != 12) CHECK(u.code / 1000 == district_adcode(u.district));
    CHECK(codes.insert(u.code).second);
    CHECK(names.insert(std::string(u.name_zh)).second);
    CHECK(std::string(u.name_zh) == std::string(u.base_zh) + std::string(kind_zh(u.kind)));
    REQUIRE_FALSE(u.pinyin.empty());
    CHECK(u.pinyin[0] >= 'A');
    CHECK(u.pinyin[0] <= 'Z');
    for (char c : u.pinyin) CHECK(((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '\''));
    CHECK(u.pinyin.find("Jiedao") == std::string_view::npos);
    CHECK(u.district >= 0);
    CHECK(u.district < kJinanDistrictCount);
    CHECK(u.area >= 0);
    CHECK(u.area < kAreaCount);
    if (u.area < kJinanDistrictCount) CHECK(u.area == u.district);  // the 12 districts manage their own units
    ++per_area[u.area];
    streets += u.kind == UnitKind::kStreet ? 1 : 0;
    CHECK(find_unit(u.code) == static_cast<int>(&u - units.data()));
  }
  CHECK(streets == 132);
  const int expected[kAreaCount] = {13, 17, 16, 14, 14, 10, 18, 7, 15, 5, 8, 12, 5, 3, 4};
  for (int a = 0; a < kAreaCount; ++a) {
    INFO(jinan_areas()[static_cast<std::size_t>(a)].name_en);
    CHECK(per_area[a] == expected[a]);
    CHECK(per_area[a] == jinan_areas()[static_cast<std::size_t>(a)].stations);
  }
  CHECK(find_unit(123) == -1);
}

TEST_CASE("station names come from the unit", "[units]") {
  const auto& u = jinan_units()[static_cast<std::size_t>(find_unit(370102004))];
  CHECK(station_name_zh(u) == "泉城路街道社工站");
  CHECK(station_name_en(u) == "Quanchenglu");
  const auto& t = jinan_units()[static_cast<std::size_t>(find_unit(370113107))];
  CHECK(station_name_zh(t) == "马山镇社工站");
  CHECK(t.kind == UnitKind::kTown);
  CHECK(kind_en(t.kind) == "town");
  // Functional-zone units keep their administrative district.
  const auto& daqiao = jinan_units()[static_cast<std::size_t>(find_unit(370105017))];
  CHECK(jinan_areas()[static_cast<std::size_t>(daqiao.area)].name_zh == "起步区");
  CHECK(jinan_areas()[static_cast<std::size_t>(daqiao.district)].name_zh == "天桥区");
}
