import { type ComponentType, lazy } from "react";
import { createBrowserRouter, Navigate } from "react-router";
import { Layout } from "./layout";
import { RouteError } from "./route-error";

/**
 * A routed page, loaded on its first visit as a chunk of its own (the layout's `Suspense` shows the
 * loading state meanwhile; a chunk that fails to load ends in the route's `RouteError`).
 */
function lazyPage<Name extends string, Module extends Record<Name, ComponentType>>(
  load: () => Promise<Module>,
  name: Name,
) {
  return lazy(() => load().then((module) => ({ default: module[name] })));
}

const HomePage = lazyPage(() => import("../features/pages/home-page"), "HomePage");
const LiveListPage = lazyPage(() => import("../features/live/live-list-page"), "LiveListPage");
const StreamPage = lazyPage(() => import("../features/live/stream-page"), "StreamPage");
const StudioPage = lazyPage(() => import("../features/live/studio-page"), "StudioPage");
const StudioRoomPage = lazyPage(() => import("../features/live/studio-room-page"), "StudioRoomPage");
const AdminGiftsPage = lazyPage(() => import("../features/live/admin-live-pages"), "AdminGiftsPage");
const AdminStreamsPage = lazyPage(() => import("../features/live/admin-live-pages"), "AdminStreamsPage");
const AboutPage = lazyPage(() => import("../features/pages/about-page"), "AboutPage");
const HelpPage = lazyPage(() => import("../features/pages/help-page"), "HelpPage");
const TermsPage = lazyPage(() => import("../features/pages/terms-page"), "TermsPage");
const PrivacyPage = lazyPage(() => import("../features/pages/privacy-page"), "PrivacyPage");
const DisclaimerPage = lazyPage(() => import("../features/pages/disclaimer-page"), "DisclaimerPage");
const NotFoundPage = lazyPage(() => import("../features/pages/not-found-page"), "NotFoundPage");
const SignUpPage = lazyPage(() => import("../features/auth/sign-up-page"), "SignUpPage");
const SignInPage = lazyPage(() => import("../features/auth/sign-in-page"), "SignInPage");
const VerifyEmailPage = lazyPage(() => import("../features/auth/verify-email-page"), "VerifyEmailPage");
const ForgotPasswordPage = lazyPage(
  () => import("../features/auth/forgot-password-page"),
  "ForgotPasswordPage",
);
const SandboxMailboxPage = lazyPage(
  () => import("../features/auth/sandbox-mailbox-page"),
  "SandboxMailboxPage",
);
const DeleteConfirmPage = lazyPage(
  () => import("../features/account/delete-confirm-page"),
  "DeleteConfirmPage",
);
const ResetPasswordPage = lazyPage(() => import("../features/auth/reset-password-page"), "ResetPasswordPage");
const AccountPage = lazyPage(() => import("../features/account/account-page"), "AccountPage");
const TwoFactorPage = lazyPage(() => import("../features/account/two-factor-page"), "TwoFactorPage");
const CompleteProfilePage = lazyPage(
  () => import("../features/account/complete-profile-page"),
  "CompleteProfilePage",
);
const WalletPage = lazyPage(() => import("../features/wallet/wallet-page"), "WalletPage");
const TopUpStatusPage = lazyPage(() => import("../features/wallet/top-up-status-page"), "TopUpStatusPage");
const SandboxCheckoutPage = lazyPage(
  () => import("../features/wallet/sandbox-checkout-page"),
  "SandboxCheckoutPage",
);
const StatementPage = lazyPage(() => import("../features/earnings/statement-page"), "StatementPage");
const SandboxSaveCardPage = lazyPage(
  () => import("../features/wallet/sandbox-save-card-page"),
  "SandboxSaveCardPage",
);
const SandboxAuthenticatePage = lazyPage(
  () => import("../features/wallet/sandbox-authenticate-page"),
  "SandboxAuthenticatePage",
);
const AdminFiguresPage = lazyPage(() => import("../features/admin/admin-figures-page"), "AdminFiguresPage");
const AdminUsersPage = lazyPage(() => import("../features/admin/admin-users-page"), "AdminUsersPage");
const AdminAuditLogPage = lazyPage(
  () => import("../features/admin/admin-audit-log-page"),
  "AdminAuditLogPage",
);
const AdminOutboxPage = lazyPage(() => import("../features/admin/admin-outbox-page"), "AdminOutboxPage");
const AdminMoneyPage = lazyPage(() => import("../features/admin/admin-money-page"), "AdminMoneyPage");
const AdminApplicationsPage = lazyPage(
  () => import("../features/admin/admin-applications-page"),
  "AdminApplicationsPage",
);
const AdminReadersPage = lazyPage(() => import("../features/admin/admin-readers-page"), "AdminReadersPage");
const AdminReportsPage = lazyPage(() => import("../features/admin/admin-reports-page"), "AdminReportsPage");
const AdminReportPage = lazyPage(() => import("../features/admin/admin-report-page"), "AdminReportPage");
const BrowseReadersPage = lazyPage(
  () => import("../features/browse/browse-readers-page"),
  "BrowseReadersPage",
);
const ReaderPage = lazyPage(() => import("../features/readers/reader-page"), "ReaderPage");
const ApplyPage = lazyPage(() => import("../features/reader-applications/apply-page"), "ApplyPage");
const ReaderDashboardPage = lazyPage(
  () => import("../features/readers/reader-dashboard-page"),
  "ReaderDashboardPage",
);
const EarningsPage = lazyPage(() => import("../features/earnings/earnings-page"), "EarningsPage");
const PayoutsPage = lazyPage(() => import("../features/payouts/payouts-page"), "PayoutsPage");
const SandboxConnectPage = lazyPage(
  () => import("../features/payouts/sandbox-connect-page"),
  "SandboxConnectPage",
);
const AdminPayoutsPage = lazyPage(() => import("../features/payouts/admin-payouts-page"), "AdminPayoutsPage");
const AdminDisputesPage = lazyPage(
  () => import("../features/disputes/admin-disputes-page"),
  "AdminDisputesPage",
);
const FavoritesPage = lazyPage(() => import("../features/readers/favorites-page"), "FavoritesPage");
const ReadingRoomPage = lazyPage(() => import("../features/readings/reading-room-page"), "ReadingRoomPage");
const AvailabilityPage = lazyPage(() => import("../features/bookings/availability-page"), "AvailabilityPage");
const MyBookingsPage = lazyPage(() => import("../features/bookings/bookings-page"), "MyBookingsPage");
const ReaderBookingsPage = lazyPage(() => import("../features/bookings/bookings-page"), "ReaderBookingsPage");
const MessagesPage = lazyPage(() => import("../features/messaging/messages-page"), "MessagesPage");
const ConversationPage = lazyPage(() => import("../features/messaging/messages-page"), "ConversationPage");

