// 举报投诉 for the public (/report), signed out and phone first: report a dangerous house (what, where,
// optionally who to call back), get a receipt number, and later read the answer with it
// (/report?receipt=…). Nothing here asks who is signed in. The honeypot input sits off-screen and
// hidden from assistive technology: people never fill it, form-filling bots do (the server then
// answers as if it took the complaint, and stores nothing).
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { COMPLAINT_SUBJECTS, type ComplaintSubject } from '../../../server/domain/complaint-states.ts';
import { ApiError } from '../../api/client.ts';
import { usePublicPlaces, useReceipt, useSubmitComplaint, type PublicComplaint } from '../../api/complaints.ts';
import { appLink, navigate, useLocation } from '../../navigation.ts';
import { LanguageSwitch } from '../../ui/LanguageSwitch.tsx';
import { errorText } from '../../ui/ErrorNote.tsx';
import '../../ui/error-note.css';
import './report.css';

/** As the server requires (server/routes/complaint-fields.ts). */
const CONTENT_MIN = 10;
const CONTENT_MAX = 2000;

export function PublicReportScreen() {
  const { t } = useTranslation();
  const loc = useLocation();
  const receipt = new URLSearchParams(loc.includes('?') ? loc.slice(loc.indexOf('?')) : '').get('receipt')?.trim() || null;
  return (
    <div className="report">
      <header className="report__header">
        <span className="brand__mark" aria-hidden="true">
          安
        </span>
        <span className="report__titles">
          <span className="report__name">{t('complaints.public.title')}</span>
          <span className="report__unit">{t('complaints.public.unit')}</span>
        </span>
        <LanguageSwitch />
      </header>
      <main className="report__body">
        {receipt ? (
          <>
            <ReceiptStatus key={receipt} receipt={receipt} />
            <a className="report__link" {...appLink('/report')}>
              {t('complaints.public.newReport')}
            </a>
          </>
        ) : (
          <ReportForm />
        )}
        <LookupForm initial={receipt ?? ''} />
      </main>
    </div>
  );
}

type Draft = Required<{ [K in keyof PublicComplaint]-?: string }>;
const EMPTY: Draft = { subject: '', content: '', township: '', village: '', place: '', contactName: '', contactPhone: '', website: '' };

/** The field an error names, in the reader's words (the server names it by its API key). */
const FIELD_LABEL: Record<string, string> = {
  subject: 'complaints.form.subject',
  content: 'complaints.form.content',
  township: 'complaints.form.township',
  village: 'complaints.form.village',
  place: 'complaints.form.place',
  contactName: 'complaints.form.contactName',
  contactPhone: 'complaints.form.contactPhone',
};

