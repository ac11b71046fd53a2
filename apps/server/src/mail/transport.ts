import { createTransport, type Transporter } from 'nodemailer';

/**
 * The SMTP connection from TRACKER_SMTP_URL (`smtp://user:pass@mail.example.org:587`, or `smtps://`
 * for TLS from the start). Timeouts are short, so a mail server that does not answer holds the
 * outbox for seconds, not minutes; the message is tried again later.
 */
export function smtpTransport(url: string): Transporter {
  return createTransport({ url, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 });
}
