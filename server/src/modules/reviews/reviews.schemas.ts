import Type, { type Static } from "typebox";

const Timestamp = Type.String({ format: "date-time" });
const NullableTimestamp = Type.Union([Timestamp, Type.Null()]);

export const REVIEW_TEXT_MAX_LENGTH = 2000;
export const REPLY_MAX_LENGTH = 1000;
export const CLIENT_NOTES_MAX_LENGTH = 5000;
export const TIP_MIN_CENTS = 100;
export const TIP_MAX_CENTS = 50_000;
export const REVIEWS_PAGE_MAX = 50;
export const REVIEWS_PAGE_DEFAULT = 10;

export const ReadingParams = Type.Object({ readingId: Type.String({ format: "uuid" }) });
export const ReviewParams = Type.Object({ reviewId: Type.String({ format: "uuid" }) });
export const ReaderSlugParams = Type.Object({ slug: Type.String({ pattern: "^[a-z0-9-]{2,80}$" }) });
export const ReaderUserParams = Type.Object({ readerUserId: Type.String({ minLength: 1, maxLength: 100 }) });

export const ReviewBody = Type.Object(
  {
    stars: Type.Integer({ minimum: 1, maximum: 5, description: "1 to 5 whole stars." }),
    text: Type.String({ maxLength: REVIEW_TEXT_MAX_LENGTH, description: "Plain text; may be empty." }),
  },
  { additionalProperties: false },
);
export type ReviewBody = Static<typeof ReviewBody>;

export const ReplyBody = Type.Object(
  { text: Type.String({ minLength: 1, maxLength: REPLY_MAX_LENGTH, description: "Plain text." }) },
  { additionalProperties: false },
);

export const TipBody = Type.Object(
  {
    amountCents: Type.Integer({ minimum: TIP_MIN_CENTS, maximum: TIP_MAX_CENTS }),
    idempotencyKey: Type.String({
      minLength: 16,
      maxLength: 100,
      pattern: "^[A-Za-z0-9_-]+$",
      description: "Chosen by the app once per tip; a repeat moves no money twice.",
    }),
  },
  { additionalProperties: false },
);
export type TipBody = Static<typeof TipBody>;

export const TipResult = Type.Object({
  tippedCents: Type.Integer({ description: "The amount of this tip (of the first request, on a repeat)." }),
  balanceCents: Type.Integer({ description: "Your wallet balance after the tip." }),
});

export const ClientNotesBody = Type.Object(
  {
    body: Type.String({
      maxLength: CLIENT_NOTES_MAX_LENGTH,
      description: "Plain text, seen only by you; empty deletes the notes.",
    }),
  },
  { additionalProperties: false },
);

const NotesObject = Type.Object({ body: Type.String(), updatedAt: Timestamp });
export const ClientNotesEnvelope = Type.Object({ notes: Type.Union([NotesObject, Type.Null()]) });

/** A review as the two participants of its reading see it. */
export const ReviewSchema = Type.Object(
  {
    id: Type.String(),
    readingId: Type.String(),
    stars: Type.Integer(),
    text: Type.String(),
    reply: Type.Union([Type.String(), Type.Null()]),
    repliedAt: NullableTimestamp,
    createdAt: Timestamp,
    updatedAt: Timestamp,
    editableUntil: Timestamp,
  },
  { title: "Review" },
);
export const ReviewEnvelope = Type.Object({ review: ReviewSchema });

/** A review as anyone sees it on a reader's page: the client's first name only. */
export const PublicReviewSchema = Type.Object(
  {
    id: Type.String(),
    stars: Type.Integer(),
    text: Type.String(),
    reply: Type.Union([Type.String(), Type.Null()]),
    repliedAt: NullableTimestamp,
    createdAt: Timestamp,
    updatedAt: Timestamp,
    clientFirstName: Type.String(),
  },
  { title: "PublicReview" },
);

export const ReviewPageQuery = Type.Object({
  cursor: Type.Optional(Type.String({ maxLength: 200, description: "`nextCursor` of the previous page." })),
  limit: Type.Optional(
    Type.Integer({ minimum: 1, maximum: REVIEWS_PAGE_MAX, default: REVIEWS_PAGE_DEFAULT }),
  ),
});

export const ReviewPage = Type.Object({
  items: Type.Array(PublicReviewSchema),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
  ratingAverage: Type.Number(),
  ratingCount: Type.Integer(),
});

export const AfterReadingSchema = Type.Object(
  {
    review: Type.Union([ReviewSchema, Type.Null()]),
    canReview: Type.Boolean({ description: "The caller may write or edit the review now." }),
    reviewEditableUntil: NullableTimestamp,
    reviewMinimumBilledMs: Type.Integer({ description: "Billed time needed for a review (3 units)." }),
    canTip: Type.Boolean({ description: "The caller may tip the reader for this reading now." }),
    tipUntil: NullableTimestamp,
    readerNote: Type.Union([Type.Object({ text: Type.String(), at: Timestamp }), Type.Null()]),
    myNotes: Type.Union([NotesObject, Type.Null()], {
      description: "The client's private notes on this reader; always null for the reader.",
    }),
  },
  { title: "AfterReading" },
);
