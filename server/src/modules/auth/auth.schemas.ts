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

const TotpCode = Type.String({
  pattern: "^[0-9]{6}$",
  description: "The 6-digit code of the authenticator app.",
});
const BackupCode = Type.String({
  minLength: 6,
  maxLength: 32,
  description: "One of the backup codes shown when two-factor sign-in was turned on (each works once).",
});
const CurrentPassword = Type.String({ minLength: 1, maxLength: MAX_PASSWORD_LENGTH });

/** The answer to a correct password of an account with two-factor sign-in: one more step. */
export const TwoFactorStepSchema = Type.Object(
  {
    step: Type.Literal("TWO_FACTOR_REQUIRED"),
    methods: Type.Array(Type.Union([Type.Literal("totp"), Type.Literal("backup-code")])),
  },
  { title: "TwoFactorStep" },
);
export const VerifyTotpBodySchema = Type.Object({ code: TotpCode });
export const VerifyBackupCodeBodySchema = Type.Object({ code: BackupCode });
export const PasswordBodySchema = Type.Object({ password: CurrentPassword });
export const TwoFactorSetupSchema = Type.Object(
  {
    totpUri: Type.String({ description: "otpauth:// address for the authenticator app (as a QR code)." }),
    secret: Type.String({ description: "The same secret in base32, to type in by hand." }),
    backupCodes: Type.Array(Type.String(), { description: "Shown once: each works once instead of a code." }),
  },
  { title: "TwoFactorSetup" },
);

export const CompleteProfileBodySchema = Type.Object({
  dateOfBirth: Type.String({ format: "date", description: "YYYY-MM-DD; members must be 18 or older." }),
  acceptTerms: Type.Boolean({
    description: "Must be true: the member accepts the terms and privacy policy.",
  }),
});
export type CompleteProfileBody = Static<typeof CompleteProfileBodySchema>;
