import { useTranslation } from 'react-i18next';

/** The mark, name and subtitle atop the sign-in and change-password cards. */
export function SignInBrand() {
  const { t } = useTranslation();
  return (
    <div className="login__brand">
      <span className="brand__mark" aria-hidden="true">
        安
      </span>
      <div>
        <h1 className="login__title">{t('app.name')}</h1>
        <p className="login__subtitle">{t('app.subtitle')}</p>
      </div>
    </div>
  );
}
