import type { FastifyInstance, FastifyRequest } from "fastify";
import { refuseUnreadyAccount } from "./account-gates.js";
import { DomainError } from "./errors.js";

export type Role = "client" | "reader" | "admin";
/** Who may call a route: anyone, any signed-in user, or signed-in users with one of the roles. */
export type Access = "public" | "authenticated" | readonly Role[];

export interface Principal {
  userId: string;
  sessionId: string;
  role: Role;
  email: string;
  /** Two-factor sign-in is on (admins must have it before admin routes answer). */
  twoFactorEnabled: boolean;
  /** Date of birth given and terms accepted (Auth0 members give them after signing in). */
  profileComplete: boolean;
}

declare module "fastify" {
  interface FastifyContextConfig {
    access?: Access;
    /** The route spends money (starts a reading, tops up, tips): it needs a complete profile. */
    spends?: boolean;
  }
  interface FastifyRequest {
    principal: Principal | null;
  }
}

export interface RouteAccess {
  method: string;
  url: string;
  access: Access;
}

const registries = new WeakMap<FastifyInstance, RouteAccess[]>();

/** Every route registered after the guard, with who may call it (for tests and audits). */
export function listRouteAccess(app: FastifyInstance): readonly RouteAccess[] {
  return registries.get(app) ?? [];
}

export type PrincipalResolver = (request: FastifyRequest) => Promise<Principal | null>;

/**
 * The one role guard. Every route must declare `config.access` (registration fails
 * otherwise); the guard resolves the caller once and refuses before the handler runs.
 */
export function registerAccessGuard(
  app: FastifyInstance,
  resolvePrincipal: PrincipalResolver,
  options: { publicPrefixes: readonly string[] },
): void {
  const routes: RouteAccess[] = [];
  registries.set(app, routes);
  app.decorateRequest("principal", null);
  app.addHook("onRoute", (route) => {
    // Routes of third-party plugins under a known public prefix (the API docs page).
    if (
      route.config?.access === undefined &&
      options.publicPrefixes.some((prefix) => route.url.startsWith(prefix))
    ) {
      route.config = { ...route.config, access: "public" };
    }
    if (route.config?.access === undefined) {
      throw new Error(`route ${route.method} ${route.url} has no config.access`);
    }
    for (const method of [route.method].flat()) {
      if (method !== "HEAD") routes.push({ method, url: route.url, access: route.config.access });
    }
  });
  // preValidation: refuse before the body is even validated, so callers learn nothing of the schema.
  app.addHook("preValidation", async (request) => {
    const access = request.routeOptions.config.access;
    if (access === undefined || access === "public") {
      request.principal = await resolvePrincipal(request);
      return;
    }
    const principal = await resolvePrincipal(request);
    request.principal = principal;
    if (!principal) throw new DomainError("UNAUTHENTICATED", "Sign in to continue.");
    if (access !== "authenticated" && !access.includes(principal.role)) {
      throw new DomainError("FORBIDDEN", "Your account may not do this.");
    }
    refuseUnreadyAccount(principal, access, request.routeOptions.config.spends === true);
  });
}

/** The signed-in caller of a route whose access is not public. */
export function requirePrincipal(request: FastifyRequest): Principal {
  if (!request.principal) throw new DomainError("UNAUTHENTICATED", "Sign in to continue.");
  return request.principal;
}

/**
 * A per-user rate limit (checked after the role guard has found the caller), so that people
 * behind one address do not share it; anonymous callers are counted by address.
 */
export const perUserRateLimit = (max: number, timeWindow = 60_000) => ({
  max,
  timeWindow,
  hook: "preHandler" as const,
  keyGenerator: (request: FastifyRequest) => request.principal?.userId ?? request.ip,
});
