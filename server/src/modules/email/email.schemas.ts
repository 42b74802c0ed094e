import Type from "typebox";

export const OutboxEmailSchema = Type.Object(
  {
    id: Type.String(),
    to: Type.String(),
    subject: Type.String(),
    textBody: Type.String(),
    kind: Type.String(),
    status: Type.Union([Type.Literal("pending"), Type.Literal("sent"), Type.Literal("logged"), Type.Literal("failed")]),
    createdAt: Type.String({ format: "date-time" }),
    sentAt: Type.Union([Type.String({ format: "date-time" }), Type.Null()]),
  },
  { title: "OutboxEmail" },
);

export const OutboxQuerySchema = Type.Object({
  cursor: Type.Optional(Type.String({ maxLength: 200 })),
  limit: Type.Integer({ minimum: 1, maximum: 100, default: 25 }),
});

export const OutboxPageSchema = Type.Object({
  items: Type.Array(OutboxEmailSchema),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});
