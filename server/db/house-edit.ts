// Editing what a house is (structure, storeys, year built, floor area). Its grade and its ledger state
// are not here: a grade comes only from an appraisal (db/appraisals.ts), a state only from a move
// (db/ledger.ts); the route refuses those keys by name.
import { chinaDay } from '../domain/deadlines.ts';
import type { Structure } from '../domain/housing.ts';
import { HttpError } from '../http/errors.ts';
import { writeAudit } from './audit.ts';
import type { Db } from './connection.ts';
import type { LedgerHouse } from './ledger.ts';
import { prepared } from './statements.ts';

export interface HouseChange {
  structure?: Structure | undefined;
  storeys?: number | undefined;
  builtYear?: number | undefined;
  floorArea?: number | undefined;
}

const COLUMNS = { structure: 'structure', storeys: 'storeys', builtYear: 'built_year', floorArea: 'floor_area' } as const;

export interface HouseFacts {
  id: number;
  structure: Structure;
  storeys: number;
  builtYear: number | null;
  floorArea: number | null;
}

const SELECT = 'SELECT id, structure, storeys, built_year AS builtYear, floor_area AS floorArea FROM houses WHERE id = ?';

export function updateHouse(db: Db, house: LedgerHouse, change: HouseChange, actor: { id: number; username: string }, now: Date): HouseFacts {
  if (change.builtYear !== undefined) {
    const thisYear = Number(chinaDay(now).slice(0, 4));
    if (change.builtYear > thisYear) throw new HttpError(400, 'invalid_input', `builtYear ${change.builtYear} is in the future`, 'builtYear');
    // A house cannot have been appraised or moved in the ledger before it was built.
    const { first } = prepared(
      db,
      `SELECT min(d) AS first FROM (SELECT min(appraised_on) AS d FROM appraisals WHERE house_id = @id
                                    UNION ALL SELECT min(on_date) FROM house_transitions WHERE house_id = @id)`,
    ).get({ id: house.id }) as { first: string | null };
    if (first !== null && `${change.builtYear}` > first.slice(0, 4)) {
      throw new HttpError(400, 'date_before_house', `the house has records from ${first}, before ${change.builtYear}`, 'builtYear');
    }
  }
  return db.transaction(() => {
    const before = prepared(db, SELECT).get(house.id) as HouseFacts;
    const entries = Object.entries(change).filter(([, v]) => v !== undefined) as [keyof HouseChange, unknown][];
    const set = entries.map(([k]) => `${COLUMNS[k]} = @${k}`).join(', ');
    // A structure someone saved is a surveyed one: a name-list placeholder (migration 018) ends here.
    const surveyed = change.structure !== undefined ? ', structure_estimated = 0' : '';
    prepared(db, `UPDATE houses SET ${set}${surveyed} WHERE id = @id`).run({ ...Object.fromEntries(entries), id: house.id });
    const after = prepared(db, SELECT).get(house.id) as HouseFacts;
    writeAudit(db, { userId: actor.id, username: actor.username, action: 'house.update', entity: 'house', entityId: house.id, before, after }, now);
    return after;
  })();
}