function PublicError({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const e = errorText(t, error, 'complaint');
  const field = e.field && FIELD_LABEL[e.field];
  return (
    <div className="error-note" role="alert" data-testid="report-error">
      <strong className="error-note__label">{e.label}</strong>
      {field && <span className="error-note__message">{t('complaints.public.checkField', { field: t(field) })}</span>}
    </div>
  );
}

function ReportForm() {
  const { t } = useTranslation();
  const places = usePublicPlaces();
  const submit = useSubmitComplaint();
  const [d, setD] = useState<Draft>(EMPTY);
  const [tooShort, setTooShort] = useState(false);
  const set = (k: keyof Draft, v: string) => setD((old) => ({ ...old, [k]: v, ...(k === 'township' ? { village: '' } : {}) }));
  const villages = places.data?.find((p) => p.code === d.township)?.villages ?? [];
  const length = d.content.trim().length;

  if (submit.isSuccess) {
    const { receiptNo, dueOn } = submit.data;
    return (
      <section className="report__card report__sent" aria-live="polite" data-testid="report-sent">
        <h1>{t('complaints.public.sentTitle')}</h1>
        <p>{t('complaints.public.sentIntro')}</p>
        <p className="report__receipt mono" data-testid="receipt-no">
          {receiptNo}
        </p>
        <p>{t('complaints.public.sentDue', { date: dueOn })}</p>
        <p className="report__hint">{t('complaints.public.sentKeep')}</p>
        <div className="report__actions">
          <a className="button button--primary" {...appLink(`/report?receipt=${receiptNo}`)}>
            {t('complaints.public.seeProgress')}
          </a>
          <button
            type="button"
            className="button"
            onClick={() => {
              setD(EMPTY);
              submit.reset();
            }}
          >
            {t('complaints.public.another')}
          </button>
        </div>
      </section>
    );
  }

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (length < CONTENT_MIN) {
      setTooShort(true);
      return;
    }
    const body: PublicComplaint = { subject: d.subject as ComplaintSubject, content: d.content.trim() };
    for (const k of ['township', 'village', 'place', 'contactName', 'contactPhone', 'website'] as const) if (d[k].trim()) body[k] = d[k].trim();
    submit.mutate(body);
  };

  return (
    <form className="report__card report__form" onSubmit={onSubmit} aria-labelledby="report-title">
      <h1 id="report-title">{t('complaints.public.formTitle')}</h1>
      <p className="report__intro">{t('complaints.public.intro')}</p>
      <p className="report__urgent" role="note">
        {t('complaints.public.urgent')}
      </p>

      <fieldset className="report__subjects">
        <legend>{t('complaints.form.subject')}</legend>
        {COMPLAINT_SUBJECTS.map((s) => (
          <label key={s} className="report__subject">
            <input type="radio" name="subject" value={s} required checked={d.subject === s} onChange={() => set('subject', s)} />
            <span>{t(`complaints.subject.${s}`)}</span>
          </label>
        ))}
      </fieldset>

      <label className="field">
        <span>{t('complaints.form.content')}</span>
        <textarea
          name="content"
          required
          rows={6}
          maxLength={CONTENT_MAX}
          value={d.content}
          placeholder={t('complaints.form.contentPlaceholder')}
          aria-invalid={tooShort && length < CONTENT_MIN ? true : undefined}
          onChange={(e) => {
            set('content', e.target.value);
            setTooShort(false);
          }}
        />
        <small className={`report__count${tooShort && length < CONTENT_MIN ? ' report__count--bad' : ''}`}>
          {tooShort && length < CONTENT_MIN ? t('complaints.form.contentTooShort', { min: CONTENT_MIN }) : t('complaints.form.count', { count: length, max: CONTENT_MAX })}
        </small>
      </label>

      <div className="report__pair">
        <label className="field">
          <span>{t('complaints.form.township')}</span>
          <select name="township" value={d.township} onChange={(e) => set('township', e.target.value)}>
            <option value="">{t('complaints.form.notSure')}</option>
            {places.data?.map((p) => (
              <option key={p.code} value={p.code}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('complaints.form.village')}</span>
          <select name="village" value={d.village} disabled={villages.length === 0} onChange={(e) => set('village', e.target.value)}>
            <option value="">{t('complaints.form.notSure')}</option>
            {villages.map((v) => (
              <option key={v.code} value={v.code}>
                {v.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      <label className="field">
        <span>{t('complaints.form.place')}</span>
        <input name="place" maxLength={200} value={d.place} placeholder={t('complaints.form.placePlaceholder')} onChange={(e) => set('place', e.target.value)} />
      </label>

      <fieldset className="report__contact">
        <legend>{t('complaints.form.contact')}</legend>
        <p className="report__hint">{t('complaints.form.contactHint')}</p>
        <label className="field">
          <span>{t('complaints.form.contactName')}</span>
          <input name="contactName" autoComplete="name" maxLength={40} value={d.contactName} onChange={(e) => set('contactName', e.target.value)} />
        </label>
        <label className="field">
          <span>{t('complaints.form.contactPhone')}</span>
          <input name="contactPhone" type="tel" inputMode="tel" autoComplete="tel" maxLength={24} value={d.contactPhone} onChange={(e) => set('contactPhone', e.target.value)} />
        </label>
      </fieldset>

      {/* The honeypot: off-screen, out of the tab order and hidden from screen readers. */}
      <div className="report__trap" aria-hidden="true">
        <label>
          {t('complaints.form.website')}
          <input name="website" type="text" tabIndex={-1} autoComplete="off" value={d.website} onChange={(e) => set('website', e.target.value)} />
        </label>
      </div>

      {submit.isError && <PublicError error={submit.error} />}
      <button type="submit" className="button button--primary report__submit" disabled={submit.isPending}>
        {submit.isPending ? t('complaints.public.sending') : t('complaints.public.send')}
      </button>
      <p className="report__hint">{t('complaints.public.privacy')}</p>
    </form>
  );
}

function LookupForm({ initial }: { initial: string }) {
  const { t } = useTranslation();
  const [value, setValue] = useState(initial.toUpperCase());
  return (
    <form
      className="report__card report__lookup"
      role="search"
      onSubmit={(e) => {
        e.preventDefault();
        const v = value.trim();
        if (v) navigate(`/report?receipt=${encodeURIComponent(v)}`);
      }}
    >
      <h2>{t('complaints.public.lookupTitle')}</h2>
      <div className="report__lookup-row">
        <label className="field">
          <span>{t('complaints.public.receiptLabel')}</span>
          <input
            name="receipt"
            className="mono"
            autoCapitalize="characters"
            autoComplete="off"
            spellCheck={false}
            placeholder="TS2026XXXXXXXX"
            value={value}
            onChange={(e) => setValue(e.target.value)}
          />
        </label>
        <button type="submit" className="button" disabled={!value.trim()}>
          {t('complaints.public.lookup')}
        </button>
      </div>
    </form>
  );
}

function ReceiptStatus({ receipt }: { receipt: string }) {
  const { t } = useTranslation();
  const found = useReceipt(receipt);
  if (found.isPending) return <section className="report__card">{t('app.loading')}</section>;
  if (found.isError) {
    const missing = found.error instanceof ApiError && (found.error.status === 404 || found.error.status === 400);
    return (
      <section className="report__card" data-testid="receipt-status">
        <h1>{t('complaints.public.statusTitle')}</h1>
        {missing ? <p className="report__missing">{t('complaints.public.notFound', { receipt })}</p> : <PublicError error={found.error} />}
      </section>
    );
  }
  const r = found.data;
  return (
    <section className="report__card report__status" data-testid="receipt-status" aria-live="polite">
      <h1>{t('complaints.public.statusTitle')}</h1>
      <p className="report__receipt mono">{r.receiptNo}</p>
      <p className={`report__state report__state--${r.status}`} data-testid="receipt-state">
        {t(`complaints.publicStatus.${r.status}`)}
      </p>
      <dl className="report__facts">
        <div>
          <dt>{t('complaints.public.receivedOn')}</dt>
          <dd className="mono">{r.receivedOn}</dd>
        </div>
        <div>
          <dt>{t('complaints.public.dueOn')}</dt>
          <dd className="mono">{r.dueOn}</dd>
        </div>
        {r.answeredOn && (
          <div>
            <dt>{t('complaints.public.answeredOn')}</dt>
            <dd className="mono">{r.answeredOn}</dd>
          </div>
        )}
      </dl>
      {r.answer ? (
        <div className="report__answer" data-testid="receipt-answer">
          <h2>{t('complaints.public.answer')}</h2>
          <p>{r.answer}</p>
        </div>
      ) : (
        <p className="report__hint">{t('complaints.public.noAnswerYet')}</p>
      )}
    </section>
  );
}
