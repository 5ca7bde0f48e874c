// The rules of information requests: who may ask (signed in, or a visitor who confirms their address by a single-use
// link), the reference and due day, the thread between requester and staff (staff notes never reach the requester),
// and who is told by mail.
import { createHmac, randomInt } from 'node:crypto';
import type { MailLimits } from '../../accounts/mail-limits.ts';
import { digest, newId, newToken } from '../../accounts/secrets.ts';
import type { Clock } from '../../clock.ts';
import type { EventStore } from '../../events/store.ts';
import { Conflict, Invalid, NotFound, TooMany } from '../../errors.ts';
import { languageOr, languagePrefix, messages as catalogOf, type Language } from '../../i18n/index.ts';
import type { Mail } from '../../mail/outbox.ts';
import { addDays, localDay } from '../../privacy/cases/deadlines.ts';
import { requestMails } from './mail.ts';
import type { InboxFilter, RequestRow, RequestStore } from './store.ts';
import { confirmHours, dueWorkingDays, maxMessage, requestStatuses, type MessageKind, type RequestStatus, type RequestMessage } from './types.ts';
import { publicName as publicNameOf } from '../public-name.ts';

export interface Person {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  displayName: string | null;
  /** The language of their mail (staff: their latest consent's); the portal's when absent. */
  language?: Language;
}

interface RequestDeps {
  store: RequestStore;
  clock: Clock;
  mailer: { send(mail: Mail): Promise<unknown> };
  mailLimits: MailLimits;
  /** The event log: who registered, answered, noted, assigned or changed a request (no words of it). */
  events: Pick<EventStore, 'record'>;
  config: { baseUrl: string; portalName: string; defaultLanguage: Language; timezone: string };
  /** The portal's key: a visitor's thread link is derived from it, and only its digest is stored. */
  key: () => Buffer;
  person: (id: string) => Promise<Person | null>;
  /** Editors and admins: who handles requests and hears of them when none is assigned. */
  staff: () => Promise<Person[]>;
  /** A dataset anyone may see: its title and contact point's address (metadata contactPoint.email); null when not. */
  dataset: (datasetId: string, lang: Language) => Promise<{ title: string; contactEmail: string | null } | null>;
}

interface Submission {
  subject: string;
  message: string;
  name: string;
  email: string;
  datasetId: string | null;
  lang: Language;
}

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const referenceAlphabet = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
const unconfirmedPerHour = 3;

/** The public name rule of src/exchanges/public-name.ts, for a person as the requests see them. */
const publicName = (p: Pick<Person, 'firstName' | 'lastName' | 'displayName'>) => publicNameOf({ display_name: p.displayName, first_name: p.firstName, last_name: p.lastName });

/** `days` working days (Monday to Friday) after `day`. */
export function addWorkingDays(day: string, days: number): string {
  let d = day;
  for (let left = days; left > 0; ) {
    d = addDays(d, 1);
    const weekday = new Date(`${d}T00:00:00Z`).getUTCDay();
    if (weekday !== 0 && weekday !== 6) left -= 1;
  }
  return d;
}

export type RequestService = ReturnType<typeof createRequestService>;

