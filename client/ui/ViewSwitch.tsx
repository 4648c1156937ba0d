import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { SCREEN_PATHS, appLink, type Screen } from '../navigation.ts';
import './view-switch.css';

/** The county's tools, used now and then: behind 更多 so the everyday screens keep one row in the header. */
const MORE: readonly Screen[] = ['imports', 'audit', 'admin'];

/**
 * 农户地图 / 巡查调度 / 外业巡查: links between the app's screens (plain links: middle-click opens a tab).
 * `phoneOnly` links show on a phone alone (我的账户, which a desktop reaches from the name in the header).
 * The county's tools (import, audit, admin) sit in a 更多 menu, named after the current one when open.
 */
export function ViewSwitch(props: { current: Screen; screens: readonly Screen[]; phoneOnly?: readonly Screen[] }) {
  const { t } = useTranslation();
  if (props.screens.length < 2) return null;
  const everyday = props.screens.filter((s) => !MORE.includes(s));
  const more = props.screens.filter((s) => MORE.includes(s));
  const link = (s: Screen, onClick?: () => void) => (
    <a
      key={s}
      {...appLink(SCREEN_PATHS[s])}
      {...(onClick ? { onClickCapture: onClick } : {})}
      className={props.phoneOnly?.includes(s) ? 'view-switch__link view-switch__link--phone' : 'view-switch__link'}
      aria-current={s === props.current ? 'page' : undefined}
    >
      {t(`views.${s}`)}
    </a>
  );
  return (
    <nav className="view-switch" aria-label={t('views.label')}>
      {everyday.map((s) => link(s))}
      {more.length > 0 && <MoreMenu current={props.current} screens={more} link={link} />}
    </nav>
  );
}

function MoreMenu(props: { current: Screen; screens: readonly Screen[]; link: (s: Screen, onClick?: () => void) => React.ReactNode }) {
  const { t } = useTranslation();
  const menu = useRef<HTMLDetailsElement>(null);
  const close = () => menu.current?.removeAttribute('open');
  // A menu closes when one clicks elsewhere, as menus do.
  useEffect(() => {
    const outside = (e: PointerEvent) => {
      if (menu.current && !menu.current.contains(e.target as Node)) close();
    };
    document.addEventListener('pointerdown', outside);
    return () => document.removeEventListener('pointerdown', outside);
  }, []);
  const here = props.screens.includes(props.current);
  return (
    <details className="view-switch__more" ref={menu}>
      <summary className="view-switch__link" aria-current={here ? 'page' : undefined}>
        {here ? t(`views.${props.current}`) : t('views.more')}
      </summary>
      <div className="view-switch__menu">{props.screens.map((s) => props.link(s, close))}</div>
    </details>
  );
}
