// The import kinds the batch machinery knows, by name. Each kind's module registers itself here.
import { boundaries } from './boundaries.ts';
import { crosscheckKind } from './crosscheck.ts';
import { households } from './households.ts';
import type { ImportKind, ImportKindName } from './kind.ts';
import { namelistKind } from './namelist.ts';

export const IMPORT_KIND_MODULES: Partial<Record<ImportKindName, ImportKind<any>>> = {
  households,
  boundaries,
  namelist: namelistKind,
  crosscheck: crosscheckKind,
};

export function importKind(name: ImportKindName): ImportKind<any> | undefined {
  return IMPORT_KIND_MODULES[name];
}