export function createRequestService(deps: RequestDeps) {
  const { store, clock } = deps;
  const now = () => clock().toISOString();
  const today = () => localDay(clock(), deps.config.timezone);
  const base = deps.config.baseUrl.replace(/\/$/, '');
  const link = (lang: Language, path: string) => `${base}${languagePrefix(lang, deps.config.defaultLanguage)}${path}`;
  const accessToken = (r: Pick<RequestRow, 'id' | 'created_at'>) => createHmac('sha256', deps.key()).update(`request-thread\u0000${r.id}\u0000${r.created_at}`).digest('base64url');
  const lang = (r: RequestRow) => languageOr(r.language, deps.config.defaultLanguage);

  function text(value: string, reason: 'request_subject' | 'request_message', max: number, what: string): string {
    const v = value.replace(/\r\n/g, '\n').trim();
    if (!v) throw new Invalid(`Write ${what}.`, reason);
    if (v.length > max) throw new Invalid(`Keep ${what} under ${max.toLocaleString('en')} characters.`, 'request_too_long');
    return v;
  }
  const subjectOf = (s: string) => {
    const v = text(s, 'request_subject', 200, 'a subject');
    if (/[\u0000-\u001f]/.test(v)) throw new Invalid('Write a subject on one line.', 'request_subject');
    return v;
  };

  async function load(id: string): Promise<RequestRow> {
    const r = await store.byId(id);
    if (!r || r.status === 'unconfirmed') throw new NotFound(`There is no request ${id}.`, 'request_not_found');
    return r;
  }

  /** Where the requester's mails go and how they are addressed. */
  async function requester(r: RequestRow): Promise<{ email: string; name: string } | null> {
    if (r.user_id) {
      const p = await deps.person(r.user_id);
      return p ? { email: p.email, name: p.firstName } : null;
    }
    return r.email ? { email: r.email, name: r.name ?? '' } : null;
  }
  const threadLink = (r: RequestRow) => (r.user_id ? link(lang(r), `/-/account/requests/${r.id}`) : link(lang(r), `/-/contact/thread/${accessToken(r)}`));
  const inboxLink = (r: RequestRow) => link(deps.config.defaultLanguage, `/-/inbox/${r.id}`);

  /** Staff hear of a new request or a requester's reply: the assignee, or every staff member; a dataset's contact point of a new one. */
  async function tellStaff(r: RequestRow, kind: 'arrived' | 'replied'): Promise<void> {
    const staff = await deps.staff();
    const assignee = r.assignee ? staff.find((s) => s.id === r.assignee) : undefined;
    const to = assignee ? [assignee] : staff;
    const l = deps.config.defaultLanguage;
    const told = new Set<string>();
    // Each in their language; a notice on the portal's initiative (not `reply`), so a restricted account is not mailed.
    for (const member of to) {
      if (told.has(member.email)) continue;
      told.add(member.email);
      await deps.mailer.send(requestMails.staff(member.language ?? l, member.email, kind, { portal: deps.config.portalName, reference: r.reference ?? '', link: inboxLink(r) }));
    }
    if (kind === 'arrived' && r.dataset_id) {
      const dataset = await deps.dataset(r.dataset_id, l);
      if (dataset?.contactEmail && !told.has(dataset.contactEmail)) {
        await deps.mailer.send(requestMails.staff(l, dataset.contactEmail, 'contact_point', { portal: deps.config.portalName, reference: r.reference ?? '', link: inboxLink(r), dataset: dataset.title }));
      }
    }
  }

  /** Gives the request its reference and due day, and tells the requester and staff. */
  async function registered(r: RequestRow): Promise<RequestRow> {
    await logged(r.user_id ?? 'requester', 'registered', r.id, { dataset: r.dataset_id });
    const who = await requester(r);
    if (who) await deps.mailer.send(requestMails.registered(lang(r), who.email, { portal: deps.config.portalName, name: who.name, reference: r.reference ?? '', subject: r.subject, due: r.due_at ?? '', link: threadLink(r) }));
    await tellStaff(r, 'arrived');
    return r;
  }
  const registration = () => {
    const day = today();
    return { reference: `VRG-${day.slice(0, 4)}-${Array.from({ length: 6 }, () => referenceAlphabet[randomInt(referenceAlphabet.length)]).join('')}`, registered_at: now(), due_at: addWorkingDays(day, dueWorkingDays) };
  };

  /** One event per change that matters: actor, verb and the request, never what anyone wrote. */
  const logged = (actor: string, verb: string, id: string, data: Record<string, unknown> = {}) =>
    deps.events.record(clock(), { actor, verb: `request.${verb}`, subjectType: 'information_request', subjectId: id, data });

  async function messagesOf(r: RequestRow, forStaff: boolean): Promise<RequestMessage[]> {
    const rows = (await store.messages(r.id)).filter((m) => forStaff || m.kind !== 'note');
    const names = new Map<string, string>();
    for (const id of new Set(rows.map((m) => m.author).filter((a): a is string => a !== null))) {
      const p = await deps.person(id);
      if (p) names.set(id, publicName(p));
    }
    return rows.map((m) => ({
      id: Number(m.id), kind: m.kind as MessageKind, body: m.body ?? '', createdAt: m.created_at,
      author: m.kind === 'requester' ? (m.author ? names.get(m.author) : undefined) ?? r.name ?? '' : (forStaff && m.author ? names.get(m.author) : undefined) ?? deps.config.portalName,
    }));
  }

  async function requesterReply(r: RequestRow, body: string, author: string | null): Promise<void> {
    if (r.status === 'closed') throw new Conflict(`Request ${r.reference} is closed.`, 'request_closed');
    const message = text(body, 'request_message', maxMessage, 'your message');
    await store.addMessage({ request_id: r.id, kind: 'requester', author, body: message, created_at: now() });
    await store.update(r.id, { status: r.status === 'new' ? 'new' : 'in_progress', updated_at: now() });
    await tellStaff(r, 'replied');
  }

  return {
    today,
    /** The title of a dataset anyone may see, for the form; null when there is none. */
    datasetTitle: async (datasetId: string, l: Language) => (await deps.dataset(datasetId, l))?.title ?? null,
    /**
     * A request from the form. Signed in, it is registered at once; a visitor's waits for its confirmation link.
     * The honeypot is checked by the route; `client` counts the mails the form sends.
     */
    async submit(input: Submission, account: Person | null, client: string | null): Promise<{ request: RequestRow; registered: boolean }> {
      const subject = subjectOf(input.subject);
      const message = text(input.message, 'request_message', maxMessage, 'your question');
      const datasetId = input.datasetId?.trim() || null;
      if (datasetId && !(await deps.dataset(datasetId, input.lang))) throw new NotFound(`The requested dataset ${datasetId} does not exist.`, 'request_not_found');
      let name: string | null = null;
      let email: string | null = null;
      if (!account) {
        name = input.name.trim();
        if (!name || name.length > 200 || /[\u0000-\u001f]/.test(name)) throw new Invalid('Give your name (up to 200 characters).', 'request_name');
        email = input.email.trim().toLowerCase();
        if (!emailPattern.test(email) || email.length > 320) throw new Invalid('Give a valid email address.', 'request_email');
        if ((await store.unconfirmedSince(email, new Date(clock().getTime() - 3_600_000).toISOString())) >= unconfirmedPerHour) {
          throw new TooMany('Several requests for this address wait for their confirmation; confirm one or try again in an hour.', 'request_too_many');
        }
        await deps.mailLimits.reserve(email, client);
      }
      const token = newToken();
      const at = now();
      const row: RequestRow = {
        id: newId('req'), reference: null, status: 'unconfirmed', user_id: account?.id ?? null, name, email, language: input.lang, dataset_id: datasetId, subject,
        confirm_digest: account ? null : digest(token), access_digest: null, assignee: null, created_at: at, registered_at: null, due_at: null, updated_at: at, closed_at: null,
      };
      row.access_digest = account ? null : digest(accessToken(row));
      await store.insert(row);
      await store.addMessage({ request_id: row.id, kind: 'requester', author: account?.id ?? null, body: message, created_at: at });
      if (!account) {
        await deps.mailer.send(requestMails.confirm(input.lang, email!, { portal: deps.config.portalName, name: name!, subject, link: link(input.lang, `/-/contact/confirm/${token}`), hours: confirmHours }));
        return { request: row, registered: false };
      }
      const set = { status: 'new', ...registration() };
      await store.register(row.id, set);
      return { request: await registered({ ...row, ...set }), registered: true };
    },

    /** The request a confirmation link names, while it works. */
    async pending(token: string): Promise<RequestRow> {
      const r = await store.byConfirmation(digest(token));
      if (!r || r.created_at <= new Date(clock().getTime() - confirmHours * 3_600_000).toISOString()) {
        throw new Invalid('This link does not work (any more): it was used or it expired. Send your question again.', 'request_link_invalid');
      }
      return r;
    },

    /** Confirms once: the request is registered; returns the visitor's thread token. */
    async confirm(token: string): Promise<{ request: RequestRow; threadToken: string }> {
      const r = await this.pending(token);
      const set = { status: 'new', confirm_digest: null, ...registration() };
      if (!(await store.register(r.id, set))) throw new Invalid('This link does not work any more.', 'request_link_invalid');
      const request = await registered({ ...r, ...set });
      return { request, threadToken: accessToken(r) };
    },

    /** A visitor's thread by the secret link in their mails. */
    async threadByToken(token: string): Promise<{ request: RequestRow; messages: RequestMessage[] }> {
      const r = token.length === 43 ? await store.byAccess(digest(token)) : undefined;
      if (!r) throw new NotFound('This link does not lead to a request.', 'request_not_found');
      return { request: r, messages: await messagesOf(r, false) };
    },
    async replyByToken(token: string, body: string): Promise<void> {
      const { request } = await this.threadByToken(token);
      await requesterReply(request, body, null);
    },

    /** A signed-in person's requests, newest first, each with its thread (no staff notes). */
    async requestsOf(userId: string): Promise<{ request: RequestRow; messages: RequestMessage[] }[]> {
      return Promise.all((await store.ofUser(userId)).map(async (r) => ({ request: r, messages: await messagesOf(r, false) })));
    },
    async threadOf(userId: string, id: string): Promise<{ request: RequestRow; messages: RequestMessage[] }> {
      const r = await load(id);
      if (r.user_id !== userId) throw new NotFound(`There is no request ${id}.`, 'request_not_found');
      return { request: r, messages: await messagesOf(r, false) };
    },
    async replyAsUser(userId: string, id: string, body: string): Promise<void> {
      const { request } = await this.threadOf(userId, id);
      await requesterReply(request, body, userId);
    },

    // Staff.
    inbox: (filter: InboxFilter) => store.inbox(filter),
    counts: () => store.countsByStatus(),
    staff: () => deps.staff(),
    async forStaff(id: string): Promise<{ request: RequestRow; messages: RequestMessage[] }> {
      const r = await load(id);
      return { request: r, messages: await messagesOf(r, true) };
    },
    /** An answer in the thread: mailed to the requester with the link back to it; the status becomes `answered` unless another is chosen. */
    async answer(id: string, body: string, actor: string, status: string = 'answered'): Promise<void> {
      const r = await load(id);
      const message = text(body, 'request_message', maxMessage, 'the answer');
      if (!(requestStatuses as readonly string[]).includes(status)) throw new Invalid('Choose an existing status.', 'request_status');
      await store.addMessage({ request_id: r.id, kind: 'staff', author: actor, body: message, created_at: now() });
      await store.update(r.id, { status, updated_at: now(), closed_at: status === 'closed' ? now() : null, assignee: r.assignee ?? actor });
      await logged(actor, 'answered', r.id, { status });
      const who = await requester(r);
      if (who) await deps.mailer.send(requestMails.answer(lang(r), who.email, { portal: deps.config.portalName, name: who.name, reference: r.reference ?? '', subject: r.subject, body: message, link: threadLink(r) }));
    },
    /** An internal note: kept with the request, never shown or mailed to the requester. */
    async note(id: string, body: string, actor: string): Promise<void> {
      const r = await load(id);
      await store.addMessage({ request_id: r.id, kind: 'note', author: actor, body: text(body, 'request_message', maxMessage, 'the note'), created_at: now() });
      await store.update(r.id, { updated_at: now() });
      await logged(actor, 'noted', r.id);
    },
    async setStatus(id: string, status: string, actor: string): Promise<void> {
      const r = await load(id);
      if (!(requestStatuses as readonly string[]).includes(status)) throw new Invalid('Choose an existing status.', 'request_status');
      await store.update(r.id, { status, updated_at: now(), closed_at: status === 'closed' ? now() : null });
      await logged(actor, 'status_changed', r.id, { status });
      if (status === r.status) return;
      // The requester hears of their question's new status, in their language.
      const who = await requester(r);
      const l = lang(r);
      if (who) await deps.mailer.send(requestMails.status(l, who.email, { portal: deps.config.portalName, name: who.name, reference: r.reference ?? '', subject: r.subject, link: threadLink(r), status: catalogOf(l).requests.statuses[status as RequestStatus] }));
    },
    async assign(id: string, assignee: string, actor: string): Promise<void> {
      const r = await load(id);
      if (assignee && !(await deps.staff()).some((s) => s.id === assignee)) throw new Invalid('Choose a staff member.', 'request_assignee');
      await store.update(r.id, { assignee: assignee || null, updated_at: now(), status: r.status === 'new' && assignee ? 'in_progress' : r.status });
      await logged(actor, 'assigned', r.id, { assignee: assignee || null });
    },
    cannedAnswers: () => store.cannedAnswers(),
    async addCanned(title: string, body: string, actor: string): Promise<void> {
      const t = title.trim();
      if (!t || t.length > 200) throw new Invalid('Give the saved answer a title of 1 to 200 characters.', 'canned_title');
      await store.insertCanned({ id: newId('ca'), title: t, body: text(body, 'request_message', maxMessage, 'the saved answer'), created_by: actor, created_at: now() });
    },
  };
}
