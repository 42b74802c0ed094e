import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyRequest } from "fastify";
import Type from "typebox";
import { requirePrincipal } from "../../platform/http/access.js";
import { DomainError } from "../../platform/http/errors.js";
import type { App } from "../../platform/http/server.js";
import { PHOTO_CONTENT_TYPES, PHOTO_MAX_UPLOAD_BYTES, type ReaderPhotosService } from "./readers.photos.js";
import { ReaderSchema } from "./readers.schemas.js";

const ReaderEnvelope = Type.Object({ reader: ReaderSchema });
const UserParams = Type.Object({ userId: Type.String({ minLength: 1, maxLength: 100 }) });
const PhotoBody = {
  content: Object.fromEntries(
    PHOTO_CONTENT_TYPES.map((type) => [
      type,
      { schema: Type.Unsafe<Buffer>({ description: "Image bytes" }) },
    ]),
  ),
};
const UPLOAD_NOTE =
  "Send the raw image as the body with Content-Type image/jpeg, image/png or image/webp (at most 5 MB, checked by content); it is stored as a 512×512 WebP.";
/** The browser caches the redirect briefly; the URL it points to lives FILES_URL_TTL_SECONDS. */
const REDIRECT_CACHE_CONTROL = "private, max-age=30";
const uploadRateLimit = { max: 30, timeWindow: 10 * 60 * 1000 };

function imageBytes(request: FastifyRequest): Buffer {
  if (!Buffer.isBuffer(request.body))
    throw new DomainError("UNSUPPORTED_MEDIA_TYPE", "Upload a JPEG, PNG or WebP image.");
  return request.body;
}

/** Profile photos: upload (own or, for admins, anyone's), remove, and a stable public link. */
export async function registerReaderPhotoRoutes(app: App, photos: ReaderPhotosService) {
  await app.register(async (plugin) => {
    const scope = plugin.withTypeProvider<TypeBoxTypeProvider>();
    // Raw image bodies only on these routes, bounded before they are read.
    scope.addContentTypeParser(
      [...PHOTO_CONTENT_TYPES],
      { parseAs: "buffer", bodyLimit: PHOTO_MAX_UPLOAD_BYTES },
      (_request, body, done) => done(null, body),
    );
    const upload = { bodyLimit: PHOTO_MAX_UPLOAD_BYTES };
    scope.put(
      "/api/v1/readers/me/photo",
      {
        ...upload,
        config: { access: ["reader"], rateLimit: uploadRateLimit },
        schema: {
          tags: ["readers"],
          summary: "Upload your profile photo",
          description: UPLOAD_NOTE,
          body: PhotoBody,
          response: { 200: ReaderEnvelope },
        },
      },
      async (request) => {
        const principal = requirePrincipal(request);
        return {
          reader: await photos.setPhoto(principal.userId, imageBytes(request), principal, request.id),
        };
      },
    );
    scope.put(
      "/api/v1/admin/readers/:userId/photo",
      {
        ...upload,
        config: { access: ["admin"], rateLimit: uploadRateLimit },
        schema: {
          tags: ["admin"],
          summary: "Set a reader's profile photo (audit-logged)",
          description: UPLOAD_NOTE,
          params: UserParams,
          body: PhotoBody,
          response: { 200: ReaderEnvelope },
        },
      },
      async (request) => ({
        reader: await photos.setPhoto(
          request.params.userId,
          imageBytes(request),
          requirePrincipal(request),
          request.id,
        ),
      }),
    );
  });
  app.delete(
    "/api/v1/readers/me/photo",
    {
      config: { access: ["reader"] },
      schema: { tags: ["readers"], summary: "Remove your profile photo", response: { 200: ReaderEnvelope } },
    },
    async (request) => {
      const principal = requirePrincipal(request);
      return { reader: await photos.removePhoto(principal.userId, principal, request.id) };
    },
  );
  app.get(
    "/api/v1/reader-photos/:userId",
    {
      config: { access: "public" },
      schema: {
        tags: ["readers"],
        summary: "A reader's photo: redirects to a short-lived link of the image (404 when there is none)",
        params: UserParams,
        response: { 302: Type.Null({ description: "Location: the image" }) },
      },
    },
    async (request, reply) => {
      const url = await photos.photoReadUrl(request.params.userId, request.principal);
      return reply.header("cache-control", REDIRECT_CACHE_CONTROL).redirect(url, 302);
    },
  );
}
