import { type UseMutationOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ApiError, api, unwrap } from "../../lib/api/client";
import { LiveUnavailableError, live, useLiveTopic } from "../../lib/live";
import { bookingKeys } from "../bookings/queries";
import { readerKeys } from "../readers/queries";
import { OPEN_STATES } from "./reading-format";

export type Modality = "chat" | "voice" | "video";
export type ChatMessage = Awaited<ReturnType<typeof fetchMessages>>["items"][number];
/** The chat as this page holds it: stored messages plus ones still being sent. */
export type Transcript = {
  items: ChatMessage[];
  complete: boolean;
  /** The client's messages whose words suggest self-harm (the server checks them again on load). */
  crisisMessageIds?: string[];
};

export const readingKeys = {
  all: ["readings"] as const,
  /** The signed-in user's latest readings (a reader's requests that rang before the page loaded). */
  mine: () => [...readingKeys.all, "mine"] as const,
  detail: (readingId: string) => [...readingKeys.all, "detail", readingId] as const,
  /** A sibling of `detail`, not under it: the reading's events must not reload its chat. */
  messages: (readingId: string) => [...readingKeys.all, "messages", readingId] as const,
};

async function fetchReading(readingId: string) {
  return (await unwrap(api.GET("/api/v1/readings/{readingId}", { params: { path: { readingId } } }))).reading;
}

/** One reading; `pollWhileOpen` refetches it every 10 s until it has ended (a net for a missed event). */
export function useReading(readingId: string, { pollWhileOpen = false }: { pollWhileOpen?: boolean } = {}) {
  return useQuery({
    queryKey: readingKeys.detail(readingId),
    queryFn: () => fetchReading(readingId),
    refetchInterval: (query) =>
      pollWhileOpen && query.state.data && OPEN_STATES.has(query.state.data.state) ? 10_000 : false,
  });
}

/** The reading, kept current by the user's live events about it (the reading room). */
export function useLiveReading(readingId: string) {
  const client = useQueryClient();
  const reading = useReading(readingId, { pollWhileOpen: true });
  useLiveTopic("user:me", (event) => {
    if (event.event !== "reading.state" && event.event !== "reading.requested") return;
    const next = event.data.reading;
    if (next.id !== readingId) return;
    client.setQueryData(readingKeys.detail(readingId), next);
    // A page load still in flight may answer with the state before this event: ask again, which
    // also cancels that older request.
    void client.invalidateQueries({ queryKey: readingKeys.detail(readingId) });
  });
  return reading;
}

/** The latest few readings of the signed-in user (`enabled` for readers only). */
export function useMyLatestReadings(enabled: boolean) {
  return useQuery({
    queryKey: readingKeys.mine(),
    queryFn: () => unwrap(api.GET("/api/v1/readings", { params: { query: { limit: 5 } } })),
    enabled,
  });
}

/**
 * A client asks a reader for a reading at the rate they were shown; the answer is the new reading
 * (ringing). If the reader changed the rate meanwhile, nothing starts (RATE_CHANGED) and the reader's
 * page is fetched again so the client sees the new rate before starting again.
 */
export function useStartReading(readerUserId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({
      modality,
      expectedRatePerUnitCents,
    }: {
      modality: Modality;
      expectedRatePerUnitCents: number;
    }) =>
      unwrap(api.POST("/api/v1/readings", { body: { readerUserId, modality, expectedRatePerUnitCents } })),
    onError: (error) => {
      if (error instanceof ApiError && error.code === "RATE_CHANGED")
        void queryClient.invalidateQueries({ queryKey: readerKeys.all });
      // The reader's page shows "Booked soon" from the booking options.
      if (error instanceof ApiError && error.code === "READER_BOOKED_SOON")
        void queryClient.invalidateQueries({ queryKey: bookingKeys.options(readerUserId) });
    },
  });
}

