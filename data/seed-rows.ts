// The rows one household becomes, personal data already sealed (encrypted, hashed, masked). Built the
// same way on the main thread and in the seed worker, so both paths write identical data.
import type { PersonalDataCipher } from '../server/db/personal-data.ts';
import { maskIdCard, maskPhone } from '../server/domain/masking.ts';
import type { HouseholdRecord } from './households.ts';

type Value = string | number | Buffer | null;

export interface SealedHouse {
  /** houses columns after id and household_id, in HOUSE_COLUMNS order. */
  row: Value[];
  current: boolean;
  lon: number;
  lat: number;
  appraisals: Value[][]; // APPRAISAL_COLUMNS after house_id
  renovations: Value[][]; // RENOVATION_COLUMNS after house_id
}

export interface SealedHousehold {
  /** households columns after id, in HOUSEHOLD_COLUMNS order. */
  row: Value[];
  houses: SealedHouse[];
}

export const HOUSEHOLD_COLUMNS = [
  'household_no', 'township_code', 'village_code', 'group_code', 'head_name',
  'id_card_enc', 'id_card_hash', 'id_card_masked', 'phone_enc', 'phone_hash', 'phone_masked',
  'members', 'elderly', 'disabled', 'children', 'category', 'guarantee_mode', 'living_away', 'listed_on',
] as const;
export const HOUSE_COLUMNS = [
  'is_current', 'lon', 'lat', 'structure', 'storeys', 'built_year', 'floor_area',
  'elevation_m', 'river_dist_m', 'grade', 'appraised_on', 'repaired_c', 'key_house', 'status',
] as const;
export const APPRAISAL_COLUMNS = ['appraised_on', 'grade', 'kind', 'appraiser', 'org'] as const;
export const RENOVATION_COLUMNS = ['method', 'year', 'completed_on'] as const;

/** The ciphertexts and lookup hashes of a household's ID card and phone (null: no phone). */
export interface SealedFields {
  idCardEnc: Buffer;
  idCardHash: Buffer;
  phoneEnc: Buffer | null;
  phoneHash: Buffer | null;
}

export function sealFields(idCard: string, phone: string | null, cipher: PersonalDataCipher): SealedFields {
  return {
    idCardEnc: cipher.encrypt(idCard),
    idCardHash: cipher.hash(idCard),
    phoneEnc: phone ? cipher.encrypt(phone) : null,
    phoneHash: phone ? cipher.hash(phone) : null,
  };
}

export function sealHousehold(h: HouseholdRecord, cipher: PersonalDataCipher): SealedHousehold {
  return householdRows(h, sealFields(h.idCard, h.phone, cipher));
}

/** The rows of one household, given its sealed fields (sealed here or by the seed worker). */
export function householdRows(h: HouseholdRecord, sealed: SealedFields): SealedHousehold {
  const phone = h.phone;
  return {
    row: [
      h.householdNo, h.townshipCode, h.villageCode, h.groupCode, h.headName,
      sealed.idCardEnc, sealed.idCardHash, maskIdCard(h.idCard),
      sealed.phoneEnc, sealed.phoneHash, phone ? maskPhone(phone) : null,
      h.members, h.elderly, h.disabled, h.children, h.category, h.guaranteeMode, h.livingAway ? 1 : 0, h.listedOn,
    ],
    houses: h.houses.map((o) => ({
      row: [
        o.isCurrent ? 1 : 0, o.lon, o.lat, o.structure, o.storeys, o.builtYear, o.floorArea,
        o.elevationM, o.riverDistM, o.grade, o.appraisedOn, o.repairedC ? 1 : 0, o.keyHouse ? 1 : 0, o.status,
      ],
      current: o.isCurrent,
      lon: o.lon,
      lat: o.lat,
      appraisals: o.appraisals.map((a) => [a.appraisedOn, a.grade, a.kind, a.appraiser, a.org]),
      renovations: o.renovations.map((r) => [r.method, r.year, r.completedOn]),
    })),
  };
}