export const router = createBrowserRouter([
  {
    element: <Layout />,
    // The layout itself failed: the error stands alone.
    errorElement: <RouteError />,
    children: [
      {
        // A page failed (or its chunk did not load): the error shows inside the layout.
        errorElement: <RouteError />,
        children: [
          { path: "/", element: <HomePage /> },
          { path: "/about", element: <AboutPage /> },
          { path: "/help", element: <HelpPage /> },
          { path: "/terms", element: <TermsPage /> },
          { path: "/privacy", element: <PrivacyPage /> },
          { path: "/disclaimer", element: <DisclaimerPage /> },
          { path: "/sign-up", element: <SignUpPage /> },
          { path: "/sign-in", element: <SignInPage /> },
          { path: "/verify-email", element: <VerifyEmailPage /> },
          { path: "/forgot-password", element: <ForgotPasswordPage /> },
          { path: "/reset-password", element: <ResetPasswordPage /> },
          { path: "/mailbox", element: <SandboxMailboxPage /> },
          { path: "/account", element: <AccountPage /> },
          { path: "/account/delete/confirm", element: <DeleteConfirmPage /> },
          { path: "/account/two-factor", element: <TwoFactorPage /> },
          { path: "/complete-profile", element: <CompleteProfilePage /> },
          { path: "/wallet", element: <WalletPage /> },
          { path: "/wallet/top-ups/:topUpId", element: <TopUpStatusPage /> },
          { path: "/sandbox/checkout/:checkoutId", element: <SandboxCheckoutPage /> },
          { path: "/sandbox/save-card/:checkoutId", element: <SandboxSaveCardPage /> },
          { path: "/sandbox/authenticate/:topUpId", element: <SandboxAuthenticatePage /> },
          { path: "/admin", element: <Navigate to="/admin/figures" replace /> },
          { path: "/admin/figures", element: <AdminFiguresPage /> },
          { path: "/admin/users", element: <AdminUsersPage /> },
          { path: "/admin/audit-log", element: <AdminAuditLogPage /> },
          { path: "/admin/outbox", element: <AdminOutboxPage /> },
          { path: "/admin/money", element: <AdminMoneyPage /> },
          { path: "/admin/payouts", element: <AdminPayoutsPage /> },
          { path: "/admin/disputes", element: <AdminDisputesPage /> },
          { path: "/admin/applications", element: <AdminApplicationsPage /> },
          { path: "/admin/readers", element: <AdminReadersPage /> },
          { path: "/admin/reports", element: <AdminReportsPage /> },
          { path: "/admin/reports/:reportId", element: <AdminReportPage /> },
          { path: "/live", element: <LiveListPage /> },
          { path: "/live/:streamId", element: <StreamPage /> },
          { path: "/reader/streams", element: <StudioPage /> },
          { path: "/reader/streams/:streamId", element: <StudioRoomPage /> },
          { path: "/admin/gifts", element: <AdminGiftsPage /> },
          { path: "/admin/streams", element: <AdminStreamsPage /> },
          { path: "/readers", element: <BrowseReadersPage /> },
          { path: "/readers/:slug", element: <ReaderPage /> },
          { path: "/become-a-reader", element: <ApplyPage /> },
          { path: "/reader", element: <ReaderDashboardPage /> },
          { path: "/reader/earnings", element: <EarningsPage /> },
          { path: "/reader/earnings/statement", element: <StatementPage /> },
          { path: "/reader/payouts", element: <PayoutsPage /> },
          { path: "/sandbox/connect/:accountId", element: <SandboxConnectPage /> },
          { path: "/reader/availability", element: <AvailabilityPage /> },
          { path: "/reader/bookings", element: <ReaderBookingsPage /> },
          { path: "/bookings", element: <MyBookingsPage /> },
          { path: "/favorites", element: <FavoritesPage /> },
          { path: "/messages", element: <MessagesPage /> },
          { path: "/messages/:conversationId", element: <ConversationPage /> },
          { path: "/readings/:readingId", element: <ReadingRoomPage /> },
          { path: "*", element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);
