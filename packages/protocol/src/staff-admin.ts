import Type, { type Static } from 'typebox';
import { EmailSchema, LINK_PURPOSES, NewPasswordSchema, StaffRoleSchema } from './accounts.js';
import { IdSchema, LIMITS } from './schemas.js';
import { literalUnion } from './literal-union.js';

/**
 * Staff administration over REST (docs/accounts.md): invitations, the invitation and reset links,
 * the accounts list and its changes, the audit log. Requests and answers both live here.
 */

/** A link's secret as it appears after `token=`. */
export const LinkTokenSchema = Type.String({ minLength: 1, maxLength: 512 });
const DisplayNameSchema = Type.String({ minLength: 1, maxLength: LIMITS.nickname, pattern: '\\S' });
const DepartmentsSchema = Type.Array(IdSchema, { maxItems: 100, description: 'Departments whose queues the person serves' });
const MaxChatsSchema = Type.Integer({ minimum: 0, maximum: 100, description: 'Live chats assigned at once, at most' });

export const CreateInvitationSchema = Type.Object(
  {
    email: EmailSchema,
    role: StaffRoleSchema,
    name: Type.Optional(DisplayNameSchema),
    departments: Type.Optional(DepartmentsSchema),
    maxChats: Type.Optional(MaxChatsSchema),
  },
  { additionalProperties: false },
);
export type CreateInvitationInput = Static<typeof CreateInvitationSchema>;

export const AcceptInvitationSchema = Type.Object({ token: LinkTokenSchema, password: NewPasswordSchema, name: Type.Optional(DisplayNameSchema) }, { additionalProperties: false });
export const ForgotPasswordSchema = Type.Object({ email: EmailSchema }, { additionalProperties: false });
export const ResetPasswordSchema = Type.Object({ token: LinkTokenSchema, password: NewPasswordSchema }, { additionalProperties: false });

export const UpdateAccountSchema = Type.Object(
  { role: Type.Optional(StaffRoleSchema), departments: Type.Optional(DepartmentsSchema), maxChats: Type.Optional(MaxChatsSchema), name: Type.Optional(DisplayNameSchema) },
  { additionalProperties: false },
);
export type UpdateAccountInput = Static<typeof UpdateAccountSchema>;

export const AuditQuerySchema = Type.Object(
  {
    before: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'The `next` of the previous page' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, description: 'Entries per page (default 50)' })),
  },
  { additionalProperties: false },
);

export const InvitationSchema = Type.Object({
  id: Type.String(),
  email: Type.String(),
  role: StaffRoleSchema,
  expiresAt: Type.Integer(),
  createdAt: Type.Integer(),
});
export type Invitation = Static<typeof InvitationSchema>;

export const CreatedInvitationResponseSchema = Type.Object({
  invitation: InvitationSchema,
  mailed: Type.Boolean({ description: 'Whether the SMTP server accepted the invitation mail' }),
  link: Type.Optional(Type.String({ description: 'Only when no SMTP server is configured: pass it on to the person' })),
});
export const InvitationsResponseSchema = Type.Object({ invitations: Type.Array(InvitationSchema) });

/** The answer of "forgot password": the same for every email, so it says nothing. */
export const ForgotPasswordResponseSchema = Type.Object({}, { additionalProperties: false, description: 'Accepted; a mail goes out if the email has an account' });

export const LinkInfoResponseSchema = Type.Object({
  purpose: literalUnion(LINK_PURPOSES),
  email: Type.String({ description: 'Empty for the set-up link (the owner chooses it)' }),
  tenantName: Type.String(),
  role: StaffRoleSchema,
});

export const ACCOUNT_STATUSES = ['active', 'invited', 'deactivated'] as const;
export type AccountStatus = (typeof ACCOUNT_STATUSES)[number];

export const StaffAccountSchema = Type.Object({
  userId: Type.String(),
  email: Type.String(),
  name: Type.String(),
  role: StaffRoleSchema,
  status: literalUnion(ACCOUNT_STATUSES),
  online: Type.Boolean({ description: 'Connected to some node now' }),
  departments: Type.Array(Type.String()),
  maxChats: Type.Integer(),
  lastLoginAt: Type.Union([Type.Integer(), Type.Null()]),
  createdAt: Type.Integer(),
});
export type StaffAccount = Static<typeof StaffAccountSchema>;

export const StaffAccountsResponseSchema = Type.Object({ accounts: Type.Array(StaffAccountSchema) });
export const StaffAccountResponseSchema = Type.Object({ account: StaffAccountSchema });

export const AuditEntrySchema = Type.Object({
  id: Type.String(),
  at: Type.Integer(),
  actor: Type.String({ description: '`user:<id>`, `key:<id>` or `system`' }),
  action: Type.String({ description: 'e.g. auth.login, account.invited (docs/accounts.md lists them)' }),
  target: Type.String(),
  ip: Type.String(),
  detail: Type.Record(Type.String(), Type.Unknown()),
});
export const AuditResponseSchema = Type.Object({
  entries: Type.Array(AuditEntrySchema),
  next: Type.Optional(Type.String({ description: 'Pass as `before` for the next (older) page; absent on the last' })),
});
