import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { EvidenceList } from '../components/EvidenceList';
import { RouteGuard } from '../components/RouteGuard';

/** A monitor's own work: drafts, items awaiting review and items returned to them. */
export function WorkspacePage() {
  const { t } = useTranslation();
  return (
    <RouteGuard needs="evidence.create" denied={t('workspace.policymaker')}>
      {() => <Workspace />}
    </RouteGuard>
  );
}

function Workspace() {
  const { t } = useTranslation();
  const location = useLocation();
  const notice = (location.state as { notice?: string } | null)?.notice;
  return (
    <>
      <div className="page-head">
        <h1>{t('workspace.title')}</h1>
        <div className="no-print">
          <Link className="button" to="/workspace/evidence/new">
            {t('form.newTitle')}
          </Link>
          <Link className="button secondary" to="/workspace/assess">
            {t('assess.title')}
          </Link>
          <Link className="button secondary" to="/workspace/follow-up">
            {t('followUp.title')}
          </Link>
          <Link className="button secondary" to="/workspace/intake">
            {t('intake.title')}
          </Link>
        </div>
      </div>
      {notice === 'submitted' ? (
        <div className="notice" role="status">
          {t('workspace.submitted')}
        </div>
      ) : null}
      <section aria-labelledby="drafts-heading">
        <h2 id="drafts-heading">{t('workspace.drafts')}</h2>
        <EvidenceList filter={{ mine: true, status: 'draft' }} empty={t('workspace.noDrafts')} edit />
      </section>
      <section aria-labelledby="returned-heading">
        <h2 id="returned-heading">{t('workspace.returned')}</h2>
        <EvidenceList filter={{ mine: true, status: 'rejected' }} empty={t('workspace.noneReturned')} edit />
      </section>
      <section aria-labelledby="waiting-heading">
        <h2 id="waiting-heading">{t('workspace.waiting')}</h2>
        <EvidenceList filter={{ mine: true, status: 'submitted' }} empty={t('workspace.noneWaiting')} />
      </section>
      <section aria-labelledby="verified-heading">
        <h2 id="verified-heading">{t('workspace.verified')}</h2>
        <EvidenceList filter={{ mine: true, status: 'verified', limit: 10 }} empty={t('workspace.noneVerified')} edit />
      </section>
    </>
  );
}
