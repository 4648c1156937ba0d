import { ADMIN, ALL_ROLES, COUNTY_ROLES, EDITORS, FIELD, type Role } from '../domain/roles.ts';

/**
 * Who may call what: every API route is listed here, once. The authorisation middleware looks the
 * matched route up; a route with no entry is refused (fail closed) and the role × route matrix test
 * fails, so a new route cannot ship without a rule.
 *
 * 'public'  — no session needed (login, health).
 * Role[]    — a session whose role is listed. Jurisdiction (the region subtree) is applied by the
 *             queries themselves through c.var.scope.
 */
export type Rule = 'public' | readonly Role[];

/** Everyone but the village inspector: the complaints screen's readers. */
const COMPLAINT_READERS: readonly Role[] = ALL_ROLES.filter((r) => r !== 'inspector');
/** Everyone but the village inspector, who works patrols: the dashboard, briefings and reports (issue 12). */
const BRIEFING_READERS: readonly Role[] = ALL_ROLES.filter((r) => r !== 'inspector');

export const ROUTE_RULES: Record<string, Rule> = {
  'GET /api/health': 'public',
  'POST /api/auth/login': 'public',
  'POST /api/auth/logout': ALL_ROLES,
  'GET /api/auth/me': ALL_ROLES,
  'POST /api/auth/password': ALL_ROLES,
  // Who is signed in, if anyone: 204 when nobody (the page's probe on opening; routes/auth.ts).
  'GET /api/auth/session': 'public',
  // Personal API tokens for the OGC API (issue 13): everyone manages their own; the county admin may
  // also revoke anyone's (routes/api-tokens.ts). A token itself opens only GET /ogc/* (OGC_READERS).
  'GET /api/auth/tokens': ALL_ROLES,
  'POST /api/auth/tokens': ALL_ROLES,
  'DELETE /api/auth/tokens/:id': ALL_ROLES,

  'GET /api/regions': ALL_ROLES,
  'GET /api/basemap/:layer': ALL_ROLES,
  'GET /api/households': ALL_ROLES,
  'GET /api/households/:id': ALL_ROLES,
  'POST /api/households/:id/unmask': COUNTY_ROLES,
  'GET /api/stats': ALL_ROLES,
  'GET /api/households/counts': ALL_ROLES,
  'GET /api/tiles/households.json': ALL_ROLES,
  'GET /api/tiles/households/:z/:x/:y': ALL_ROLES,
  // The rectification ledger and its deadlines: everyone reads their jurisdiction's.
  'GET /api/ledger': ALL_ROLES,
  'GET /api/ledger/deadlines': ALL_ROLES,

  'GET /api/users': ADMIN,
  'POST /api/users': ADMIN,
  'PATCH /api/users/:id': ADMIN,
  'POST /api/users/:id/revoke-sessions': ADMIN,
  // Sign-in slips for a township's inspectors: the county admin only (a township may not set passwords).
  'POST /api/users/bulk-passwords': ADMIN,
  'GET /api/audit': ADMIN,
  'GET /api/audit/verify': ADMIN,

  // Patrols: township staff dispatch and review, inspectors work their own tasks, leaders and viewers read.
  // Alerts: everyone watches them; editors (county and township staff) enter, import and change them.
  'GET /api/alerts': ALL_ROLES,
  'POST /api/alerts': EDITORS,
  'POST /api/alerts/import': EDITORS,
  'GET /api/alerts/:id': ALL_ROLES,
  'PATCH /api/alerts/:id': EDITORS,
  'GET /api/alerts/:id/exposure': ALL_ROLES,
  'GET /api/households/:id/alerts': ALL_ROLES,
  'GET /api/seasons': ALL_ROLES,
  'POST /api/alerts/:id/dispatch': EDITORS,
  'POST /api/alerts/:id/dispatch/preview': EDITORS,
  'GET /api/alerts/:id/coverage': ALL_ROLES,
  'POST /api/dispatch/manual': EDITORS,
  // Inspection schedules (seeds 001, 003): everyone sees how far they got; editors dispatch them.
  'GET /api/schedules': ALL_ROLES,
  'POST /api/schedules/quarterly/dispatch': EDITORS,
  'POST /api/schedules/quarterly/dispatch/preview': EDITORS,
  'POST /api/schedules/campaign/dispatch': EDITORS,
  'POST /api/schedules/campaign/dispatch/preview': EDITORS,
  // Disaster damage (seed 002): editors open an event; editors and inspectors (their village) report houses.
  'GET /api/disasters': ALL_ROLES,
  'POST /api/disasters': EDITORS,
  'GET /api/disasters/:id': ALL_ROLES,
  'POST /api/disasters/:id/reports': FIELD,
  'GET /api/tasks': ALL_ROLES,
  'GET /api/tasks/:id': ALL_ROLES,
  'GET /api/tasks/:id/gpx': ALL_ROLES,
  'GET /api/tasks/:id/candidates': EDITORS,
  'PATCH /api/tasks/:id': FIELD,
  'POST /api/tasks/:id/reorder': EDITORS,
  'POST /api/tasks/:id/stops/:stopId/result': FIELD,
  'POST /api/photos': FIELD,
  'GET /api/photos/:sha': ALL_ROLES,
  'GET /api/photos/:sha/thumb': ALL_ROLES,
  'GET /api/dispatch-rules': ALL_ROLES,
  'PUT /api/dispatch-rules': COUNTY_ROLES,
  // How many houses an edited rule would select under the active alerts the caller sees (nothing written).
  'POST /api/dispatch-rules/preview': COUNTY_ROLES,
  // The ledger of one house (整改台账, issue 11): everyone reads it in their jurisdiction. Which action a
  // role may take is ACTION_ROLES (domain/ledger-states.ts): an inspector only suspects, acceptance is
  // the county's, close-out the county admin's — refused 403 naming `action` inside these routes.
  'GET /api/houses/:id/ledger': ALL_ROLES,
  'GET /api/houses/:id/timeline': ALL_ROLES,
  'POST /api/houses/:id/transitions': FIELD,
  'POST /api/houses/:id/appraisals': EDITORS,
  'PUT /api/houses/:id/plan': EDITORS,
  'POST /api/houses/:id/photos': EDITORS,
  'POST /api/houses/:id/relocations': EDITORS,
  'POST /api/houses/:id/relocations/:rid/return': EDITORS,
  // 专人定期查看: the village inspector may be the one who looks at an idle dangerous house.
  'POST /api/houses/:id/idle-checks': FIELD,
  'PATCH /api/houses/:id': EDITORS,
  'GET /api/trainings': ALL_ROLES,
  'POST /api/trainings': COUNTY_ROLES,
  // Stateless computation (no data read or written); any signed-in user may plan a round.
  'POST /api/routes/solve': ALL_ROLES,

  // Complaints (举报投诉): the public sends one and reads its answer by receipt number, signed out
  // (rate-limited per address, routes/public-complaints.ts). Staff read them in their jurisdiction;
  // editors take them in and work them; only county roles see the complainant's clear contact. Village
  // inspectors work patrols, not complaints.
  'POST /api/public/complaints': 'public',
  'GET /api/public/complaints/:receiptNo': 'public',
  // The townships and villages the public form offers (names only).
  'GET /api/public/places': 'public',
  'GET /api/complaints': COMPLAINT_READERS,
  'POST /api/complaints': EDITORS,
  'GET /api/complaints/:id': COMPLAINT_READERS,
  'GET /api/complaints/:id/assignees': EDITORS,
  'POST /api/complaints/:id/assign': EDITORS,
  'POST /api/complaints/:id/investigate': EDITORS,
  'POST /api/complaints/:id/answer': EDITORS,
  'POST /api/complaints/:id/close': EDITORS,
  'POST /api/complaints/:id/unmask': COUNTY_ROLES,
  'POST /api/complaints/:id/suspect-house': EDITORS,

  // Briefings and reports (issue 12): the figures of a region within one's jurisdiction (db/figures.ts).
  'GET /api/dashboard': BRIEFING_READERS,
  'GET /api/reports/monthly': BRIEFING_READERS,
  'GET /api/reports/monthly.xlsx': BRIEFING_READERS,
  'GET /api/reports/quarterly-warnings': BRIEFING_READERS,
  'GET /api/reports/quarterly-warnings.xlsx': BRIEFING_READERS,
  // Exports of the lists (issue 12): everyone who reads the lists at a desk — not the village inspector,
  // who has no list screens. Inside the route: the audit log only for the county admin (403 naming
  // `list`), unmasked personal data only for county roles (403 naming `unmask`); rows as each list's
  // screen shows them in the jurisdiction.
  'GET /api/exports/:file': BRIEFING_READERS,
  // Printable reports (issue 12), rendered by the server's headless Chromium as the user who asks: the
  // briefing, the monthly progress report (seed 003), the quarterly warning statistics (seed 002).
  'GET /api/reports/briefing.pdf': BRIEFING_READERS,
  'GET /api/reports/monthly.pdf': BRIEFING_READERS,
  'GET /api/reports/quarterly-warnings.pdf': BRIEFING_READERS,

  // Real data in (issue 13): editors import into their jurisdiction — county roles every kind, township
  // staff households, name lists and cross-checks of their township (boundaries are refused 403 naming
  // `kind` inside the route; rows outside the township are problems). A batch is seen by its uploader, the
  // county admin and those whose jurisdiction holds it (404 to anyone else); only the uploader or the
  // county admin re-checks or commits it (403 naming `batch`).
  'GET /api/imports': EDITORS,
  'POST /api/imports': EDITORS,
  'GET /api/imports/:id': EDITORS,
  'PATCH /api/imports/:id': EDITORS,
  'POST /api/imports/:id/commit': EDITORS,
  'GET /api/imports/:id/problems.csv': EDITORS,
  'GET /api/imports/:id/mismatches.csv': EDITORS,
  'GET /api/imports/:id/diff.csv': EDITORS,
};

/**
 * What a user whose password someone else chose (must_change_password) may do before changing it: see
 * who they are, change it, sign out. Every other route answers 403 password_change_required.
 */
export const OPEN_BEFORE_PASSWORD_CHANGE: ReadonlySet<string> = new Set(['GET /api/auth/me', 'POST /api/auth/password', 'POST /api/auth/logout']);

/**
 * Who may read the OGC API (/ogc, server/ogc/), with an API token or a session: every role, each within
 * their jurisdiction as the API's lists scope it. Reading only: a write to /ogc is refused before any
 * route (auth/ogc-access.ts), so a token can never be a way around CSRF.
 */
export const OGC_READERS: readonly Role[] = ALL_ROLES;

export function ruleFor(method: string, path: string): Rule | undefined {
  return ROUTE_RULES[`${method} ${path}`];
}
