import { claimDueMail, forgetUnconfirmedSubscriptions, markMailFailed, markMailSent, queueReviewDigests, type DbHandle } from '@tracker/db';
import type { Transporter } from 'nodemailer';
import { log } from '../log';
import { renderMail, type MessageSettings } from './message';

export interface MailSettings extends MessageSettings {
  transport: Transporter;
  /** How often the outbox is looked at. */
  intervalMs?: number;
  /** How long a sender holds a message it took; past it, another sender may take it over. */
  leaseMs?: number;
}

/** The wait before the next try: 30 s, doubling each time, at most an hour. */
export const retryDelayMs = (attempts: number) => Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);

/**
 * Sends what the outbox holds, now and every `intervalMs`, until stopped: due messages are taken
 * (one sender per message, however many servers run), sent, and marked sent; a failure is tried
 * again later, so an SMTP outage delays mail but loses none. Review digests are queued on the way.
 */
export function startMailSender(handle: DbHandle, settings: MailSettings): { stop(): Promise<void>; tick(): Promise<number> } {
  const intervalMs = settings.intervalMs ?? 15_000;
  const leaseMs = settings.leaseMs ?? 120_000;
  let stopped = false;
  let running: Promise<number> | null = null;
  let digestsQueuedOn = '';

  async function once(): Promise<number> {
    const today = new Date().toISOString().slice(0, 10);
    if (digestsQueuedOn !== today) {
      await queueReviewDigests(handle.db, today);
      await forgetUnconfirmedSubscriptions(handle.db);
      digestsQueuedOn = today;
    }
    let sent = 0;
    for (;;) {
      const due = await claimDueMail(handle.db, 20, leaseMs);
      if (due.length === 0 || stopped) return sent;
      for (const [i, mail] of due.entries()) {
        try {
          await settings.transport.sendMail(renderMail(mail, settings));
          await markMailSent(handle.db, mail.id);
          sent += 1;
        } catch (error) {
          // The mail server is down or refuses: this message and the rest of the batch wait for
          // their next try, rather than each waiting out the same timeout now.
          const reason = error instanceof Error ? error.message : String(error);
          for (const later of due.slice(i)) await markMailFailed(handle.db, later.id, reason, new Date(Date.now() + retryDelayMs(later.attempts)));
          log.warn('mail not sent; it will be tried again', { messages: due.length - i, attempts: mail.attempts, reason });
          return sent;
        }
      }
    }
  }

  const tick = () => {
    running ??= once()
      .catch((error: unknown) => {
        log.warn('the outbox could not be read; trying again later', { reason: error instanceof Error ? error.message : String(error) });
        return 0;
      })
      .finally(() => {
        running = null;
      });
    return running;
  };
  const timer = setInterval(() => void tick(), intervalMs);
  timer.unref();
  void tick();
  return {
    tick,
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
