#include "swsim/world/jinan_units.hpp"

#include <array>

#include "swsim/world/geography.hpp"
#include "swsim/world/jinan_outlines.hpp"

namespace swsim {

// National statistical division codes 2022 (data as of 2022-10-31), as mirrored in the public repository
// modood/Administrative-divisions-of-China (dist/streets.csv); renamings (镇 -> 街道 2019-2020, short NBS
// names such as 文东街道 for 文化东路街道) from the 2017-2021 lists. Functional zones: 高新区 administers
// 舜华路, 孙村, 巨野河, 遥墙, 临港; 南部山区 仲宫, 柳埠, 西营; 起步区 大桥, 崔寨, 孙耿, 太平 (press reports
// 2016-2021). 舜华路街道's administrative district is uncertain: 历下区 here (Tencent/Amap data), some
// sources say 历城区. Pinyin by the project (tone-less, the kind suffix left out).
// Columns: code, name, name without kind, pinyin, kind, administrative district, management area.
const std::array<JinanUnit, kJinanUnitCount>& jinan_units() {
  static const std::array<JinanUnit, kJinanUnitCount> units{{
      {370102001, "解放路街道", "解放路", "Jiefanglu", UnitKind::kStreet, 0, 0},
      {370102002, "千佛山街道", "千佛山", "Qianfoshan", UnitKind::kStreet, 0, 0},
      {370102003, "趵突泉街道", "趵突泉", "Baotuquan", UnitKind::kStreet, 0, 0},
      {370102004, "泉城路街道", "泉城路", "Quanchenglu", UnitKind::kStreet, 0, 0},
      {370102005, "大明湖街道", "大明湖", "Daminghu", UnitKind::kStreet, 0, 0},
      {370102006, "东关街道", "东关", "Dongguan", UnitKind::kStreet, 0, 0},
      {370102007, "文化东路街道", "文化东路", "Wenhuadonglu", UnitKind::kStreet, 0, 0},
      {370102008, "建筑新村街道", "建筑新村", "Jianzhuxincun", UnitKind::kStreet, 0, 0},
      {370102009, "甸柳新村街道", "甸柳新村", "Dianliuxincun", UnitKind::kStreet, 0, 0},
      {370102010, "燕山街道", "燕山", "Yanshan", UnitKind::kStreet, 0, 0},
      {370102011, "姚家街道", "姚家", "Yaojia", UnitKind::kStreet, 0, 0},
      {370102012, "龙洞街道", "龙洞", "Longdong", UnitKind::kStreet, 0, 0},
      {370102013, "智远街道", "智远", "Zhiyuan", UnitKind::kStreet, 0, 0},
      {370103002, "大观园街道", "大观园", "Daguanyuan", UnitKind::kStreet, 1, 1},
      {370103003, "杆石桥街道", "杆石桥", "Ganshiqiao", UnitKind::kStreet, 1, 1},
      {370103004, "四里村街道", "四里村", "Silicun", UnitKind::kStreet, 1, 1},
      {370103006, "魏家庄街道", "魏家庄", "Weijiazhuang", UnitKind::kStreet, 1, 1},
      {370103008, "二七新村街道", "二七新村", "Erqixincun", UnitKind::kStreet, 1, 1},
      {370103009, "七里山街道", "七里山", "Qilishan", UnitKind::kStreet, 1, 1},
      {370103010, "六里山街道", "六里山", "Liulishan", UnitKind::kStreet, 1, 1},
      {370103012, "舜玉路街道", "舜玉路", "Shunyulu", UnitKind::kStreet, 1, 1},
      {370103014, "泺源街道", "泺源", "Luoyuan", UnitKind::kStreet, 1, 1},
      {370103015, "王官庄街道", "王官庄", "Wangguanzhuang", UnitKind::kStreet, 1, 1},
      {370103016, "舜耕街道", "舜耕", "Shungeng", UnitKind::kStreet, 1, 1},
      {370103017, "白马山街道", "白马山", "Baimashan", UnitKind::kStreet, 1, 1},
      {370103018, "七贤街道", "七贤", "Qixian", UnitKind::kStreet, 1, 1},
      {370103019, "十六里河街道", "十六里河", "Shiliulihe", UnitKind::kStreet, 1, 1},
      {370103020, "兴隆街道", "兴隆", "Xinglong", UnitKind::kStreet, 1, 1},
      {370103021, "党家街道", "党家", "Dangjia", UnitKind::kStreet, 1, 1},
      {370103022, "陡沟街道", "陡沟", "Dougou", UnitKind::kStreet, 1, 1},
      {370104001, "振兴街街道", "振兴街", "Zhenxingjie", UnitKind::kStreet, 2, 2},
      {370104002, "中大槐树街道", "中大槐树", "Zhongdahuaishu", UnitKind::kStreet, 2, 2},
      {370104003, "道德街街道", "道德街", "Daodejie", UnitKind::kStreet, 2, 2},
      {370104004, "西市场街道", "西市场", "Xishichang", UnitKind::kStreet, 2, 2},
      {370104005, "五里沟街道", "五里沟", "Wuligou", UnitKind::kStreet, 2, 2},
      {370104006, "营市街街道", "营市街", "Yingshijie", UnitKind::kStreet, 2, 2},
      {370104007, "青年公园街道", "青年公园", "Qingniangongyuan", UnitKind::kStreet, 2, 2},
      {370104008, "南辛庄街道", "南辛庄", "Nanxinzhuang", UnitKind::kStreet, 2, 2},
      {370104009, "段店北路街道", "段店北路", "Duandianbeilu", UnitKind::kStreet, 2, 2},
      {370104010, "张庄路街道", "张庄路", "Zhangzhuanglu", UnitKind::kStreet, 2, 2},
      {370104011, "匡山街道", "匡山", "Kuangshan", UnitKind::kStreet, 2, 2},
      {370104012, "美里湖街道", "美里湖", "Meilihu", UnitKind::kStreet, 2, 2},
      {370104013, "腊山街道", "腊山", "Lashan", UnitKind::kStreet, 2, 2},
      {370104014, "兴福街道", "兴福", "Xingfu", UnitKind::kStreet, 2, 2},
      {370104015, "玉清湖街道", "玉清湖", "Yuqinghu", UnitKind::kStreet, 2, 2},
      {370104016, "吴家堡街道", "吴家堡", "Wujiapu", UnitKind::kStreet, 2, 2},
      {370105001, "无影山街道", "无影山", "Wuyingshan", UnitKind::kStreet, 3, 3},
      {370105003, "天桥东街街道", "天桥东街", "Tianqiaodongjie", UnitKind::kStreet, 3, 3},
      {370105004, "工人新村北村街道", "工人新村北村", "Gongrenxincunbeicun", UnitKind::kStreet, 3, 3},
      {370105005, "工人新村南村街道", "工人新村南村", "Gongrenxincunnancun", UnitKind::kStreet, 3, 3},
      {370105006, "堤口路街道", "堤口路", "Dikoulu", UnitKind::kStreet, 3, 3},
      {370105007, "北坦街道", "北坦", "Beitan", UnitKind::kStreet, 3, 3},
      {370105009, "制锦市街道", "制锦市", "Zhijinshi", UnitKind::kStreet, 3, 3},
      {370105010, "宝华街街道", "宝华街", "Baohuajie", UnitKind::kStreet, 3, 3},
      {370105011, "官扎营街道", "官扎营", "Guanzhaying", UnitKind::kStreet, 3, 3},
      {370105012, "纬北路街道", "纬北路", "Weibeilu", UnitKind::kStreet, 3, 3},
      {370105013, "药山街道", "药山", "Yaoshan", UnitKind::kStreet, 3, 3},
      {370105014, "北园街道", "北园", "Beiyuan", UnitKind::kStreet, 3, 3},
      {370105015, "泺口街道", "泺口", "Luokou", UnitKind::kStreet, 3, 3},
      {370105016, "桑梓店街道", "桑梓店", "Sangzidian", UnitKind::kStreet, 3, 3},
      {370112001, "山大路街道", "山大路", "Shandalu", UnitKind::kStreet, 4, 4},
      {370112002, "洪家楼街道", "洪家楼", "Hongjialou", UnitKind::kStreet, 4, 4},
      {370112003, "东风街道", "东风", "Dongfeng", UnitKind::kStreet, 4, 4},
      {370112004, "全福街道", "全福", "Quanfu", UnitKind::kStreet, 4, 4},
      {370112007, "华山街道", "华山", "Huashan", UnitKind::kStreet, 4, 4},
      {370112008, "荷花路街道", "荷花路", "Hehualu", UnitKind::kStreet, 4, 4},
      {370112009, "王舍人街道", "王舍人", "Wangsheren", UnitKind::kStreet, 4, 4},
      {370112010, "鲍山街道", "鲍山", "Baoshan", UnitKind::kStreet, 4, 4},
      {370112011, "郭店街道", "郭店", "Guodian", UnitKind::kStreet, 4, 4},
      {370112012, "唐冶街道", "唐冶", "Tangye", UnitKind::kStreet, 4, 4},
      {370112013, "港沟街道", "港沟", "Ganggou", UnitKind::kStreet, 4, 4},
      {370112016, "董家街道", "董家", "Dongjia", UnitKind::kStreet, 4, 4},
      {370112017, "彩石街道", "彩石", "Caishi", UnitKind::kStreet, 4, 4},
      {370112020, "唐王街道", "唐王", "Tangwang", UnitKind::kStreet, 4, 4},
      {370113001, "文昌街道", "文昌", "Wenchang", UnitKind::kStreet, 5, 5},
      {370113002, "崮云湖街道", "崮云湖", "Guyunhu", UnitKind::kStreet, 5, 5},
      {370113003, "平安街道", "平安", "Ping'an", UnitKind::kStreet, 5, 5},
      {370113004, "五峰山街道", "五峰山", "Wufengshan", UnitKind::kStreet, 5, 5},
      {370113005, "归德街道", "归德", "Guide", UnitKind::kStreet, 5, 5},
      {370113006, "张夏街道", "张夏", "Zhangxia", UnitKind::kStreet, 5, 5},
      {370113007, "万德街道", "万德", "Wande", UnitKind::kStreet, 5, 5},
      {370113008, "孝里街道", "孝里", "Xiaoli", UnitKind::kStreet, 5, 5},
      {370113107, "马山镇", "马山", "Mashan", UnitKind::kTown, 5, 5},
      {370113108, "双泉镇", "双泉", "Shuangquan", UnitKind::kTown, 5, 5},
      {370114001, "明水街道", "明水", "Mingshui", UnitKind::kStreet, 6, 6},
      {370114002, "双山街道", "双山", "Shuangshan", UnitKind::kStreet, 6, 6},
      {370114003, "枣园街道", "枣园", "Zaoyuan", UnitKind::kStreet, 6, 6},
      {370114004, "龙山街道", "龙山", "Longshan", UnitKind::kStreet, 6, 6},
      {370114005, "埠村街道", "埠村", "Bucun", UnitKind::kStreet, 6, 6},
      {370114006, "圣井街道", "圣井", "Shengjing", UnitKind::kStreet, 6, 6},
      {370114007, "普集街道", "普集", "Puji", UnitKind::kStreet, 6, 6},
      {370114008, "绣惠街道", "绣惠", "Xiuhui", UnitKind::kStreet, 6, 6},
      {370114009, "相公庄街道", "相公庄", "Xianggongzhuang", UnitKind::kStreet, 6, 6},
      {370114010, "文祖街道", "文祖", "Wenzu", UnitKind::kStreet, 6, 6},
      {370114011, "官庄街道", "官庄", "Guanzhuang", UnitKind::kStreet, 6, 6},
      {370114012, "高官寨街道", "高官寨", "Gaoguanzhai", UnitKind::kStreet, 6, 6},
      {370114013, "白云湖街道", "白云湖", "Baiyunhu", UnitKind::kStreet, 6, 6},
      {370114014, "宁家埠街道", "宁家埠", "Ningjiabu", UnitKind::kStreet, 6, 6},
      {370114015, "曹范街道", "曹范", "Caofan", UnitKind::kStreet, 6, 6},
      {370114016, "刁镇街道", "刁镇", "Diaozhen", UnitKind::kStreet, 6, 6},
      {370114017, "黄河街道", "黄河", "Huanghe", UnitKind::kStreet, 6, 6},
      {370114101, "垛庄镇", "垛庄", "Duozhuang", UnitKind::kTown, 6, 6},
      {370115001, "济阳街道", "济阳", "Jiyang", UnitKind::kStreet, 7, 7},
      {370115002, "济北街道", "济北", "Jibei", UnitKind::kStreet, 7, 7},
      {370115005, "回河街道", "回河", "Huihe", UnitKind::kStreet, 7, 7},
      {370115007, "垛石街道", "垛石", "Duoshi", UnitKind::kStreet, 7, 7},
      {370115008, "曲堤街道", "曲堤", "Qudi", UnitKind::kStreet, 7, 7},
      {370115104, "仁风镇", "仁风", "Renfeng", UnitKind::kTown, 7, 7},
      {370115110, "新市镇", "新市", "Xinshi", UnitKind::kTown, 7, 7},
      {370116001, "凤城街道", "凤城", "Fengcheng", UnitKind::kStreet, 8, 8},
      {370116002, "张家洼街道", "张家洼", "Zhangjiawa", UnitKind::kStreet, 8, 8},
      {370116003, "高庄街道", "高庄", "Gaozhuang", UnitKind::kStreet, 8, 8},
      {370116004, "鹏泉街道", "鹏泉", "Pengquan", UnitKind::kStreet, 8, 8},
      {370116005, "口镇街道", "口镇", "Kouzhen", UnitKind::kStreet, 8, 8},
      {370116006, "羊里街道", "羊里", "Yangli", UnitKind::kStreet, 8, 8},
      {370116007, "方下街道", "方下", "Fangxia", UnitKind::kStreet, 8, 8},
      {370116008, "雪野街道", "雪野", "Xueye", UnitKind::kStreet, 8, 8},
      {370116103, "牛泉镇", "牛泉", "Niuquan", UnitKind::kTown, 8, 8},
      {370116104, "苗山镇", "苗山", "Miaoshan", UnitKind::kTown, 8, 8},
      {370116106, "大王庄镇", "大王庄", "Dawangzhuang", UnitKind::kTown, 8, 8},
      {370116107, "寨里镇", "寨里", "Zhaili", UnitKind::kTown, 8, 8},
      {370116108, "杨庄镇", "杨庄", "Yangzhuang", UnitKind::kTown, 8, 8},
      {370116109, "茶业口镇", "茶业口", "Chayekou", UnitKind::kTown, 8, 8},
      {370116110, "和庄镇", "和庄", "Hezhuang", UnitKind::kTown, 8, 8},
      {370117001, "艾山街道", "艾山", "Aishan", UnitKind::kStreet, 9, 9},
      {370117002, "里辛街道", "里辛", "Lixin", UnitKind::kStreet, 9, 9},
      {370117003, "汶源街道", "汶源", "Wenyuan", UnitKind::kStreet, 9, 9},
      {370117004, "颜庄街道", "颜庄", "Yanzhuang", UnitKind::kStreet, 9, 9},
      {370117005, "辛庄街道", "辛庄", "Xinzhuang", UnitKind::kStreet, 9, 9},
      {370124001, "榆山街道", "榆山", "Yushan", UnitKind::kStreet, 10, 10},
      {370124002, "锦水街道", "锦水", "Jinshui", UnitKind::kStreet, 10, 10},
      {370124102, "东阿镇", "东阿", "Dong'e", UnitKind::kTown, 10, 10},
      {370124103, "孝直镇", "孝直", "Xiaozhi", UnitKind::kTown, 10, 10},
      {370124104, "孔村镇", "孔村", "Kongcun", UnitKind::kTown, 10, 10},
      {370124105, "洪范池镇", "洪范池", "Hongfanchi", UnitKind::kTown, 10, 10},
      {370124106, "玫瑰镇", "玫瑰", "Meigui", UnitKind::kTown, 10, 10},
      {370124107, "安城镇", "安城", "Ancheng", UnitKind::kTown, 10, 10},
      {370126001, "许商街道", "许商", "Xushang", UnitKind::kStreet, 11, 11},
      {370126101, "殷巷镇", "殷巷", "Yinxiang", UnitKind::kTown, 11, 11},
      {370126102, "怀仁镇", "怀仁", "Huairen", UnitKind::kTown, 11, 11},
      {370126104, "龙桑寺镇", "龙桑寺", "Longsangsi", UnitKind::kTown, 11, 11},
      {370126105, "郑路镇", "郑路", "Zhenglu", UnitKind::kTown, 11, 11},
      {370126106, "贾庄镇", "贾庄", "Jiazhuang", UnitKind::kTown, 11, 11},
      {370126107, "玉皇庙镇", "玉皇庙", "Yuhuangmiao", UnitKind::kTown, 11, 11},
      {370126108, "白桥镇", "白桥", "Baiqiao", UnitKind::kTown, 11, 11},
      {370126109, "孙集镇", "孙集", "Sunji", UnitKind::kTown, 11, 11},
      {370126110, "韩庙镇", "韩庙", "Hanmiao", UnitKind::kTown, 11, 11},
      {370126111, "沙河镇", "沙河", "Shahe", UnitKind::kTown, 11, 11},
      {370126112, "张坊镇", "张坊", "Zhangfang", UnitKind::kTown, 11, 11},
      {370176001, "舜华路街道", "舜华路", "Shunhualu", UnitKind::kStreet, 0, 12},
      {370176002, "孙村街道", "孙村", "Suncun", UnitKind::kStreet, 4, 12},
      {370176003, "巨野河街道", "巨野河", "Juyehe", UnitKind::kStreet, 4, 12},
      {370176004, "遥墙街道", "遥墙", "Yaoqiang", UnitKind::kStreet, 4, 12},
      {370176005, "临港街道", "临港", "Lingang", UnitKind::kStreet, 4, 12},
      {370112018, "仲宫街道", "仲宫", "Zhonggong", UnitKind::kStreet, 4, 13},
      {370112019, "柳埠街道", "柳埠", "Liubu", UnitKind::kStreet, 4, 13},
      {370112021, "西营街道", "西营", "Xiying", UnitKind::kStreet, 4, 13},
      {370105017, "大桥街道", "大桥", "Daqiao", UnitKind::kStreet, 3, 14},
      {370115003, "崔寨街道", "崔寨", "Cuizhai", UnitKind::kStreet, 7, 14},
      {370115004, "孙耿街道", "孙耿", "Sungeng", UnitKind::kStreet, 7, 14},
      {370115006, "太平街道", "太平", "Taiping", UnitKind::kStreet, 7, 14},
  }};
  return units;
}

int find_unit(std::int32_t code) {
  const auto& u = jinan_units();
  for (int i = 0; i < kJinanUnitCount; ++i)
    if (u[static_cast<std::size_t>(i)].code == code) return i;
  return -1;
}

std::string station_name_zh(const JinanUnit& u) { return std::string(u.name_zh) + "社工站"; }
std::string_view station_name_en(const JinanUnit& u) { return u.pinyin; }
std::string_view kind_zh(UnitKind k) { return k == UnitKind::kStreet ? "街道" : "镇"; }
std::string_view kind_en(UnitKind k) { return k == UnitKind::kStreet ? "street" : "town"; }

std::int32_t district_adcode(int district) {
  static constexpr std::array<std::int32_t, kJinanDistrictCount> codes{
      370102, 370103, 370104, 370105, 370112, 370113, 370114, 370115, 370116, 370117, 370124, 370126};
  return codes.at(static_cast<std::size_t>(district));
}

geo::MultiPolygon jinan_district_outline(int district) {
  geo::MultiPolygon m;
  for (const auto& r : jinan_outline_data()) {
    if (r.district != district) continue;
    if (static_cast<int>(m.parts.size()) <= r.part) m.parts.resize(static_cast<std::size_t>(r.part) + 1);
    geo::Ring ring;
    ring.reserve(static_cast<std::size_t>(r.vertices));
    for (int i = 0; i < r.vertices; ++i) ring.push_back(geo::to_km(r.lonlat[2 * i], r.lonlat[2 * i + 1]));
    auto& part = m.parts[static_cast<std::size_t>(r.part)];
    if (r.ring == 0)
      part.outer = std::move(ring);
    else
      part.holes.push_back(std::move(ring));
  }
  geo::normalize(m);
  return m;
}

geo::FeatureSet jinan_builtin_outlines() {
  geo::FeatureSet s;
  s.path = "built-in outlines";
  for (int d = 0; d < kJinanDistrictCount; ++d)
    s.features.push_back({std::string(jinan_areas()[static_cast<std::size_t>(d)].name_zh), district_adcode(d),
                          jinan_district_outline(d)});
  return s;
}

}  // namespace swsim
