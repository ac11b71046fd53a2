import type { DueMail } from '@tracker/db';
import { noticePath } from '@tracker/domain';
import type { SendMailOptions } from 'nodemailer';
import { segmentOf, type PageTexts } from '../http/page-texts';

export interface MessageSettings {
  from: string;
  /** The tracker's public address, for links. */
  origin: () => string;
  texts: PageTexts;
}

/**
 * A notice as a message, in the recipient's language: what happened, and a link. Never any content.
 * A subscriber's message (no account) links to what the public can see, and carries the link that
 * ends the subscription, in the text and in `List-Unsubscribe`.
 */
export function renderMail(mail: DueMail, settings: MessageSettings): SendMailOptions {
  const { texts } = settings;
  const language = mail.language;
  const base = `${settings.origin()}/${segmentOf(language)}`;
  const subscriber = mail.subscriber;
  const link = subscriber && mail.kind === 'subscription_confirm' ? `${base}/subscriptions/confirm?token=${subscriber.confirmToken}` : `${base}/${noticePath(mail.kind, mail.entityId, mail.iso3)}`;
  const stopLink = subscriber ? `${base}/subscriptions/unsubscribe?token=${subscriber.unsubscribeToken}` : `${base}/account#notices`;
  const state = mail.iso3 ? (texts.own(language, `place.${mail.iso3}`) ?? texts.own('en', `place.${mail.iso3}`) ?? mail.iso3) : '';
  const values = {
    name: mail.displayName ?? '',
    count: new Intl.NumberFormat(language).format(mail.count ?? 0),
    app: texts(language, 'app.name'),
    state,
    settings: stopLink,
  };
  const who = subscriber ? 'subscriber' : 'account';
  const subject = subscriber ? texts(language, `mail.subscriber.subject.${mail.kind}`, values) : texts(language, `notice.${mail.kind}`, values);
  const body = subscriber ? texts(language, `mail.subscriber.body.${mail.kind}`, values) : texts(language, `mail.body.${mail.kind}`, values);
  const text = [
    subscriber ? texts(language, 'mail.subscriber.greeting', values) : texts(language, 'mail.greeting', values),
    '',
    body,
    '',
    link,
    '',
    '-- ',
    texts(language, who === 'subscriber' ? 'mail.subscriber.footer' : 'mail.footer', values),
  ].join('\n');
  return {
    from: settings.from,
    to: mail.displayName ? { name: mail.displayName, address: mail.email } : mail.email,
    subject,
    text,
    // One identity per queued message: should a message ever go twice (a sender killed between
    // sending and recording it), mail programs see the same message.
    messageId: `<${mail.id}@${new URL(settings.origin()).hostname}>`,
    headers: { 'Content-Language': language },
    list: { unsubscribe: { url: stopLink, comment: texts(language, subscriber ? 'mail.subscriber.unsubscribe' : 'mail.unsubscribe') } },
  };
}
