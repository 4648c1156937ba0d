// Steps 1–2: choose the kind, pick (or drop) the file, say how to read it, upload. The server answers
// at once with the batch it is checking; the screen then follows that batch (/import?batch=…).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useUploadImport, type ImportKindName } from '../../api/imports.ts';
import { ErrorNote } from '../../ui/ErrorNote.tsx';
import { FileDrop } from './FileDrop.tsx';
import { FileOptions, type FileChoices } from './FileOptions.tsx';
import { KindChooser } from './KindChooser.tsx';
import { KIND_TRAITS } from './kinds.ts';

export function UploadForm(props: { kind: ImportKindName | null; onKind(kind: ImportKindName): void; onUploaded(batchId: number): void }) {
  const { t } = useTranslation();
  const upload = useUploadImport();
  const [file, setFile] = useState<File | null>(null);
  const [choices, setChoices] = useState<FileChoices>({ encoding: 'auto', crs: 'wgs84' });
  const traits = props.kind ? KIND_TRAITS[props.kind] : null;

  const submit = () => {
    if (!props.kind || !file || !traits) return;
    upload.mutate(
      {
        file,
        kind: props.kind,
        ...(traits.tabular ? { encoding: choices.encoding } : {}),
        ...(traits.coordinates ? { crs: choices.crs } : {}),
      },
      { onSuccess: (batch) => props.onUploaded(batch.id) },
    );
  };

  return (
    <form
      className="import-upload"
      data-testid="import-upload"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <KindChooser
        value={props.kind}
        onChange={(k) => {
          upload.reset();
          props.onKind(k);
        }}
      />
      {props.kind && traits && (
        <section className="import-section" aria-labelledby="import-upload-title">
          <h2 id="import-upload-title" className="import-section__title">
            {t('imports.upload.title')}
          </h2>
          <FileDrop
            accept={traits.accept}
            file={file}
            onFile={(f) => {
              upload.reset();
              setFile(f);
            }}
          />
          <FileOptions traits={traits} value={choices} onChange={setChoices} />
          {upload.isError && <ErrorNote error={upload.error} testId="import-upload-error" />}
          <div className="import-actions">
            <button type="submit" className="button button--primary" disabled={!file || upload.isPending}>
              {upload.isPending ? t('imports.upload.sending') : t('imports.upload.submit')}
            </button>
          </div>
        </section>
      )}
    </form>
  );
}
