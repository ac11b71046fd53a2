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

/** A notice as a message, in the recipient's language: what happened, and a link. Never any content. */
export function renderMail(mail: DueMail, settings: MessageSettings): SendMailOptions {
  const { texts } = settings;
  const language = mail.language;
  const link = `${settings.origin()}/${segmentOf(language)}/${noticePath(mail.kind, mail.entityId)}`;
  const settingsLink = `${settings.origin()}/${segmentOf(language)}/account#notices`;
  const values = { name: mail.displayName, count: new Intl.NumberFormat(language).format(mail.count ?? 0), app: texts(language, 'app.name') };
  const subject = texts(language, `notice.${mail.kind}`, values);
  const text = [
    texts(language, 'mail.greeting', values),
    '',
    texts(language, `mail.body.${mail.kind}`, values),
    '',
    link,
    '',
    '-- ',
    texts(language, 'mail.footer', { ...values, settings: settingsLink }),
  ].join('\n');
  return {
    from: settings.from,
    to: { name: mail.displayName, address: mail.email },
    subject,
    text,
    // One identity per queued message: should a message ever go twice (a sender killed between
    // sending and recording it), mail programs see the same message.
    messageId: `<${mail.id}@${new URL(settings.origin()).hostname}>`,
    headers: { 'Content-Language': language },
    list: { unsubscribe: { url: settingsLink, comment: texts(language, 'mail.unsubscribe') } },
  };
}

