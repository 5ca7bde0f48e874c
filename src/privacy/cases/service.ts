// The privacy office's rules: requests registered with a deadline, identities checked, every step recorded.
import { randomInt } from 'node:crypto';
import type { Clock } from '../../clock.ts';
import { localPath, type Language } from '../../i18n/index.ts';
import type { Config } from '../../config.ts';
import { Conflict, Invalid, NotFound, TooMany, type PrivacyCaseReason } from '../../errors.ts';
import type { Mail } from '../../mail/outbox.ts';
import type { MailLimits } from '../../accounts/mail-limits.ts';
import { newId } from '../../accounts/secrets.ts';
import type { CaseAction, CaseActions } from './actions.ts';
import { dueDay, localDay } from './deadlines.ts';
import { codeDigest, codeMatches, codeMinutes, codesPerCase, codeTries, newCode } from './identity.ts';
import type { LetterKind } from './letters.ts';
import { caseMails } from './mail.ts';
import type { CaseStore } from './store.ts';
import { caseTypes, channels, closedStatuses, manualMethods, type CaseStatus, type Channel, type PrivacyCase } from './types.ts';

interface CaseServiceDeps {
  store: CaseStore;
  clock: Clock;
  mailer: { send(mail: Mail): Promise<unknown> };
  /** Codes and acknowledgements go to a typed address: counted per address and per client before they are written. */
  mailLimits: MailLimits;
  config: Pick<Config, 'portalName' | 'timezone' | 'baseUrl' | 'dpoEmail' | 'defaultLanguage' | 'privacyAuthority'>;
  /** The account with this address, if any: a verified address ties the case to it. */
  accountIdByEmail(email: string): Promise<string | null>;
}

interface Submission {
  type: string;
  message: string;
  email: string;
  lang: Language;
}

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const unconfirmedPerHour = 3;
const referenceAlphabet = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';

export type CaseService = ReturnType<typeof createCaseService>;

