// The four feature collections of the OGC API and where each reads its features (server/db/ogc-*.ts),
// each scoped to the reader exactly as the API's own lists scope them.
import type { Db } from '../db/connection.ts';
import type { RegionRef } from '../db/household-filter.ts';
import type { User } from '../db/users.ts';
import { alertExtent, alertFeature, alertPage } from '../db/ogc-alerts.ts';
import { householdExtent, householdFeature, householdPage } from '../db/ogc-households.ts';
import { regionExtent, regionFeature, regionPage } from '../db/ogc-regions.ts';
import { taskExtent, taskFeature, taskPage, type TaskViewer } from '../db/ogc-tasks.ts';
import { chinaDay } from '../domain/deadlines.ts';
import type { OgcExtent, OgcFeature, OgcPage, PageQuery } from '../domain/ogc-features.ts';
import { seesOnlyOwnTasks } from '../domain/roles.ts';

export const COLLECTION_IDS = ['households', 'alerts', 'regions', 'tasks'] as const;
export type CollectionId = (typeof COLLECTION_IDS)[number];

/** Who reads, and when: every collection answers for this reader only. */
export interface Reader {
  db: Db;
  user: User;
  scope: RegionRef;
  now: Date;
}

export interface Collection {
  id: CollectionId;
  title: string;
  description: string;
  /** Does `datetime` select on something? (It is accepted everywhere: Core asks it of every collection.) */
  temporal: string | null;
  /** How an item id looks in a path; anything else is a 404 without a query. */
  idPattern: RegExp;
  /** The property columns of the HTML table, in order. */
  columns: readonly string[];
  page(r: Reader, q: PageQuery): OgcPage;
  item(r: Reader, id: string): OgcFeature | null;
  extent(r: Reader): OgcExtent;
}

const INTEGER_ID = /^[1-9]\d{0,15}$/;
const taskViewer = (r: Reader): TaskViewer => ({ scope: r.scope, ...(seesOnlyOwnTasks(r.user.role) ? { assigneeId: r.user.id } : {}) });
const today = (r: Reader) => chinaDay(r.now);

export const COLLECTIONS: Record<CollectionId, Collection> = {
  households: {
    id: 'households',
    title: '监测户 Monitored households',
    description:
      'Each monitored household at its current house: safety grade, structure, ledger state, township, village and group. ' +
      'ID-card and phone numbers are never included.',
    temporal: null,
    idPattern: INTEGER_ID,
    columns: ['householdNo', 'headName', 'grade', 'structure', 'status', 'key', 'mustMoveOut', 'townshipName', 'villageName', 'groupName'],
    page: (r, q) => householdPage(r.db, r.scope, q, today(r)),
    item: (r, id) => householdFeature(r.db, r.scope, Number(id), today(r)),
    extent: (r) => householdExtent(r.db, r.scope),
  },
  alerts: {
    id: 'alerts',
    title: '预警 Weather and hazard alerts',
    description: 'Alert zones you see, with type, level and validity; `datetime` selects on the period from effective time to expiry or cancellation.',
    temporal: 'effectiveAt … expiresAt (or cancelledAt)',
    idPattern: INTEGER_ID,
    columns: ['type', 'level', 'status', 'headline', 'effectiveAt', 'expiresAt', 'cancelledAt', 'issuer'],
    page: (r, q) => alertPage(r.db, r.scope, q, r.now),
    item: (r, id) => alertFeature(r.db, r.scope, Number(id), r.now),
    extent: (r) => alertExtent(r.db, r.scope),
  },
  regions: {
    id: 'regions',
    title: '行政区划 Regions',
    description: 'Boundaries of the county, its townships and villages within your jurisdiction; the id is the 12-digit region code.',
    temporal: null,
    idPattern: /^\d{12}$/,
    columns: ['code', 'name', 'level', 'parentName'],
    page: (r, q) => regionPage(r.db, r.scope, q),
    item: (r, id) => regionFeature(r.db, r.scope, id),
    extent: (r) => regionExtent(r.db, r.scope),
  },
  tasks: {
    id: 'tasks',
    title: '巡查任务 Patrol tasks',
    description: 'Patrol tasks as the tasks board shows them to you: the stops as a MultiPoint in route order; `datetime` selects on the period from creation to due time.',
    temporal: 'createdAt … dueAt',
    idPattern: INTEGER_ID,
    columns: ['kind', 'status', 'overdue', 'dueAt', 'villageName', 'assignee', 'alertHeadline', 'stopCount', 'doneCount'],
    page: (r, q) => taskPage(r.db, taskViewer(r), q, r.now),
    item: (r, id) => taskFeature(r.db, taskViewer(r), Number(id), r.now),
    extent: (r) => taskExtent(r.db, taskViewer(r)),
  },
};
