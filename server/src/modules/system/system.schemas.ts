import Type from "typebox";

/** Settings the web app reads at start (an explicit allow-list; nothing secret). */
export const PublicConfigSchema = Type.Object({
  appName: Type.String(),
  auth0Enabled: Type.Boolean(),
  minPasswordLength: Type.Integer(),
  paymentProvider: Type.Union([Type.Literal("stripe"), Type.Literal("sandbox")]),
  sandboxMailbox: Type.Boolean({
    description:
      "Whether GET /api/v1/sandbox/mailbox exists (no SMTP server and the payment sandbox): sign-up's “Check your email” links to it.",
  }),
  iceServers: Type.Array(
    Type.Object({
      urls: Type.Union([Type.String(), Type.Array(Type.String())]),
      username: Type.Optional(Type.String()),
      credential: Type.Optional(Type.String()),
    }),
    { description: "STUN/TURN servers for voice and video calls (empty: direct connections only)." },
  ),
  media: Type.Union(
    [
      Type.Object({ provider: Type.Literal("webrtc") }),
      Type.Object({ provider: Type.Literal("agora"), appId: Type.String() }),
    ],
    {
      description:
        "Who carries voice and video: the built-in WebRTC (signaled over the live socket) or Agora RTC (tokens from POST /api/v1/readings/{readingId}/media-token).",
    },
  ),
});
