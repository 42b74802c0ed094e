import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyRequest } from "fastify";
import Type from "typebox";
import { requirePrincipal } from "../../platform/http/access.js";
import { DomainError } from "../../platform/http/errors.js";
import type { App } from "../../platform/http/server.js";
import { ATTACHMENT_CONTENT_TYPES, ATTACHMENT_MAX_UPLOAD_BYTES } from "./messaging.attachments.js";
import { AttachmentEnvelope, AttachmentParams, ConversationParams } from "./messaging.schemas.js";
import type { MessagingService } from "./messaging.service.js";

const tags = ["messaging"];
const ImageBody = {
  content: Object.fromEntries(
    ATTACHMENT_CONTENT_TYPES.map((type) => [
      type,
      { schema: Type.Unsafe<Buffer>({ description: "Image bytes" }) },
    ]),
  ),
};
/** The browser may keep the redirect briefly; the link it points to lives FILES_URL_TTL_SECONDS. */
const REDIRECT_CACHE_CONTROL = "private, max-age=30";
const uploadRateLimit = { max: 30, timeWindow: 10 * 60 * 1000 };

function imageBytes(request: FastifyRequest): Buffer {
  if (!Buffer.isBuffer(request.body))
    throw new DomainError("UNSUPPORTED_MEDIA_TYPE", "Upload a JPEG, PNG or WebP image.");
  return request.body;
}

/** Images in conversations: upload one to send with your next message, and read one you may see. */
export async function registerAttachmentRoutes(app: App, messaging: MessagingService) {
  await app.register(async (plugin) => {
    const scope = plugin.withTypeProvider<TypeBoxTypeProvider>();
    // Raw image bodies only on this route, bounded before they are read.
    scope.addContentTypeParser(
      [...ATTACHMENT_CONTENT_TYPES],
      { parseAs: "buffer", bodyLimit: ATTACHMENT_MAX_UPLOAD_BYTES },
      (_request, body, done) => done(null, body),
    );
    scope.post(
      "/api/v1/conversations/:conversationId/attachments",
      {
        bodyLimit: ATTACHMENT_MAX_UPLOAD_BYTES,
        config: { access: ["client", "reader"], rateLimit: uploadRateLimit },
        schema: {
          tags,
          summary: "Upload an image to send with your next message here",
          description:
            "Send the raw image as the body with Content-Type image/jpeg, image/png or image/webp (at most 5 MB, checked by content); it is stored re-encoded as WebP (at most 1600 px a side) without its metadata. Then name its id in `attachmentIds` when sending.",
          params: ConversationParams,
          body: ImageBody,
          response: { 201: AttachmentEnvelope },
        },
      },
      async (request, reply) =>
        reply.status(201).send({
          attachment: await messaging.attachments.upload(
            requirePrincipal(request),
            request.params.conversationId,
            imageBytes(request),
          ),
        }),
    );
  });
  app.get(
    "/api/v1/message-images/:attachmentId",
    {
      config: { access: ["client", "reader"] },
      schema: {
        tags,
        summary:
          "An image of a message: redirects to a short-lived link (the conversation's two people only)",
        params: AttachmentParams,
        response: { 302: Type.Null({ description: "Location: the image" }) },
      },
    },
    async (request, reply) => {
      const url = await messaging.attachments.readUrl(requirePrincipal(request), request.params.attachmentId);
      return reply.header("cache-control", REDIRECT_CACHE_CONTROL).redirect(url, 302);
    },
  );
}
