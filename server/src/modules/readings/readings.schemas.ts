import Type, { type Static } from "typebox";
import { READING_CAUSES, READING_STATES } from "./readings.state.js";

export const MODALITIES = ["chat", "voice", "video"] as const;
export type Modality = (typeof MODALITIES)[number];

const Timestamp = Type.Union([Type.String({ format: "date-time" }), Type.Null()]);

export const ReadingSchema = Type.Object({
  id: Type.String(),
  clientUserId: Type.String(),
  readerUserId: Type.String(),
  clientName: Type.String(),
  readerName: Type.String(),
  readerSlug: Type.Union([Type.String(), Type.Null()], {
    description: "The reader's page: /readers/<slug>.",
  }),
  modality: Type.Enum([...MODALITIES]),
  ratePerUnitCents: Type.Integer({ description: "The locked per-minute (per billing unit) rate." }),
  unitMs: Type.Integer({ description: "The billing unit in milliseconds (60 000 = per minute)." }),
  state: Type.Enum([...READING_STATES]),
  endCause: Type.Union([Type.Enum([...READING_CAUSES]), Type.Null()]),
  billedMs: Type.Integer({ description: "Connected, active time accounted up to accruedAt." }),
  billedSeconds: Type.Integer(),
  accruedAt: Timestamp,
  chargedCents: Type.Integer(),
  readerShareCents: Type.Union([Type.Integer(), Type.Null()], { description: "Shown to the reader only." }),
  graceEndsAt: Timestamp,
  answerBy: Type.Union([Type.String({ format: "date-time" }), Type.Null()], {
    description: "While ringing: when the request counts as missed.",
  }),
  createdAt: Type.String({ format: "date-time" }),
  acceptedAt: Timestamp,
  startedAt: Timestamp,
  endedAt: Timestamp,
  finalizedAt: Timestamp,
});

export const ReadingEnvelope = Type.Object({ reading: ReadingSchema });

export const RequestReadingBody = Type.Object(
  {
    readerUserId: Type.String({ minLength: 1, maxLength: 100 }),
    modality: Type.Enum([...MODALITIES]),
  },
  { additionalProperties: false },
);
export type RequestReadingBody = Static<typeof RequestReadingBody>;

export const ReadingParams = Type.Object({ readingId: Type.String({ format: "uuid" }) });

export const ReadingListQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
});

export const TransitionList = Type.Object({
  items: Type.Array(
    Type.Object({
      fromState: Type.Union([Type.String(), Type.Null()]),
      toState: Type.String(),
      cause: Type.String(),
      at: Type.String({ format: "date-time" }),
    }),
  ),
});
