// Running the county without the API (issue 10), for the county administrator: accounts and the
// township's sign-in slips, the training ledger, the dispatch rules. One screen (/admin) with a section
// per path, so the header keeps one link and a section can be linked to.
import { useTranslation } from 'react-i18next';
import type { Me } from '../../api/auth.ts';
import { appLink, useLocation } from '../../navigation.ts';
import { AppHeader } from '../../ui/AppHeader.tsx';
import { RulesEditor } from './RulesEditor.tsx';
import { SlipsSection } from './SlipsSection.tsx';
import { TrainingLedger } from './TrainingLedger.tsx';
import { UsersSection } from './UsersSection.tsx';
import './admin.css';

const SECTIONS = ['users', 'slips', 'trainings', 'rules'] as const;
type Section = (typeof SECTIONS)[number];

const pathOf = (s: Section) => (s === 'users' ? '/admin' : `/admin/${s}`);

function sectionOf(path: string): Section {
  const name = path.split('?')[0]!.replace(/\/$/, '').split('/')[2];
  return (SECTIONS as readonly string[]).includes(name ?? '') ? (name as Section) : 'users';
}

export function AdminScreen(props: { me: NonNullable<Me>; onSignOut(): void }) {
  const { t } = useTranslation();
  const section = sectionOf(useLocation());
  return (
    <div className="app admin">
      <AppHeader me={props.me} screen="admin" onSignOut={props.onSignOut} />
      <main className="admin__body">
        <div className="admin__inner">
          <nav className="admin-tabs" aria-label={t('admin.sections')}>
            {SECTIONS.map((s) => (
              <a key={s} {...appLink(pathOf(s))} className="admin-tabs__link" aria-current={s === section ? 'page' : undefined}>
                {t(`admin.section.${s}`)}
              </a>
            ))}
          </nav>
          {section === 'users' && <UsersSection me={props.me} />}
          {section === 'slips' && <SlipsSection />}
          {section === 'trainings' && <TrainingLedger />}
          {section === 'rules' && <RulesEditor />}
        </div>
      </main>
    </div>
  );
}
