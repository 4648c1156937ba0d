// Word lists for plausible Qinba place names and Chinese personal names. Everything is fictional:
// names are composed from common parts, never copied from a real roll.
import { WeightedTable, type Random } from './random.ts';

export const COUNTY_NAME = '安居县';
export const COUNTY_CODE = '610999000000';

// 镇 names (the seat village becomes 「name」社区). 城关 is reserved for the county seat.
export const TOWN_NAMES = [
  '石泉', '青山', '双河', '龙王', '高滩', '铁佛', '马池', '两河', '红岩', '麻柳', '云雾山', '白水',
  '长安', '竹园', '观音', '金川', '凤亭', '柏树', '茶坪', '黄龙',
];
export const SUBDISTRICT_NAME = '河东街道';

// Village names: a first part + a landform. Valley villages take valley landforms, hill villages ridge ones.
const FIRST = [
  '石', '青', '柳', '双', '黄', '马', '白', '桃', '竹', '枫', '龙', '红', '黑', '金', '新', '高', '老', '铁',
  '花', '茶', '杨', '松', '柏', '银', '长', '三', '五', '九', '凤', '鹿', '狮', '麻', '梨', '杏', '栗', '沙',
  '李家', '王家', '张家', '陈家', '刘家', '赵家', '周家', '何家', '罗家', '唐家', '向家', '冯家',
];
const VALLEY_FORMS = ['河', '坪', '湾', '坝', '溪', '桥', '口', '渡', '滩', '园', '庄', '营'];
const HILL_FORMS = ['沟', '岭', '岩', '垭', '台', '梁', '山', '峪', '岔', '坡', '寨', '院'];

/** A name not yet in `taken` (which it then joins); falls back to a numbered name if the lists run dry. */
export function villageName(rng: Random, valley: boolean, taken: Set<string>): string {
  for (let i = 0; i < 200; i++) {
    const forms = rng.chance(0.8) ? (valley ? VALLEY_FORMS : HILL_FORMS) : [...VALLEY_FORMS, ...HILL_FORMS];
    const name = rng.pick(FIRST) + rng.pick(forms);
    if (!taken.has(name) && !taken.has(name.slice(0, -1))) {
      taken.add(name);
      return name;
    }
  }
  for (let i = 1; ; i++) {
    const name = `新${i}`;
    if (!taken.has(name)) {
      taken.add(name);
      return name;
    }
  }
}

export const MAIN_RIVER_NAME = '安河';
export const TRIBUTARY_NAMES = ['石河', '清溪河', '黄洋河', '岚河', '月河', '池河', '坝河', '蒿坪河', '洞河', '恒河'];

/** A side stream's name: a first part and 沟 (gully) or 河, unused so far. */
export function streamName(rng: Random, taken: Set<string>): string {
  for (;;) {
    const name = rng.pick(FIRST) + (rng.chance(0.7) ? '沟' : '河');
    if (!taken.has(name)) {
      taken.add(name);
      return name;
    }
  }
}

// Common surnames, roughly by frequency (the first ones repeat more).
const SURNAMES = [
  '王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙', '胡', '朱', '高', '林', '何', '郭', '马', '罗',
  '梁', '宋', '郑', '谢', '韩', '唐', '冯', '于', '董', '萧', '程', '曹', '袁', '邓', '许', '傅', '沈', '曾', '彭', '吕',
  '苏', '卢', '蒋', '蔡', '贾', '丁', '魏', '薛', '叶', '阎', '余', '潘', '杜', '戴', '夏', '钟', '汪', '田', '任', '姜',
  '范', '方', '石', '姚', '谭', '廖', '邹', '熊', '金', '陆', '郝', '孔', '白', '崔', '康', '毛', '邱', '秦', '江', '史',
  '向', '柯', '冉', '侯', '龚', '雷', '胥', '饶', '鲁', '晏',
];
const SURNAME_TABLE = new WeightedTable(SURNAMES.map((s, i) => [s, 1 / Math.sqrt(i + 3)] as const));

const MALE_CHARS = [
  '建', '国', '明', '伟', '军', '平', '强', '林', '德', '福', '贵', '荣', '华', '文', '中', '兴', '海', '春', '成', '志',
  '永', '长', '发', '全', '有', '玉', '宝', '金', '生', '安', '学', '勇', '涛', '斌', '波', '云', '山', '正', '家', '东',
];
const FEMALE_CHARS = [
  '秀', '英', '兰', '芳', '珍', '桂', '凤', '琴', '霞', '梅', '萍', '红', '莲', '玉', '翠', '娥', '敏', '丽', '燕', '静',
  '花', '香', '春', '菊', '慧', '玲', '云', '娟', '艳', '巧',
];

/** A plausible name: a surname and a one- or two-character given name (two is more common). */
export function personName(rng: Random, female: boolean): string {
  const chars = female ? FEMALE_CHARS : MALE_CHARS;
  const given = rng.chance(0.78) ? rng.pick(chars) + rng.pick(chars) : rng.pick(chars);
  return SURNAME_TABLE.pick(rng) + given;
}

export const CHINESE_NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
