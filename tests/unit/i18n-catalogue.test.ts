// The UI's two catalogues (client/i18n/zh-CN.json, the default, and en.json) against the code that
// reads them: every static t('…') key in client/ must exist in both, the two must hold the same keys
// (English plural forms _one/_other count as their base key), and the keys the warnings feature builds
// from domain values (alertType.<type>, alertLevel.<level>, season.<kind> …) must exist for every value.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import i18next, { type TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import type { ImportAction } from '../../server/db/alert-import.ts';
import { ALERT_LEVELS, ALERT_STATUSES, ALERT_TYPES } from '../../server/domain/alerts.ts';
import { COMPLAINT_ACTIONS, COMPLAINT_CHANNELS, COMPLAINT_STATUSES, COMPLAINT_SUBJECTS } from '../../server/domain/complaint-states.ts';
import { NOT_VISITED_REASONS } from '../../server/domain/hazards.ts';
import { GRADES, STRUCTURES } from '../../server/domain/housing.ts';
import { SEASON_KINDS } from '../../server/domain/seasons.ts';
import type { ImportResult } from '../../client/features/alerts/ImportAlertDialog.tsx';
import { ApiError } from '../../client/api/client.ts';
import { alertName, duration } from '../../client/features/alerts/format.ts';
import { errorText } from '../../client/ui/ErrorNote.tsx';
import { HISTORY_FIELDS, HISTORY_KINDS } from '../../client/features/alerts/history.ts';
import { EMPTY_REASONS } from '../../client/features/households/empty-reason.ts';
import { DUE_KINDS, SLIDES } from '../../client/features/briefing/briefing-url.ts';
import { KEY_NUMBER_IDS } from '../../client/features/dashboard/KeyNumbers.tsx';
import { APPRAISAL_KINDS, GUARANTEE_MODES, PLACE_KINDS, PLAN_MODES, PLAN_STAGES, TIMELINE_KINDS } from '../../client/api/ledger.ts';
import { COLOR_BY } from '../../client/map/layers/ids.ts';
import { LEDGER_ACTIONS, LEDGER_STATES } from '../../server/domain/ledger-states.ts';

/** The moves a confirm-with-date form takes (the others have forms of their own). */
const TRANSITIONS = LEDGER_ACTIONS.filter((a) => a !== 'appraise' && a !== 'emergency_assess' && a !== 'plan');

const ROOT = join(import.meta.dirname, '../..');
const CLIENT = join(ROOT, 'client');
// Only the two shipped catalogues: work-in-progress files (client/i18n/pending-*.json) are not read.
const LANGS = { 'zh-CN': 'client/i18n/zh-CN.json', en: 'client/i18n/en.json' } as const;
type Lang = keyof typeof LANGS;

type Catalogue = Record<string, string>;
type Tree = { [key: string]: string | Tree };

/** "a": { "b": "x" } → { "a.b": "x" }. */
function flatten(tree: Tree, prefix = '', out: Catalogue = {}): Catalogue {
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out[key] = v;
    else flatten(v, key, out);
  }
  return out;
}

const trees = Object.fromEntries(
  Object.entries(LANGS).map(([lang, file]) => [lang, JSON.parse(readFileSync(join(ROOT, file), 'utf8')) as Tree]),
) as Record<Lang, Tree>;
const catalogues = Object.fromEntries(Object.entries(trees).map(([lang, tree]) => [lang, flatten(tree)])) as Record<Lang, Catalogue>;

const PLURAL = /_(zero|one|two|few|many|other)$/;
const baseKey = (k: string) => k.replace(PLURAL, '');

/** A key is there as itself or as plural forms (i18next: key_one, key_other …). */
const hasKey = (c: Catalogue, key: string) => key in c || `${key}_one` in c || `${key}_other` in c;

/** Every key a language needs but lacks. */
const missingIn = (lang: Lang, keys: Iterable<string>) => [...new Set(keys)].filter((k) => !hasKey(catalogues[lang], k)).sort();

