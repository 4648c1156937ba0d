// The flags derived from a house's appraisals and renovations (domain/housing.ts): repaired C and key
// house. Recomputed whenever either history grows — an appraisal, a close-out that enters the works.
import { isKeyHouse, isRepairedC, type AppraisalRecord, type Grade, type RenovationRecord } from '../domain/housing.ts';
import type { Db } from './connection.ts';
import { prepared } from './statements.ts';

export function refreshHouseFlags(db: Db, houseId: number): { repairedC: boolean; key: boolean } {
  const appraisals = prepared(db, 'SELECT appraised_on AS appraisedOn, grade FROM appraisals WHERE house_id = ? AND grade IS NOT NULL').all(houseId) as AppraisalRecord[];
  const renovations = prepared(db, 'SELECT method, year, completed_on AS completedOn FROM renovations WHERE house_id = ?').all(houseId) as RenovationRecord[];
  const { grade } = prepared(db, 'SELECT grade FROM houses WHERE id = ?').get(houseId) as { grade: Grade | null };
  const repairedC = isRepairedC(appraisals, renovations);
  const key = isKeyHouse({ grade, repairedC });
  prepared(db, 'UPDATE houses SET repaired_c = ?, key_house = ? WHERE id = ?').run(repairedC ? 1 : 0, key ? 1 : 0, houseId);
  return { repairedC, key };
}
