import Type, { type Static } from "typebox";
import { MODALITIES } from "../readings/readings.schemas.js";

export const WAITLIST_STATUSES = ["waiting", "offered", "started", "lapsed", "cancelled", "expired"] as const;
export type WaitlistStatus = (typeof WAITLIST_STATUSES)[number];

const Timestamp = Type.String({ format: "date-time" });

export const JoinWaitlistBody = Type.Object(
  {
    readerUserId: Type.String({ minLength: 1, maxLength: 100 }),
    modality: Type.Enum([...MODALITIES]),
  },
  { additionalProperties: false },
);
export type JoinWaitlistBody = Static<typeof JoinWaitlistBody>;

export const WaitlistEntrySchema = Type.Object({
  id: Type.String(),
  readerUserId: Type.String(),
  readerName: Type.String(),
  readerSlug: Type.Union([Type.String(), Type.Null()]),
  modality: Type.Enum([...MODALITIES]),
  status: Type.Enum([...WAITLIST_STATUSES]),
  position: Type.Union([Type.Integer({ minimum: 1 }), Type.Null()], {
    description: "Your place in the reader's line while waiting or offered (1 = next).",
  }),
  createdAt: Timestamp,
  expiresAt: Timestamp,
  offerExpiresAt: Type.Union([Timestamp, Type.Null()], {
    description: "While offered: start the reading before this moment to keep your place.",
  }),
  readingId: Type.Union([Type.String(), Type.Null()], {
    description: "The reading the waitlist entry became.",
  }),
});

export const WaitlistEntryEnvelope = Type.Object({ entry: WaitlistEntrySchema });
export const WaitlistEntryParams = Type.Object({ entryId: Type.String({ format: "uuid" }) });

export const QueueEntry = Type.Object({
  id: Type.String(),
  clientName: Type.String(),
  modality: Type.Enum([...MODALITIES]),
  status: Type.Enum(["waiting", "offered"]),
  position: Type.Integer({ minimum: 1 }),
  createdAt: Timestamp,
  offerExpiresAt: Type.Union([Timestamp, Type.Null()]),
});
