import Type, { type Static } from "typebox";
import { DisplayName } from "../users/users.schemas.js";

export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 128;

const Email = Type.String({ format: "email", maxLength: 254, description: "Email address." });
const Password = Type.String({ minLength: MIN_PASSWORD_LENGTH, maxLength: MAX_PASSWORD_LENGTH });

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
