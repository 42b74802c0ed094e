import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ApiError, api, unwrap } from "../../lib/api/client";
import type { BodyOf, ResponseOf } from "../../lib/api/types";
import { useLiveTopic } from "../../lib/live";
import { useMe } from "../../lib/session";
import { walletKeys } from "../wallet/queries";

export type Availability = ResponseOf<"/api/v1/readers/me/availability">["availability"];
export type AvailabilityEnvelope = ResponseOf<"/api/v1/readers/me/availability">;
export type BookingOptions = ResponseOf<"/api/v1/readers/{readerUserId}/booking-options">;
export type Booking = ResponseOf<"/api/v1/bookings">["items"][number];
export type BookingScope = "upcoming" | "past";
export type BookingModality = Booking["modality"];
export type LengthMinutes = BodyOf<"/api/v1/bookings", "post">["lengthMinutes"];
export type BookingRole = "client" | "reader";

export const LENGTHS: readonly LengthMinutes[] = [15, 30, 45, 60];
export const MODALITIES: readonly BookingModality[] = ["chat", "voice", "video"];

export function isLength(value: number): value is LengthMinutes {
  return (LENGTHS as readonly number[]).includes(value);
}

export const bookingKeys = {
  all: ["bookings"] as const,
  availability: () => [...bookingKeys.all, "availability"] as const,
  options: (readerUserId: string) => [...bookingKeys.all, "options", readerUserId] as const,
  /** Every slot list of a reader (refetched together when a slot turns out taken). */
  slotsOf: (readerUserId: string) => [...bookingKeys.all, "slots", readerUserId] as const,
  slots: (readerUserId: string, window: SlotWindow) =>
    [
      ...bookingKeys.slotsOf(readerUserId),
      window.modality,
      window.lengthMinutes,
      window.from,
      window.to,
    ] as const,
  lists: () => [...bookingKeys.all, "list"] as const,
  list: (role: BookingRole, scope: BookingScope) => [...bookingKeys.lists(), role, scope] as const,
  quote: (bookingId: string) => [...bookingKeys.all, "quote", bookingId] as const,
};

/** The signed-in reader's hours and rules (the defaults until saved) and their scheduled rate. */
export function useMyAvailability() {
  return useQuery({
    queryKey: bookingKeys.availability(),
    queryFn: () => unwrap(api.GET("/api/v1/readers/me/availability")),
  });
}

export function useSaveAvailability() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (availability: Availability) =>
      unwrap(api.PUT("/api/v1/readers/me/availability", { body: availability })),
    onSuccess: (data) => {
      client.setQueryData(bookingKeys.availability(), data);
      // The preview of next week's slots reads the saved hours.
      void client.invalidateQueries({ queryKey: [...bookingKeys.all, "slots"] });
    },
  });
}

/** What a client may book with a reader (public). */
export function useBookingOptions(readerUserId: string, { enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: bookingKeys.options(readerUserId),
    queryFn: () =>
      unwrap(
        api.GET("/api/v1/readers/{readerUserId}/booking-options", { params: { path: { readerUserId } } }),
      ),
    enabled,
    // "Booked soon" changes with the clock: look again now and then.
    refetchInterval: 60_000,
  });
}

export interface SlotWindow {
  modality: BookingModality;
  lengthMinutes: number;
  /** ISO instants; at most 62 days apart. */
  from: string;
  to: string;
}

/** A reader's open slots in a window (public); `null` asks for nothing yet. */
export function useSlots(readerUserId: string, window: SlotWindow | null) {
  return useQuery({
    queryKey: window ? bookingKeys.slots(readerUserId, window) : bookingKeys.slotsOf(readerUserId),
    queryFn: () => fetchSlots(readerUserId, window as SlotWindow),
    enabled: window !== null,
    staleTime: 30_000,
  });
}

/** A reader's open slots in a window, as ISO instants (ascending), and the price. */
export interface SlotList {
  from: string;
  to: string;
  priceCents: number;
  slots: string[];
}

async function fetchSlots(readerUserId: string, window: SlotWindow): Promise<SlotList> {
  const { modality, lengthMinutes, from, to } = window;
  const list = await unwrap(
    api.GET("/api/v1/readers/{readerUserId}/slots", {
      params: { path: { readerUserId }, query: { modality, lengthMinutes, from, to } },
    }),
  );
  // The API sends each start as whole minutes after `baseAt` (a month is about a thousand slots).
  const baseMs = Date.parse(list.baseAt);
  return {
    from: list.from,
    to: list.to,
    priceCents: list.priceCents,
    slots: list.startMinutes.map((minutes) => new Date(baseMs + minutes * 60_000).toISOString()),
  };
}

