import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { importContentType, useImportAlerts } from '../../api/alerts.ts';
import { Dialog } from '../../ui/Dialog.tsx';
import { ErrorNote } from '../../ui/ErrorNote.tsx';

/** The most the API takes in one body (server/app.ts bodyLimit). */
const MAX_BYTES = 1024 * 1024;

/** Upload a CAP XML message or a GeoJSON file → POST /api/alerts/import with the matching Content-Type. */
export type ImportResult = { action: 'created' | 'updated' | 'cancelled' | 'duplicate'; alertId: number };

export function ImportAlertDialog(props: { onImported(results: ImportResult[]): void; onClose(): void }) {
  const { t } = useTranslation();
  const importer = useImportAlerts();
  const [file, setFile] = useState<File | null>(null);
  const [localError, setLocalError] = useState<string | null>(null);

  const submit = async () => {
    if (!file) return;
    setLocalError(null);
    importer.reset();
    if (file.size > MAX_BYTES) {
      setLocalError(t('alerts.import.tooLarge'));
      return;
    }
    // The text only to tell XML from JSON; the file itself goes up, bytes untouched, so a GBK or UTF-16
    // CAP message is decoded by the server in the encoding it declares (file.text() would force UTF-8).
    const contentType = importContentType(file, await file.text());
    if (!contentType) {
      setLocalError(t('alerts.import.unknownType'));
      return;
    }
    importer.mutate({ body: file, contentType }, { onSuccess: (r) => props.onImported(r.results) });
  };

  return (
    <Dialog title={t('alerts.import.title')} closeLabel={t('drawer.close')} onClose={props.onClose} className="alert-import-dialog">
      <form
        className="alert-form"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <p className="alert-form__hint">{t('alerts.import.hint')}</p>
        <label className="field">
          <span>{t('alerts.import.file')}</span>
          <input
            type="file"
            name="file"
            accept=".xml,.cap,.json,.geojson,application/xml,text/xml,application/json,application/geo+json"
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              setLocalError(null);
              importer.reset();
            }}
          />
        </label>
        {localError && (
          <div className="error-note" role="alert">
            <strong className="error-note__label">{localError}</strong>
          </div>
        )}
        {importer.isError && <ErrorNote error={importer.error} />}
        <div className="dialog__actions">
          <button type="button" className="button button--quiet" onClick={props.onClose}>
            {t('alerts.form.cancel')}
          </button>
          <button type="submit" className="button button--primary" disabled={!file || importer.isPending}>
            {importer.isPending ? t('alerts.import.submitting') : t('alerts.import.submit')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
