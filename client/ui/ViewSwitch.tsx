import { useTranslation } from 'react-i18next';
import { SCREEN_PATHS, appLink, type Screen } from '../navigation.ts';
import './view-switch.css';

/**
 * 农户地图 / 巡查调度 / 外业巡查: links between the app's screens (plain links: middle-click opens a tab).
 * `phoneOnly` links show on a phone alone (我的账户, which a desktop reaches from the name in the header).
 */
export function ViewSwitch(props: { current: Screen; screens: readonly Screen[]; phoneOnly?: readonly Screen[] }) {
  const { t } = useTranslation();
  if (props.screens.length < 2) return null;
  return (
    <nav className="view-switch" aria-label={t('views.label')}>
      {props.screens.map((s) => (
        <a
          key={s}
          {...appLink(SCREEN_PATHS[s])}
          className={props.phoneOnly?.includes(s) ? 'view-switch__link view-switch__link--phone' : 'view-switch__link'}
          aria-current={s === props.current ? 'page' : undefined}
        >
          {t(`views.${s}`)}
        </a>
      ))}
    </nav>
  );
}
