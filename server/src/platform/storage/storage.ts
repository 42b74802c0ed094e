import { createReadStream } from "node:fs";
import Type from "typebox";
import type { Config } from "../../config.js";
import type { Clock } from "../clock.js";
import type { App } from "../http/server.js";
import { createLocalStorage, LOCAL_FILES_ROUTE_PREFIX, type LocalStorage } from "./local-storage.js";
import type { ObjectStorage } from "./object-storage.js";

/**
 * The app's file storage: S3/R2 when `S3_*` is configured, otherwise local disk under
 * FILES_DIR (whose signed URLs `registerStorageRoutes` serves). Closed with the app.
 */
export async function createObjectStorage(
  app: App,
  options: { config: Config; secret: string; clock: Clock },
): Promise<ObjectStorage> {
  const { config, clock } = options;
  const urlTtlSeconds = config.FILES_URL_TTL_SECONDS;
  // The AWS SDK is loaded only when a bucket is configured (it is large, and local disk needs none of it).
  const storage = config.s3
    ? (await import("./s3-storage.js")).createS3Storage({ ...config.s3, urlTtlSeconds, clock })
    : createLocalStorage({ root: config.FILES_DIR, secret: options.secret, urlTtlSeconds, clock });
  app.addHook("onClose", () => storage.close());
  return storage;
}

/** The route that serves local files by their signed URLs (S3/R2 serves its own presigned URLs). */
export function registerStorageRoutes(app: App, storage: ObjectStorage) {
  if (storage.kind === "local") registerLocalFileRoute(app, storage as LocalStorage);
}

/** The origin presigned URLs point at, so the page's Content-Security-Policy lets images load from it. */
export function storageImageOrigins(config: Config): string[] {
  const s3 = config.s3;
  if (!s3) return [];
  if (!s3.endpoint) {
    const host = `s3.${s3.region}.amazonaws.com`;
    return [`https://${s3.forcePathStyle ? host : `${s3.bucket}.${host}`}`];
  }
  const endpoint = new URL(s3.endpoint);
  return [s3.forcePathStyle ? endpoint.origin : `${endpoint.protocol}//${s3.bucket}.${endpoint.host}`];
}

const FileQuery = Type.Object({
  expires: Type.Optional(Type.String({ maxLength: 20 })),
  signature: Type.Optional(Type.String({ maxLength: 100 })),
});

function registerLocalFileRoute(app: App, storage: LocalStorage) {
  app.get(
    `${LOCAL_FILES_ROUTE_PREFIX}*`,
    {
      // Public: the signature in the URL is the permission (it comes from an authorized redirect).
      config: { access: "public" },
      schema: {
        tags: ["files"],
        summary: "A stored file, through a signed link that expires (local storage only)",
        querystring: FileQuery,
        response: {
          200: {
            description: "The file, with its content type and a cache lifetime up to the link's expiry",
            content: { "image/*": { schema: Type.Unsafe<unknown>({ type: "string", format: "binary" }) } },
          },
        },
      },
    },
    async (request, reply) => {
      const key = (request.params as { "*": string })["*"];
      const file = await storage.resolveSignedRead(key, request.query.expires, request.query.signature);
      return reply
        .type(file.contentType)
        .header("content-length", file.sizeBytes)
        .header("cache-control", `private, max-age=${file.maxAgeSeconds}, immutable`)
        .header("content-disposition", "inline")
        .send(createReadStream(file.filePath));
    },
  );
}
