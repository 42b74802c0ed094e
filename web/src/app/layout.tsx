import { Suspense, useEffect, useState } from "react";
import { Link, NavLink, Outlet, ScrollRestoration, useLocation } from "react-router";
import { SuspensionBanner } from "../features/account/suspension-banner";
import { useSignOut } from "../features/auth/queries";
import { MessagesNavLink } from "../features/messaging/messages-nav-link";
import { NotificationBell } from "../features/notifications/notification-bell";
import { IncomingRequests } from "../features/readings/incoming-request";
import { useMe } from "../lib/session";
import { LiveSession } from "./live-session";
import { PageLoading } from "./page-loading";
import { SandboxRibbon } from "./sandbox-ribbon";

function navClass({ isActive }: { isActive: boolean }) {
  return `rounded-full px-2.5 py-2 transition hover:text-pink ${isActive ? "text-pink" : "text-white/85"}`;
}

function SignOutButton({ className = "" }: { className?: string }) {
  const signOut = useSignOut();
  return (
    <button
      type="button"
      className={`rounded-full px-3 py-2 text-white/85 hover:text-pink ${className}`}
      onClick={() => signOut.mutate()}
    >
      Sign out
    </button>
  );
}

function NavLinks({ onNavigate }: { onNavigate?: () => void }) {
  const { data: me } = useMe();
  return (
    <>
      <NavLink to="/" end className={navClass} onClick={onNavigate}>
        Home
      </NavLink>
      <NavLink to="/readers" className={navClass} onClick={onNavigate}>
        Readers
      </NavLink>
      <NavLink to="/live" end className={navClass} onClick={onNavigate}>
        Live
      </NavLink>
      <NavLink to="/about" className={navClass} onClick={onNavigate}>
        About
      </NavLink>
      <NavLink to="/help" className={navClass} onClick={onNavigate}>
        Help
      </NavLink>
      {me && (
        <>
          <NavLink to="/wallet" className={navClass} onClick={onNavigate}>
            Wallet
          </NavLink>
          <NavLink to="/account" className={navClass} onClick={onNavigate}>
            Account
          </NavLink>
        </>
      )}
      {me?.role === "reader" && (
        <>
          <NavLink to="/reader" end className={navClass} onClick={onNavigate}>
            Dashboard
          </NavLink>
          <NavLink to="/reader/bookings" className={navClass} onClick={onNavigate}>
            Bookings
          </NavLink>
          <NavLink to="/reader/availability" className={navClass} onClick={onNavigate}>
            Availability
          </NavLink>
          <NavLink to="/reader/earnings" className={navClass} onClick={onNavigate}>
            Earnings
          </NavLink>
        </>
      )}
      {me?.role === "client" && (
        <>
          <NavLink to="/bookings" className={navClass} onClick={onNavigate}>
            Bookings
          </NavLink>
          <NavLink to="/favorites" className={navClass} onClick={onNavigate}>
            Favorites
          </NavLink>
          <NavLink to="/become-a-reader" className={navClass} onClick={onNavigate}>
            Become a reader
          </NavLink>
        </>
      )}
      {me?.role === "admin" && (
        <NavLink to="/admin" className={navClass} onClick={onNavigate}>
          Admin
        </NavLink>
      )}
      {me ? (
        <SignOutButton />
      ) : (
        <>
          <NavLink to="/sign-in" className={navClass} onClick={onNavigate}>
            Sign in
          </NavLink>
          <Link
            to="/sign-up"
            onClick={onNavigate}
            className="rounded-full bg-pink px-4 py-2 font-semibold text-night hover:bg-pink-soft"
          >
            Sign up
          </Link>
        </>
      )}
    </>
  );
}

export function Layout() {
  const location = useLocation();
  const { data: me } = useMe();
  // The phone menu stays open only on the page it was opened on.
  const [openOn, setOpenOn] = useState<string | null>(null);
  const open = openOn === location.pathname;
  const setOpen = (value: boolean) => setOpenOn(value ? location.pathname : null);
  useEffect(() => {
    if (openOn === null) return;
    const onKey = (event: KeyboardEvent) => event.key === "Escape" && setOpenOn(null);
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [openOn]);

  return (
    <div className="flex min-h-screen flex-col">
      {/* A new page opens at its top (back and forward return to where you were). */}
      <ScrollRestoration />
      <LiveSession />
      <IncomingRequests />
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-4 focus:top-4 focus:rounded focus:bg-gold focus:px-3 focus:py-2 focus:text-night"
      >
        Skip to content
      </a>
      <SandboxRibbon />
      <header
        data-print="hide"
        className="sticky top-0 z-20 border-b border-pink/20 bg-night/85 backdrop-blur"
      >
        <div className="mx-auto flex max-w-6xl items-center justify-between px-4 py-3">
          <Link
            to="/"
            className="font-heading text-4xl text-pink drop-shadow-[0_0_12px_#ff69b466]"
            aria-label="SoulSeer home"
          >
            SoulSeer
          </Link>
          <div className="flex items-center gap-1">
            <nav aria-label="Main" className="hidden items-center gap-1 xl:flex">
              <NavLinks />
            </nav>
            {me && <MessagesNavLink role={me.role} />}
            {me && <NotificationBell />}
            <button
              type="button"
              className="rounded-full border border-pink/40 px-4 py-2 text-pink xl:hidden"
              aria-expanded={open}
              aria-controls="mobile-menu"
              aria-label="Menu"
              onClick={() => setOpen(!open)}
            >
              {open ? "Close" : "Menu"}
            </button>
          </div>
        </div>
        {open && (
          <nav
            id="mobile-menu"
            aria-label="Main"
            className="flex flex-col gap-1 border-t border-pink/20 px-4 py-3 xl:hidden"
          >
            <NavLinks onNavigate={() => setOpen(false)} />
          </nav>
        )}
      </header>
      <SuspensionBanner />
      <main id="main" className="mx-auto w-full max-w-6xl flex-1 px-4 py-8 sm:py-12">
        {/* Each page is its own chunk, loaded on first visit. */}
        <Suspense fallback={<PageLoading />}>
          <Outlet />
        </Suspense>
      </main>
      <footer data-print="hide" className="border-t border-pink/20 bg-night/80">
        <div className="mx-auto flex max-w-6xl flex-col gap-4 px-4 py-8 text-sm text-white/70 sm:flex-row sm:items-center sm:justify-between">
          <p>
            <span className="font-heading text-2xl text-gold">SoulSeer</span> · For entertainment purposes
            only · 18+
          </p>
          <nav aria-label="Footer" className="flex flex-wrap gap-x-4 gap-y-2">
            <Link to="/about" className="hover:text-pink">
              About
            </Link>
            <Link to="/help" className="hover:text-pink">
              Help center
            </Link>
            <Link to="/terms" className="hover:text-pink">
              Terms
            </Link>
            <Link to="/privacy" className="hover:text-pink">
              Privacy
            </Link>
            <Link to="/disclaimer" className="hover:text-pink">
              Disclaimer
            </Link>
          </nav>
        </div>
      </footer>
    </div>
  );
}
