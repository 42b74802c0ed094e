import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, TEST_ORIGIN, type TestApp } from "../../../test/harness.js";
import { readingKit } from "../../../test/readings-kit.js";

/**
 * Images in conversations on a real database and the local object storage: checked by content,
 * re-encoded without metadata, claimed once by the uploader's message, and read through signed
 * links by the conversation's two people only (a locked paid reply's images only once unlocked).
 */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const kit = () => readingKit(t, "");

async function pair() {
  const reader = await t.signedIn("reader");
  const client = await kit().fundedClient(5_000);
  const opened = await kit().call("POST", "/api/v1/conversations", client.cookie, {
    readerUserId: reader.user.id,
  });
  return { reader, client, conversationId: opened.json().conversation.id as string };
}

/** A JPEG carrying EXIF (camera, GPS-like comment) that must not survive. */
const photo = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: "#ff69b4" } })
    .jpeg()
    .withExif({ IFD0: { Make: "SecretCam", ImageDescription: "home at 51.5N 0.1W" } })
    .toBuffer();

const upload = (cookie: string, conversationId: string, body: Buffer, contentType = "image/jpeg") =>
  t.app.inject({
    method: "POST",
    url: `/api/v1/conversations/${conversationId}/attachments`,
    headers: { origin: TEST_ORIGIN, cookie, "content-type": contentType },
    payload: body,
  });
const send = (cookie: string, conversationId: string, payload: object) =>
  kit().call("POST", `/api/v1/conversations/${conversationId}/messages`, cookie, payload);
/** Follows the image link to the stored file: its status, or its bytes. */
async function fetchImage(cookie: string | null, attachmentId: string) {
  const link = await kit().call("GET", `/api/v1/message-images/${attachmentId}`, cookie);
  if (link.statusCode !== 302) return { status: link.statusCode, bytes: null };
  const file = await t.app.inject({ method: "GET", url: String(link.headers.location) });
  return { status: file.statusCode, bytes: file.rawPayload, type: file.headers["content-type"] };
}

describe("images in conversations", () => {
  it("re-encodes without metadata and shows them to the two people only", async () => {
    const { reader, client, conversationId } = await pair();
    const uploaded = await upload(client.cookie, conversationId, await photo(3200, 1000));
    expect(uploaded.statusCode, uploaded.body).toBe(201);
    const attachment = uploaded.json().attachment;
    expect(attachment).toMatchObject({ width: 1600, height: 500 });
    // Not sent yet: only the uploader can see it.
    expect((await fetchImage(reader.cookie, attachment.id)).status).toBe(404);

    const sent = await send(client.cookie, conversationId, { body: "", attachmentIds: [attachment.id] });
    expect(sent.statusCode, sent.body).toBe(201);
    expect(sent.json().message.attachments).toEqual([attachment]);
    const seen = (
      await kit().call("GET", `/api/v1/conversations/${conversationId}/messages`, reader.cookie)
    ).json();
    expect(seen.items[0].attachments).toEqual([attachment]);

    const image = await fetchImage(reader.cookie, attachment.id);
    expect(image).toMatchObject({ status: 200, type: "image/webp" });
    const metadata = await sharp(image.bytes as Buffer).metadata();
    expect(metadata).toMatchObject({ format: "webp", width: 1600, height: 500 });
    expect(metadata.exif).toBeUndefined();
    expect((image.bytes as Buffer).includes(Buffer.from("SecretCam"))).toBe(false);

    const stranger = await t.signedIn("client");
    expect((await fetchImage(stranger.cookie, attachment.id)).status).toBe(404);
    expect((await fetchImage(null, attachment.id)).status).toBe(401);

    // An image goes out once, and only with its uploader's message in its conversation.
    expect(
      (await send(client.cookie, conversationId, { body: "again", attachmentIds: [attachment.id] }))
        .statusCode,
    ).toBe(400);
    const readerImage = (await upload(reader.cookie, conversationId, await photo(40, 40))).json().attachment;
    expect(
      (await send(client.cookie, conversationId, { body: "x", attachmentIds: [readerImage.id] })).json().error
        .code,
    ).toBe("VALIDATION_FAILED");
    const other = await pair();
    expect(
      (await send(other.client.cookie, other.conversationId, { body: "x", attachmentIds: [readerImage.id] }))
        .statusCode,
    ).toBe(400);
    const stored = await t.database.pool.query(
      "select count(*)::int as count from conversation_messages where conversation_id = $1",
      [conversationId],
    );
    expect(stored.rows[0].count).toBe(1);
  });

  it("keeps a paid reply's images locked until the client pays", async () => {
    const { reader, client, conversationId } = await pair();
    const image = (await upload(reader.cookie, conversationId, await photo(800, 800))).json().attachment;
    const paid = await send(reader.cookie, conversationId, {
      body: "Your spread, drawn.",
      attachmentIds: [image.id],
      paid: { priceCents: 200 },
    });
    expect(paid.json().message.attachments).toEqual([image]);
    const locked = (
      await kit().call("GET", `/api/v1/conversations/${conversationId}/messages`, client.cookie)
    ).json();
    expect(locked.items[0]).toMatchObject({ locked: true, attachments: [] });
    expect((await fetchImage(client.cookie, image.id)).status).toBe(404);

    const unlocked = await kit().call(
      "POST",
      `/api/v1/messages/${paid.json().message.id}/unlock`,
      client.cookie,
    );
    expect(unlocked.json().message.attachments).toEqual([image]);
    expect((await fetchImage(client.cookie, image.id)).status).toBe(200);
  });

  it("refuses what is not an image, or too big, storing nothing", async () => {
    const { client, conversationId } = await pair();
    const text = await upload(client.cookie, conversationId, Buffer.from("not an image at all"), "image/png");
    expect(text.statusCode).toBe(415);
    const huge = await upload(client.cookie, conversationId, Buffer.alloc(5 * 1024 * 1024 + 1, 1));
    expect(huge.statusCode).toBe(413);
    const gif = await upload(client.cookie, conversationId, Buffer.from("GIF89a"), "image/gif");
    expect(gif.statusCode).toBe(415);
    const rows = await t.database.pool.query(
      "select count(*)::int as count from message_attachments where conversation_id = $1",
      [conversationId],
    );
    expect(rows.rows[0].count).toBe(0);
    const reader = await t.signedIn("reader");
    expect((await upload(reader.cookie, conversationId, await photo(10, 10))).statusCode).toBe(404);
  });
});
