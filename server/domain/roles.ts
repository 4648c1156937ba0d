// Who may do what (issue 4). A user is bound to a region node; the role says what they may do there.
export const ROLES = [
  'county_admin', // 县级管理员: whole county, manages users, the only role that may close out (销号)
  'county_staff', // 县住建局工作人员: whole county, appraisals, ledger
  'township_staff', // 镇/街道工作人员: their township
  'township_leader', // 镇/街道领导: their township, read-only plus briefings
  'inspector', // 村巡查员: their village, patrol tasks and field results
  'viewer', // 只读: read-only, masked
] as const;
export type Role = (typeof ROLES)[number];

export const ALL_ROLES: readonly Role[] = ROLES;
export const COUNTY_ROLES: readonly Role[] = ['county_admin', 'county_staff'];
export const ADMIN: readonly Role[] = ['county_admin'];
/** Roles that may change operational data in their jurisdiction. */
export const EDITORS: readonly Role[] = ['county_admin', 'county_staff', 'township_staff'];

/** The region level a role must be bound to. */
export const ROLE_LEVEL: Record<Role, 'county' | 'township' | 'village' | null> = {
  county_admin: 'county',
  county_staff: 'county',
  township_staff: 'township',
  township_leader: 'township',
  inspector: 'village',
  viewer: null,
};
/** Roles that work patrol tasks in the field: editors plus the village inspector. */
export const FIELD: readonly Role[] = [...EDITORS, 'inspector'];

/**
 * Row level: a village inspector sees and works only the patrol tasks assigned to them (and the photos
 * of those tasks); a colleague's task in the same village answers 404, as if it did not exist.
 */
export function seesOnlyOwnTasks(role: Role): boolean {
  return role === 'inspector';
}
