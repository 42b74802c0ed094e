import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useId, useState } from "react";
import { createPortal } from "react-dom";
import { Link, useLocation } from "react-router";
import { Spinner } from "../../components/ui";
import { friendlyMessage } from "../../lib/api/client";
import { useLiveTopic } from "../../lib/live";
import { notificationKeys, useLatestNotifications, useMarkAllRead } from "./queries";

const TOAST_MS = 8_000;

interface Toast {
  id: string;
  title: string;
  body: string;
  link: string | null;
}

/** The bell in the header: unread count, the latest notifications, and a toast for each new one. */
export function NotificationBell() {
  const client = useQueryClient();
  const panelId = useId();
  const [open, setOpen] = useState(false);
  const [toasts, setToasts] = useState<Toast[]>([]);
  const notifications = useLatestNotifications();
  const markAll = useMarkAllRead();
  const { pathname } = useLocation();
  useLiveTopic("user:me", (event) => {
    // No toast for what the page already shows (a message in the open conversation).
    if (event.event === "notification" && event.data.notification.link !== pathname) {
      const { notification } = event.data;
      setToasts((current) => [...current.slice(-2), notification]);
      setTimeout(() => setToasts((current) => current.filter((t) => t.id !== notification.id)), TOAST_MS);
    }
    // Read somewhere (this tab opened the conversation, or another device): its toasts go too.
    if (event.event === "notifications.read") setToasts([]);
    if (event.event === "notification" || event.event === "notifications.read") {
      void client.invalidateQueries({ queryKey: notificationKeys.all });
    }
  });
  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => event.key === "Escape" && setOpen(false);
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [open]);

  const unread = notifications.data?.unreadCount ?? 0;
  return (
    <div className="relative">
      <button
        type="button"
        className="relative rounded-full px-3 py-2 text-white/85 hover:text-pink"
        aria-expanded={open}
        aria-controls={panelId}
        aria-label={unread > 0 ? `Notifications, ${unread} unread` : "Notifications"}
        onClick={() => setOpen(!open)}
      >
        <svg
          aria-hidden="true"
          viewBox="0 0 24 24"
          className="size-6"
          fill="none"
          stroke="currentColor"
          strokeWidth="1.8"
        >
          <path d="M6 16V11a6 6 0 1 1 12 0v5l1.5 2h-15L6 16Z" strokeLinejoin="round" />
          <path d="M10 20.5a2 2 0 0 0 4 0" strokeLinecap="round" />
        </svg>
        {unread > 0 && (
          <span
            aria-hidden="true"
            className="absolute -right-0.5 -top-0.5 min-w-5 rounded-full bg-pink px-1.5 text-center text-xs font-bold text-night"
          >
            {unread > 99 ? "99+" : unread}
          </span>
        )}
      </button>
      {open && (
        <section
          id={panelId}
          aria-label="Notifications"
          className="fixed inset-x-4 top-16 z-30 rounded-2xl border border-pink/30 bg-[#140c1c] p-4 shadow-2xl shadow-black sm:absolute sm:inset-x-auto sm:right-0 sm:top-12 sm:w-[22rem]"
        >
          <div className="mb-2 flex items-center justify-between gap-2">
            <h2 className="font-heading text-3xl text-gold">Notifications</h2>
            {unread > 0 && (
              <button
                type="button"
                className="text-sm text-pink hover:underline"
                onClick={() => markAll.mutate()}
                disabled={markAll.isPending}
              >
                Mark all read
              </button>
            )}
          </div>
          {notifications.isLoading && <Spinner label="Loading notifications" />}
          {notifications.error && <p role="alert">{friendlyMessage(notifications.error)}</p>}
          {notifications.isSuccess && notifications.data.items.length === 0 && (
            <p className="py-4 text-center text-sm text-white/60">Nothing yet. We will tell you here.</p>
          )}
          <ul className="max-h-80 divide-y divide-white/10 overflow-y-auto">
            {notifications.data?.items.map((item) => (
              <li key={item.id} className="py-2 text-sm">
                <p className={item.readAt ? "text-white/70" : "font-semibold text-white"}>
                  {!item.readAt && <span className="sr-only">Unread: </span>}
                  {item.link ? (
                    <Link to={item.link} className="hover:text-pink" onClick={() => setOpen(false)}>
                      {item.title}
                    </Link>
                  ) : (
                    item.title
                  )}
                </p>
                <p className="text-white/60">{item.body}</p>
                <p className="text-xs text-white/40">{new Date(item.createdAt).toLocaleString()}</p>
              </li>
            ))}
          </ul>
        </section>
      )}
      {/* On the page's body: inside the header (backdrop-blur) `fixed` would place them on the header. */}
      {createPortal(
        <div
          aria-live="polite"
          className="fixed bottom-4 right-4 z-40 flex w-[min(22rem,calc(100vw-2rem))] flex-col gap-2"
        >
          {toasts.map((toast) => (
            <div
              key={toast.id}
              role="status"
              className="card border-pink/60 p-4 shadow-[0_0_24px_-6px_#ff69b4]"
            >
              <p className="font-semibold text-pink">
                {toast.link ? (
                  <Link to={toast.link} className="hover:underline">
                    {toast.title}
                  </Link>
                ) : (
                  toast.title
                )}
              </p>
              <p className="text-sm text-white/75">{toast.body}</p>
            </div>
          ))}
        </div>,
        document.body,
      )}
    </div>
  );
}
