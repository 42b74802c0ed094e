import type { FastifyInstance, FastifyRequest } from "fastify";
import { refuseUnreadyAccount } from "./account-gates.js";
import { DomainError } from "./errors.js";

export type Role = "client" | "reader" | "admin";
/** Who may call a route: anyone, any signed-in user, or signed-in users with one of the roles. */
export type Access = "public" | "authenticated" | readonly Role[];

/** A banned account has no principal at all (its sign-ins are refused and deleted). */
export type AccountStatus = "active" | "suspended";

export interface Principal {
  userId: string;
  sessionId: string;
  role: Role;
  email: string;
  /** The name others see (as read at this request's sign-in lookup). */
  displayName: string;
  /** Two-factor sign-in is on (admins must have it before admin routes answer). */
  twoFactorEnabled: boolean;
  /** Date of birth given and terms accepted (Auth0 members give them after signing in). */
  profileComplete: boolean;
  /** suspended: signed in, may read, export and withdraw, but may not act (see `allowSuspended`). */
  accountStatus: AccountStatus;
}

/** The methods that only read; every other method acts and is refused to a suspended account. */
const READ_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

declare module "fastify" {
  interface FastifyContextConfig {
    access?: Access;
    /** The route spends money (starts a reading, tops up, tips): it needs a complete profile. */
    spends?: boolean;
    /**
     * A route that changes something but that a suspended account may still call (sign-out,
     * password, leaving a waiting line, withdrawing): a conscious choice, listed by route.
     */
    allowSuspended?: boolean;
  }
  interface FastifyRequest {
    principal: Principal | null;
  }
}

export interface RouteAccess {
  method: string;
  url: string;
  access: Access;
  /** True when a suspended account is refused this route (it acts: not a read, not allowed). */
  refusedWhenSuspended: boolean;
}

/** Does a suspended account's call of this route get refused with ACCOUNT_SUSPENDED? */
export function refusesSuspended(method: string, allowSuspended: boolean | undefined): boolean {
  return !READ_METHODS.has(method) && allowSuspended !== true;
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
      if (method !== "HEAD")
        routes.push({
          method,
          url: route.url,
          access: route.config.access,
          refusedWhenSuspended: refusesSuspended(method, route.config.allowSuspended),
        });
    }
  });
  // preValidation: refuse before the body is even validated, so callers learn nothing of the schema.
  app.addHook("preValidation", async (request) => {
    const { access, allowSuspended } = request.routeOptions.config;
    const principal = await resolvePrincipal(request);
    request.principal = principal;
    if (access !== undefined && access !== "public") {
      if (!principal) throw new DomainError("UNAUTHENTICATED", "Sign in to continue.");
      if (access !== "authenticated" && !access.includes(principal.role)) {
        throw new DomainError("FORBIDDEN", "Your account may not do this.");
      }
    }
    // One check for every route that acts: a suspended account reads, but does not act.
    if (principal?.accountStatus === "suspended" && refusesSuspended(request.method, allowSuspended)) {
      throw new DomainError(
        "ACCOUNT_SUSPENDED",
        "Your account is suspended: you can read your history and withdraw, but not do this.",
      );
    }
    if (principal && access !== undefined)
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
