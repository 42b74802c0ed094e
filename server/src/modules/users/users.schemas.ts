import Type, { type Static } from "typebox";
import { PageQueryFields } from "../../platform/http/pagination.js";

export const USER_ROLES = ["client", "reader", "admin"] as const;
export type UserRole = (typeof USER_ROLES)[number];
export const USER_STATUSES = ["active", "suspended", "banned"] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

export const DisplayName = Type.String({ minLength: 2, maxLength: 60, pattern: "\\S" });
const Role = Type.Union([Type.Literal("client"), Type.Literal("reader"), Type.Literal("admin")]);
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) =>
  Type.Union([schema, Type.Null()]);

export const UserSchema = Type.Object(
  {
    id: Type.String(),
    email: Type.String(),
    displayName: Type.String(),
    role: Role,
    emailVerified: Type.Boolean(),
    dateOfBirth: Nullable(Type.String({ format: "date" })),
    bio: Nullable(Type.String()),
    timeZone: Nullable(Type.String()),
    country: Nullable(
      Type.String({ description: "ISO 3166-1 alpha-2 code (crisis lines); null until the person sets it." }),
    ),
    createdAt: Type.String({ format: "date-time" }),
    twoFactorEnabled: Type.Boolean({ description: "Two-factor sign-in (TOTP) is on." }),
    profileComplete: Type.Boolean({
      description: "Date of birth given and terms accepted; until then nothing can be paid for.",
    }),
    status: Type.Union([Type.Literal("active"), Type.Literal("suspended"), Type.Literal("banned")], {
      description: "suspended: signed in, may read and withdraw but not act; banned: cannot sign in.",
    }),
    statusReason: Nullable(Type.String({ description: "Why the account is suspended or banned." })),
  },
  { title: "User" },
);
export type UserDto = Static<typeof UserSchema>;

export const AdminUserSchema = Type.Object(
  {
    ...UserSchema.properties,
    statusChangedAt: Nullable(Type.String({ format: "date-time" })),
  },
  { title: "AdminUser" },
);
export type AdminUserDto = Static<typeof AdminUserSchema>;

export const UserEnvelopeSchema = Type.Object({ user: UserSchema });

export const UpdateProfileBodySchema = Type.Object(
  {
    displayName: Type.Optional(DisplayName),
    bio: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
    timeZone: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 64 }))),
    country: Type.Optional(Nullable(Type.String({ pattern: "^[A-Z]{2}$", description: "e.g. US, GB" }))),
  },
  { minProperties: 1 },
);
export type UpdateProfileBody = Static<typeof UpdateProfileBodySchema>;

export const ListUsersQuerySchema = Type.Object({
  search: Type.Optional(Type.String({ maxLength: 100 })),
  role: Type.Optional(Role),
  status: Type.Optional(
    Type.Union([Type.Literal("active"), Type.Literal("suspended"), Type.Literal("banned")]),
  ),
  ...PageQueryFields,
});
export type ListUsersQuery = Static<typeof ListUsersQuerySchema>;

export const UserPageSchema = Type.Object({
  items: Type.Array(AdminUserSchema),
  nextCursor: Nullable(Type.String()),
});

export const UserIdParamsSchema = Type.Object({ userId: Type.String({ minLength: 1, maxLength: 100 }) });

export const ChangeRoleBodySchema = Type.Object({
  role: Role,
  reason: Type.String({ minLength: 3, maxLength: 500, pattern: "\\S" }),
});
export type ChangeRoleBody = Static<typeof ChangeRoleBodySchema>;

/** suspend, ban and restore all need a reason, kept in the audit log and shown to the person. */
export const AccountActionBodySchema = Type.Object({
  reason: Type.String({ minLength: 3, maxLength: 500, pattern: "\\S" }),
});
export type AccountActionBody = Static<typeof AccountActionBodySchema>;
export type AccountAction = "suspend" | "ban" | "restore";
