import Type, { type Static } from "typebox";
import { PageQueryFields } from "../../platform/http/pagination.js";

/** The fixed taxonomy of specialties (issue 4). */
export const SPECIALTIES = [
  "tarot",
  "astrology",
  "mediumship",
  "love-and-relationships",
  "career-and-money",
  "dreams",
  "numerology",
  "energy-healing",
  "angel-and-oracle-cards",
  "past-lives",
  "pets",
  "spiritual-guidance",
] as const;
export type Specialty = (typeof SPECIALTIES)[number];

export const READER_STATUSES = ["online", "away", "offline", "busy"] as const;
export type ReaderStatus = (typeof READER_STATUSES)[number];

export const SpecialtySchema = Type.Enum([...SPECIALTIES]);
const ShortList = (maxItems: number) =>
  Type.Array(Type.String({ minLength: 1, maxLength: 40, pattern: "\\S" }), { maxItems, uniqueItems: true });
const Rate = Type.Union([
  Type.Integer({ minimum: 99, maximum: 4999, description: "Cents per minute ($0.99–$49.99)." }),
  Type.Null(),
]);
export const LanguageSchema = Type.String({ pattern: "^[a-z]{2}$", description: "ISO 639-1 code, e.g. en." });

/** What a reader's public profile is made of (an application adds a sample answer). */
export const ReaderProfileFieldsSchema = Type.Object({
  displayName: Type.String({ minLength: 2, maxLength: 60, pattern: "\\S" }),
  headline: Type.String({ minLength: 10, maxLength: 120 }),
  bio: Type.String({ minLength: 50, maxLength: 4000 }),
  specialties: Type.Array(SpecialtySchema, { minItems: 1, maxItems: 6, uniqueItems: true }),
  tools: ShortList(10),
  languages: Type.Array(LanguageSchema, { minItems: 1, maxItems: 8, uniqueItems: true }),
  yearsOfExperience: Type.Integer({ minimum: 0, maximum: 80 }),
  timeZone: Type.String({ minLength: 1, maxLength: 64 }),
});
export type ReaderProfileFields = Static<typeof ReaderProfileFieldsSchema>;

export const ReaderSchema = Type.Object(
  {
    userId: Type.String(),
    slug: Type.String(),
    displayName: Type.String(),
    headline: Type.String(),
    bio: Type.String(),
    specialties: Type.Array(Type.String()),
    tools: Type.Array(Type.String()),
    languages: Type.Array(Type.String()),
    yearsOfExperience: Type.Integer(),
    rates: Type.Object({ chat: Rate, voice: Rate, video: Rate, scheduled: Rate }),
    status: Type.Union([
      Type.Literal("online"),
      Type.Literal("away"),
      Type.Literal("offline"),
      Type.Literal("busy"),
    ]),
    ratingAverage: Type.Number(),
    ratingCount: Type.Integer(),
    createdAt: Type.String({ format: "date-time" }),
    photoUrl: Type.Union([Type.String(), Type.Null()], {
      description: "Stable link to the profile photo (redirects to the image); null without one.",
    }),
    automaticDemo: Type.Boolean({
      description:
        "A demo reader answered by software with canned messages (demo data only); the web app says so on their page.",
    }),
  },
  { title: "Reader" },
);

export const SlugParamsSchema = Type.Object({ slug: Type.String({ pattern: "^[a-z0-9-]{2,80}$" }) });

export const UpdateReaderBodySchema = Type.Object(
  {
    headline: Type.Optional(Type.String({ minLength: 10, maxLength: 120 })),
    bio: Type.Optional(Type.String({ minLength: 50, maxLength: 4000 })),
    specialties: Type.Optional(Type.Array(SpecialtySchema, { minItems: 1, maxItems: 6, uniqueItems: true })),
    tools: Type.Optional(ShortList(10)),
    languages: Type.Optional(Type.Array(LanguageSchema, { minItems: 1, maxItems: 8, uniqueItems: true })),
    rates: Type.Optional(
      Type.Object({
        chat: Type.Optional(Rate),
        voice: Type.Optional(Rate),
        video: Type.Optional(Rate),
        scheduled: Type.Optional(Rate),
      }),
    ),
  },
  { minProperties: 1 },
);
export type UpdateReaderBody = Static<typeof UpdateReaderBodySchema>;

