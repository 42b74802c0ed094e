import {
  type InfiniteData,
  type QueryClient,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from "@tanstack/react-query";
import { api, unwrap } from "../../lib/api/client";
import type { QueryOf, ResponseOf } from "../../lib/api/types";
import { walletKeys } from "../wallet/queries";

export type Conversation = ResponseOf<"/api/v1/conversations/{conversationId}">["conversation"];
export type Message = ResponseOf<"/api/v1/conversations/{conversationId}/messages">["items"][number];
export type MessagePage = ResponseOf<"/api/v1/conversations/{conversationId}/messages">;
export type ConversationFilter = NonNullable<QueryOf<"/api/v1/conversations">["filter"]>;
export type ConversationListData = ResponseOf<"/api/v1/conversations">;
export type ReplyTemplate = ResponseOf<"/api/v1/reply-templates">["items"][number];
export type ClientHistory = ResponseOf<"/api/v1/conversations/{conversationId}/history">;
export type Side = Message["side"];
type Messages = InfiniteData<MessagePage, string | undefined>;

/** Messages per page (the server's default). */
const PAGE_SIZE = 50;

export const messagingKeys = {
  all: ["messaging"] as const,
  lists: () => [...messagingKeys.all, "list"] as const,
  list: (filter: ConversationFilter) => [...messagingKeys.lists(), filter] as const,
  unread: () => [...messagingKeys.all, "unread"] as const,
  detail: (conversationId: string) => [...messagingKeys.all, "detail", conversationId] as const,
  messages: (conversationId: string) => [...messagingKeys.all, "messages", conversationId] as const,
  history: (conversationId: string) => [...messagingKeys.all, "history", conversationId] as const,
  templates: () => [...messagingKeys.all, "templates"] as const,
};

/** The side of a conversation the signed-in user is on (readers answer, everyone else writes to them). */
export function sideOf(role: string | undefined): Side {
  return role === "reader" ? "reader" : "client";
}

/** Puts a message where it belongs in the loaded pages: replaced in place, or added to the latest page. */
export function upsertMessage(client: QueryClient, message: Message) {
  client.setQueryData<Messages>(messagingKeys.messages(message.conversationId), (current) => {
    if (!current) return current;
    let found = false;
    const pages = current.pages.map((page) => ({
      ...page,
      items: page.items.map((item) => {
        if (item.id !== message.id) return item;
        found = true;
        return message;
      }),
    }));
    const [latest, ...earlier] = pages;
    if (found || !latest) return { ...current, pages };
    const items = [...latest.items, message].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    return { ...current, pages: [{ ...latest, items }, ...earlier] };
  });
}

/** Changes one conversation wherever it is held: its own query and every loaded list. */
export function patchConversation(
  client: QueryClient,
  conversationId: string,
  patch: (conversation: Conversation) => Conversation,
) {
  client.setQueryData<Conversation>(messagingKeys.detail(conversationId), (current) =>
    current ? patch(current) : current,
  );
  client.setQueriesData<ConversationListData>({ queryKey: messagingKeys.lists() }, (current) =>
    current
      ? {
          ...current,
          items: current.items.map((item) => (item.id === conversationId ? patch(item) : item)),
        }
      : current,
  );
}

export function useConversations(filter: ConversationFilter) {
  return useQuery({
    queryKey: messagingKeys.list(filter),
    queryFn: () => unwrap(api.GET("/api/v1/conversations", { params: { query: { filter } } })),
  });
}

export function useUnreadTotal(enabled: boolean) {
  return useQuery({
    queryKey: messagingKeys.unread(),
    queryFn: () => unwrap(api.GET("/api/v1/conversations/unread")),
    enabled,
  });
}

/** One conversation; shown at once from a loaded list while it is fetched. */
export function useConversation(conversationId: string) {
  const client = useQueryClient();
  return useQuery({
    queryKey: messagingKeys.detail(conversationId),
    placeholderData: () => {
      for (const [, list] of client.getQueriesData<ConversationListData>({
        queryKey: messagingKeys.lists(),
      })) {
        const found = list?.items.find((item) => item.id === conversationId);
        if (found) return found;
      }
      return undefined;
    },
    queryFn: async () =>
      (
        await unwrap(
          api.GET("/api/v1/conversations/{conversationId}", { params: { path: { conversationId } } }),
        )
      ).conversation,
  });
}

/**
 * The conversation's messages, pages newest first (each page oldest first). Loading the latest
 * page marks the conversation read on the server, so it is cleared here at once too.
 */
export function useConversationMessages(conversationId: string) {
  const client = useQueryClient();
  return useInfiniteQuery({
    queryKey: messagingKeys.messages(conversationId),
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) => {
      const page = await unwrap(
        api.GET("/api/v1/conversations/{conversationId}/messages", {
          params: { path: { conversationId }, query: { before: pageParam, limit: PAGE_SIZE } },
        }),
      );
      if (!pageParam) {
        patchConversation(client, conversationId, (conversation) => ({ ...conversation, unread: 0 }));
        void client.invalidateQueries({ queryKey: messagingKeys.unread() });
      }
      return page;
    },
    getNextPageParam: (page) => (page.hasEarlier ? page.items[0]?.id : undefined),
  });
}

