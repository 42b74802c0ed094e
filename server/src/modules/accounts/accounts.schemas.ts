import Type, { type Static } from "typebox";
import { PageQueryFields } from "../../platform/http/pagination.js";
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "./auth.js";

const Email = Type.String({ format: "email", maxLength: 254, description: "Email address." });
const Password = Type.String({ minLength: MIN_PASSWORD_LENGTH, maxLength: MAX_PASSWORD_LENGTH });
const DisplayName = Type.String({ minLength: 2, maxLength: 60, pattern: "\\S" });
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
    createdAt: Type.String({ format: "date-time" }),
  },
  { title: "User" },
);
export type UserDto = Static<typeof UserSchema>;

export const AdminUserSchema = Type.Object(
  {
    ...UserSchema.properties,
    status: Type.Union([Type.Literal("active"), Type.Literal("suspended")]),
  },
  { title: "AdminUser" },
);
export type AdminUserDto = Static<typeof AdminUserSchema>;

export const UserEnvelopeSchema = Type.Object({ user: UserSchema });
export const OkSchema = Type.Object({ ok: Type.Literal(true) });

export const SignUpBodySchema = Type.Object({
  email: Email,
  password: Password,
  displayName: DisplayName,
  dateOfBirth: Type.String({ format: "date", description: "YYYY-MM-DD; members must be 18 or older." }),
  acceptTerms: Type.Boolean({
    description: "Must be true: the member accepts the terms and privacy policy.",
  }),
});
export type SignUpBody = Static<typeof SignUpBodySchema>;

export const SignInBodySchema = Type.Object({
  email: Email,
  password: Type.String({ minLength: 1, maxLength: MAX_PASSWORD_LENGTH }),
});
export type SignInBody = Static<typeof SignInBodySchema>;

export const TokenBodySchema = Type.Object({ token: Type.String({ minLength: 1, maxLength: 512 }) });
export const EmailBodySchema = Type.Object({ email: Email });
export const ResetPasswordBodySchema = Type.Object({
  token: Type.String({ minLength: 1, maxLength: 512 }),
  newPassword: Password,
});
export const ChangePasswordBodySchema = Type.Object({
  currentPassword: Type.String({ minLength: 1, maxLength: MAX_PASSWORD_LENGTH }),
  newPassword: Password,
});

export const UpdateProfileBodySchema = Type.Object(
  {
    displayName: Type.Optional(DisplayName),
    bio: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
    timeZone: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 64 }))),
  },
  { minProperties: 1 },
);
export type UpdateProfileBody = Static<typeof UpdateProfileBodySchema>;

export const ListUsersQuerySchema = Type.Object({
  search: Type.Optional(Type.String({ maxLength: 100 })),
  role: Type.Optional(Role),
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

export const PublicConfigSchema = Type.Object({
  appName: Type.String(),
  auth0Enabled: Type.Boolean(),
  minPasswordLength: Type.Integer(),
  paymentProvider: Type.Union([Type.Literal("stripe"), Type.Literal("sandbox")]),
  iceServers: Type.Array(
    Type.Object({
      urls: Type.Union([Type.String(), Type.Array(Type.String())]),
      username: Type.Optional(Type.String()),
      credential: Type.Optional(Type.String()),
    }),
    { description: "STUN/TURN servers for voice and video calls (empty: direct connections only)." },
  ),
  media: Type.Union(
    [
      Type.Object({ provider: Type.Literal("webrtc") }),
      Type.Object({ provider: Type.Literal("agora"), appId: Type.String() }),
    ],
    {
      description:
        "Who carries voice and video: the built-in WebRTC (signaled over the live socket) or Agora RTC (tokens from POST /api/v1/sessions/{sessionId}/media-token).",
    },
  ),
});