/** Codes after which the slots on screen are out of date. */
const STALE_SLOT_CODES = new Set(["SLOT_TAKEN", "SLOT_UNAVAILABLE", "PRICE_CHANGED", "CONFLICT"]);

function useRefreshAfterBookingError(readerUserId: string) {
  const client = useQueryClient();
  return (error: Error) => {
    if (error instanceof ApiError && STALE_SLOT_CODES.has(error.code)) {
      void client.invalidateQueries({ queryKey: bookingKeys.slotsOf(readerUserId) });
      void client.invalidateQueries({ queryKey: bookingKeys.options(readerUserId) });
    }
  };
}

export type CreateBookingInput = BodyOf<"/api/v1/bookings", "post">;

/** Books a slot: the full price is held from the wallet. */
export function useBook(readerUserId: string) {
  const client = useQueryClient();
  const refresh = useRefreshAfterBookingError(readerUserId);
  return useMutation({
    mutationFn: (input: Omit<CreateBookingInput, "readerUserId">) =>
      unwrap(api.POST("/api/v1/bookings", { body: { ...input, readerUserId } })),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: walletKeys.all });
      void client.invalidateQueries({ queryKey: bookingKeys.lists() });
      void client.invalidateQueries({ queryKey: bookingKeys.slotsOf(readerUserId) });
    },
    onError: refresh,
  });
}

/**
 * The signed-in user's bookings as a client or a reader, kept current: booking notifications
 * (booked, moved, cancelled, reminders, settled) refetch them, and so does a minute passing.
 */
export function useBookings(role: BookingRole, scope: BookingScope) {
  const client = useQueryClient();
  const { data: me } = useMe();
  useLiveTopic(me ? "user:me" : null, (event) => {
    if (event.event === "notification" && event.data.notification.kind.startsWith("booking"))
      void client.invalidateQueries({ queryKey: bookingKeys.lists() });
  });
  return useQuery({
    queryKey: bookingKeys.list(role, scope),
    queryFn: async () =>
      role === "client"
        ? unwrap(api.GET("/api/v1/bookings", { params: { query: { scope } } }))
        : unwrap(api.GET("/api/v1/readers/me/bookings", { params: { query: { scope } } })),
    refetchInterval: 60_000,
  });
}

/** What cancelling now would give back (asked when the cancel dialog opens). */
export function useCancellationQuote(bookingId: string) {
  return useQuery({
    queryKey: bookingKeys.quote(bookingId),
    queryFn: () =>
      unwrap(api.GET("/api/v1/bookings/{bookingId}/cancellation", { params: { path: { bookingId } } })),
    staleTime: 0,
    gcTime: 0,
  });
}

function useAfterBookingChange() {
  const client = useQueryClient();
  return () => {
    void client.invalidateQueries({ queryKey: bookingKeys.lists() });
    void client.invalidateQueries({ queryKey: walletKeys.all });
  };
}

export function useCancelBooking(bookingId: string) {
  const changed = useAfterBookingChange();
  return useMutation({
    mutationFn: (reason: string) =>
      unwrap(
        api.POST("/api/v1/bookings/{bookingId}/cancel", {
          params: { path: { bookingId } },
          body: reason.trim() ? { reason: reason.trim() } : {},
        }),
      ),
    onSuccess: changed,
  });
}

export function useRescheduleBooking(bookingId: string, readerUserId: string) {
  const changed = useAfterBookingChange();
  const refresh = useRefreshAfterBookingError(readerUserId);
  return useMutation({
    mutationFn: (startsAt: string) =>
      unwrap(
        api.POST("/api/v1/bookings/{bookingId}/reschedule", {
          params: { path: { bookingId } },
          body: { startsAt },
        }),
      ),
    onSuccess: changed,
    onError: refresh,
  });
}

/** Opens the booked reading's room (from 5 minutes before the start); answers its reading id. */
export function useJoinBooking(bookingId: string) {
  return useMutation({
    mutationFn: () =>
      unwrap(api.POST("/api/v1/bookings/{bookingId}/join", { params: { path: { bookingId } } })),
  });
}
