import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A small S3-compatible server for tests, on 127.0.0.1 only: path-style PUT, GET, HEAD and
 * DELETE of objects in one bucket. Like S3 it verifies AWS Signature Version 4 on every request,
 * both in the Authorization header and in presigned query strings (with their expiry), and the
 * payload hash the client signed; anything else is refused with S3's error codes.
 */
export interface TestS3Server {
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  objects: Map<string, { body: Buffer; contentType: string; cacheControl: string | undefined }>;
  /** Every request as received, for assertions (method, path, how it was authenticated). */
  requests: { method: string; path: string; auth: "header" | "query"; status: number }[];
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 10 * 1024 * 1024;
const MAX_CLOCK_SKEW_MS = 15 * 60 * 1000;
const MAX_PRESIGN_SECONDS = 7 * 86_400;

class S3Failure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** RFC 3986 encoding as SigV4 wants it (encodeURIComponent leaves !'()* alone). */
function encodeRfc3986(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

const sha256Hex = (data: string | Buffer) => createHash("sha256").update(data).digest("hex");
const hmac = (key: Buffer | string, data: string) => createHmac("sha256", key).update(data).digest();

function parseAmzDate(value: string | undefined): Date {
  const match = value ? /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value) : null;
  if (!match) throw new S3Failure(403, "AccessDenied", "X-Amz-Date is missing or malformed");
  const [, year, month, day, hour, minute, second] = match.map(Number) as number[];
  return new Date(Date.UTC(year ?? 0, (month ?? 1) - 1, day, hour, minute, second));
}

interface SignatureInput {
  credential: string;
  signedHeaders: string;
  signature: string;
  amzDate: string;
  payloadHash: string;
}

export async function startTestS3Server(
  options: { bucket?: string; region?: string; now?: () => Date } = {},
): Promise<TestS3Server> {
  const bucket = options.bucket ?? "soulseer-test";
  const region = options.region ?? "auto";
  const accessKeyId = "TESTACCESSKEY0000001";
  const secretAccessKey = "test-secret-access-key-0123456789abcdef";
  const now = options.now ?? (() => new Date());
  const objects: TestS3Server["objects"] = new Map();
  const requests: TestS3Server["requests"] = [];

  function canonicalRequest(
    request: http.IncomingMessage,
    url: URL,
    input: SignatureInput,
    dropQuery: string[],
  ) {
    // Like S3: decode the path the client sent, then encode each segment once.
    const path = url.pathname
      .split("/")
      .map((segment) => encodeRfc3986(decodeURIComponent(segment)))
      .join("/");
    const query = [...url.searchParams.entries()]
      .filter(([name]) => !dropQuery.includes(name))
      .map(([name, value]) => [encodeRfc3986(name), encodeRfc3986(value)] as const)
      .sort(([a, av], [b, bv]) => (a === b ? (av < bv ? -1 : 1) : a < b ? -1 : 1))
      .map(([name, value]) => `${name}=${value}`)
      .join("&");
    const names = input.signedHeaders.split(";");
    if (!names.includes("host")) throw new S3Failure(403, "AccessDenied", "host must be a signed header");
    const headers = names.map((name) => {
      const value = request.headers[name];
      if (value === undefined) throw new S3Failure(403, "AccessDenied", `signed header ${name} is missing`);
      return `${name}:${[value].flat().join(",").trim().replace(/\s+/g, " ")}\n`;
    });
    return [request.method, path, query, headers.join(""), input.signedHeaders, input.payloadHash].join("\n");
  }

  function verify(request: http.IncomingMessage, url: URL, input: SignatureInput, dropQuery: string[]) {
    const [keyId, date, scopeRegion, service, terminator, ...rest] = input.credential.split("/");
    if (keyId !== accessKeyId) throw new S3Failure(403, "InvalidAccessKeyId", "unknown access key");
    if (rest.length > 0 || service !== "s3" || terminator !== "aws4_request" || scopeRegion !== region)
      throw new S3Failure(400, "AuthorizationHeaderMalformed", "bad credential scope");
    if (date !== input.amzDate.slice(0, 8))
      throw new S3Failure(403, "SignatureDoesNotMatch", "credential date differs from X-Amz-Date");
    const scope = `${date}/${scopeRegion}/s3/aws4_request`;
    const stringToSign = [
      "AWS4-HMAC-SHA256",
      input.amzDate,
      scope,
      sha256Hex(canonicalRequest(request, url, input, dropQuery)),
    ].join("\n");
    const signingKey = hmac(hmac(hmac(hmac(`AWS4${secretAccessKey}`, date), region), "s3"), "aws4_request");
    const expected = Buffer.from(hmac(signingKey, stringToSign).toString("hex"));
    const given = Buffer.from(input.signature);
    if (given.length !== expected.length || !timingSafeEqual(given, expected))
      throw new S3Failure(403, "SignatureDoesNotMatch", "The request signature we calculated does not match");
  }

  function authenticate(request: http.IncomingMessage, url: URL, body: Buffer): "header" | "query" {
    const authorization = request.headers.authorization;
    if (authorization) {
      const match =
        /^AWS4-HMAC-SHA256 Credential=([^,\s]+),\s*SignedHeaders=([^,\s]+),\s*Signature=([0-9a-f]{64})$/.exec(
          authorization,
        );
      if (!match) throw new S3Failure(400, "AuthorizationHeaderMalformed", "malformed Authorization");
      const amzDate = String(request.headers["x-amz-date"] ?? "");
      if (Math.abs(parseAmzDate(amzDate).getTime() - now().getTime()) > MAX_CLOCK_SKEW_MS)
        throw new S3Failure(403, "RequestTimeTooSkewed", "request time too far from server time");
      const payloadHash = String(request.headers["x-amz-content-sha256"] ?? "");
      if (payloadHash !== "UNSIGNED-PAYLOAD" && payloadHash !== sha256Hex(body))
        throw new S3Failure(400, "XAmzContentSHA256Mismatch", "payload hash does not match the body");
      const [, credential = "", signedHeaders = "", signature = ""] = match;
      verify(request, url, { credential, signedHeaders, signature, amzDate, payloadHash }, []);
      return "header";
    }
    const query = url.searchParams;
    if (query.get("X-Amz-Algorithm") !== "AWS4-HMAC-SHA256")
      throw new S3Failure(403, "AccessDenied", "Anonymous access is not allowed");
    const amzDate = query.get("X-Amz-Date") ?? "";
    const expiresSeconds = Number(query.get("X-Amz-Expires"));
    if (!Number.isInteger(expiresSeconds) || expiresSeconds < 1 || expiresSeconds > MAX_PRESIGN_SECONDS)
      throw new S3Failure(400, "AuthorizationQueryParametersError", "X-Amz-Expires out of range");
    const signedAt = parseAmzDate(amzDate).getTime();
    if (signedAt - now().getTime() > MAX_CLOCK_SKEW_MS)
      throw new S3Failure(403, "AccessDenied", "Request is not valid yet");
    if (now().getTime() > signedAt + expiresSeconds * 1000)
      throw new S3Failure(403, "AccessDenied", "Request has expired");
    verify(
      request,
      url,
      {
        credential: query.get("X-Amz-Credential") ?? "",
        signedHeaders: query.get("X-Amz-SignedHeaders") ?? "",
        signature: query.get("X-Amz-Signature") ?? "",
        amzDate,
        payloadHash: "UNSIGNED-PAYLOAD",
      },
      ["X-Amz-Signature"],
    );
    return "query";
  }

  async function readBody(request: http.IncomingMessage): Promise<Buffer> {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of request) {
      size += (chunk as Buffer).length;
      if (size > MAX_BODY_BYTES) throw new S3Failure(400, "EntityTooLarge", "body too large");
      chunks.push(chunk as Buffer);
    }
    return Buffer.concat(chunks);
  }

  function objectKey(url: URL): string {
    const [, bucketName, ...rest] = url.pathname.split("/");
    if (bucketName !== bucket)
      throw new S3Failure(404, "NoSuchBucket", "The specified bucket does not exist");
    const key = rest.map((segment) => decodeURIComponent(segment)).join("/");
    if (!key) throw new S3Failure(400, "InvalidRequest", "only object operations are supported");
    return key;
  }

  async function handle(request: http.IncomingMessage, response: http.ServerResponse) {
    const url = new URL(request.url ?? "/", "http://127.0.0.1");
    const body = await readBody(request);
    const auth = authenticate(request, url, body);
    const key = objectKey(url);
    const record = (status: number) =>
      requests.push({ method: request.method ?? "", path: url.pathname, auth, status });
    switch (request.method) {
      case "PUT": {
        if (auth !== "header") throw new S3Failure(403, "AccessDenied", "uploads must be header-signed here");
        objects.set(key, {
          body,
          contentType: String(request.headers["content-type"] ?? "binary/octet-stream"),
          cacheControl: request.headers["cache-control"],
        });
        record(200);
        response.writeHead(200, { etag: `"${createHash("md5").update(body).digest("hex")}"` }).end();
        return;
      }
      case "GET":
      case "HEAD": {
        const object = objects.get(key);
        if (!object) throw new S3Failure(404, "NoSuchKey", "The specified key does not exist.");
        record(200);
        response.writeHead(200, {
          "content-type": object.contentType,
          "content-length": object.body.length,
          ...(object.cacheControl ? { "cache-control": object.cacheControl } : {}),
        });
        response.end(request.method === "GET" ? object.body : undefined);
        return;
      }
      case "DELETE":
        objects.delete(key);
        record(204);
        response.writeHead(204).end();
        return;
      default:
        throw new S3Failure(405, "MethodNotAllowed", "method not allowed");
    }
  }

  const server = http.createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      const failure = error instanceof S3Failure ? error : new S3Failure(500, "InternalError", String(error));
      requests.push({
        method: request.method ?? "",
        path: (request.url ?? "").split("?")[0] ?? "",
        auth: request.headers.authorization ? "header" : "query",
        status: failure.status,
      });
      response
        .writeHead(failure.status, { "content-type": "application/xml" })
        .end(
          `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${failure.code}</Code><Message>${failure.message}</Message></Error>`,
        );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    bucket,
    region,
    accessKeyId,
    secretAccessKey,
    objects,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
