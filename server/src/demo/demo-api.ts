/**
 * The automatic demo readers' HTTP client: the public API, with the session cookie and the site's
 * `Origin` header, exactly as a reader's browser sends them. No server internals.
 */

export interface DemoApiResponse {
  status: number;
  body: Record<string, unknown> | null;
}

export class DemoApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Where the server listens, as a loopback URL (a wildcard address is reached on loopback). */
export function loopbackUrlOf(address: { address: string; family: string; port: number }) {
  const ipv6 = address.family === "IPv6" || address.family === "6";
  let host = address.address;
  if (host === "0.0.0.0") host = "127.0.0.1";
  if (host === "::") host = "::1";
  return `http://${ipv6 && host.includes(":") ? `[${host}]` : host}:${address.port}`;
}

export function createDemoApi(options: { baseUrl: string; origin: string; timeoutMs: number }) {
  async function send(
    method: "GET" | "POST" | "PUT",
    path: string,
    cookie: string | null,
    payload?: object,
  ): Promise<DemoApiResponse & { setCookie: string[] }> {
    const headers: Record<string, string> = { origin: options.origin, accept: "application/json" };
    if (cookie) headers.cookie = cookie;
    if (payload) headers["content-type"] = "application/json";
    const response = await fetch(new URL(path, options.baseUrl), {
      method,
      headers,
      body: payload ? JSON.stringify(payload) : undefined,
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    const text = await response.text();
    let body: Record<string, unknown> | null = null;
    try {
      body = text ? (JSON.parse(text) as Record<string, unknown>) : null;
    } catch {
      body = null;
    }
    return { status: response.status, body, setCookie: response.headers.getSetCookie() };
  }

  return {
    /** Calls the API; a non-2xx answer throws a `DemoApiError` with the API's error code. */
    async call(method: "GET" | "POST" | "PUT", path: string, cookie: string | null, payload?: object) {
      const response = await send(method, path, cookie, payload);
      if (response.status >= 200 && response.status < 300) return response.body ?? {};
      const error = (response.body?.error ?? {}) as { code?: string; message?: string };
      throw new DemoApiError(
        response.status,
        error.code ?? "HTTP_ERROR",
        `${method} ${path}: ${response.status} ${error.message ?? ""}`.trim(),
      );
    },

    /** Signs in with email and password; returns the Cookie header value and the user id. */
    async signIn(email: string, password: string) {
      const response = await send("POST", "/api/v1/auth/sign-in", null, { email, password });
      const user = response.body?.user as { id?: string } | undefined;
      if (response.status !== 200 || !user?.id) {
        const error = (response.body?.error ?? {}) as { code?: string; message?: string };
        throw new DemoApiError(response.status, error.code ?? "HTTP_ERROR", `sign-in as ${email} failed`);
      }
      const cookie = response.setCookie.map((line) => line.split(";")[0]).join("; ");
      return { cookie, userId: user.id };
    },
  };
}

export type DemoApi = ReturnType<typeof createDemoApi>;
