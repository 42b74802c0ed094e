import agoraToken from "agora-token";
import type { Clock } from "../../platform/clock.js";
import type { Principal } from "../../platform/http/access.js";
import { DomainError } from "../../platform/http/errors.js";
import type { StreamView } from "./streams.schemas.js";
import { isOnAir } from "./streams.state.js";

const { RtcRole, RtcTokenBuilder } = agoraToken;

/** The reader's Agora uid in their stream's channel; viewers join with uids Agora assigns (0 in the token). */
export const STREAM_HOST_UID = 1;

/** The Agora channel of a stream (live-broadcast mode): one per stream, never reused. */
export const streamChannelOf = (streamId: string) => `stream-${streamId}`;

/**
 * Short-lived Agora RTC tokens for a stream when Agora is configured (decision 0022): the reader
 * gets the host's (publish) token, and a viewer who may watch the stream (public, invited, or a
 * ticket) an audience token that can only subscribe. Only while the stream is on air; renewals are
 * simply new tokens. Live chat and gifts stay on the app's own socket either way.
 */
export function createStreamAgora(deps: {
  clock: Clock;
  agora: { appId: string; appCertificate: string; tokenTtlSeconds: number } | null;
}) {
  return {
    issue(principal: Principal | null, stream: StreamView) {
      const agora = deps.agora;
      if (!agora)
        throw new DomainError(
          "FEATURE_DISABLED",
          "Agora is not configured: streams use the built-in video relay.",
        );
      if (!stream.access.canWatch) throw new DomainError("FORBIDDEN", "You may not watch this stream.");
      if (!isOnAir(stream.status)) throw new DomainError("CONFLICT", "The stream is not live.");
      const host = principal !== null && stream.access.isReader;
      const ttlSeconds = agora.tokenTtlSeconds;
      const channel = streamChannelOf(stream.id);
      const uid = host ? STREAM_HOST_UID : 0;
      const token = RtcTokenBuilder.buildTokenWithUid(
        agora.appId,
        agora.appCertificate,
        channel,
        uid,
        host ? RtcRole.PUBLISHER : RtcRole.SUBSCRIBER,
        ttlSeconds,
        ttlSeconds,
      );
      if (!token) throw new Error("agora-token built no token");
      return {
        provider: "agora" as const,
        appId: agora.appId,
        channel,
        uid,
        role: host ? ("host" as const) : ("audience" as const),
        token,
        expiresAt: new Date(deps.clock.now().getTime() + ttlSeconds * 1000).toISOString(),
      };
    },
  };
}
