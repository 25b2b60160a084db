import Type, { type Static } from 'typebox';
import { literalUnion } from './literal-union.js';
import { UserSchema } from './wire-schemas/chat.js';

/**
 * Staff accounts (agents and admins are people who sign in with an email and a password). Their role
 * lives on their user row: `owner` (one per tenant, set at first run), `admin`, `supervisor`, `agent`.
 * Users without an account (visitors, bots, members, token-minted agents) have none.
 */
export const STAFF_ROLES = ['owner', 'admin', 'supervisor', 'agent'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];
export const StaffRoleSchema = literalUnion(STAFF_ROLES);

/** What a single-use link is for: the owner's first-run set-up, an invitation, a password reset. */
export const LINK_PURPOSES = ['setup', 'invite', 'reset'] as const;
export type LinkPurpose = (typeof LINK_PURPOSES)[number];

// The sign-in routes' shapes (`/v1/auth/*`, docs/accounts.md).

const strict = { additionalProperties: false } as const;
// Spaces around it are allowed (a pasted address): the server trims and lower-cases every email.
export const EmailSchema = Type.String({ minLength: 3, maxLength: 254, pattern: '^\\s*[^\\s@]+@[^\\s@]+\\s*$', description: 'Trimmed and lower-cased when stored' });
/** A password being checked: any length up to a bound (the policy applies to new passwords only). */
const GivenPasswordSchema = Type.String({ minLength: 1, maxLength: 1024 });
/** A new password: the policy (10–128 characters, not common, not the email) is checked by the server. */
export const NewPasswordSchema = Type.String({ minLength: 1, maxLength: 1024, description: '10–128 characters, not a common password, not containing the email' });

export const LoginRequestSchema = Type.Object(
  {
    email: EmailSchema,
    password: GivenPasswordSchema,
    // cookie (default): the refresh token in an HttpOnly cookie; token: in the body (scripts, the SDK in Node).
    session: Type.Optional(literalUnion(['cookie', 'token'] as const)),
  },
  strict,
);
export type LoginRequest = Static<typeof LoginRequestSchema>;

export const RefreshRequestSchema = Type.Object({ refreshToken: Type.Optional(Type.String({ maxLength: 512 })) }, strict);
export const ChangePasswordRequestSchema = Type.Object({ currentPassword: GivenPasswordSchema, newPassword: NewPasswordSchema }, strict);
export const SetupRequestSchema = Type.Object(
  { token: Type.String({ minLength: 1, maxLength: 512 }), email: EmailSchema, password: NewPasswordSchema, name: Type.String({ minLength: 1, maxLength: 200 }) },
  strict,
);

export const AccountSummarySchema = Type.Object({ email: Type.String(), role: StaffRoleSchema });
export type AccountSummary = Static<typeof AccountSummarySchema>;

/** What a sign-in, a refresh, the set-up and an accepted invitation answer. */
export const SignedInResponseSchema = Type.Object({
  accessToken: Type.String(),
  expiresAt: Type.Integer({ description: 'When the access token expires, ms since the epoch' }),
  user: UserSchema,
  account: AccountSummarySchema,
  refreshToken: Type.Optional(Type.String({ description: "Only with session: 'token' (or a refresh by body): <sessionId>.<secret>" })),
});
export type SignedInResponse = Static<typeof SignedInResponseSchema>;

export const AccountMeResponseSchema = Type.Object({ user: UserSchema, account: AccountSummarySchema });

export const AuthSessionSchema = Type.Object({
  id: Type.String(),
  createdAt: Type.Integer(),
  lastUsedAt: Type.Integer(),
  userAgent: Type.String(),
  ip: Type.String(),
  current: Type.Boolean({ description: 'The session of the refresh cookie sent with this request' }),
});
export const AuthSessionsResponseSchema = Type.Object({ sessions: Type.Array(AuthSessionSchema) });
export const SetupStatusResponseSchema = Type.Object({ needed: Type.Boolean({ description: 'True while the DEFAULT tenant has no owner' }) });