export function createCaseService(deps: CaseServiceDeps) {
  const { store, clock } = deps;
  const letterFacts = { portal: deps.config.portalName, timeZone: deps.config.timezone, authority: deps.config.privacyAuthority };
  const now = () => clock().toISOString();
  const today = () => localDay(clock(), deps.config.timezone);

  async function load(id: string): Promise<PrivacyCase> {
    const found = await store.get(id);
    if (!found) throw new NotFound(`There is no case ${id}.`, 'case_not_found');
    return found;
  }
  const open = (c: PrivacyCase) => {
    if (closedStatuses.includes(c.status)) throw new Conflict(`Case ${c.reference} is closed (${c.status}).`, 'case_closed');
  };
  /** The one gate before anything is done for a requester: no verified identity, no action and no answer. */
  const verified = (c: PrivacyCase) => {
    if (!c.identityVerifiedAt) throw new Conflict(`The requester's identity for case ${c.reference} is not verified yet.`, 'identity_unverified');
  };
  const required = (text: string, reason: PrivacyCaseReason, what: string) => {
    const value = text.trim();
    if (!value) throw new Invalid(`Give ${what}.`, reason);
    if (value.length > 5000) throw new Invalid(`Keep ${what} under 5000 characters.`, 'too_long');
    return value;
  };

  function checkSubmission(input: Submission) {
    if (!(caseTypes as readonly string[]).includes(input.type)) throw new Invalid(`Choose one of: ${caseTypes.join(', ')}.`, 'case_type');
    const email = input.email.trim().toLowerCase();
    if (!emailPattern.test(email) || email.length > 320) throw new Invalid('Give a valid email address.', 'email');
    const message = input.message.trim();
    if (message.length > 5000) throw new Invalid('Keep the message under 5000 characters.', 'too_long');
    if (!message && input.type === 'question') throw new Invalid('Write your question.', 'message');
    return { type: input.type as PrivacyCase['type'], email, message: message || null };
  }

  async function create(fields: { type: PrivacyCase['type']; email: string; message: string | null; lang: Language; channel: Channel; receivedDay: string; receivedAt: string; userId: string | null; verifiedBy: string | null }, actor: string) {
    const id = newId('case');
    const reference = `PRV-${fields.receivedDay.slice(0, 4)}-${Array.from({ length: 6 }, () => referenceAlphabet[randomInt(referenceAlphabet.length)]).join('')}`;
    const duplicate = await store.openCaseOf(fields.email, id);
    await store.transaction(async (tx) => {
      await tx.insert({
        id, reference, type: fields.type, status: fields.verifiedBy ? 'open' : 'identity_unverified', channel: fields.channel,
        requester_email: fields.email, user_id: fields.userId, language: fields.lang, message: fields.message,
        received_at: fields.receivedAt, due_at: dueDay(fields.receivedDay), extended_at: null, extension_reason: null,
        identity_verified_at: fields.verifiedBy ? now() : null, identity_method: fields.verifiedBy, code_digest: null, code_expires_at: null,
        duplicate_of: duplicate?.id ?? null, outcome: null, closed_at: null,
      });
      await tx.addStep({ caseId: id, at: now(), actor, kind: 'received', note: fields.channel });
      if (duplicate) await tx.addStep({ caseId: id, at: now(), actor: 'system', kind: 'duplicate_flagged', note: duplicate.id });
      if (fields.verifiedBy) await tx.addStep({ caseId: id, at: now(), actor, kind: 'identity_verified', note: fields.verifiedBy });
    });
    return load(id);
  }

  async function sendCode(c: PrivacyCase): Promise<void> {
    const code = newCode();
    await store.transaction(async (tx) => {
      await tx.update(c.id, { code_digest: codeDigest(c.id, code), code_expires_at: new Date(clock().getTime() + codeMinutes * 60_000).toISOString(), code_attempts: 0 });
      await tx.addStep({ caseId: c.id, at: now(), actor: 'system', kind: 'code_sent', note: null });
    });
    await deps.mailer.send(caseMails.code(c.language, c.requesterEmail, { portal: deps.config.portalName, code, minutes: codeMinutes }));
  }

  async function setStatus(c: PrivacyCase, status: CaseStatus, set: { outcome?: string } = {}, step: { actor: string; kind: string; note: string | null }) {
    const closing = closedStatuses.includes(status);
    await store.transaction(async (tx) => {
      await tx.update(c.id, { status, ...(set.outcome !== undefined ? { outcome: set.outcome } : {}), ...(closing ? { closed_at: now(), code_digest: null } : {}) });
      await tx.addStep({ caseId: c.id, at: now(), ...step });
    });
    return load(c.id);
  }

  /** The DPO hears of a request once someone stands behind it: signed in, or the address confirmed. */
  const tellDpo = (c: PrivacyCase) => {
    const lang = deps.config.defaultLanguage;
    const link = deps.config.baseUrl + localPath(lang, lang, `/-/privacy-office/cases/${c.id}`);
    return deps.mailer.send(caseMails.arrived(lang, deps.config.dpoEmail, c, { ...letterFacts, link }));
  };

  const mailLetter = (kind: LetterKind, c: PrivacyCase) => deps.mailer.send(caseMails.letter(kind, c, letterFacts));

  return {
    get: load,
    list: (status: CaseStatus | null) => store.list(status),
    steps: (id: string) => store.steps(id),
    today,

    /** A request from the form. Signed in, the session is the identity check; otherwise a code goes to the address. */
    async submit(input: Submission, account: { id: string; email: string } | null, client: string | null = null): Promise<PrivacyCase> {
      const checked = checkSubmission(account ? { ...input, email: account.email } : input);
      // The form mails a code to any address typed in: a few unconfirmed requests an hour per address, no mail bomb.
      if (!account && (await store.unconfirmedSince(checked.email, new Date(clock().getTime() - 3_600_000).toISOString())) >= unconfirmedPerHour) {
        throw new TooMany('Several requests for this address are waiting for their code; confirm one of them or try again in an hour.', 'too_many_requests');
      }
      await deps.mailLimits.reserve(checked.email, client);
      const c = await create({ ...checked, lang: input.lang, channel: 'portal', receivedDay: today(), receivedAt: now(), userId: account?.id ?? null, verifiedBy: account ? 'session' : null }, account?.id ?? 'requester');
      if (account) {
        await deps.mailer.send(caseMails.acknowledgement(c, letterFacts));
        await tellDpo(c);
      } else await sendCode(c);
      return c;
    },

    /** The requester's code: right, and the case is open and acknowledged; wrong three times, and the code is spent. */
    async confirmCode(id: string, given: string): Promise<PrivacyCase> {
      const c = await load(id);
      if (c.status !== 'identity_unverified') throw new Conflict('This request is already confirmed.', 'already_verified');
      // The try is counted before the compare: a burst of guesses gets `codeTries` compares, not one each.
      const row = await store.reserveCodeTry(id, codeTries, now());
      if (!row?.code_digest) throw new Invalid('This code no longer works; ask for a new one.', 'code_spent');
      if (!codeMatches(id, given.trim(), row.code_digest)) {
        const attempts = Number(row.code_attempts);
        const spent = attempts >= codeTries;
        await store.transaction(async (tx) => {
          if (spent) await tx.update(id, { code_digest: null });
          await tx.addStep({ caseId: id, at: now(), actor: 'requester', kind: 'code_failed', note: `attempt ${attempts} of ${codeTries}` });
          if (spent) await tx.addStep({ caseId: id, at: now(), actor: 'system', kind: 'code_invalidated', note: null });
        });
        if (spent) throw new Invalid('That code was wrong three times and no longer works; ask for a new one.', 'code_spent');
        throw new Invalid(`That code is not right; ${codeTries - attempts} tries left.`, 'code_wrong');
      }
      const userId = await deps.accountIdByEmail(c.requesterEmail);
      await store.transaction(async (tx) => {
        await tx.update(id, { status: 'open', identity_verified_at: now(), identity_method: 'email_code', code_digest: null, code_expires_at: null, user_id: c.userId ?? userId });
        await tx.addStep({ caseId: id, at: now(), actor: 'requester', kind: 'identity_verified', note: 'email_code' });
      });
      const confirmed = await load(id);
      await deps.mailer.send(caseMails.acknowledgement(confirmed, letterFacts));
      await tellDpo(confirmed);
      return confirmed;
    },

    async resendCode(id: string, client: string | null = null): Promise<void> {
      const c = await load(id);
      if (c.status !== 'identity_unverified') throw new Conflict('This request is already confirmed.', 'already_verified');
      const sent = (await store.steps(id)).filter((s) => s.kind === 'code_sent').length;
      if (sent >= codesPerCase) throw new TooMany('No more codes for this request; send a new request.', 'too_many_codes');
      await deps.mailLimits.reserve(c.requesterEmail, client);
      await sendCode(c);
    },

    /** A request that came by post, mail or at the desk, registered by the DPO. */
    async register(input: Submission & { channel: string; receivedDay: string }, actor: string): Promise<PrivacyCase> {
      const checked = checkSubmission(input);
      if (!(channels as readonly string[]).includes(input.channel)) throw new Invalid(`Choose a channel: ${channels.join(', ')}.`, 'channel');
      const receivedDay = input.receivedDay.trim() || today();
      if (!/^\d{4}-\d{2}-\d{2}$/.test(receivedDay) || Number.isNaN(Date.parse(receivedDay)) || receivedDay > today()) throw new Invalid('Give the day the request arrived, not in the future (YYYY-MM-DD).', 'received_day');
      return create({ ...checked, lang: input.lang, channel: input.channel as Channel, receivedDay, receivedAt: receivedDay === today() ? now() : `${receivedDay}T12:00:00.000Z`, userId: await deps.accountIdByEmail(checked.email), verifiedBy: null }, actor);
    },

    /** The DPO checked the identity another way: only the method and the day are kept, never a document. */
    async verifyManually(id: string, input: { method: string; day: string }, actor: string): Promise<PrivacyCase> {
      const c = await load(id);
      open(c);
      if (c.identityVerifiedAt) throw new Conflict('This identity is already verified.', 'already_verified');
      if (!(manualMethods as readonly string[]).includes(input.method)) throw new Invalid(`Choose how the identity was checked: ${manualMethods.join(', ')}.`, 'method');
      const day = input.day.trim();
      if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(Date.parse(day)) || day > today() || day < c.receivedAt.slice(0, 10)) throw new Invalid('Give the day of the check, between receipt and today (YYYY-MM-DD).', 'verified_day');
      await store.transaction(async (tx) => {
        await tx.update(id, { status: 'open', identity_verified_at: day, identity_method: input.method, code_digest: null });
        await tx.addStep({ caseId: id, at: now(), actor, kind: 'identity_verified', note: input.method });
      });
      return load(id);
    },

    /** Once, by one or two months, with a reason the requester is sent, and only up to the due day. */
    async extend(id: string, input: { months: string; reason: string }, actor: string): Promise<PrivacyCase> {
      const c = await load(id);
      open(c);
      if (c.extendedAt) throw new Conflict('This case was extended before; a case is extended once.', 'already_extended');
      if (today() > c.dueAt) throw new Conflict('The due day has passed: a time limit is extended before it ends.', 'extension_late');
      if (!['1', '2'].includes(input.months.trim())) throw new Invalid('Extend by one or two months.', 'extension_months');
      const reason = required(input.reason, 'reason', 'the reason for the extension');
      await store.transaction(async (tx) => {
        await tx.update(id, { due_at: dueDay(localDay(new Date(c.receivedAt), deps.config.timezone), 1 + Number(input.months)), extended_at: now(), extension_reason: reason });
        await tx.addStep({ caseId: id, at: now(), actor, kind: 'extended', note: reason });
      });
      const extended = await load(id);
      await mailLetter('extension', extended);
      return extended;
    },

    async refuse(id: string, reason: string, actor: string): Promise<PrivacyCase> {
      const c = await load(id);
      open(c);
      const text = required(reason, 'reason', 'the reason for the refusal');
      const refused = await setStatus(c, 'refused', { outcome: text }, { actor, kind: 'refused', note: text });
      await mailLetter('refusal', refused);
      return refused;
    },

    async cancel(id: string, reason: string, actor: string): Promise<PrivacyCase> {
      const c = await load(id);
      open(c);
      const text = required(reason, 'reason', 'why the case is cancelled');
      return setStatus(c, 'cancelled', { outcome: text }, { actor, kind: 'cancelled', note: text });
    },

    /** The answer: the reply letter is mailed; after an erasure the case keeps no address of the person. */
    async complete(id: string, answer: string, actor: string): Promise<PrivacyCase> {
      const c = await load(id);
      open(c);
      verified(c);
      const text = required(answer, 'answer', 'what was done');
      const completed = await setStatus(c, 'completed', { outcome: text }, { actor, kind: 'completed', note: text });
      await mailLetter('reply', completed);
      if ((await store.steps(id)).some((s) => s.kind === 'action_erasure')) {
        await store.update(id, { requester_email: `erased-${id}@invalid`, message: null, user_id: null });
      }
      return completed;
    },

    /** A one-click action on the account the case is tied to, run by the self-service's own code. */
    async act(id: string, action: CaseAction, actor: string, actions: CaseActions | null): Promise<PrivacyCase> {
      const c = await load(id);
      open(c);
      verified(c);
      if (!c.userId) throw new Conflict('This case is not tied to an account; answer it with a letter.', 'no_account');
      if (!actions) throw new Conflict('The account actions are not available on this portal.', 'actions_unavailable');
      if (c.status === 'open') await setStatus(c, 'in_progress', {}, { actor, kind: 'started', note: null });
      const note = await actions.run(action, { userId: c.userId, reference: c.reference }, actor);
      await store.addStep({ caseId: id, at: now(), actor, kind: `action_${action.action}`, note });
      return load(id);
    },
  };
}
