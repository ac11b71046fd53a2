import { z } from 'zod';
import { fieldLimits } from './limits';
import { iso3Schema, uuidSchema } from './identifiers';
import { text } from './text';
import { roles } from './vocabulary';

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, 'An email address has at most 254 characters.')
  .pipe(z.email('Use a valid email address.'));

/** Length over composition rules (NIST 800-63B): at least 12 characters, any characters. */
export const passwordSchema = z
  .string()
  .min(12, 'Use a password of at least 12 characters.')
  .max(256, 'A password has at most 256 characters.');

/** One-time tokens are 43 base64url characters (256 bits). */
export const oneTimeTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'This link is not valid; ask for a new one.');

export const totpCodeSchema = z.string().regex(/^\d{6}$/, 'Enter the 6-digit code from your authenticator app.');

const currentPasswordSchema = z.string().min(1, 'Enter your current password.').max(256, 'A password has at most 256 characters.');

/**
 * Turns on the second factor: a code from the app proves it holds the new secret. Replacing one
 * already set up also needs the current password and a current code from the old one.
 */
export const totpEnableInput = z.object({
  secret: z.string().regex(/^[A-Z2-7]{16,64}$/, 'Use the secret exactly as the setup step gave it.'),
  code: totpCodeSchema,
  currentPassword: currentPasswordSchema.optional(),
  currentCode: totpCodeSchema.optional(),
});
/** Turning the second factor off needs the current password and a current code. */
export const totpDisableInput = z.object({ code: totpCodeSchema, currentPassword: currentPasswordSchema });
export const rolePolicyInput = z.object({ role: z.enum(roles), requireTotp: z.boolean() });

export const loginInput = z.object({
  email: emailSchema,
  // Not the password policy: an old, shorter password must still be able to fail politely.
  password: z.string().min(1, 'Enter your password.').max(256, 'A password has at most 256 characters.'),
  totp: totpCodeSchema.optional(),
});

export const setupInput = z.object({
  token: oneTimeTokenSchema,
  email: emailSchema,
  displayName: text('Your name', 1, fieldLimits.displayName),
  password: passwordSchema,
});

export const resetPasswordInput = z.object({ token: oneTimeTokenSchema, password: passwordSchema });

/** A password link, to learn whose account it opens before using it. */
export const passwordLinkInput = z.object({ token: oneTimeTokenSchema });

export const changePasswordInput = z.object({ currentPassword: currentPasswordSchema, newPassword: passwordSchema });

export const userCreateInput = z.object({
  email: emailSchema,
  displayName: text('The name', 1, fieldLimits.displayName),
  role: z.enum(roles),
  /** Monitors may be limited to some States; empty means every State. */
  states: z.array(iso3Schema).max(60).default([]),
});

export const userUpdateInput = z.object({
  id: uuidSchema,
  displayName: text('The name', 1, fieldLimits.displayName).optional(),
  role: z.enum(roles).optional(),
  active: z.boolean().optional(),
  states: z.array(iso3Schema).max(60).optional(),
  /** The account's `updatedAt` as last read; a stale one gets a conflict instead of overwriting. */
  updatedAt: z.iso.datetime({ offset: true, message: 'Send updatedAt exactly as the tracker gave it.' }).optional(),
});

export const userIdInput = z.object({ id: uuidSchema });

