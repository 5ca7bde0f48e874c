// A real SMTP server in the test process: every message the portal sends arrives here, parsed enough to follow links.
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  to: string[];
  subject: string;
  text: string;
  raw: string;
}

export interface SmtpHarness {
  url: string;
  messages: ReceivedMail[];
  /** From now on, accept `count` more messages, then drop every connection at its data until `recover()`. */
  failAfter(count: number): void;
  recover(): void;
  /** Waits for the next message to this address (or any), up to a few seconds. */
  next(to?: string): Promise<ReceivedMail>;
  close(): Promise<void>;
}

function decode(raw: string): { subject: string; text: string } {
  const [head, ...rest] = raw.split(/\r?\n\r?\n/);
  let body = rest.join('\n\n');
  const unfolded = head.replace(/\r?\n[ \t]+/g, ' ');
  const subjectLine = /^Subject: (.*)$/im.exec(unfolded)?.[1] ?? '';
  // Whitespace between two encoded words is folding, not text (RFC 2047, 6.2): a long subject split in two keeps its words whole.
  const subject = subjectLine.replace(/\?=\s+=\?/g, '?==?').replace(/=\?utf-8\?([QB])\?(.*?)\?=/gi, (_, kind: string, text: string) =>
    kind.toUpperCase() === 'B' ? Buffer.from(text, 'base64').toString('utf8') : Buffer.from(text.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8'),
  ).replace(/\s+/g, ' ');
  if (/Content-Transfer-Encoding: quoted-printable/i.test(unfolded)) {
    body = Buffer.from(body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8');
  } else if (/Content-Transfer-Encoding: base64/i.test(unfolded)) {
    body = Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  }
  return { subject, text: body };
}

export async function startSmtp(): Promise<SmtpHarness> {
  const messages: ReceivedMail[] = [];
  let accepting = Infinity;
  const waiting: { to?: string; resolve: (m: ReceivedMail) => void }[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if (accepting <= 0) {
          // The server goes away mid-conversation: the message is not taken, the connection closes.
          callback(Object.assign(new Error('Service not available, closing transmission channel'), { responseCode: 421 }));
          return;
        }
        accepting--;
        const raw = Buffer.concat(chunks).toString('utf8');
        const mail = { to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()), ...decode(raw), raw };
        messages.push(mail);
        const i = waiting.findIndex((w) => !w.to || mail.to.includes(w.to.toLowerCase()));
        if (i >= 0) waiting.splice(i, 1)[0].resolve(mail);
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as { port: number }).port;
  let seen = 0;
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    failAfter(count) {
      accepting = count;
    },
    recover() {
      accepting = Infinity;
    },
    next(to) {
      const found = messages.slice(seen).find((m) => !to || m.to.includes(to.toLowerCase()));
      if (found) {
        seen = messages.indexOf(found) + 1;
        return Promise.resolve(found);
      }
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no mail to ${to ?? 'anyone'} within 5 s`)), 5000);
        waiting.push({
          to,
          resolve: (m) => {
            clearTimeout(timer);
            seen = messages.indexOf(m) + 1;
            resolve(m);
          },
        });
      });
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** The text/plain part of a multipart mail with its quoted-printable encoding undone; the text itself otherwise. */
export function plainText(mail: ReceivedMail): string {
  if (!/^Content-Type: multipart\//im.test(mail.raw)) return mail.text;
  const part = /Content-Type: text\/plain[^\n]*\r?\n((?:[^\r\n]+\r?\n)*)\r?\n([\s\S]*?)(?:\r?\n--|$)/i.exec(mail.text);
  if (!part) return mail.text;
  const [, headers, body] = part;
  if (!/Content-Transfer-Encoding: quoted-printable/i.test(headers)) return body;
  return Buffer.from(body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8');
}

/** The first portal link in a mail. */
export function linkIn(mail: ReceivedMail): string {
  // A multipart mail (text and HTML) keeps its parts' encoding in `text`: the link is read whole from the text part.
  const text = plainText(mail);
  const match = /https?:\/\/[^\s<>"]+/.exec(text);
  if (!match) throw new Error(`no link in mail "${mail.subject}"`);
  return match[0];
}

/** The first mail to `to` whose subject matches, waiting up to `withinMs` for it to arrive. */
export async function mailMatching(smtp: Pick<SmtpHarness, 'messages'>, to: string, subject: RegExp, withinMs = 10_000): Promise<ReceivedMail> {
  for (let waited = 0; ; waited += 50) {
    const found = smtp.messages.find((m) => m.to.includes(to) && subject.test(m.subject));
    if (found) return found;
    if (waited >= withinMs) throw new Error(`no mail to ${to} about ${subject}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The path and query of the mail's first link that matches `pattern`, read from its text part. */
export function linkMatching(mail: ReceivedMail, pattern: RegExp): string {
  const link = plainText(mail).match(/https?:\/\/[^\s<>"]+/g)?.find((l) => pattern.test(l));
  if (!link) throw new Error(`no link to ${pattern} in "${mail.subject}"`);
  const url = new URL(link);
  return url.pathname + url.search;
}
