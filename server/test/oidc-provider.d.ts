/** oidc-provider ships no types; this is the part the local Auth0 stand-in (auth0.test.ts) uses. */
declare module "oidc-provider" {
  import type { IncomingMessage, ServerResponse } from "node:http";

  interface ProviderContext {
    path: string;
    body: unknown;
    oidc: { params?: Record<string, unknown> };
  }
  interface Account {
    accountId: string;
    claims(): Record<string, unknown> | Promise<Record<string, unknown>>;
  }
  interface ResourceServerInfo {
    scope: string;
    audience?: string;
    accessTokenFormat?: "opaque" | "jwt";
    jwt?: { sign?: { alg: string } };
  }
  interface Configuration {
    clients?: Record<string, unknown>[];
    jwks?: { keys: Record<string, unknown>[] };
    cookies?: { keys: string[] };
    claims?: Record<string, string[]>;
    conformIdTokenClaims?: boolean;
    ttl?: Record<string, number>;
    extraParams?: string[];
    findAccount?: (ctx: ProviderContext, sub: string) => Account | undefined | Promise<Account | undefined>;
    features?: {
      devInteractions?: { enabled: boolean };
      resourceIndicators?: {
        enabled: boolean;
        defaultResource?: (ctx: ProviderContext) => string | string[] | undefined;
        useGrantedResource?: (ctx: ProviderContext) => boolean;
        getResourceServerInfo?: (ctx: ProviderContext, resource: string) => ResourceServerInfo;
      };
    };
  }

  export default class Provider {
    constructor(issuer: string, configuration?: Configuration);
    use(middleware: (ctx: ProviderContext, next: () => Promise<void>) => Promise<void>): void;
    callback(): (req: IncomingMessage, res: ServerResponse) => void;
  }
}
