// Where mail goes: an SMTP server when SMTP_URL is set, else an .eml file per message under <data>/mail (a fresh install works offline).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import nodemailer from 'nodemailer';

interface Message {
  id: number;
  from: string;
  to: string;
  subject: string;
  text: string;
  html?: string | null;
  headers?: Record<string, string>;
  /** The same for every attempt at one outbox row, so a receiver can tell a resend after a crash from a new mail. */
  messageId?: string;
}

export interface Transport {
  send(message: Message): Promise<void>;
  close(): void;
}

/** The message as nodemailer takes it: multipart text and HTML when there is HTML. */
const envelope = (m: Message) => ({
  from: m.from,
  to: m.to,
  subject: m.subject,
  text: m.text,
  ...(m.html ? { html: m.html } : {}),
  ...(m.headers ? { headers: m.headers } : {}),
  ...(m.messageId ? { messageId: m.messageId } : {}),
});

export function smtpTransport(url: string): Transport {
  const transporter = nodemailer.createTransport(url);
  return {
    async send(m) {
      await transporter.sendMail(envelope(m));
    },
    close: () => transporter.close(),
  };
}

export function fileTransport(dataDir: string): Transport {
  const dir = join(dataDir, 'mail');
  const builder = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    async send(m) {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      const info = await builder.sendMail(envelope(m));
      writeFileSync(join(dir, `${String(m.id).padStart(8, '0')}.eml`), info.message as Buffer, { mode: 0o600 });
    },
    close: () => builder.close(),
  };
}
