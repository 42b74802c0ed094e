import Type, { type Static } from "typebox";
import { PageQueryFields } from "../../platform/http/pagination.js";
import { ReaderProfileFieldsSchema } from "../readers/readers.schemas.js";

export const APPLICATION_STATUSES = ["pending", "approved", "rejected"] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

export const ApplicationBodySchema = Type.Object({
  ...ReaderProfileFieldsSchema.properties,
  sampleAnswer: Type.String({ minLength: 100, maxLength: 4000 }),
});
export type ApplicationBody = Static<typeof ApplicationBodySchema>;

export const ApplicationSchema = Type.Object(
  {
    id: Type.String(),
    userId: Type.String(),
    displayName: Type.String(),
    headline: Type.String(),
    bio: Type.String(),
    specialties: Type.Array(Type.String()),
    tools: Type.Array(Type.String()),
    languages: Type.Array(Type.String()),
    yearsOfExperience: Type.Integer(),
    sampleAnswer: Type.String(),
    timeZone: Type.String(),
    status: Type.Union([Type.Literal("pending"), Type.Literal("approved"), Type.Literal("rejected")]),
    decisionReason: Type.Union([Type.String(), Type.Null()]),
    createdAt: Type.String({ format: "date-time" }),
    reviewedAt: Type.Union([Type.String({ format: "date-time" }), Type.Null()]),
  },
  { title: "ReaderApplication" },
);

export const ApplicationListSchema = Type.Object({
  items: Type.Array(ApplicationSchema),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});

export const ApplicationQuerySchema = Type.Object({
  ...PageQueryFields,
  status: Type.Optional(
    Type.Union([Type.Literal("pending"), Type.Literal("approved"), Type.Literal("rejected")]),
  ),
});
export const ApplicationParamsSchema = Type.Object({ applicationId: Type.String({ format: "uuid" }) });
export const RejectBodySchema = Type.Object({
  reason: Type.String({ minLength: 3, maxLength: 1000, pattern: "\\S" }),
});
