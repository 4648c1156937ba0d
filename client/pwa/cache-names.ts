// The service worker's runtime caches, named once: vite.config.ts builds the worker's routes with
// them and the page empties the personal ones when the user changes (pwa/personal-caches.ts).

/**
 * One user's own answers (who they are, their patrol tasks, what their last briefing showed): emptied
 * on sign-out and user change.
 */
export const PERSONAL_CACHES = ['anju-me', 'anju-tasks', 'anju-briefing'] as const;

/** The county's geography: the same for every account, so it survives a change of user. */
export const BASEMAP_CACHE = 'anju-basemap';

/** The font slices the page fetched beyond the precached ones (vite.config.ts): the same for everyone. */
export const FONTS_CACHE = 'anju-fonts';
