// Build time (vite.config.ts): every screen is a chunk of its own (client/screens.ts), which main.tsx
// imports on start — but a chunk named only by a dynamic import is requested after the entry script has
// run. The map is where almost everyone lands (and the sign-in page's next step), so index.html names its
// chunks — MapLibre among them — with <link rel="modulepreload">: fetched and compiled alongside the
// entry, run only when imported. Other screens still fetch theirs when opened. (Stylesheets are preloaded
// with crossorigin, as Vite's loader links them: a mismatch would fetch them twice.)
import type { HtmlTagDescriptor, Plugin } from 'vite';

/** `modules`: source paths (from the project root) of the screens whose chunks the page preloads. */
export function preloadLanding(modules: readonly string[]): Plugin {
  return {
    name: 'anju-preload-landing',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        const bundle = ctx.bundle;
        if (!bundle) return html;
        const scripts = new Set<string>();
        const styles = new Set<string>();
        const visit = (fileName: string) => {
          const chunk = bundle[fileName];
          if (scripts.has(fileName) || chunk?.type !== 'chunk') return;
          scripts.add(fileName);
          for (const css of chunk.viteMetadata?.importedCss ?? []) styles.add(css);
          chunk.imports.forEach(visit);
        };
        for (const module of modules) {
          const chunk = Object.values(bundle).find((c) => c.type === 'chunk' && c.facadeModuleId?.replaceAll('\\', '/').endsWith(module));
          if (!chunk) throw new Error(`preloadLanding: no chunk for ${module}; is it imported dynamically?`);
          visit(chunk.fileName);
        }
        const tags: HtmlTagDescriptor[] = [];
        for (const file of scripts) if (!html.includes(file)) tags.push({ tag: 'link', attrs: { rel: 'modulepreload', crossorigin: true, href: `/${file}` }, injectTo: 'head' });
        for (const file of styles) if (!html.includes(file)) tags.push({ tag: 'link', attrs: { rel: 'preload', as: 'style', crossorigin: true, href: `/${file}` }, injectTo: 'head' });
        return tags;
      },
    },
  };
}
