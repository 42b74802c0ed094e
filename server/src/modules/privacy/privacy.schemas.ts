import Type, { type Static } from "typebox";
import { UserSchema } from "../users/users.schemas.js";

export const PersonalDataExportSchema = Type.Object({
  format: Type.Literal("soulseer-personal-data"),
  version: Type.Integer(),
  exportedAt: Type.String({ format: "date-time" }),
  profile: UserSchema,
  /** The person's rows of each table in the personal-data registry, by table name. */
  tables: Type.Record(Type.String(), Type.Array(Type.Unknown())),
});

export const DeletionRequestBodySchema = Type.Object(
  {
    /** Required when the account has a password; Auth0-only accounts need a fresh sign-in instead. */
    password: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  },
  { additionalProperties: false },
);
export type DeletionRequestBody = Static<typeof DeletionRequestBodySchema>;

export const DeletionRequestedSchema = Type.Object({ expiresAt: Type.String({ format: "date-time" }) });

export const DeletionTokenBodySchema = Type.Object(
  { token: Type.String({ minLength: 20, maxLength: 200, pattern: "^[A-Za-z0-9_-]+$" }) },
  { additionalProperties: false },
);

export const DeletionTokenStatusSchema = Type.Object({ expiresAt: Type.String({ format: "date-time" }) });

export const AccountDeletedSchema = Type.Object({
  deleted: Type.Literal(true),
  readingsEnded: Type.Integer({ minimum: 0 }),
  /** Left in the wallet: kept on the books for the person to claim with support (no card refunds yet). */
  walletBalanceCents: Type.Integer(),
  /** A reader's unpaid earnings: kept on the books (payouts do not exist yet). */
  earningsCents: Type.Integer(),
  /** Quote it to support to claim a balance (the account's email is gone). */
  claimReference: Type.String(),
});
