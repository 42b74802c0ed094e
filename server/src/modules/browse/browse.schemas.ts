import Type, { type Static } from "typebox";
import { PageQueryFields } from "../../platform/http/pagination.js";
import { LanguageSchema, ReaderSchema, SpecialtySchema } from "../readers/readers.schemas.js";

export const BrowseQuerySchema = Type.Object({
  ...PageQueryFields,
  q: Type.Optional(Type.String({ maxLength: 100 })),
  specialty: Type.Optional(SpecialtySchema),
  modality: Type.Optional(Type.Union([Type.Literal("chat"), Type.Literal("voice"), Type.Literal("video")])),
  minPriceCents: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000 })),
  maxPriceCents: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000 })),
  language: Type.Optional(LanguageSchema),
  online: Type.Optional(Type.Boolean()),
  minRating: Type.Optional(Type.Number({ minimum: 0, maximum: 5 })),
  sort: Type.Optional(
    Type.Union(
      [Type.Literal("recommended"), Type.Literal("price"), Type.Literal("rating"), Type.Literal("newest")],
      {
        description:
          "recommended: online first, then rating and review count; price: lowest first, by the chosen modality's rate or else each reader's cheapest; rating; newest.",
      },
    ),
  ),
});
export type BrowseQuery = Static<typeof BrowseQuerySchema>;

/** A reader as a browse card shows them: the public profile without bio, tools and the demo flag. */
const { bio: _bio, tools: _tools, automaticDemo: _automaticDemo, ...SummaryFields } = ReaderSchema.properties;
export const ReaderSummarySchema = Type.Object(SummaryFields, {
  title: "ReaderSummary",
  description: "A reader in a browse list; GET /api/v1/readers/{slug} has the full profile.",
});

export const ReaderPageSchema = Type.Object({
  items: Type.Array(ReaderSummarySchema),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});
