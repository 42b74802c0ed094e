import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** How a saved test card behaves, as Stripe's test cards do (4242…, 4000 0027 6000 3184, 4000…0002). */
export type FakeCardBehaviour = "pays" | "authenticates" | "declines";

const LAST4: Record<FakeCardBehaviour, string> = { pays: "4242", authenticates: "3184", declines: "0002" };

/**
 * A local stand-in for the part of Stripe's API that auto-reload calls: customers, Checkout
 * Sessions in setup mode, SetupIntents (retrieved with their payment method expanded), off-session
 * PaymentIntents (one per idempotency key: paid, `authentication_required`, or declined, as Stripe
 * answers for its test cards), confirming one on-session with a return URL (a 3-D Secure
 * redirect), and detaching a payment method. It checks request shapes as Stripe's API does.
 */
export async function startFakeStripeCards() {
  const customers = new Map<string, { email: string }>();
  const sessions = new Map<string, { customer: string; clientReferenceId: string }>();
  const methods = new Map<string, { customer: string | null; behaviour: FakeCardBehaviour }>();
  const setupIntents = new Map<string, { customer: string; paymentMethod: string }>();
  const intents = new Map<string, Record<string, unknown>>();
  const byKey = new Map<string, { status: number; body: unknown }>();
  const requests: { method: string; path: string; form: URLSearchParams; idempotencyKey: string | null }[] =
    [];

  const send = (response: ServerResponse, status: number, body: unknown) => {
    response.writeHead(status, { "content-type": "application/json", "request-id": `req_${randomUUID()}` });
    response.end(JSON.stringify(body));
  };
  const invalid = (response: ServerResponse, message: string) =>
    send(response, 400, { error: { type: "invalid_request_error", message } });
  const id = (prefix: string) => `${prefix}_${randomUUID().replaceAll("-", "").slice(0, 24)}`;

  async function readForm(request: IncomingMessage) {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    return new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
  }

  function createIntent(form: URLSearchParams): { status: number; body: unknown } {
    const amount = Number(form.get("amount"));
    const customer = form.get("customer") ?? "";
    const paymentMethod = form.get("payment_method") ?? "";
    const method = methods.get(paymentMethod);
    const bad = (message: string) => ({
      status: 400,
      body: { error: { type: "invalid_request_error", message } },
    });
    if (!Number.isSafeInteger(amount) || amount < 50) return bad("Amount must be at least 50 cents");
    if (form.get("currency") !== "usd") return bad("Invalid currency");
    if (form.get("off_session") !== "true" || form.get("confirm") !== "true")
      return bad("An auto-reload must be confirmed off-session");
    if (!customers.has(customer)) return bad(`No such customer: '${customer}'`);
    if (!method || method.customer !== customer)
      return bad(`The payment method ${paymentMethod} is not attached to customer ${customer}`);
    const intent: Record<string, unknown> = {
      id: id("pi"),
      object: "payment_intent",
      amount,
      currency: "usd",
      customer,
      payment_method: paymentMethod,
      metadata: Object.fromEntries(
        [...form.entries()].flatMap(([key, value]) => {
          const match = /^metadata\[(.+)\]$/.exec(key);
          return match ? [[match[1], value]] : [];
        }),
      ),
      status: "succeeded",
      next_action: null,
    };
    intents.set(intent.id as string, intent);
    if (method.behaviour === "pays") return { status: 200, body: intent };
    intent.status = "requires_payment_method";
    const authentication = method.behaviour === "authenticates";
    return {
      status: 402,
      body: {
        error: {
          type: "card_error",
          code: authentication ? "authentication_required" : "card_declined",
          decline_code: authentication ? "authentication_required" : "generic_decline",
          message: authentication
            ? "Your card was declined. This transaction requires authentication."
            : "Your card was declined.",
          payment_intent: intent,
        },
      },
    };
  }

  const server = createServer(async (request, response) => {
    const url = new URL(request.url ?? "/", "http://stripe.test");
    const idempotencyKey =
      typeof request.headers["idempotency-key"] === "string" ? request.headers["idempotency-key"] : null;
    const form = await readForm(request);
    requests.push({ method: request.method ?? "GET", path: url.pathname, form, idempotencyKey });
    if (!String(request.headers.authorization ?? "").startsWith("Bearer sk_test_"))
      return send(response, 401, {
        error: { type: "invalid_request_error", message: "Invalid API Key provided" },
      });
    const post = request.method === "POST";
    if (post && url.pathname === "/v1/customers") {
      const customer = id("cus");
      customers.set(customer, { email: form.get("email") ?? "" });
      return send(response, 200, { id: customer, object: "customer", email: form.get("email") });
    }
    if (post && url.pathname === "/v1/checkout/sessions") {
      if (form.get("mode") !== "setup") return invalid(response, "This fake answers setup sessions only");
      const customer = form.get("customer") ?? "";
      if (!customers.has(customer)) return invalid(response, `No such customer: '${customer}'`);
      if (form.get("currency") !== "usd") return invalid(response, "currency is required in setup mode");
      for (const field of ["success_url", "cancel_url"])
        if (!/^https?:\/\//.test(form.get(field) ?? "")) return invalid(response, `Invalid URL: ${field}`);
      const session = id("cs_test");
      sessions.set(session, { customer, clientReferenceId: form.get("client_reference_id") ?? "" });
      return send(response, 200, {
        id: session,
        object: "checkout.session",
        mode: "setup",
        customer,
        url: `https://checkout.stripe.test/c/setup/${session}`,
      });
    }
    const setupIntent = /^\/v1\/setup_intents\/([^/]+)$/.exec(url.pathname);
    if (request.method === "GET" && setupIntent) {
      const found = setupIntents.get(setupIntent[1] ?? "");
      if (!found)
        return send(response, 404, {
          error: { type: "invalid_request_error", message: "No such setupintent" },
        });
      const method = methods.get(found.paymentMethod);
      const expanded = url.searchParams.getAll("expand[0]").includes("payment_method");
      return send(response, 200, {
        id: setupIntent[1],
        object: "setup_intent",
        status: "succeeded",
        customer: found.customer,
        usage: "off_session",
        payment_method: expanded
          ? {
              id: found.paymentMethod,
              object: "payment_method",
              customer: method?.customer,
              card: {
                brand: "visa",
                last4: LAST4[method?.behaviour ?? "pays"],
                exp_month: 12,
                exp_year: 2031,
              },
            }
          : found.paymentMethod,
      });
    }
    if (post && url.pathname === "/v1/payment_intents") {
      if (!idempotencyKey)
        return invalid(response, "Off-session charges from this platform carry an Idempotency-Key");
      const first = byKey.get(idempotencyKey) ?? createIntent(form);
      byKey.set(idempotencyKey, first);
      return send(response, first.status, first.body);
    }
    const confirm = /^\/v1\/payment_intents\/([^/]+)\/confirm$/.exec(url.pathname);
    if (post && confirm) {
      const intent = intents.get(confirm[1] ?? "");
      if (!intent)
        return send(response, 404, {
          error: { type: "invalid_request_error", message: "No such payment_intent" },
        });
      const returnUrl = form.get("return_url");
      if (!returnUrl || !/^https?:\/\//.test(returnUrl)) return invalid(response, "return_url is required");
      intent.status = "requires_action";
      intent.next_action = {
        type: "redirect_to_url",
        redirect_to_url: { url: `https://hooks.stripe.test/3d_secure_2/${intent.id}`, return_url: returnUrl },
      };
      return send(response, 200, intent);
    }
    const detach = /^\/v1\/payment_methods\/([^/]+)\/detach$/.exec(url.pathname);
    if (post && detach) {
      const method = methods.get(detach[1] ?? "");
      if (!method) return invalid(response, "No such PaymentMethod");
      method.customer = null;
      return send(response, 200, { id: detach[1], object: "payment_method", customer: null });
    }
    return send(response, 404, {
      error: {
        type: "invalid_request_error",
        message: `Unrecognized request URL (${request.method}: ${url.pathname})`,
      },
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    customers,
    methods,
    intents,
    /** The client finished the setup page with a card: the SetupIntent its event names. */
    completeSetup(sessionId: string, behaviour: FakeCardBehaviour) {
      const session = sessions.get(sessionId);
      if (!session) throw new Error(`no setup session ${sessionId}`);
      const paymentMethod = id("pm");
      methods.set(paymentMethod, { customer: session.customer, behaviour });
      const seti = id("seti");
      setupIntents.set(seti, { customer: session.customer, paymentMethod });
      return { setupIntent: seti, paymentMethod, clientReferenceId: session.clientReferenceId };
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export type FakeStripeCards = Awaited<ReturnType<typeof startFakeStripeCards>>;
