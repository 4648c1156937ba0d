// How much of the map the floating cards and the drawer cover, measured from the page as it is laid
// out (styles.css, alerts.css), so that a house flown to or a zone fitted lands where it can be seen
// whichever cards are open, folded or side by side.

export interface Insets {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

export const PHONE_QUERY = '(max-width: 720px)';
export const isPhone = (): boolean => window.matchMedia(PHONE_QUERY).matches;

/** The side drawer's width on a wide screen (styles.css `.drawer`). */
const DRAWER_WIDTH = 420;

/**
 * Wide screens: what the cards over the map stage cover, per side. A card counts for the side it
 * stands on; a folded card (a bar) counts for the top. `drawer` reserves the side drawer about to
 * open (a house just picked) even before it is drawn.
 */
export function coveredInsets(opts: { drawer?: boolean } = {}): Insets {
  const insets: Insets = { top: 0, right: 0, bottom: 0, left: 0 };
  const stage = document.querySelector('.stage');
  if (!stage) return insets;
  const s = stage.getBoundingClientRect();
  for (const el of stage.querySelectorAll<HTMLElement>(':scope > .panel, :scope > .drawer')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    if (el.classList.contains('panel--folded') || r.height < 80) {
      insets.top = Math.max(insets.top, r.bottom - s.top);
    } else if (r.left + r.width / 2 < s.left + s.width / 2) {
      insets.left = Math.max(insets.left, r.right - s.left);
    } else {
      insets.right = Math.max(insets.right, s.right - r.left);
    }
  }
  if (opts.drawer) insets.right = Math.max(insets.right, Math.min(DRAWER_WIDTH, s.width / 2));
  return insets;
}

/** The pixel offset from the map's centre to the centre of the part left uncovered. */
export function offsetToUncovered(insets: Insets): [number, number] {
  return [Math.round((insets.left - insets.right) / 2), Math.round((insets.top - insets.bottom) / 2)];
}

/** Margin kept between a fitted area and the cards or the map's edge. */
const FIT_MARGIN = 24;
/** The phone's toolbar (filters, warnings, legend buttons) along the bottom of the map (styles.css). */
const PHONE_TOOLBAR = 56;

/**
 * Padding for fitting an area (a jurisdiction on landing, a region picked in the filters) so that no
 * card covers it: on a wide screen the cards' measured boxes plus a margin; on a phone, where cards
 * are sheets opened on demand, the toolbar at the bottom.
 */
export function clearOfCards(): Insets {
  if (isPhone()) return { top: FIT_MARGIN, right: FIT_MARGIN, bottom: PHONE_TOOLBAR + FIT_MARGIN, left: FIT_MARGIN };
  const c = coveredInsets();
  return { top: c.top + FIT_MARGIN, right: c.right + FIT_MARGIN, bottom: c.bottom + FIT_MARGIN, left: c.left + FIT_MARGIN };
}
