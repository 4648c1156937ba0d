// Which hazard a CAP <info> warns of — or why we will not import it.
//
// Only natural hazards become alerts here: a house is patrolled because of weather, water or the ground,
// not because of a police operation or a chemical spill. In this order:
//  1. an <eventCode> (or <parameter>) in a known scheme (cap-event-codes.ts) that says "not natural"
//     refuses the message;
//  2. so does a message with a human <category> (Security, CBRNE, Rescue, Health, Transport, Infra) and
//     no natural one (Geo, Met): CBRNE + Env is a chemical spill, Met + Safety still weather;
//  3. the type is then the first that a known <eventCode>, the <event>, the <headline>, any other
//     <eventCode> value or a hazard-naming <parameter> gives (Chinese or English words, cap-vocabulary.ts);
//  4. with no type, a natural hazard all the same (category Geo or Met, or a known code that says
//     natural: 高温, 大雾, tsunami …) imports as `other`, keeping the sender's <event> text;
//  5. anything else is refused: we cannot tell that it is a natural hazard.
import type { AlertType } from './alerts.ts';
import { NATURAL, NOT_NATURAL, readEventCode } from './cap-event-codes.ts';
import { NATURAL_CATEGORIES, NOT_NATURAL_CATEGORIES, TYPE_VALUE_NAME, typeFromText } from './cap-vocabulary.ts';

export interface HazardInput {
  categories: string[];
  event: string | null;
  headline: string | null;
  eventCodes: { name: string; value: string }[];
  parameters: { name: string; value: string }[];
}

export type HazardReading =
  | { ok: true; type: AlertType }
  | { ok: false; code: 'not_natural_hazard' | 'unknown_type'; element: string; message: string };

/** `at` is the path of the <info> (`info[0]`), for the element a refusal names. */
export function hazardOf(info: HazardInput, at: string): HazardReading {
  // Known schemes in <eventCode>, and in <parameter> too (MeteoAlarm sends awareness_type there).
  const coded = [
    ...info.eventCodes.map((c, i) => ({ ...c, element: `${at}.eventCode[${i}]` })),
    ...info.parameters.map((c, i) => ({ ...c, element: `${at}.parameter[${i}]` })),
  ].map((c) => ({ ...c, reading: readEventCode(c.name, c.value) }));
  const readings = coded.map((c) => c.reading);
  const human = coded.find((c) => c.reading?.verdict === NOT_NATURAL);
  if (human) {
    return {
      ok: false,
      code: 'not_natural_hazard',
      element: human.element,
      message: `event code ${human.reading!.label} is not a natural hazard: only weather, water and ground hazards are imported`,
    };
  }
  const categories = info.categories.map((c) => c.trim().toLowerCase());
  if (categories.some((c) => NOT_NATURAL_CATEGORIES.has(c)) && !categories.some((c) => NATURAL_CATEGORIES.has(c))) {
    return {
      ok: false,
      code: 'not_natural_hazard',
      element: `${at}.category[0]`,
      message: `category ${info.categories.join(', ')} is not a natural hazard: only weather, water and ground hazards (Geo, Met) are imported`,
    };
  }

  const byCode = readings.find((r) => r !== null && r.verdict !== NATURAL && r.verdict !== NOT_NATURAL)?.verdict as AlertType | undefined;
  const unknownCodes = info.eventCodes.filter((c) => readEventCode(c.name, c.value) === null).map((c) => c.value);
  const namedParams = info.parameters.filter((p) => TYPE_VALUE_NAME.test(p.name) && readEventCode(p.name, p.value) === null).map((p) => p.value);
  const type =
    byCode ??
    [info.event, info.headline, ...unknownCodes, ...namedParams].map((t) => typeFromText(t)).find((t) => t !== null) ??
    null;
  if (type) return { ok: true, type };

  if (readings.some((r) => r?.verdict === NATURAL) || categories.some((c) => NATURAL_CATEGORIES.has(c))) return { ok: true, type: 'other' };
  return {
    ok: false,
    code: 'unknown_type',
    element: `${at}.event`,
    message:
      `cannot tell a natural hazard from <event>${info.event ?? ''}</event>` +
      (info.headline ? ` / <headline>${info.headline}</headline>` : '') +
      ` and <category>${info.categories.join(', ') || 'none'}</category>: name it, or send category Geo or Met`,
  };
}
