import agoraToken from "agora-token";
import type { Clock } from "../../platform/clock.js";
import type { Database } from "../../platform/db/database.js";
import type { Principal } from "../../platform/http/access.js";
import { DomainError } from "../../platform/http/errors.js";
import { createReadingsRepository } from "./readings.repository.js";
import type { ReadingState } from "./readings.state.js";

const { RtcRole, RtcTokenBuilder } = agoraToken;

export type MediaService = ReturnType<typeof createMediaService>;

export interface AgoraMediaConfig {
  appId: string;
  appCertificate: string;
  tokenTtlSeconds: number;
}

/**
 * Each participant's Agora uid, fixed by their side of the reading: unique in the channel, known to
 * both sides, and the same on every renewal and rejoin (a second device of the same person takes
 * over the first one's place instead of adding a third party to the call).
 */
export const AGORA_UIDS = { client: 1, reader: 2 } as const;

/**
 * The Agora channel of a reading: one per reading, never reused. Its name keeps the earlier word
 * (`session-`): it is an identifier at Agora, and both sides of a call must name the same channel
 * while nodes of two versions run side by side.
 */
export function mediaChannelOf(readingId: string) {
  return `session-${readingId}`;
}

/**
 * Why a participant of a reading in each state gets no media token (null: they get one). Tokens go
 * only to live, funded readings (docs/decisions/0007-agora-media-tokens.md): `active`, and
 * `reconnecting` so a dropped side can rejoin the call while the server sees it come back. Not
 * `waiting`: both sides become connected through the live socket, not the call, and a token given
 * before billing starts would carry an unbilled call for its whole lifetime.
 */
const REFUSALS: Record<ReadingState, string | null> = {
  created: "The reader has not accepted yet; the call opens when you are both here.",
  waiting: "The call opens when you are both here.",
  active: null,
  reconnecting: null,
  paused: "The reading is paused until funds arrive; the call opens again after a top-up.",
  ended: "This reading has ended.",
  finalized: "This reading has ended.",
};

export function mediaTokenRefusal(state: ReadingState): string | null {
  return REFUSALS[state];
}

/**
 * Short-lived Agora RTC tokens for the two participants of a voice or video reading. Issuing is a
 * read: nothing is stored, and a renewal is simply another token for the same channel and uid.
 */
export function createMediaService(deps: { db: Database; clock: Clock; agora: AgoraMediaConfig | null }) {
  const readings = createReadingsRepository();

  return {
    async issueToken(principal: Principal, readingId: string) {
      const agora = deps.agora;
      if (!agora)
        throw new DomainError(
          "FEATURE_DISABLED",
          "Agora is not configured: voice and video use the built-in WebRTC call.",
        );
      const row = await readings.find(deps.db, readingId);
      // Someone else's reading is answered like one that does not exist (as on every reading route).
      if (!row) throw new DomainError("NOT_FOUND", "No such reading.");
      const side =
        row.clientUserId === principal.userId
          ? "client"
          : row.readerUserId === principal.userId
            ? "reader"
            : null;
      if (!side) throw new DomainError("NOT_FOUND", "No such reading.");
      if (row.modality === "chat") throw new DomainError("CONFLICT", "A chat reading has no call.");
      const refusal = mediaTokenRefusal(row.state);
      if (refusal) throw new DomainError("CONFLICT", refusal);

      const issuedAt = deps.clock.now();
      const uid = AGORA_UIDS[side];
      const channel = mediaChannelOf(row.id);
      const ttlSeconds = agora.tokenTtlSeconds;
      // The token and each privilege (join, publish audio/video/data) end together after the TTL.
      const token = RtcTokenBuilder.buildTokenWithUid(
        agora.appId,
        agora.appCertificate,
        channel,
        uid,
        RtcRole.PUBLISHER,
        ttlSeconds,
        ttlSeconds,
      );
      // The builder returns "" for an app id or certificate that is not 32 hex characters (config
      // validation rules that out).
      if (!token) throw new Error("agora-token built no token");
      return {
        provider: "agora" as const,
        appId: agora.appId,
        channel,
        uid,
        token,
        expiresAt: new Date(issuedAt.getTime() + ttlSeconds * 1000).toISOString(),
      };
    },
  };
}
