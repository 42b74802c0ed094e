import { createBrowserRouter } from "react-router";
import { AccountPage } from "../features/account/account-page";
import { AdminApplicationsPage } from "../features/admin/admin-applications-page";
import { AdminAuditLogPage } from "../features/admin/admin-audit-log-page";
import { AdminMoneyPage } from "../features/admin/admin-money-page";
import { AdminOutboxPage } from "../features/admin/admin-outbox-page";
import { AdminReadersPage } from "../features/admin/admin-readers-page";
import { AdminUsersPage } from "../features/admin/admin-users-page";
import { ForgotPasswordPage } from "../features/auth/forgot-password-page";
import { ResetPasswordPage } from "../features/auth/reset-password-page";
import { SignInPage } from "../features/auth/sign-in-page";
import { SignUpPage } from "../features/auth/sign-up-page";
import { VerifyEmailPage } from "../features/auth/verify-email-page";
import { BrowseReadersPage } from "../features/browse/browse-readers-page";
import { EarningsPage } from "../features/earnings/earnings-page";
import { AboutPage } from "../features/pages/about-page";
import { DisclaimerPage } from "../features/pages/disclaimer-page";
import { HelpPage } from "../features/pages/help-page";
import { HomePage } from "../features/pages/home-page";
import { NotFoundPage } from "../features/pages/not-found-page";
import { PrivacyPage } from "../features/pages/privacy-page";
import { TermsPage } from "../features/pages/terms-page";
import { ApplyPage } from "../features/reader-applications/apply-page";
import { FavoritesPage } from "../features/readers/favorites-page";
import { ReaderDashboardPage } from "../features/readers/reader-dashboard-page";
import { ReaderPage } from "../features/readers/reader-page";
import { ReadingRoomPage } from "../features/readings/reading-room-page";
import { SandboxCheckoutPage } from "../features/wallet/sandbox-checkout-page";
import { TopUpStatusPage } from "../features/wallet/top-up-status-page";
import { WalletPage } from "../features/wallet/wallet-page";
import { Layout } from "./layout";

export const router = createBrowserRouter([
  {
    element: <Layout />,
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
      { path: "/account", element: <AccountPage /> },
      { path: "/wallet", element: <WalletPage /> },
      { path: "/wallet/top-ups/:topUpId", element: <TopUpStatusPage /> },
      { path: "/sandbox/checkout/:checkoutId", element: <SandboxCheckoutPage /> },
      { path: "/admin/users", element: <AdminUsersPage /> },
      { path: "/admin/audit-log", element: <AdminAuditLogPage /> },
      { path: "/admin/outbox", element: <AdminOutboxPage /> },
      { path: "/admin/money", element: <AdminMoneyPage /> },
      { path: "/admin/applications", element: <AdminApplicationsPage /> },
      { path: "/admin/readers", element: <AdminReadersPage /> },
      { path: "/readers", element: <BrowseReadersPage /> },
      { path: "/readers/:slug", element: <ReaderPage /> },
      { path: "/become-a-reader", element: <ApplyPage /> },
      { path: "/reader", element: <ReaderDashboardPage /> },
      { path: "/reader/earnings", element: <EarningsPage /> },
      { path: "/favorites", element: <FavoritesPage /> },
      { path: "/readings/:readingId", element: <ReadingRoomPage /> },
      { path: "*", element: <NotFoundPage /> },
    ],
  },
]);
