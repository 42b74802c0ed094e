import Type, { type Static } from "typebox";
import { PageQueryFields } from "../../platform/http/pagination.js";

export const AuditEntrySchema = Type.Object(
  {
    id: Type.String(),
    actorUserId: Type.Union([Type.String(), Type.Null()]),
    actorEmail: Type.Union([Type.String(), Type.Null()]),
    action: Type.String(),
    objectType: Type.String(),
    objectId: Type.Union([Type.String(), Type.Null()]),
    details: Type.Record(Type.String(), Type.Unknown()),
    requestId: Type.Union([Type.String(), Type.Null()]),
    createdAt: Type.String({ format: "date-time" }),
  },
  { title: "AuditEntry" },
);

export const AuditQuerySchema = Type.Object({
  action: Type.Optional(Type.String({ maxLength: 100 })),
  actorUserId: Type.Optional(Type.String({ maxLength: 100 })),
  objectType: Type.Optional(Type.String({ maxLength: 100 })),
  objectId: Type.Optional(Type.String({ maxLength: 200 })),
  from: Type.Optional(Type.String({ format: "date-time", description: "Entries at or after this instant." })),
  to: Type.Optional(Type.String({ format: "date-time", description: "Entries at or before this instant." })),
  ...PageQueryFields,
});
export type AuditQuery = Static<typeof AuditQuerySchema>;

export const AuditPageSchema = Type.Object({
  items: Type.Array(AuditEntrySchema),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});
