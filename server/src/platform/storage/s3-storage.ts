import { DeleteObjectCommand, GetObjectCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import type { S3Config } from "../../config.js";
import type { Clock } from "../clock.js";
import { assertStorageKey, type ObjectStorage } from "./object-storage.js";

/** Objects in an S3-compatible bucket (AWS S3, Cloudflare R2, …), read through presigned GET URLs. */
export function createS3Storage(options: S3Config & { urlTtlSeconds: number; clock: Clock }): ObjectStorage {
  const client = new S3Client({
    endpoint: options.endpoint,
    region: options.region,
    forcePathStyle: options.forcePathStyle,
    credentials: { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey },
    // Checksums only where S3 requires them: R2 and other S3-compatible servers differ on the newer ones.
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
    maxAttempts: 3,
  });
  const Bucket = options.bucket;
  return {
    kind: "s3",
    async put(key, body, contentType) {
      assertStorageKey(key);
      await client.send(
        new PutObjectCommand({
          Bucket,
          Key: key,
          Body: body,
          ContentType: contentType,
          ContentLength: body.length,
          // Keys are never reused, so the object may be cached for as long as a URL lives.
          CacheControl: "private, max-age=31536000, immutable",
        }),
      );
    },
    async delete(key) {
      assertStorageKey(key);
      await client.send(new DeleteObjectCommand({ Bucket, Key: key }));
    },
    async readUrl(key) {
      assertStorageKey(key);
      return getSignedUrl(client, new GetObjectCommand({ Bucket, Key: key }), {
        expiresIn: options.urlTtlSeconds,
        signingDate: options.clock.now(),
      });
    },
    async close() {
      client.destroy();
    },
  };
}
