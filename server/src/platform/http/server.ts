import { randomUUID } from "node:crypto";
import AjvCompiler from "@fastify/ajv-compiler";
import cookie from "@fastify/cookie";
import rateLimit from "@fastify/rate-limit";
import swagger from "@fastify/swagger";
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import Fastify, {
  type FastifyBaseLogger,
  type FastifyError,
  type FastifyInstance,
  type FastifyRequest,
} from "fastify";
import helmet from "helmet";
import { type ErrorReporter, NO_ERROR_REPORTER } from "../error-reporting.js";
import { redactSecrets } from "../redact.js";
import {
  DomainError,
  ERROR_STATUS,
  type ErrorCode,
  ErrorResponseSchema,
  errorBody,
  RateLimitedError,
} from "./errors.js";

export type App = FastifyInstance<
  import("node:http").Server,
  import("node:http").IncomingMessage,
  import("node:http").ServerResponse,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

export interface HttpOptions {
  logger: FastifyBaseLogger;
  publicUrl: URL;
  /** Which peers' X-Forwarded-* headers count: none, the nearest N hops, or these addresses/CIDRs. */
  trustProxy: false | number | string[];
  apiVersion: string;
  /** Other origins images may load from (an S3/R2 bucket that photo links redirect to). */
  imageOrigins?: readonly string[];
  /** Other origins the app may connect to (Agora's media and signalling servers when configured). */
  connectOrigins?: readonly string[];
  /** Where 500s are reported besides the log (Sentry when configured). */
  errorReporter?: ErrorReporter;
}

const REQUEST_ID_PATTERN = /^[A-Za-z0-9._-]{8,64}$/;

const ajvCompilers = AjvCompiler();
type BuildValidator = ReturnType<typeof AjvCompiler>;

/**
 * Query strings, path parameters and headers arrive as text, so they are coerced to the schema's
 * types (`?limit=20` is the number 20). A JSON body already carries its types: `{"amountCents":
 * "500"}` is a client's mistake and answers 400, not a charge of 500 cents.
 */
const buildStrictBodyValidator: BuildValidator = (externalSchemas, options) => {
  const coercing = ajvCompilers(externalSchemas, options);
  const customOptions = { ...(options?.customOptions as Record<string, unknown>), coerceTypes: false };
  const strict = ajvCompilers(externalSchemas, { ...options, customOptions } as typeof options);
  return (route) => (route.httpPart === "body" ? strict(route) : coercing(route));
};

/** The request fields of the "incoming request" log line (Fastify's, with secrets in the URL redacted). */
function requestLogFields(request: FastifyRequest) {
  return {
    method: request.method,
    url: redactSecrets(request.url),
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket?.remotePort,
  };
}

/** A Fastify instance with the platform's HTTP behaviour: ids, headers, errors, OpenAPI. */
export async function createHttpServer(options: HttpOptions): Promise<App> {
  const app = Fastify({
    // Request logs carry the URL with link tokens redacted (a verify or reset link opened in the app).
    loggerInstance: options.logger.child({}, { serializers: { req: requestLogFields } }),
    // A hop count trusts the nearest N peers whatever their address (what Fastify does for a number).
    trustProxy:
      typeof options.trustProxy === "number" ? trustNearestHops(options.trustProxy) : options.trustProxy,
    bodyLimit: 1024 * 1024,
    requestIdHeader: false,
    genReqId: (request) => {
      const incoming = request.headers["x-request-id"];
      return typeof incoming === "string" && REQUEST_ID_PATTERN.test(incoming) ? incoming : randomUUID();
    },
    ajv: { customOptions: { removeAdditional: "all", coerceTypes: "array", allErrors: true } },
    schemaController: { compilersFactory: { buildValidator: buildStrictBodyValidator } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.addHook("onRequest", async (request, reply) => {
    reply.header("x-request-id", request.id);
  });
  // Security headers on every response. The middleware is made once: @fastify/helmet made it
  // again for every request (parsing the policy each time), a few per cent of a busy node's CPU.
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", "data:", "blob:", ...(options.imageOrigins ?? [])],
        fontSrc: ["'self'"],
        connectSrc: ["'self'", ...(options.connectOrigins ?? [])],
        mediaSrc: ["'self'", "blob:"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        baseUri: ["'self'"],
        upgradeInsecureRequests: options.publicUrl.protocol === "https:" ? [] : null,
      },
    },
    frameguard: { action: "deny" },
    hsts: options.publicUrl.protocol === "https:" ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    referrerPolicy: { policy: "strict-origin-when-cross-origin" },
  });
  // PostgreSQL text cannot hold NUL: a request carrying one anywhere is refused at the door, for
  // every route, instead of failing in the database as a 500.
  app.addHook("preValidation", async (request) => {
    const path = pathOfNul(request.query, "") ?? pathOfNul(request.params, "") ?? pathOfNul(request.body, "");
    if (path !== null) {
      throw new DomainError("VALIDATION_FAILED", "Text cannot contain NUL characters.", [
        { path: path || "/", message: "must not contain NUL characters" },
      ]);
    }
  });
  app.addHook("onRequest", (request, reply, done) => {
    securityHeaders(request.raw, reply.raw, (error?: unknown) =>
      done(error instanceof Error ? error : undefined),
    );
  });
  await app.register(cookie);
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) => {
      const error = new DomainError(
        "RATE_LIMITED",
        `Too many attempts. Try again in ${Math.ceil(context.ttl / 1000)} seconds.`,
      );
      return Object.assign(error, { statusCode: 429 });
    },
  });
  app.addSchema(ErrorResponseSchema);
  await app.register(swagger, {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "SoulSeer API",
        version: options.apiVersion,
        description:
          "REST API of SoulSeer. Errors are `{ error: { code, message, requestId, details? } }`. State-changing requests authenticated by the session cookie must come from the site's own origin.",
      },
      components: {
        securitySchemes: {
          sessionCookie: { type: "apiKey", in: "cookie", name: "soulseer.session_token" },
        },
      },
    },
    refResolver: {
      buildLocalReference: (json, _baseUri, _fragment, index) => String(json.$id ?? `def-${index}`),
    },
  });
  registerErrorHandling(app, options.errorReporter ?? NO_ERROR_REPORTER);
  return app;
}

