// What the public form and the staff intake share: the fields' rules and where a complaint is placed.
import { z } from 'zod';
import { regionLevelAndParent } from '../db/complaints.ts';
import type { Db } from '../db/connection.ts';
import { COMPLAINT_SUBJECTS } from '../domain/complaint-states.ts';
import { HttpError } from '../http/errors.ts';

/** An optional text field: blank counts as not given (a form sends every input). */
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `at most ${max} characters`)
    .optional()
    .transform((v) => (v ? v : undefined));

const regionCode = z.string().trim().regex(/^(\d{12})?$/, 'must be a 12-digit region code').optional().transform((v) => (v ? v : undefined));

export const CONTENT_MIN = 10;
export const CONTENT_MAX = 2000;

/** Mobile or landline, with spaces, dashes or a leading + as people write them; stored as digits. */
const phone = z
  .string()
  .trim()
  .max(24)
  .optional()
  .transform((v) => (v ? v.replace(/[\s-]/g, '') : undefined))
  .pipe(z.string().regex(/^\+?\d{5,20}$/, 'must be a phone number (digits, 5 to 20)').optional());

export const complaintFields = {
  subject: z.enum(COMPLAINT_SUBJECTS),
  content: z.string().trim().min(CONTENT_MIN, `at least ${CONTENT_MIN} characters`).max(CONTENT_MAX, `at most ${CONTENT_MAX} characters`),
  township: regionCode,
  village: regionCode,
  place: optionalText(200),
  contactName: optionalText(40),
  contactPhone: phone,
};

/**
 * The township and village a complaint names, checked: a township must be one of the county's, a
 * village one of that township's (a village alone names its township). Neither: not placed yet.
 */
export function resolvePlace(db: Db, p: { township?: string | undefined; village?: string | undefined }): { townshipCode: string | null; villageCode: string | null } {
  let townshipCode = p.township ?? null;
  if (townshipCode && regionLevelAndParent(db, townshipCode)?.level !== 'township') {
    throw new HttpError(400, 'invalid_input', 'township: no such township in the county', 'township');
  }
  if (!p.village) return { townshipCode, villageCode: null };
  const village = regionLevelAndParent(db, p.village);
  if (village?.level !== 'village') throw new HttpError(400, 'invalid_input', 'village: no such village in the county', 'village');
  if (townshipCode && village.parentCode !== townshipCode) throw new HttpError(400, 'invalid_input', 'village: not a village of that township', 'village');
  townshipCode = village.parentCode;
  return { townshipCode, villageCode: p.village };
}
