import { useEffect, useId, useRef, type ReactNode } from 'react';

/**
 * A modal dialog on the native <dialog> element: the browser traps focus and Escape closes it. On a
 * phone it fills the width (CSS decides).
 */
export function Dialog(props: { title: ReactNode; closeLabel: string; onClose(): void; children: ReactNode; className?: string }) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const { onClose } = props;
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
    return () => d?.close();
  }, []);
  return (
    <dialog
      ref={ref}
      className={`dialog ${props.className ?? ''}`}
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <header className="dialog__head">
        <h2 id={titleId} className="dialog__title">
          {props.title}
        </h2>
        <button type="button" className="icon-button" onClick={onClose} aria-label={props.closeLabel} title={props.closeLabel}>
          ×
        </button>
      </header>
      <div className="dialog__body">{props.children}</div>
    </dialog>
  );
}
