import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../lib/api/client";
import type { BodyOf, ResponseOf } from "../../lib/api/types";

export type Role = "client" | "reader" | "admin";
export type AccountStatus = "active" | "suspended" | "banned";
export type AccountAction = "suspend" | "ban" | "restore";
export type AdminReader = ResponseOf<"/api/v1/admin/readers">["items"][number];
export type CreateReaderBody = BodyOf<"/api/v1/admin/readers", "post">;
export type UpdateReaderBody = BodyOf<"/api/v1/admin/readers/{userId}", "patch">;
export type UserFilters = { search: string; role: Role | ""; status: AccountStatus | "" };
export type AuditFilters = Partial<
  Record<"action" | "actorUserId" | "objectType" | "objectId" | "from" | "to", string>
>;
export type ReaderFilters = { q?: string };
export type ReportStatus = "open" | "resolved";
export type ConversationReport = ResponseOf<"/api/v1/admin/conversation-reports">["items"][number];
export type ReportedMessage = ResponseOf<"/api/v1/admin/conversation-reports/{reportId}">["messages"][number];

const PAGE_SIZE = 25;

export const adminKeys = {
  all: ["admin"] as const,
  users: () => [...adminKeys.all, "users"] as const,
  userList: (filters: UserFilters) => [...adminKeys.users(), filters] as const,
  auditLog: (filters: AuditFilters) => [...adminKeys.all, "audit-log", filters] as const,
  outbox: () => [...adminKeys.all, "outbox"] as const,
  ledgerCheck: () => [...adminKeys.all, "ledger-check"] as const,
  wallet: (userId: string) => [...adminKeys.all, "wallet", userId] as const,
  readers: () => [...adminKeys.all, "readers"] as const,
  readerList: (filters: ReaderFilters) => [...adminKeys.readers(), filters] as const,
  reports: () => [...adminKeys.all, "reports"] as const,
  reportList: (status: ReportStatus) => [...adminKeys.reports(), "list", status] as const,
  reportedConversation: (reportId: string) => [...adminKeys.reports(), "conversation", reportId] as const,
  reportSummary: (reportId: string) => [...adminKeys.reports(), "summary", reportId] as const,
};

/** A fresh idempotency key for one admin money action. */
const newKey = () => crypto.randomUUID().replaceAll("-", "");

export function useAdminUsers(filters: UserFilters) {
  return useInfiniteQuery({
    queryKey: adminKeys.userList(filters),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET("/api/v1/admin/users", {
          params: {
            query: {
              search: filters.search || undefined,
              role: filters.role || undefined,
              status: filters.status || undefined,
              cursor: pageParam,
              limit: PAGE_SIZE,
            },
          },
        }),
      ),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

export function useChangeRole(userId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { role: Role; reason: string }) =>
      unwrap(api.PATCH("/api/v1/admin/users/{userId}/role", { params: { path: { userId } }, body })),
    onSuccess: () => client.invalidateQueries({ queryKey: adminKeys.users() }),
  });
}

export function useAuditLog(filters: AuditFilters) {
  return useInfiniteQuery({
    queryKey: adminKeys.auditLog(filters),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET("/api/v1/admin/audit-log", {
          params: {
            query: {
              action: filters.action || undefined,
              actorUserId: filters.actorUserId || undefined,
              objectType: filters.objectType || undefined,
              objectId: filters.objectId || undefined,
              from: filters.from ? new Date(filters.from).toISOString() : undefined,
              to: filters.to ? new Date(`${filters.to}T23:59:59.999Z`).toISOString() : undefined,
              cursor: pageParam,
              limit: PAGE_SIZE,
            },
          },
        }),
      ),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

/** Every email the platform sent, newest first, refreshed every 5 s. */
export function useOutbox() {
  return useInfiniteQuery({
    queryKey: adminKeys.outbox(),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      unwrap(api.GET("/api/v1/admin/outbox", { params: { query: { cursor: pageParam, limit: PAGE_SIZE } } })),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    refetchInterval: 5_000,
  });
}

/** The ledger's self-check: do the books balance? */
export function useLedgerCheck() {
  return useQuery({
    queryKey: adminKeys.ledgerCheck(),
    queryFn: () => unwrap(api.GET("/api/v1/admin/ledger/verify")),
  });
}

/** A user's wallet and earnings balances with their latest ledger entries. */
export function useAdminWallet(userId: string) {
  return useQuery({
    queryKey: adminKeys.wallet(userId),
    queryFn: () =>
      unwrap(
        api.GET("/api/v1/admin/wallets/{userId}", { params: { path: { userId }, query: { limit: 50 } } }),
      ),
  });
}

export function useAdjustWallet(userId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { direction: "credit" | "debit"; amountCents: number; reason: string }) =>
      unwrap(
        api.POST("/api/v1/admin/wallets/{userId}/adjustments", {
          params: { path: { userId } },
          body: { ...body, idempotencyKey: newKey() },
        }),
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: adminKeys.wallet(userId) }),
  });
}

