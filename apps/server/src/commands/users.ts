import { hashPassword, issueOneTimeLink } from '@tracker/api';
import { createUserAccount } from '@tracker/db';
import { emailSchema, passwordSchema, roles, text } from '@tracker/domain';
import { z } from 'zod';
import type { Env } from '../env';
import { withDatabase } from './database';

const options = z.object({
  email: emailSchema,
  role: z.enum(roles, `--role must be one of: ${roles.join(', ')}`),
  name: text('--name', 1, 120).optional(),
});

/** Reads the whole of standard input: the password never appears in argv or in logs. */
async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

export async function createUserCommand(
  env: Env,
  args: { email?: string | undefined; role?: string | undefined; name?: string | undefined; passwordStdin: boolean },
): Promise<string> {
  const parsed = options.safeParse(args);
  if (!parsed.success) throw new Error(parsed.error.issues.map((i) => i.message).join('\n'));
  const { email, role, name } = parsed.data;
  let passwordHash: string | null = null;
  if (args.passwordStdin) {
    const password = passwordSchema.safeParse(await readStdin());
    if (!password.success) throw new Error(password.error.issues[0]?.message ?? 'Invalid password.');
    passwordHash = await hashPassword(password.data);
  }
  return withDatabase(env, async (handle) => {
    const user = await createUserAccount(handle.db, null, { email, displayName: name ?? email, role: role, passwordHash });
    if (passwordHash) return `Created ${user.role} ${user.email}. They can sign in now.`;
    const link = await issueOneTimeLink(handle, 'password_reset', user.id);
    const base = env.TRACKER_PUBLIC_URL ?? `http://${env.HOST}:${env.PORT}`;
    return `Created ${user.role} ${user.email}. Send them this one-time link to choose a password (valid 24 hours):\n\n    ${base}${link.path}`;
  });
}
