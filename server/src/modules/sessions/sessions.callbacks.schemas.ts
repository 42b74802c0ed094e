import Type, { type Static } from "typebox";
import { CALLBACK_STATUSES, MODALITIES } from "./sessions.tables.js";

const Timestamp = Type.String({ format: "date-time" });

export const JoinCallbackBody = Type.Object(
  {
    readerUserId: Type.String({ minLength: 1, maxLength: 100 }),
    modality: Type.Enum([...MODALITIES]),
  },
  { additionalProperties: false },
);
export type JoinCallbackBody = Static<typeof JoinCallbackBody>;

export const CallbackSchema = Type.Object({
  id: Type.String(),
  readerUserId: Type.String(),
  readerName: Type.String(),
  readerSlug: Type.Union([Type.String(), Type.Null()]),
  modality: Type.Enum([...MODALITIES]),
  status: Type.Enum([...CALLBACK_STATUSES]),
  position: Type.Union([Type.Integer({ minimum: 1 }), Type.Null()], {
    description: "Your place in the reader's line while waiting or offered (1 = next).",
  }),
  createdAt: Timestamp,
  expiresAt: Timestamp,
  offerExpiresAt: Type.Union([Timestamp, Type.Null()], {
    description: "While offered: start the reading before this moment to keep your place.",
  }),
  sessionId: Type.Union([Type.String(), Type.Null()], { description: "The reading the callback became." }),
});

export const CallbackEnvelope = Type.Object({ callback: CallbackSchema });
export const CallbackParams = Type.Object({ callbackId: Type.String({ format: "uuid" }) });

export const QueueEntry = Type.Object({
  id: Type.String(),
  clientName: Type.String(),
  modality: Type.Enum([...MODALITIES]),
  status: Type.Enum(["waiting", "offered"]),
  position: Type.Integer({ minimum: 1 }),
  createdAt: Timestamp,
  offerExpiresAt: Type.Union([Timestamp, Type.Null()]),
});
