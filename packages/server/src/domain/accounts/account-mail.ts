import type { StaffRole } from '@parley/protocol';
import { composeMail, type ComposedMail } from '../../infra/mail/index.js';

/** The mails of accounts: what an invitation and a password reset say. Values are escaped by composeMail. */

const ROLE_NAME: Record<StaffRole, string> = { owner: 'an owner', admin: 'an admin', supervisor: 'a supervisor', agent: 'an agent' };

export function invitationMail(input: { tenantName: string; inviter: string; role: StaffRole; link: string; days: number }): ComposedMail {
  return composeMail({
    subject: `You are invited to ${input.tenantName} on Parley`,
    paragraphs: [
      `${input.inviter} invited you to join ${input.tenantName} on Parley as ${ROLE_NAME[input.role]}.`,
      'Open the link below to choose your password and sign in.',
    ],
    action: { label: 'Accept the invitation', url: input.link },
    footer: [`The link works once, for ${input.days} days. If you did not expect this invitation, ignore this mail.`],
  });
}

export function resetMail(input: { tenantName: string; link: string; minutes: number }): ComposedMail {
  return composeMail({
    subject: `Reset your Parley password (${input.tenantName})`,
    paragraphs: ['Someone asked to reset the password of your Parley account. If it was you, open the link below and choose a new password.'],
    action: { label: 'Choose a new password', url: input.link },
    footer: [
      `The link works once, for ${input.minutes} minutes; choosing a new password signs you out everywhere.`,
      'If you did not ask for this, ignore this mail: your password stays as it is.',
    ],
  });
}
