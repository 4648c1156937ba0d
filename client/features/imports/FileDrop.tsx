// A file picker that also takes a file dropped on it. The <input> stays the real control (keyboard,
// screen readers, the phone's file sheet); the drop zone around it only adds dragging.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

export function FileDrop(props: { accept: string; file: File | null; onFile(file: File | null): void }) {
  const { t, i18n } = useTranslation();
  const [over, setOver] = useState(false);
  const f = props.file;
  return (
    <label
      className={`file-drop${over ? ' file-drop--over' : ''}${f ? ' file-drop--chosen' : ''}`}
      data-testid="import-file-drop"
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        e.preventDefault();
        setOver(false);
        const dropped = e.dataTransfer.files[0];
        if (dropped) props.onFile(dropped);
      }}
    >
      <input type="file" name="file" accept={props.accept} onChange={(e) => props.onFile(e.target.files?.[0] ?? null)} />
      {f ? (
        <span className="file-drop__chosen">
          <strong>{f.name}</strong>
          <small className="mono">{t('imports.upload.size', { size: (f.size / 1024).toLocaleString(i18n.language, { maximumFractionDigits: 1 }) })}</small>
        </span>
      ) : (
        <span className="file-drop__hint">
          <strong>{t('imports.upload.choose')}</strong>
          <small>{t('imports.upload.drop')}</small>
        </span>
      )}
    </label>
  );
}