/** Refunds (part of) a charge of this user's wallet back to it. */
export function useRefund(userId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { transferId: string; amountCents: number; reason: string }) =>
      unwrap(api.POST("/api/v1/admin/refunds", { body: { ...body, idempotencyKey: newKey() } })),
    onSuccess: () => client.invalidateQueries({ queryKey: adminKeys.wallet(userId) }),
  });
}

/**
 * Refunds all or part of a reading or a booking (their charges are captures of holds) to the
 * client's wallet; a booking that became a reading is refunded as that reading.
 */
export function useHeldChargeRefund(userId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { of: "reading" | "booking"; id: string; amountCents: number; reason: string }) => {
      const refund = { amountCents: body.amountCents, reason: body.reason, idempotencyKey: newKey() };
      return unwrap(
        body.of === "reading"
          ? api.POST("/api/v1/admin/readings/{readingId}/refunds", {
              params: { path: { readingId: body.id } },
              body: refund,
            })
          : api.POST("/api/v1/admin/bookings/{bookingId}/refunds", {
              params: { path: { bookingId: body.id } },
              body: refund,
            }),
      );
    },
    onSuccess: () => client.invalidateQueries({ queryKey: adminKeys.wallet(userId) }),
  });
}

/** Every reader, suspended ones included. */
export function useAdminReaders(filters: ReaderFilters) {
  return useInfiniteQuery({
    queryKey: adminKeys.readerList(filters),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET("/api/v1/admin/readers", {
          params: { query: { ...filters, cursor: pageParam, limit: PAGE_SIZE } },
        }),
      ),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

function useRefreshReaders() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: adminKeys.readers() });
}

/** Creates a reader account (or promotes an existing client). */
export function useCreateReader() {
  const refresh = useRefreshReaders();
  return useMutation({
    mutationFn: (body: CreateReaderBody) => unwrap(api.POST("/api/v1/admin/readers", { body })),
    onSuccess: refresh,
  });
}

export function useUpdateReader(userId: string) {
  const refresh = useRefreshReaders();
  return useMutation({
    mutationFn: (body: UpdateReaderBody) =>
      unwrap(api.PATCH("/api/v1/admin/readers/{userId}", { params: { path: { userId } }, body })),
    onSuccess: refresh,
  });
}

/** Suspends, bans or restores any account (reason required, audit-logged); refreshes users and readers. */
export function useAccountAction(userId: string, action: AccountAction) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (reason: string) =>
      unwrap(
        action === "suspend"
          ? api.POST("/api/v1/admin/users/{userId}/suspend", {
              params: { path: { userId } },
              body: { reason },
            })
          : action === "ban"
            ? api.POST("/api/v1/admin/users/{userId}/ban", { params: { path: { userId } }, body: { reason } })
            : api.POST("/api/v1/admin/users/{userId}/restore", {
                params: { path: { userId } },
                body: { reason },
              }),
      ),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: adminKeys.users() });
      void client.invalidateQueries({ queryKey: adminKeys.readers() });
    },
  });
}

/** Reported conversations (open or resolved), latest first: the latest 100. */
export function useConversationReports(status: ReportStatus, enabled = true) {
  return useQuery({
    queryKey: adminKeys.reportList(status),
    queryFn: () => unwrap(api.GET("/api/v1/admin/conversation-reports", { params: { query: { status } } })),
    enabled,
  });
}

/** One report: who reported whom and why, without opening the conversation (not audit-logged). */
export function useReportSummary(reportId: string) {
  return useQuery({
    queryKey: adminKeys.reportSummary(reportId),
    queryFn: () =>
      unwrap(
        api.GET("/api/v1/admin/conversation-reports/{reportId}/summary", { params: { path: { reportId } } }),
      ),
  });
}

/**
 * A reported conversation as written (contact details included). Every read is recorded in the
 * audit log, so it is fetched only once `enabled` (the admin asked to read it), never again on
 * its own, and not kept once the page is left.
 */
export function useReportedConversation(reportId: string, enabled: boolean) {
  return useQuery({
    queryKey: adminKeys.reportedConversation(reportId),
    queryFn: () =>
      unwrap(api.GET("/api/v1/admin/conversation-reports/{reportId}", { params: { path: { reportId } } })),
    enabled,
    retry: false,
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: 0,
    refetchOnReconnect: false,
  });
}

/** Closes a report with what was done (audit-logged); refreshes the lists either way (a 409 means someone else did). */
export function useResolveReport(reportId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (resolution: string) =>
      unwrap(
        api.POST("/api/v1/admin/conversation-reports/{reportId}/resolve", {
          params: { path: { reportId } },
          body: { resolution },
        }),
      ),
    onSuccess: ({ report }) => {
      client.setQueryData<ResponseOf<"/api/v1/admin/conversation-reports/{reportId}">>(
        adminKeys.reportedConversation(reportId),
        (current) => (current ? { ...current, report } : current),
      );
      client.setQueryData(adminKeys.reportSummary(reportId), { report });
    },
    onSettled: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: adminKeys.reportSummary(reportId) }),
        client.invalidateQueries({ queryKey: adminKeys.reportList("open") }),
        client.invalidateQueries({ queryKey: adminKeys.reportList("resolved") }),
      ]),
  });
}
