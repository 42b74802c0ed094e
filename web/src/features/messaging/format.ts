import { formatCents } from "../../lib/api/client";
import type { Conversation, Message, Side } from "./queries";

const DAY_MS = 24 * 60 * 60 * 1000;

function startOfDay(date: Date) {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate()).getTime();
}

/** When, for a list row: the time today, the weekday this week, else the date. */
export function shortWhen(iso: string, now = new Date()): string {
  const date = new Date(iso);
  const days = Math.round((startOfDay(now) - startOfDay(date)) / DAY_MS);
  if (days <= 0) return date.toLocaleTimeString(undefined, { hour: "numeric", minute: "2-digit" });
  if (days === 1) return "Yesterday";
  if (days < 7) return date.toLocaleDateString(undefined, { weekday: "short" });
  return date.toLocaleDateString(undefined, {
    month: "short",
    day: "numeric",
    ...(date.getFullYear() === now.getFullYear() ? {} : { year: "numeric" }),
  });
}

export function timeOf(iso: string): string {
  return new Date(iso).toLocaleTimeString(undefined, { hour: "numeric", minute: "2-digit" });
}

export function fullWhen(iso: string): string {
  return new Date(iso).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
}

/** A day's heading between messages: Today, Yesterday, or the date. */
export function dayLabel(iso: string, now = new Date()): string {
  const date = new Date(iso);
  const days = Math.round((startOfDay(now) - startOfDay(date)) / DAY_MS);
  if (days <= 0) return "Today";
  if (days === 1) return "Yesterday";
  return date.toLocaleDateString(undefined, {
    weekday: "long",
    month: "long",
    day: "numeric",
    ...(date.getFullYear() === now.getFullYear() ? {} : { year: "numeric" }),
  });
}

export function sameDay(a: string, b: string): boolean {
  return startOfDay(new Date(a)) === startOfDay(new Date(b));
}

/** What a conversation row says about its latest message (never a locked reply's text). */
export function lastMessageSummary(conversation: Conversation, mySide: Side): string {
  const message = conversation.lastMessage;
  if (!message) return "No messages yet";
  const prefix = message.side === mySide ? "You: " : "";
  return `${prefix}${messageSummary(message)}`;
}

export function messageSummary(message: Message): string {
  const price = message.priceCents === null ? "" : formatCents(message.priceCents);
  if (message.withdrawnAt) return "Paid reply withdrawn";
  if (message.locked && message.body === null) return `Paid reply · ${price}`;
  if (!message.body && message.attachments.length > 0)
    return message.attachments.length === 1 ? "An image" : `${message.attachments.length} images`;
  return message.body ?? "";
}

/** Dollars typed by a reader ("1", "2.5", "$3.00") as cents, or null when it is not an amount. */
export function dollarsToCents(text: string): number | null {
  const match = /^\s*\$?\s*(\d{1,4})(?:\.(\d{0,2}))?\s*$/.exec(text);
  if (!match) return null;
  const whole = Number(match[1]);
  const fraction = Number((match[2] ?? "").padEnd(2, "0"));
  return whole * 100 + fraction;
}

/** A reading's length from its billed time: "12 min", "1 h 05 min", "45 s". */
export function formatLength(billedMs: number): string {
  const seconds = Math.floor(billedMs / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, "0")} min`;
}

export function initialsOf(name: string): string {
  const letters = name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((word) => word[0]?.toUpperCase() ?? "");
  return letters.join("") || "?";
}

/** The last item that passes `test` (Array.prototype.findLast is ES2023). */
export function lastWhere<Item>(items: readonly Item[], test: (item: Item) => boolean): Item | undefined {
  for (let index = items.length - 1; index >= 0; index -= 1) {
    const item = items[index];
    if (item !== undefined && test(item)) return item;
  }
  return undefined;
}
