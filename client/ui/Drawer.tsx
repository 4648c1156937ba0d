import { useEffect, useRef, type ReactNode } from 'react';

/** A side drawer on a wide screen, a bottom sheet on a phone (CSS decides); Escape closes it. */
export function Drawer(props: { title: ReactNode; closeLabel: string; onClose(): void; children: ReactNode; className?: string }) {
  const { onClose } = props;
  const ref = useRef<HTMLElement>(null);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  return (
    <aside ref={ref} className={`drawer ${props.className ?? ''}`} role="dialog" aria-modal="false" aria-labelledby="drawer-title">
      <header className="drawer__head">
        <h2 id="drawer-title" className="drawer__title">
          {props.title}
        </h2>
        <button type="button" className="icon-button" onClick={onClose} aria-label={props.closeLabel} title={props.closeLabel}>
          ×
        </button>
      </header>
      <div className="drawer__body">{props.children}</div>
    </aside>
  );
}
