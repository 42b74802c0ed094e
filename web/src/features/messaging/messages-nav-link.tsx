import { NavLink } from "react-router";
import { useMessagingLive } from "./messaging-live";
import { sideOf, useUnreadTotal } from "./queries";

/**
 * The header's Messages link with the unread count, for clients and readers. Mounted once in the
 * header, it also keeps every messaging cache current from the live events.
 */
export function MessagesNavLink({ role }: { role: string }) {
  const enabled = role === "client" || role === "reader";
  const unread = useUnreadTotal(enabled);
  useMessagingLive(enabled ? sideOf(role) : null);
  if (!enabled) return null;
  const count = unread.data?.unreadTotal ?? 0;
  return (
    <NavLink
      to="/messages"
      title="Messages"
      aria-label={count > 0 ? `Messages, ${count} unread` : "Messages"}
      className={({ isActive }) =>
        `relative rounded-full px-2.5 py-2 transition hover:text-pink ${isActive ? "text-pink" : "text-white/85"}`
      }
    >
      <svg
        aria-hidden="true"
        viewBox="0 0 24 24"
        className="size-6"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.8"
      >
        <path
          d="M4 6.5A2.5 2.5 0 0 1 6.5 4h11A2.5 2.5 0 0 1 20 6.5v8a2.5 2.5 0 0 1-2.5 2.5H10l-4.5 3.5V17A2.5 2.5 0 0 1 4 14.5v-8Z"
          strokeLinejoin="round"
        />
        <path d="M8 9h8M8 12.5h5" strokeLinecap="round" />
      </svg>
      {count > 0 && (
        <span
          aria-hidden="true"
          className="absolute -right-0.5 -top-0.5 min-w-5 rounded-full bg-pink px-1.5 text-center text-xs font-bold text-night"
        >
          {count > 99 ? "99+" : count}
        </span>
      )}
    </NavLink>
  );
}
