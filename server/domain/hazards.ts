// The field checklist (隐患排查项, after 建村函〔2019〕200号 and the Shaanxi checklist, domain.md).
// Any item ticked makes the report a hazard, and a hazard makes the house suspected.
export const HAZARD_ITEMS = [
  'site_landslide', // 场地: 滑坡、泥石流、崩塌、洪水威胁
  'site_slope', // 场地: 房屋周边危险边坡或挡墙
  'site_subsidence', // 场地: 地面塌陷
  'foundation_settlement', // 地基基础: 不均匀沉降
  'foundation_crack', // 地基基础: 基础开裂
  'foundation_scour', // 地基基础: 水流冲刷
  'wall_crack', // 承重墙: 贯通裂缝
  'wall_lean', // 承重墙: 歪闪、鼓胀
  'wall_crumble', // 承重墙: 酥碱、风化、粉化
  'wall_wet', // 承重墙: 雨后墙体潮湿
  'timber_rot', // 木构件: 腐朽、虫蛀
  'timber_split', // 木构件: 劈裂、拔榫、屋架倾斜
  'concrete_crack', // 混凝土构件: 裂缝、挠曲、露筋锈蚀
  'roof_leak', // 屋面: 漏雨、塌陷、溜瓦、檩条断裂
  'cave_vault_crack', // 窑洞: 窑顶裂缝
  'cave_facade', // 窑洞: 窑脸开裂或脱离
  'cave_seepage', // 窑洞: 渗水、掉土
  'use_occupied_danger', // 使用: C/D级房屋仍有人居住
  'use_idle_unsealed', // 使用: 闲置危房未封存
  'use_sign_missing', // 使用: 警示标识缺失
] as const;
export type HazardItem = (typeof HAZARD_ITEMS)[number];

export const STOP_RESULTS = ['safe', 'hazard', 'uninhabitable'] as const; // 安全 / 存在隐患 / 不可居住
export type StopResult = (typeof STOP_RESULTS)[number];

// Why a house on the route was not visited: 不在家 / 无法到达 / 其他 (which needs a note). A stop with a
// reason counts as accounted for, so the task can be completed; it is not a patrol of the house.
export const NOT_VISITED_REASONS = ['not_home', 'unreachable', 'other'] as const;
export type NotVisitedReason = (typeof NOT_VISITED_REASONS)[number];

/** The house state a field result leads to: a hazard or 不可居住 makes it suspected (疑似危房). */
export function houseStateAfter(result: StopResult, hazards: readonly HazardItem[]): { suspected: boolean; moveOut: boolean } {
  return {
    suspected: result !== 'safe' || hazards.length > 0,
    moveOut: result === 'uninhabitable',
  };
}