/** client/**\/*.ts(x), without the build output. */
function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) {
      if (p === join(CLIENT, 'dist') || e.name === 'node_modules') continue;
      sourceFiles(p, out);
    } else if (/\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

// t('a.b'), t("a.b"), t(`a.b`) and i18n.t(…), not something.t( or format(; a template with ${} is dynamic.
const T_CALL = /(?<![\w$.])(?:i18n\.)?t\(\s*(['"`])((?:\\.|(?!\1)[^\\])*?)\1/g;
// t(cond ? 'a.b' : 'c.d'), the condition possibly comparing with a string: t(shape === 'polygon' ? … : …)
const T_TERNARY = /(?<![\w$.])(?:i18n\.)?t\(\s*(?:[^'"`(),?]|'[^'\n]*'|"[^"\n]*")*\?\s*(['"])([^'"]+)\1\s*:\s*(['"])([^'"]+)\3/g;
// <Trans i18nKey="a.b"> / i18nKey={'a.b'}
const I18N_KEY = /\bi18nKey=\{?\s*(['"`])([^'"`$]+)\1/g;

/** Static keys by file (relative path → keys), and the dynamic templates seen (for the report). */
function scan(): { byFile: Map<string, string[]>; dynamic: string[] } {
  const byFile = new Map<string, string[]>();
  const dynamic: string[] = [];
  for (const file of sourceFiles(CLIENT)) {
    const src = readFileSync(file, 'utf8');
    const keys: string[] = [];
    for (const m of src.matchAll(T_CALL)) {
      const key = m[2]!;
      if (key.includes('${')) dynamic.push(key);
      else keys.push(key);
    }
    for (const m of src.matchAll(T_TERNARY)) keys.push(m[2]!, m[4]!);
    for (const m of src.matchAll(I18N_KEY)) keys.push(m[2]!);
    if (keys.length > 0) byFile.set(relative(ROOT, file), keys);
  }
  return { byFile, dynamic };
}

/** Keys whose domain values live in code: what the alerts feature builds with template literals. */
const IMPORT_ACTIONS = ['created', 'updated', 'cancelled', 'duplicate'] as const satisfies readonly ImportAction[];
// Fails to typecheck when the server (or the dialog's result type) gains an import action this list lacks.
const importActionsComplete: [Exclude<ImportAction | ImportResult['action'], (typeof IMPORT_ACTIONS)[number]>] extends [never] ? true : false = true;

const DYNAMIC: Record<string, readonly string[]> = {
  alertType: ALERT_TYPES,
  alertLevel: ALERT_LEVELS,
  alertLevelMeaning: ALERT_LEVELS,
  'alerts.status': ALERT_STATUSES,
  'alerts.import.result': IMPORT_ACTIONS,
  season: SEASON_KINDS,
  gradeShort: [...GRADES, 'none'],
  structure: STRUCTURES,
  'field.notVisited.reason': NOT_VISITED_REASONS,
  'alerts.history.kind': HISTORY_KINDS,
  'alerts.history.field': HISTORY_FIELDS,
  'filters.empty': EMPTY_REASONS,
  'complaints.subject': COMPLAINT_SUBJECTS,
  'complaints.status': COMPLAINT_STATUSES,
  'complaints.publicStatus': COMPLAINT_STATUSES,
  'complaints.channel': COMPLAINT_CHANNELS,
  'complaints.event': ['receive', ...COMPLAINT_ACTIONS],
  status: LEDGER_STATES,
  'legend.colorByOption': COLOR_BY,
  'ledger.action': LEDGER_ACTIONS,
  'ledger.do': [...LEDGER_ACTIONS, 'edit_plan', 'relocate', 'return', 'idle_check'],
  'ledger.explain': [...TRANSITIONS, 'appraise', 'emergency_assess', 'relocate'],
  'ledger.mode': PLAN_MODES,
  'ledger.guaranteeMode': GUARANTEE_MODES,
  'ledger.stage': PLAN_STAGES,
  'ledger.placeKind': PLACE_KINDS,
  'ledger.appraisalKind': APPRAISAL_KINDS,
  'ledger.standing': ['overdue', 'due_soon', 'open', 'met', 'late'],
  'ledger.timeline': TIMELINE_KINDS,
  'ledger.deadlines': ['worksOverdue', 'worksDueSoon', 'appraisalsOverdue', 'appraisalsDueSoon', 'idleOverdue'],
  'ledger.funds': ['central', 'local', 'self'],
  'dashboard.key': KEY_NUMBER_IDS,
  'dashboard.chart.children': ['township', 'village'],
  'dashboard.chart.overdueTrend': ['township', 'village'],
  'dashboard.warning': ['exposed', 'dispatched', 'patrolled'],
  'briefing.slide': SLIDES,
  'briefing.kind': DUE_KINDS,
};
const dynamicKeys = Object.entries(DYNAMIC).flatMap(([prefix, values]) => values.map((v) => `${prefix}.${v}`));

/** Every error code the server answers with by name (HttpError, errorBody, the error handler), read from its source. */
function serverErrorCodes(dir = join(ROOT, 'server'), out = new Set<string>(['bad_request', 'http_error'])): Set<string> {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) serverErrorCodes(p, out);
    else if (e.name.endsWith('.ts')) {
      for (const m of readFileSync(p, 'utf8').matchAll(/(?:HttpError\(\d{3},\s*|errorBody\()'([a-z_]+)'/g)) out.add(m[1]!);
    }
  }
  return out;
}

/** {{name}} / {{count, number}} → the variable names. */
const variables = (s: string) => [...s.matchAll(/\{\{\s*([\w.]+)\s*(?:,[^}]*)?\}\}/g)].map((m) => m[1]!);

describe('i18n catalogues', () => {
  it('reads both catalogues and finds the t() calls (the scan is not vacuous)', () => {
    const { byFile, dynamic } = scan();
    expect(Object.keys(catalogues['zh-CN']).length).toBeGreaterThan(100);
    expect(Object.keys(catalogues.en).length).toBeGreaterThan(100);
    const all = [...byFile.values()].flat();
    expect(all).toContain('alerts.title');
    expect(all).toContain('season.window');
    expect(all).toContain('alerts.draw.hintPolygon'); // from the ternary
    expect(dynamic).toContain('alertType.${type}');
    expect(byFile.has('client/dist/index.html')).toBe(false);
    // The check itself: a key no catalogue has is reported.
    expect(missingIn('zh-CN', ['alerts.title', 'alerts.noSuchKeyAnywhere'])).toEqual(['alerts.noSuchKeyAnywhere']);
    expect(missingIn('en', ['alerts.exposed'])).toEqual([]); // en has it as exposed_one / exposed_other
  });

  it.each(Object.keys(LANGS) as Lang[])('has every static key the client uses in %s', (lang) => {
    const { byFile } = scan();
    const missing = Object.fromEntries(
      [...byFile].map(([file, keys]) => [file, missingIn(lang, keys)] as const).filter(([, keys]) => keys.length > 0),
    );
    expect(missing).toEqual({});
  });

  it('names no key twice in one object (JSON.parse would silently keep the last; merges make such twins)', () => {
    for (const file of Object.values(LANGS)) {
      const twins: string[] = [];
      const seen: Set<string>[] = [];
      // A tokenizer over the JSON text: a key is a string followed by a colon; braces open and close scopes.
      for (const m of readFileSync(join(ROOT, file), 'utf8').matchAll(/"((?:[^"\\]|\\.)*)"\s*:|[{}]/g)) {
        if (m[0] === '{') seen.push(new Set());
        else if (m[0] === '}') seen.pop();
        else if (seen.at(-1)!.has(m[1]!)) twins.push(m[1]!);
        else seen.at(-1)!.add(m[1]!);
      }
      expect(twins, file).toEqual([]);
    }
  });

  it('has the same keys in Chinese and English, plural forms counted as their base key', () => {
    const zh = new Set(Object.keys(catalogues['zh-CN']).map(baseKey));
    const en = new Set(Object.keys(catalogues.en).map(baseKey));
    expect({ onlyInChinese: [...zh].filter((k) => !en.has(k)).sort(), onlyInEnglish: [...en].filter((k) => !zh.has(k)).sort() }).toEqual({
      onlyInChinese: [],
      onlyInEnglish: [],
    });
  });

  it('gives every English plural an _other form (the one i18next falls back to)', () => {
    const en = catalogues.en;
    const withoutOther = Object.keys(en)
      .filter((k) => PLURAL.test(k))
      .map(baseKey)
      .filter((k) => !(`${k}_other` in en));
    expect([...new Set(withoutOther)]).toEqual([]);
  });

  it('uses the same interpolation variables in both languages', () => {
    const zh = catalogues['zh-CN'];
    const en = catalogues.en;
    const varsOf = (c: Catalogue, base: string) =>
      [...new Set(Object.keys(c).filter((k) => baseKey(k) === base).flatMap((k) => variables(c[k]!)))].sort();
    const mismatched = [...new Set(Object.keys(zh).map(baseKey))]
      .filter((k) => hasKey(en, k))
      .map((k) => ({ key: k, zh: varsOf(zh, k), en: varsOf(en, k) }))
      // An English plural may leave {{count}} out of a form ("one warning"); any other difference is a bug.
      .filter((d) => d.zh.filter((v) => v !== 'count').join() !== d.en.filter((v) => v !== 'count').join());
    expect(mismatched).toEqual([]);
  });

  it.each(Object.keys(LANGS) as Lang[])('has the keys built from domain values (alert types, levels, seasons …) in %s', (lang) => {
    expect(importActionsComplete).toBe(true);
    expect(dynamicKeys).toContain('alertType.rainstorm');
    expect(dynamicKeys).toContain('alertLevel.red');
    expect(missingIn(lang, dynamicKeys)).toEqual([]);
  });
});

describe('error messages', () => {
  it.each(Object.keys(LANGS) as Lang[])('has errors.<code> for every code the server answers with, in %s', (lang) => {
    const codes = [...serverErrorCodes()];
    expect(codes).toEqual(expect.arrayContaining(['invalid_input', 'household_not_found', 'too_many_attempts', 'payload_too_large']));
    expect(missingIn(lang, codes.map((c) => `errors.${c}`))).toEqual([]);
  });
});

describe('warnings read as county staff say them', () => {
  const i18n = i18next.createInstance();
  void i18n.init({
    resources: { 'zh-CN': { translation: trees['zh-CN'] }, en: { translation: trees.en } },
    lng: 'zh-CN',
    fallbackLng: false,
    interpolation: { escapeValue: false },
    initAsync: false,
  });
  const zh = i18n.getFixedT('zh-CN') as TFunction;
  const en = i18n.getFixedT('en') as TFunction;

  it('names a warning by type and level: 暴雨红色预警, 冰冻黄色预警', () => {
    expect(alertName(zh, 'rainstorm', 'red')).toBe('暴雨红色预警');
    expect(alertName(zh, 'freeze', 'yellow')).toBe('冰冻黄色预警');
    expect(alertName(en, 'rainstorm', 'red')).toBe('Rainstorm Red Warning');
    for (const type of ALERT_TYPES) {
      for (const level of ALERT_LEVELS) {
        for (const t of [zh, en]) expect(alertName(t, type, level)).not.toMatch(/alertType|alertLevel|\{\{/);
      }
    }
  });

  it('counts and times in both languages, with English plurals', () => {
    expect(zh('alerts.import.result.created', { count: 1 })).toBe('新建 1 条预警');
    expect(en('alerts.import.result.created', { count: 1 })).toBe('1 warning created');
    expect(en('alerts.import.result.created', { count: 3 })).toBe('3 warnings created');
    expect(en('alerts.activeCount', { count: 2 })).toBe('2 active warnings');
    expect(zh('alerts.timeLeft', { time: duration(zh, (5 * 60 + 20) * 60_000) })).toBe('剩余 5 小时 20 分');
    expect(duration(en, 26 * 3600_000)).toBe('1 d 2 h');
    expect(zh('season.window', { name: zh('season.flood'), from: '2024-05-01', to: '2024-09-30', count: 12 })).toBe('汛期：2024-05-01 至 2024-09-30，还剩 12 天');
  });

  it('words a code the screen\'s own way where it has one, else the code\'s, with the screen\'s values', () => {
    const forbidden = new ApiError(403, 'forbidden', 'role viewer may not GET /api/audit');
    expect(errorText(zh, forbidden, 'audit').label).toBe('只有县级管理员可以查看审计日志。');
    expect(errorText(zh, forbidden).label).toBe('您没有权限进行此操作');
    expect(errorText(zh, new ApiError(404, 'household_not_found', 'no household 7'), 'audit').label).toBe('找不到该农户，或不在您的管辖范围内');
    expect(errorText(zh, new ApiError(400, 'invalid_input', 'reason: too short', 'reason'), 'unmask', { min: 4 }).label).toContain('至少 4 个字');
    expect(errorText(en, new ApiError(400, 'invalid_input', 'from: bad date'), 'audit').label).toBe('Invalid filter: from: bad date');
  });

  it('translates the server error codes the import dialog shows, and falls back for unknown ones', () => {
    expect(errorText(zh, new ApiError(400, 'malformed_xml', 'malformed XML at line 1')).label).toContain('文件不是有效的 XML');
    expect(errorText(zh, new ApiError(418, 'no_such_code', 'teapot')).label).toBe('操作失败（HTTP 418）');
    expect(errorText(en, new TypeError('Failed to fetch')).label).toMatch(/network/i);
  });
});
