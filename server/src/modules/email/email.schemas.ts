import Type from "typebox";
import { PageQueryFields } from "../../platform/http/pagination.js";

export const OutboxEmailSchema = Type.Object(
  {
    id: Type.String(),
    to: Type.String(),
    subject: Type.String(),
    textBody: Type.String(),
    kind: Type.String(),
    status: Type.Union([
      Type.Literal("pending"),
      Type.Literal("sent"),
      Type.Literal("logged"),
      Type.Literal("failed"),
    ]),
    createdAt: Type.String({ format: "date-time" }),
    sentAt: Type.Union([Type.String({ format: "date-time" }), Type.Null()]),
  },
  { title: "OutboxEmail" },
);

export const OutboxQuerySchema = Type.Object({
  ...PageQueryFields,
});

export const OutboxPageSchema = Type.Object({
  items: Type.Array(OutboxEmailSchema),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});

export const MailboxEmailSchema = Type.Object(
  {
    id: Type.String(),
    to: Type.String(),
    subject: Type.String(),
    textBody: Type.String(),
    kind: Type.String(),
    createdAt: Type.String({ format: "date-time" }),
  },
  { title: "MailboxEmail" },
);

export const MailboxSchema = Type.Object({
  addresses: Type.Array(Type.String(), {
    description: "The addresses this browser signed up with (the only ones it may read).",
  }),
  items: Type.Array(MailboxEmailSchema),
});
