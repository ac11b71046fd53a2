import { QueryClientProvider } from '@tanstack/react-query';
import { startTransition, StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createBrowserRouter, RouterProvider } from 'react-router';
import { pages } from '@tracker/domain/pages';
import { Layout } from './components/Layout';
import { startI18n } from './i18n';
import { languageOfLocation, loadFont } from './languages';
import { NotFoundPage } from './pages/NotFoundPage';
import { OverviewPage } from './pages/OverviewPage';
import { RecommendationPage } from './pages/RecommendationPage';
import { StatePage } from './pages/StatePage';
import { EvidenceExplorerPage } from './pages/EvidenceExplorerPage';
import { EvidencePage } from './pages/EvidencePage';
import './styles.css';
import { createClients, TRPCProvider } from './trpc';

// Every address starts with the language (`/th/states/KHM`); the router works below it, on the
// pages the server also knows (packages/domain/src/pages.ts).
const language = languageOfLocation(window.location, window.history);

const router = createBrowserRouter([
  {
    element: <Layout />,
    children: [
      { index: true, element: <OverviewPage /> },
      { path: pages.recommendation.path, element: <RecommendationPage /> },
      { path: pages.state.path, element: <StatePage /> },
      { path: pages.evidenceExplorer.path, element: <EvidenceExplorerPage /> },
      { path: pages.evidence.path, element: <EvidencePage /> },
      // Account pages carry the form validation code; they load only when opened.
      { path: pages.signIn.path, lazy: () => import('./pages/SignInPage').then((m) => ({ Component: m.SignInPage })) },
      { path: pages.setup.path, lazy: () => import('./pages/SetupPage').then((m) => ({ Component: m.SetupPage })) },
      { path: pages.resetPassword.path, lazy: () => import('./pages/ResetPasswordPage').then((m) => ({ Component: m.ResetPasswordPage })) },
      { path: pages.account.path, lazy: () => import('./pages/AccountPage').then((m) => ({ Component: m.AccountPage })) },
      { path: pages.inbox.path, lazy: () => import('./pages/InboxPage').then((m) => ({ Component: m.InboxPage })) },
      { path: pages.workspace.path, lazy: () => import('./workspace/WorkspacePage').then((m) => ({ Component: m.WorkspacePage })) },
      { path: pages.newEvidence.path, lazy: () => import('./workspace/EvidenceFormPage').then((m) => ({ Component: m.EvidenceFormPage })) },
      { path: pages.editEvidence.path, lazy: () => import('./workspace/EvidenceFormPage').then((m) => ({ Component: m.EvidenceFormPage })) },
      { path: pages.assess.path, lazy: () => import('./workspace/AssessPage').then((m) => ({ Component: m.AssessPage })) },
      { path: pages.followUp.path, lazy: () => import('./workspace/FollowUpPage').then((m) => ({ Component: m.FollowUpPage })) },
      { path: pages.intake.path, lazy: () => import('./workspace/IntakePage').then((m) => ({ Component: m.IntakePage })) },
      { path: pages.share.path, lazy: () => import('./pages/SharePage').then((m) => ({ Component: m.SharePage })) },
      { path: pages.review.path, lazy: () => import('./workspace/ReviewPage').then((m) => ({ Component: m.ReviewPage })) },
      { path: pages.admin.path, lazy: () => import('./admin/AdminPage').then((m) => ({ Component: m.AdminPage })) },
      { path: pages.audit.path, lazy: () => import('./admin/AuditPage').then((m) => ({ Component: m.AuditPage })) },
      { path: pages.accessLog.path, lazy: () => import('./admin/AccessLogPage').then((m) => ({ Component: m.AccessLogPage })) },
      { path: pages.translations.path, lazy: () => import('./admin/TranslationsPage').then((m) => ({ Component: m.TranslationsPage })) },
      { path: pages.openData.path, lazy: () => import('./pages/OpenDataPage').then((m) => ({ Component: m.OpenDataPage })) },
      { path: pages.apiReference.path, lazy: () => import('./pages/ApiReferencePage').then((m) => ({ Component: m.ApiReferencePage })) },
      { path: pages.compare.path, lazy: () => import('./pages/ComparePage').then((m) => ({ Component: m.ComparePage })) },
      { path: pages.subscribe.path, lazy: () => import('./pages/SubscribePage').then((m) => ({ Component: m.SubscribePage })) },
      { path: pages.confirmSubscription.path, lazy: () => import('./pages/SubscriptionLinkPage').then((m) => ({ Component: m.ConfirmSubscriptionPage })) },
      { path: pages.unsubscribe.path, lazy: () => import('./pages/SubscriptionLinkPage').then((m) => ({ Component: m.UnsubscribePage })) },
      { path: pages.methodology.path, lazy: () => import('./pages/MethodologyPage').then((m) => ({ Component: m.MethodologyPage })) },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
], { basename: `/${language.segment}` });

const { queryClient, trpcClient } = createClients();
const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from index.html');

document.documentElement.lang = language.tag;
await Promise.all([startI18n(language), loadFont(language)]);
// As a transition, the first render is drawn in slices between which the browser can paint and
// answer input, rather than as one long task (Total Blocking Time on a slow phone).
startTransition(() =>
  createRoot(root).render(
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
          <RouterProvider router={router} />
        </TRPCProvider>
      </QueryClientProvider>
    </StrictMode>,
  ),
);
