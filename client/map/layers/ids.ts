// The names the style and the code share: every layer id, and the global-state keys the layers read.
// Code that picks, filters or re-labels a layer names it from here, never by a string of its own.

export const LAYER = {
  // basemap (layers/basemap.ts)
  background: 'background',
  land: 'county-land',
  regionHighlight: 'region-highlight',
  regionHighlightVillage: 'region-highlight-village',
  rivers: 'rivers',
  villageLines: 'village-lines',
  roadCasing: 'roads-casing',
  roads: 'roads',
  townshipCasing: 'township-lines-casing',
  townshipLines: 'township-lines',
  countyLine: 'county-line',
  regionOutline: 'region-outline',
  regionOutlineTownship: 'region-outline-township',
  riverLabels: 'river-labels',
  villageLabels: 'village-labels',
  townshipLabels: 'township-labels',
  // households (layers/households.ts)
  clusters: 'household-clusters',
  clusterCount: 'household-cluster-count',
  repairedC: 'household-repaired-c',
  houses: 'household-points',
  structureText: 'household-structure-text',
  suspected: 'household-suspected',
  suspectedMark: 'household-suspected-mark',
  overdue: 'household-overdue',
  overdueText: 'household-overdue-text',
  moveOut: 'household-move-out',
  moveOutMark: 'household-move-out-mark',
  selected: 'household-selected',
  selectedHalo: 'household-selected-halo',
  // warnings (layers/alerts.ts)
  alertFill: 'alert-zones-fill',
  alertLine: 'alert-zones-line',
  alertLineExpiring: 'alert-zones-line-expiring',
  alertLabels: 'alert-labels',
  exposed: 'alert-exposed',
  // patrols (layers/patrol.ts)
  patrolTasks: 'patrol-tasks',
  // The fan of tasks at one village point (layers/patrol.ts SPIDER_OFFSETS): one layer per slot.
  patrolTasks1: 'patrol-tasks-1',
  patrolTasks2: 'patrol-tasks-2',
  patrolTasks3: 'patrol-tasks-3',
  patrolTasks4: 'patrol-tasks-4',
  patrolTasks5: 'patrol-tasks-5',
  patrolTasks6: 'patrol-tasks-6',
  patrolTasks7: 'patrol-tasks-7',
  patrolTasks8: 'patrol-tasks-8',
  patrolTasks9: 'patrol-tasks-9',
  patrolTasks10: 'patrol-tasks-10',
  patrolTasks11: 'patrol-tasks-11',
  patrolTaskLabels: 'patrol-task-labels',
  routeCasing: 'patrol-route-casing',
  route: 'patrol-route',
  committee: 'patrol-committee',
  committeeLabel: 'patrol-committee-label',
  stopUnsent: 'patrol-stop-unsent',
  stops: 'patrol-stops',
  stopNumbers: 'patrol-stop-numbers',
  stopTick: 'patrol-stop-tick',
  stopTickText: 'patrol-stop-tick-text',
  stopSelected: 'patrol-stop-selected',
  meAccuracy: 'patrol-me-accuracy',
  me: 'patrol-me',
} as const;

// Global state the style reads (`['global-state', …]`): set with map.setGlobalStateProperty, never by
// rebuilding data.
export const STATE = {
  keyFocus: 'keyFocus',
  region: 'region',
  /** The selected warning's id (0 = none): its zone is drawn stronger. */
  selectedAlert: 'selectedAlert',
  /** Epoch ms: a zone expiring before this gets a dashed outline (即将到期). */
  expiringBefore: 'expiringBefore',
  /** What colours the houses: 'grade' (鉴定等级) or 'stage' (台账阶段, the ledger state). */
  colorBy: 'colorBy',
} as const;

/** Each state key's value before anything sets it. */
export const STATE_DEFAULTS: Record<keyof typeof STATE, boolean | string | number> = {
  keyFocus: false,
  region: '',
  selectedAlert: 0,
  expiringBefore: 0,
  colorBy: 'grade',
};

/** What colours the houses (STATE.colorBy). */
export const COLOR_BY = ['grade', 'stage'] as const;
export type ColorBy = (typeof COLOR_BY)[number];
