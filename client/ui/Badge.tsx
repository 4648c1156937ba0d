import type { CSSProperties, ReactNode } from 'react';

/** A small coloured label (a grade, a flag). Colours come in as a CSS variable (set through the CSSOM, CSP-safe). */
export function Badge(props: { color: string; children: ReactNode; outline?: boolean; title?: string }) {
  return (
    <span className={`badge${props.outline ? ' badge--outline' : ''}`} style={{ '--badge-color': props.color } as CSSProperties} title={props.title}>
      {props.children}
    </span>
  );
}
