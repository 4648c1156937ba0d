// Registers the service worker that vite-plugin-pwa generates into the build (vite.config.ts): the app
// shell, bundle, fonts, basemap and the inspector's tasks stay on the phone, so /field opens without
// signal. Browsers allow service workers only in a secure context (HTTPS, or localhost): served over
// plain http on a LAN the app works as before, online only.

/**
 * `onFirstControl` runs when a page that opened without a worker (the very first visit) is taken over
 * by it: what the page fetched before went past the worker's caches, so it should ask again.
 */
export function registerServiceWorker(opts: { onFirstControl(): void }): void {
  if (!import.meta.env.PROD || typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return;
  const sw = navigator.serviceWorker;
  if (!sw.controller) sw.addEventListener('controllerchange', () => opts.onFirstControl(), { once: true });
  // After the page has loaded: the ~4.5 MB precache must not compete with the first screen's requests.
  const register = () => {
    sw.register('/sw.js', { scope: '/' }).catch((err: unknown) => {
      console.warn('[anju] no offline support: service worker not registered:', err);
    });
  };
  if (document.readyState === 'complete') register();
  else window.addEventListener('load', register, { once: true });
}
