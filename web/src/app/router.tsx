import { createBrowserRouter } from "react-router";
import { AccountPage } from "../features/account/account-page";
import { AdminApplicationsPage } from "../features/admin/admin-applications";
import { AdminMoneyPage } from "../features/admin/admin-money";
import { AdminAuditLogPage, AdminOutboxPage, AdminUsersPage } from "../features/admin/admin-pages";
import { AdminReadersPage } from "../features/admin/admin-readers";
import {
  ForgotPasswordPage,
  ResetPasswordPage,
  SignInPage,
  SignUpPage,
  VerifyEmailPage,
} from "../features/auth/auth-pages";
import {
  AboutPage,
  DisclaimerPage,
  HelpPage,
  NotFoundPage,
  PrivacyPage,
  TermsPage,
} from "../features/pages/content";
import { HomePage } from "../features/pages/home";
import { FavoritesPage } from "../features/readers/favorites";
import { ReaderDashboardPage } from "../features/readers/reader-dashboard";
import { ApplyPage, BrowseReadersPage, ReaderPage } from "../features/readers/readers-pages";
import { EarningsPage } from "../features/readings/earnings-page";
import { ReadingRoomPage } from "../features/readings/reading-room";
import { SandboxCheckoutPage, TopUpStatusPage, WalletPage } from "../features/wallet/wallet-pages";
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
