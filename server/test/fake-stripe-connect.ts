import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** One transfer the fake made (a repeated idempotency key makes none). */
export interface FakeTransfer {
  id: string;
  amount: number;
  currency: string;
  destination: string;
  transfer_group: string;
  metadata: Record<string, string>;
  idempotencyKey: string;
}

type Fault = { status: 429 | 500 | 503; count: number };

/**
 * A local stand-in for Stripe's API as the SDK calls it for payouts and refunds: Express
 * accounts, account links, checkout sessions, refunds (one per key), transfers (one per idempotency key, like Stripe, which answers a repeated key with the
 * first result) and transfer lists by group. It checks request shapes as Stripe's API does
 * (amount a positive integer, currency, a known destination, an idempotency key) and returns
 * 429s and server errors on demand. `beforeTransfer` lets a crash test act while a request is
 * in flight, before or after the transfer is made.
 */
export async function startFakeStripeConnect() {
  const accounts = new Map<string, { email: string; refused: boolean }>();
  const transfers: FakeTransfer[] = [];
  const byKey = new Map<string, FakeTransfer>();
  const requests: { method: string; path: string; idempotencyKey: string | null }[] = [];
  const faults: Fault[] = [];
  const refunds: { id: string; amount: number; payment_intent: string }[] = [];
  const refundsByKey = new Map<string, (typeof refunds)[number]>();
  const refusedPayments = new Set<string>();
  let beforeTransfer: ((phase: "received" | "made", transfer: FakeTransfer | null) => Promise<void>) | null =
    null;

  const send = (response: ServerResponse, status: number, body: unknown) => {
    response.writeHead(status, { "content-type": "application/json", "request-id": `req_${randomUUID()}` });
    response.end(JSON.stringify(body));
  };
  const error = (response: ServerResponse, status: number, type: string, message: string, code?: string) =>
    send(response, status, { error: { type, message, ...(code ? { code } : {}) } });

  async function readForm(request: IncomingMessage) {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    return new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
  }

  async function transfer(request: IncomingMessage, response: ServerResponse, form: URLSearchParams) {
    const key = request.headers["idempotency-key"];
    if (typeof key !== "string" || key.length === 0)
      return error(
        response,
        400,
        "invalid_request_error",
        "Transfers from this platform must carry an Idempotency-Key.",
      );
    await beforeTransfer?.("received", null);
    const fault = faults[0];
    if (fault) {
      fault.count -= 1;
      if (fault.count <= 0) faults.shift();
      return fault.status === 429
        ? error(
            response,
            429,
            "invalid_request_error",
            "Too many requests hit the API too quickly.",
            "rate_limit",
          )
        : error(response, fault.status, "api_error", "Something went wrong on Stripe's end.");
    }
    const first = byKey.get(key);
    if (first) return send(response, 200, { object: "transfer", ...first });
    const amount = Number(form.get("amount"));
    const destination = form.get("destination") ?? "";
    if (!Number.isSafeInteger(amount) || amount <= 0)
      return error(
        response,
        400,
        "invalid_request_error",
        "Invalid positive integer",
        "parameter_invalid_integer",
      );
    if (form.get("currency") !== "usd")
      return error(response, 400, "invalid_request_error", "Invalid currency", "parameter_invalid_string");
    const account = accounts.get(destination);
    if (!account)
      return error(
        response,
        400,
        "invalid_request_error",
        `No such destination: '${destination}'`,
        "resource_missing",
      );
    if (account.refused)
      return error(
        response,
        400,
        "invalid_request_error",
        "Your destination account needs to have at least one of the following capabilities enabled: transfers",
        "insufficient_capabilities_for_transfer",
      );
    const metadata: Record<string, string> = {};
    for (const [name, value] of form) {
      const match = /^metadata\[(.+)\]$/.exec(name);
      if (match?.[1]) metadata[match[1]] = value;
    }
    const made: FakeTransfer = {
      id: `tr_${randomUUID().replaceAll("-", "").slice(0, 24)}`,
      amount,
      currency: "usd",
      destination,
      transfer_group: form.get("transfer_group") ?? "",
      metadata,
      idempotencyKey: key,
    };
    transfers.push(made);
    byKey.set(key, made);
    await beforeTransfer?.("made", made);
    return send(response, 200, {
      object: "transfer",
      created: Math.floor(Date.now() / 1000),
      reversed: false,
      ...made,
    });
  }

  async function refund(request: IncomingMessage, response: ServerResponse, form: URLSearchParams) {
    const key = request.headers["idempotency-key"];
    if (typeof key !== "string" || key.length === 0)
      return error(
        response,
        400,
        "invalid_request_error",
        "Refunds from this platform must carry an Idempotency-Key.",
      );
    const fault = faults[0];
    if (fault) {
      fault.count -= 1;
      if (fault.count <= 0) faults.shift();
      return error(
        response,
        fault.status,
        fault.status === 429 ? "invalid_request_error" : "api_error",
        "Try again later.",
      );
    }
    const first = refundsByKey.get(key);
    if (first) return send(response, 200, first);
    const paymentIntent = form.get("payment_intent") ?? "";
    const amount = Number(form.get("amount"));
    if (!/^pi_/.test(paymentIntent) || refusedPayments.has(paymentIntent))
      return error(
        response,
        400,
        "invalid_request_error",
        `No such payment_intent: '${paymentIntent}'`,
        "resource_missing",
      );
    if (!Number.isSafeInteger(amount) || amount <= 0)
      return error(
        response,
        400,
        "invalid_request_error",
        "Invalid positive integer",
        "parameter_invalid_integer",
      );
    const made = {
      id: `re_${randomUUID().replaceAll("-", "").slice(0, 24)}`,
      object: "refund",
      amount,
      payment_intent: paymentIntent,
      status: "succeeded",
    };
    refunds.push(made);
    refundsByKey.set(key, made);
    return send(response, 200, made);
  }

  const server = createServer(async (request, response) => {
    const url = new URL(request.url ?? "/", "http://stripe.test");
    const idempotencyKey =
      typeof request.headers["idempotency-key"] === "string" ? request.headers["idempotency-key"] : null;
    requests.push({ method: request.method ?? "GET", path: url.pathname, idempotencyKey });
    if (!String(request.headers.authorization ?? "").startsWith("Bearer sk_test_"))
      return error(response, 401, "invalid_request_error", "Invalid API Key provided");
    const form = await readForm(request);
    if (request.method === "POST" && url.pathname === "/v1/accounts") {
      if (form.get("type") !== "express")
        return error(response, 400, "invalid_request_error", "type must be express");
      const id = `acct_${randomUUID().replaceAll("-", "").slice(0, 16)}`;
      accounts.set(id, { email: form.get("email") ?? "", refused: false });
      return send(response, 200, {
        id,
        object: "account",
        type: "express",
        payouts_enabled: false,
        details_submitted: false,
      });
    }
    if (request.method === "POST" && url.pathname === "/v1/account_links") {
      const account = form.get("account") ?? "";
      if (!accounts.has(account))
        return error(response, 400, "invalid_request_error", `No such account: '${account}'`);
      for (const field of ["refresh_url", "return_url"])
        if (!/^https?:\/\//.test(form.get(field) ?? ""))
          return error(response, 400, "invalid_request_error", `Invalid URL: ${field}`);
      if (form.get("type") !== "account_onboarding")
        return error(response, 400, "invalid_request_error", "Invalid type");
      return send(response, 200, {
        object: "account_link",
        url: `https://connect.stripe.test/setup/e/${account}/${randomUUID()}`,
        expires_at: Math.floor(Date.now() / 1000) + 300,
      });
    }
    if (request.method === "POST" && url.pathname === "/v1/transfers")
      return transfer(request, response, form);
    if (request.method === "POST" && url.pathname === "/v1/checkout/sessions") {
      const id = `cs_test_${randomUUID().replaceAll("-", "")}`;
      return send(response, 200, {
        id,
        object: "checkout.session",
        url: `https://checkout.stripe.test/c/pay/${id}`,
      });
    }
    if (request.method === "POST" && url.pathname === "/v1/refunds") return refund(request, response, form);
    if (request.method === "GET" && url.pathname === "/v1/transfers") {
      const group = url.searchParams.get("transfer_group");
      const data = transfers.filter((made) => group === null || made.transfer_group === group).reverse();
      return send(response, 200, {
        object: "list",
        data: data.slice(0, Number(url.searchParams.get("limit") ?? 10)),
        has_more: false,
        url: "/v1/transfers",
      });
    }
    return error(
      response,
      404,
      "invalid_request_error",
      `Unrecognized request URL (${request.method}: ${url.pathname})`,
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    transfers,
    requests,
    refunds,
    /** Refunds of this payment are refused as for a payment Stripe does not know. */
    refusePayment(paymentIntent: string) {
      refusedPayments.add(paymentIntent);
    },
    /** The next `count` transfer or refund requests answer `status` (429, 500 or 503). */
    fail(status: Fault["status"], count: number) {
      faults.push({ status, count });
    },
    /** Transfers to this account are refused as Stripe refuses an account without the capability. */
    refuse(accountId: string) {
      const account = accounts.get(accountId);
      if (account) account.refused = true;
    },
    /** Adds accounts made elsewhere (a bench seeds many). */
    addAccounts(accountIds: readonly string[]) {
      for (const accountId of accountIds) accounts.set(accountId, { email: "", refused: false });
    },
    /** What was made: transfers in all, the accounts paid more than once, and the cents. */
    summary() {
      const perAccount = new Map<string, number>();
      let cents = 0;
      for (const made of transfers) {
        perAccount.set(made.destination, (perAccount.get(made.destination) ?? 0) + 1);
        cents += made.amount;
      }
      const paidTwice = [...perAccount].filter(([, count]) => count > 1).map(([account]) => account);
      return {
        transfers: transfers.length,
        accounts: perAccount.size,
        paidTwice,
        cents,
        requests: requests.length,
      };
    },
    onTransfer(handler: typeof beforeTransfer) {
      beforeTransfer = handler;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export type FakeStripeConnect = Awaited<ReturnType<typeof startFakeStripeConnect>>;