function registerErrorHandling(app: App, reporter: ErrorReporter): void {
  app.setErrorHandler((error: FastifyError | DomainError, request, reply) => {
    const { status, code, message, details, current } = describeError(error);
    const retryAfterMs = error instanceof DomainError ? error.retryAfterMs : undefined;
    if (retryAfterMs !== undefined) {
      // Shed load is expected, not a failure of ours: a plain answer with when to come back.
      reply.header("retry-after", String(Math.ceil(retryAfterMs / 1000)));
      return reply.status(status).send(errorBody(code, message, request.id, details, { retryAfterMs }));
    }
    if (status >= 500) {
      request.log.error({ err: error }, "request failed");
      reporter.capture(error, {
        requestId: request.id,
        method: request.method,
        route: request.routeOptions.url ?? "unmatched",
      });
      return reply.status(status).send(errorBody(code, "Something went wrong on our side.", request.id));
    }
    request.log.info({ code, status }, message);
    if (error instanceof RateLimitedError) reply.header("retry-after", String(error.retryAfterSeconds));
    return reply.status(status).send(errorBody(code, message, request.id, details, { current }));
  });
  app.setNotFoundHandler((request, reply) => {
    reply.status(404).send(errorBody("NOT_FOUND", `No route ${request.method} ${request.url}`, request.id));
  });
}

function describeError(error: FastifyError | DomainError) {
  if (error instanceof DomainError) {
    const { status, code, message, details, current } = error;
    return { status, code, message, details, current };
  }
  if (error.validation) {
    const details = error.validation.map((issue) => ({
      path: `${error.validationContext ?? ""}${issue.instancePath || ""}`,
      message: issue.message ?? "is invalid",
    }));
    return { status: 400, code: "VALIDATION_FAILED", message: "The request is not valid.", details };
  }
  const status = error.statusCode ?? 500;
  if (status >= 400 && status < 500) {
    const code: ErrorCode =
      status === 413
        ? "PAYLOAD_TOO_LARGE"
        : status === 415
          ? "UNSUPPORTED_MEDIA_TYPE"
          : status === 429
            ? "RATE_LIMITED"
            : status === 404
              ? "NOT_FOUND"
              : "VALIDATION_FAILED";
    return { status: ERROR_STATUS[code], code, message: error.message, details: undefined };
  }
  return { status: 500, code: "INTERNAL", message: error.message, details: undefined };
}

function trustNearestHops(hops: number) {
  return (_address: string, hop: number) => hop < hops;
}

/** The JSON pointer of the first string holding a NUL in a parsed query, params or JSON body; null when none does. */
function pathOfNul(value: unknown, path: string, depth = 0): string | null {
  if (typeof value === "string") return value.includes("\u0000") ? path : null;
  if (depth > 32 || value === null || typeof value !== "object") return null;
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = pathOfNul(item, `${path}/${index}`, depth + 1);
      if (found !== null) return found;
    }
    return null;
  }
  // Uploads (buffers, streams) are not text.
  if (ArrayBuffer.isView(value) || typeof (value as { pipe?: unknown }).pipe === "function") return null;
  for (const [key, item] of Object.entries(value)) {
    const at = `${path}/${key.replaceAll("~", "~0").replaceAll("/", "~1")}`;
    const found = key.includes("\u0000") ? at : pathOfNul(item, at, depth + 1);
    if (found !== null) return found;
  }
  return null;
}
