// The public complaint line on the web (举报投诉, seeds 000/001/003), open without signing in: anyone
// may report a dangerous house and later read the answer with their receipt number. Nothing personal
// is ever echoed back. Guarded by a small body limit (app.ts), a rate limit per address (in the
// database), and a honeypot field that bots fill and people never see.
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { PUBLIC_LIMITS, type PublicPurpose } from '../auth/public-limit.ts';
import { writeAudit } from '../db/audit.ts';
import { insertComplaint, publicPlaces, publicStanding, receiptTaken, sealContact } from '../db/complaints.ts';
import { claimPublicHit } from '../db/public-hits.ts';
import { isAnswered } from '../domain/complaint-states.ts';
import { newReceiptNo, normalizeReceiptNo, RECEIPT_PATTERN } from '../domain/complaint-receipt.ts';
import { addDays, chinaDay } from '../domain/deadlines.ts';
import type { Env } from '../env.ts';
import { clientAddress } from '../http/client-address.ts';
import { HttpError } from '../http/errors.ts';
import { validate } from '../http/validate.ts';
import { complaintFields, resolvePlace } from './complaint-fields.ts';

/** The public form's body limit (app.ts): 2,000 Chinese characters are 6 KB of UTF-8, the rest is small. */
export const PUBLIC_COMPLAINT_BYTES = 8 * 1024;

const publicComplaint = z
  .object({
    ...complaintFields,
    // The honeypot: hidden from people (off-screen, aria-hidden), filled by bots. Must stay empty.
    website: z.string().max(500).optional(),
  })
  .strict();

const receiptParam = z.object({
  receiptNo: z
    .string()
    .max(40)
    .transform(normalizeReceiptNo)
    .pipe(z.string().regex(RECEIPT_PATTERN, 'not a receipt number (TS, the year and 8 letters or digits)')),
});

/** One more hit for this address, or 429 with Retry-After. The address is kept only as a keyed hash. */
function throttle(c: Context<Env>, purpose: PublicPurpose): void {
  const { db, cipher } = c.var;
  const addressHash = cipher.hash(`public:${clientAddress(c)}`);
  const wait = claimPublicHit(db, purpose, addressHash, c.var.now(), PUBLIC_LIMITS[purpose]);
  if (wait > 0) {
    throw new HttpError(429, 'too_many_requests', 'too many requests from this address: try again later', undefined, {
      'Retry-After': String(Math.ceil(wait / 1000)),
    });
  }
}

export const publicComplaints = new Hono<Env>()
  .post('/', validate('json', publicComplaint), (c) => {
    const body = c.req.valid('json');
    const { db, cipher } = c.var;
    const place = resolvePlace(db, body);
    throttle(c, 'complaint');
    const now = new Date(c.var.now());
    const receivedOn = chinaDay(now);
    const dueOn = addDays(receivedOn, c.var.complaintDays);
    const year = receivedOn.slice(0, 4);
    // A filled honeypot gets the answer a person gets — a receipt, a due day — and nothing is stored,
    // so a bot learns nothing from the difference. (It was counted against the address all the same.)
    if (body.website) return c.json({ receiptNo: newReceiptNo(year), dueOn }, 201);
    let receiptNo = newReceiptNo(year);
    while (receiptTaken(db, receiptNo)) receiptNo = newReceiptNo(year);
    db.transaction(() => {
      const id = insertComplaint(db, {
        receiptNo,
        channel: 'public_form',
        receivedOn,
        receivedAt: now.toISOString(),
        ...place,
        houseId: null,
        place: body.place ?? null,
        subject: body.subject,
        content: body.content,
        contact: sealContact(cipher, body.contactName, body.contactPhone),
        dueOn,
        createdBy: null,
      });
      // No account and, to protect the complainant, no address: what came in, not from whom.
      writeAudit(db, { userId: null, username: null, action: 'complaint.receive', entity: 'complaint', entityId: id, after: { channel: 'public_form', subject: body.subject, townshipCode: place.townshipCode } }, now);
    })();
    return c.json({ receiptNo, dueOn }, 201);
  })
  .get('/:receiptNo', validate('param', receiptParam), (c) => {
    const { receiptNo } = c.req.valid('param');
    throttle(c, 'lookup');
    const found = publicStanding(c.var.db, receiptNo);
    if (!found) throw new HttpError(404, 'receipt_not_found', `no complaint with receipt ${receiptNo}`, 'receiptNo');
    const answered = isAnswered(found.status);
    return c.json({
      receiptNo: found.receiptNo,
      status: found.status,
      receivedOn: found.receivedOn,
      dueOn: found.dueOn,
      answer: answered ? found.answer : null,
      answeredOn: answered ? found.answeredOn : null,
    });
  });

/**
 * The townships and villages the public form offers (names of administrative divisions are public
 * anyway); no boundaries, no people. The same for everyone, so the browser may keep it an hour.
 */
export const publicPlacesRoute = new Hono<Env>().get('/', (c) => {
  c.header('Cache-Control', 'public, max-age=3600');
  return c.json({ townships: publicPlaces(c.var.db) });
});