export const StatusBodySchema = Type.Object({
  status: Type.Union([Type.Literal("online"), Type.Literal("away"), Type.Literal("offline")], {
    description: "busy is set by the platform during a reading.",
  }),
});

// ----- Admin management of readers (readers.admin.ts) -----

const ProfileFields = ReaderProfileFieldsSchema.properties;
const Listed = Type.Union([Type.Literal("listed"), Type.Literal("suspended")], {
  description:
    "suspended: never listed, searchable or startable. Not set since migration 0019: a reader is suspended through their account (account.status).",
});
const OptionalRates = Type.Object({
  chat: Type.Optional(Rate),
  voice: Type.Optional(Rate),
  video: Type.Optional(Rate),
  scheduled: Type.Optional(Rate),
});

export const AdminReaderSchema = Type.Object(
  {
    ...ReaderSchema.properties,
    timeZone: Type.String(),
    listed: Listed,
    updatedAt: Type.String({ format: "date-time" }),
    noShowCount: Type.Integer({ description: "Booked readings this reader cancelled or did not join." }),
    account: Type.Object({
      email: Type.String(),
      displayName: Type.String(),
      role: Type.Union([Type.Literal("client"), Type.Literal("reader"), Type.Literal("admin")]),
      status: Type.Union([Type.Literal("active"), Type.Literal("suspended"), Type.Literal("banned")]),
    }),
  },
  { title: "AdminReader" },
);
export const AdminReaderEnvelopeSchema = Type.Object({ reader: AdminReaderSchema });
export const AdminReaderPageSchema = Type.Object({
  items: Type.Array(AdminReaderSchema),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});

export const AdminReaderQuerySchema = Type.Object({
  ...PageQueryFields,
  q: Type.Optional(Type.String({ maxLength: 100, description: "Part of the name, email or slug." })),
  listed: Type.Optional(Listed),
});
export type AdminReaderQuery = Static<typeof AdminReaderQuerySchema>;

export const AdminReaderParamsSchema = Type.Object({ userId: Type.String({ minLength: 1, maxLength: 100 }) });

export const AdminCreateReaderBodySchema = Type.Object({
  email: Type.String({ format: "email", maxLength: 254 }),
  dateOfBirth: Type.Optional(
    Type.String({
      format: "date",
      description: "YYYY-MM-DD, 18 or older; required when the email has no account yet.",
    }),
  ),
  ...ProfileFields,
  rates: Type.Optional(OptionalRates),
});
export type AdminCreateReaderBody = Static<typeof AdminCreateReaderBodySchema>;

export const AdminCreateReaderResultSchema = Type.Object({
  reader: AdminReaderSchema,
  accountCreated: Type.Boolean({
    description:
      "true: a new account was made and sent a link to choose a password; false: a client was promoted.",
  }),
});

export const AdminUpdateReaderBodySchema = Type.Object(
  {
    displayName: Type.Optional(ProfileFields.displayName),
    headline: Type.Optional(ProfileFields.headline),
    bio: Type.Optional(ProfileFields.bio),
    specialties: Type.Optional(ProfileFields.specialties),
    tools: Type.Optional(ProfileFields.tools),
    languages: Type.Optional(ProfileFields.languages),
    yearsOfExperience: Type.Optional(ProfileFields.yearsOfExperience),
    timeZone: Type.Optional(ProfileFields.timeZone),
    rates: Type.Optional(OptionalRates),
  },
  { minProperties: 1 },
);
export type AdminUpdateReaderBody = Static<typeof AdminUpdateReaderBodySchema>;
