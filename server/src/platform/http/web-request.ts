import type { FastifyReply, FastifyRequest } from "fastify";

/** What a service needs to know about the HTTP request that called it. */
export interface RequestContext {
  headers: Headers;
  requestId: string;
  /** The caller's address: the peer, or the nearest untrusted address when behind trusted proxies. */
  ip: string;
}

/** The request's headers and id, for services that call fetch-style libraries or log with it. */
export function requestContext(request: FastifyRequest): RequestContext {
  return { headers: toWebHeaders(request), requestId: request.id, ip: request.ip };
}

/** The request's headers as a WHATWG Headers object (for libraries built on fetch types). */
export function toWebHeaders(request: FastifyRequest): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const item of value) headers.append(name, item);
    else headers.set(name, String(value));
  }
  // The address as TRUST_PROXY resolved it: a forwarded-for header from an untrusted peer is not passed on.
  headers.set("x-forwarded-for", request.ip);
  return headers;
}

/** Builds a fetch Request for a GET to the same URL, for fetch-style handlers. */
export function toWebGetRequest(request: FastifyRequest, origin: string): Request {
  return new Request(new URL(request.url, origin), { method: "GET", headers: toWebHeaders(request) });
}

/** Copies a fetch Response (status, headers including every Set-Cookie, body) to the reply. */
export async function sendWebResponse(reply: FastifyReply, response: Response): Promise<FastifyReply> {
  reply.status(response.status);
  for (const [name, value] of response.headers) {
    if (name.toLowerCase() !== "set-cookie") reply.header(name, value);
  }
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) reply.header("set-cookie", cookies);
  return reply.send(response.body ? Buffer.from(await response.arrayBuffer()) : undefined);
}