/** Opens (or finds) the conversation with a reader (a client) or a client they read for (a reader). */
export function useOpenConversation() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { readerUserId: string } | { clientUserId: string }) =>
      unwrap(api.POST("/api/v1/conversations", { body: input })),
    onSuccess: (data) => {
      client.setQueryData(messagingKeys.detail(data.conversation.id), data.conversation);
      void client.invalidateQueries({ queryKey: messagingKeys.lists() });
    },
  });
}

export interface SendInput {
  body: string;
  attachmentIds?: string[];
  paid?: { priceCents: number; preview?: string };
}

export function useSendMessage(conversationId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: SendInput) =>
      unwrap(
        api.POST("/api/v1/conversations/{conversationId}/messages", {
          params: { path: { conversationId } },
          body: input,
        }),
      ),
    onSuccess: ({ message }) => {
      upsertMessage(client, message);
      patchConversation(client, conversationId, (conversation) => ({
        ...conversation,
        lastMessage: message,
        lastMessageAt: message.createdAt,
        awaitingReply: false,
        archived: false,
      }));
      void client.invalidateQueries({ queryKey: messagingKeys.lists() });
    },
  });
}

/** The client pays for a paid reply: its text comes back at once, and the wallet is fetched again. */
export function useUnlockMessage() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (messageId: string) =>
      unwrap(api.POST("/api/v1/messages/{messageId}/unlock", { params: { path: { messageId } } })),
    onSuccess: ({ message }) => {
      upsertMessage(client, message);
      void client.invalidateQueries({ queryKey: walletKeys.all });
      void client.invalidateQueries({ queryKey: messagingKeys.lists() });
    },
  });
}

export function useWithdrawMessage() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (messageId: string) =>
      unwrap(api.POST("/api/v1/messages/{messageId}/withdraw", { params: { path: { messageId } } })),
    onSuccess: ({ message }) => {
      upsertMessage(client, message);
      void client.invalidateQueries({ queryKey: messagingKeys.lists() });
    },
  });
}

function useConversationChange(conversationId: string) {
  const client = useQueryClient();
  return (conversation: Conversation) => {
    client.setQueryData(messagingKeys.detail(conversationId), conversation);
    void client.invalidateQueries({ queryKey: messagingKeys.lists() });
  };
}

export function useSetBlocked(conversationId: string) {
  const changed = useConversationChange(conversationId);
  return useMutation({
    mutationFn: (blocked: boolean) =>
      unwrap(
        api.PUT("/api/v1/conversations/{conversationId}/block", {
          params: { path: { conversationId } },
          body: { blocked },
        }),
      ),
    onSuccess: (data) => changed(data.conversation),
  });
}

export function useSetArchived(conversationId: string) {
  const changed = useConversationChange(conversationId);
  return useMutation({
    mutationFn: (archived: boolean) =>
      unwrap(
        api.PUT("/api/v1/conversations/{conversationId}/archive", {
          params: { path: { conversationId } },
          body: { archived },
        }),
      ),
    onSuccess: (data) => changed(data.conversation),
  });
}

export function useReportConversation(conversationId: string) {
  return useMutation({
    mutationFn: (reason: string) =>
      unwrap(
        api.POST("/api/v1/conversations/{conversationId}/reports", {
          params: { path: { conversationId } },
          body: { reason },
        }),
      ),
  });
}

/** The reader's past readings with the client of the conversation, with the notes they left. */
export function useClientHistory(conversationId: string, enabled: boolean) {
  return useQuery({
    queryKey: messagingKeys.history(conversationId),
    queryFn: () =>
      unwrap(
        api.GET("/api/v1/conversations/{conversationId}/history", { params: { path: { conversationId } } }),
      ),
    enabled,
  });
}

export function useReplyTemplates(enabled: boolean) {
  return useQuery({
    queryKey: messagingKeys.templates(),
    queryFn: () => unwrap(api.GET("/api/v1/reply-templates")),
    enabled,
  });
}

/** Saves a new reply (no `id`) or changes one. */
export function useSaveTemplate() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: { id?: string; title: string; body: string }) =>
      id
        ? unwrap(
            api.PUT("/api/v1/reply-templates/{templateId}", { params: { path: { templateId: id } }, body }),
          )
        : unwrap(api.POST("/api/v1/reply-templates", { body })),
    onSuccess: () => client.invalidateQueries({ queryKey: messagingKeys.templates() }),
  });
}

export function useDeleteTemplate() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (templateId: string) =>
      unwrap(api.DELETE("/api/v1/reply-templates/{templateId}", { params: { path: { templateId } } })),
    onSuccess: () => client.invalidateQueries({ queryKey: messagingKeys.templates() }),
  });
}
