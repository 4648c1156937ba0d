import type { TrustedProxies } from './http/client-address.ts';
import type { PatrolPace } from './domain/patrol-pace.ts';
import type { Db } from './db/connection.ts';
import type { RegionRef } from './db/household-filter.ts';
import type { PersonalDataCipher } from './db/personal-data.ts';
import type { SessionPolicy } from './db/sessions.ts';
import type { User } from './db/users.ts';
import type { ThrottlePolicy } from './auth/rate-limit.ts';
import type { ImportRunner } from './imports/runner.ts';
import type { PdfRenderer } from './render/pdf-renderer.ts';
import type { WorkerPool } from './workers/pool.ts';

/** What middleware hands every handler through `c.var`. */
export interface Env {
  Variables: {
    db: Db;
    /** The signed-in user; routes other than the public ones only run with one. */
    user: User;
    csrfToken: string;
    /** The caller's jurisdiction; every household query is limited to this subtree. */
    scope: RegionRef;
    /** Seals and opens ID-card and phone numbers. */
    cipher: PersonalDataCipher;
    sessionPolicy: SessionPolicy;
    /** Where field photos are stored, by content hash. */
    photosDir: string;
    /** How failed sign-ins slow down further tries (counts are in the database). */
    limits: ThrottlePolicy;
    /** The clock, injectable so tests can expire sessions. */
    now: () => number;
    /** Worker threads for route solving and dispatch planning (server/workers/pool.ts). */
    pool: WorkerPool;
    /** How fast a patrol goes: tasks are cut to what one person can walk before they are due. */
    pace: PatrolPace;
    /** Days to answer a complaint (ANJU_COMPLAINT_DAYS, server/config.ts). */
    complaintDays: number;
    /** The headless-Chromium PDF renderer (server/render/); null where PDFs are off (ANJU_PDF=off) or the app is not served over HTTP. */
    pdf: PdfRenderer | null;
    /** Import batches' checks and commits off the request (server/imports/runner.ts), with the upload folder and limit. */
    imports: ImportRunner;
    /** Houses in a region above which the map draws it from vector tiles (ANJU_TILE_THRESHOLD, server/config.ts). */
    tileThreshold: number;
    /** Reverse proxies whose X-Forwarded-For names the client (ANJU_TRUSTED_PROXIES, http/client-address.ts). */
    trustedProxies: TrustedProxies;
  };
}
