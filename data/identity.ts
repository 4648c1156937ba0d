// Fictional but well-formed personal identifiers: 18-digit resident ID numbers (GB 11643-1999) under
// the demo county's area code, and mainland mobile numbers. They only need to look and validate real.
import { idCardCheckDigit } from '../server/domain/id-card.ts';
import { isoDate } from './dates.ts';
import type { Random } from './random.ts';

/**
 * Area code + YYYYMMDD + a 3-digit order number (odd for men, even for women) + check character.
 * `birthDay` counts days since 1970-01-01; `taken` holds (birth day, order) pairs already issued, so
 * no two heads share a number.
 */
export function issueIdCard(rng: Random, areaCode: string, birthDay: number, female: boolean, taken: Set<number>): string {
  const ymd = isoDate(birthDay).replaceAll('-', '');
  const day = birthDay;
  let order = rng.int(0, 499) * 2 + (female ? 0 : 1);
  for (let tries = 0; taken.has(day * 1000 + order); tries++) {
    if (tries >= 500) throw new Error(`no ID numbers left for ${ymd}`);
    order = (order + 2) % 1000;
  }
  taken.add(day * 1000 + order);
  const first17 = areaCode + ymd + String(order).padStart(3, '0');
  return first17 + idCardCheckDigit(first17);
}

// Mainland mobile prefixes in common use (China Mobile, Unicom, Telecom).
const MOBILE_PREFIXES = [
  '130', '131', '132', '133', '134', '135', '136', '137', '138', '139', '150', '151', '152', '153', '155', '156',
  '157', '158', '159', '166', '173', '175', '176', '177', '178', '180', '181', '182', '183', '184', '185', '186',
  '187', '188', '189', '191', '198', '199',
];

export function mobileNumber(rng: Random): string {
  return rng.pick(MOBILE_PREFIXES) + String(rng.int(0, 99_999_999)).padStart(8, '0');
}