/** The reader accepts or declines a ringing request. */
export function useAnswerReading() {
  return useMutation({
    mutationFn: ({ id, accept }: { id: string; accept: boolean }) =>
      unwrap(
        api.POST(accept ? "/api/v1/readings/{readingId}/accept" : "/api/v1/readings/{readingId}/decline", {
          params: { path: { readingId: id } },
        }),
      ),
  });
}

/** Ends (or, while it rings, cancels) the reading. */
export function useEndReading(readingId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () =>
      unwrap(api.POST("/api/v1/readings/{readingId}/end", { params: { path: { readingId } } })),
    onSuccess: (data) => client.setQueryData(readingKeys.detail(readingId), data.reading),
  });
}

async function fetchMessages(readingId: string) {
  return unwrap(
    api.GET("/api/v1/readings/{readingId}/messages", {
      params: { path: { readingId }, query: { limit: 200 } },
    }),
  );
}

/** The reading's chat transcript. A live message may arrive while a load is in flight: kept (merged). */
export function useReadingMessages(readingId: string) {
  const client = useQueryClient();
  const key = readingKeys.messages(readingId);
  return useQuery({
    queryKey: key,
    queryFn: async (): Promise<Transcript> => {
      const fetched = await fetchMessages(readingId);
      const known = client.getQueryData<Transcript>(key)?.items ?? [];
      const ids = new Set(fetched.items.map((item) => item.id));
      const extra = known.filter((item) => !ids.has(item.id));
      const items = [...fetched.items, ...extra].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
      return { items, complete: fetched.complete, crisisMessageIds: fetched.crisisMessageIds };
    },
  });
}

type SendInput = { clientMessageId: string; body: string };

/** A message the server refuses for load (RETRY_LATER) is sent again this many times, as it says when. */
const SHED_RETRIES = 6;

/**
 * Sends a message; while the server sheds load (RETRY_LATER) it is sent again after the
 * retry-after the server gives (the message stays "sending…"), until the retries run out.
 */
async function sendMessage(readingId: string, input: SendInput) {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await sendOnce(readingId, input);
    } catch (error) {
      const retryAfterMs =
        error instanceof ApiError && error.code === "RETRY_LATER" ? error.retryAfterMs : undefined;
      if (retryAfterMs === undefined || attempt >= SHED_RETRIES) throw error;
      await new Promise((resume) => setTimeout(resume, retryAfterMs));
    }
  }
}

/** Sends on the open live socket; over HTTP when the socket cannot (a resend there is a no-op). */
async function sendOnce(readingId: string, input: SendInput) {
  try {
    return await live.sendChat(readingId, input);
  } catch (error) {
    if (!(error instanceof LiveUnavailableError)) throw error;
  }
  const sent = await unwrap(
    api.POST("/api/v1/readings/{readingId}/messages", { params: { path: { readingId } }, body: input }),
  );
  return sent.message;
}

/** Sends a chat message; the callbacks keep the transcript on screen in step (shown at once, retried). */
export function useSendMessage(
  readingId: string,
  callbacks: Pick<
    UseMutationOptions<Awaited<ReturnType<typeof sendMessage>>, Error, SendInput>,
    "onMutate" | "onSuccess" | "onError"
  >,
) {
  return useMutation({ mutationFn: (input: SendInput) => sendMessage(readingId, input), ...callbacks });
}

/** The other side's messages up to `messageId` are on screen: on the socket, else over HTTP. */
export function useConfirmDelivered(readingId: string) {
  return useMutation({
    mutationFn: async (messageId: string) => {
      if (live.sendChatDelivered(readingId, messageId)) return;
      await unwrap(
        api.POST("/api/v1/readings/{readingId}/messages/delivered", {
          params: { path: { readingId } },
          body: { messageId },
        }),
      );
    },
  });
}

/** A token for the caller's side of the reading's Agora call: channel, uid, and when it expires. */
export function fetchMediaToken(readingId: string) {
  return unwrap(api.POST("/api/v1/readings/{readingId}/media-token", { params: { path: { readingId } } }));
}
