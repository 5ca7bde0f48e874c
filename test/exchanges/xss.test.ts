// XSS across every exchange form (issue 17's acceptance point): each payload of xssPayloads goes into every text field
// of the contact form (visitor and signed-in, general and about a dataset), the requester's and staff's replies, staff
// notes, saved answers, the inbox's free-text fields, discussions (title, body, replies, report reasons), reuses (title,
// description, URL, reject reason, image file name), data requests (title, description, comment, refuse reason, status
// fields) and the public name people choose in their profile. Then every page, twin, mail and feed that shows them is
// read: nothing of a payload is live, and the text is shown (escaped) where it should be, so the test cannot pass by
// showing nothing. One server (SQLite) for the file; one round per payload, every field gets every payload.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createAccount, signedIn } from '../helpers/accounts.ts';
import { startFollowServer, type FollowHarness } from '../helpers/follow.ts';
import { visitor, type Visitor } from '../helpers/visitor.ts';
import { plainText } from '../helpers/smtp.ts';
import { liveMarkup, xssPayloads } from '../helpers/xss.ts';
import { escapeHtml } from '../../src/html/jsx-runtime.ts';

const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('0000000dIHDR', 'latin1'), Buffer.alloc(64)]);
const pathOf = (link: string) => {
  const url = new URL(link);
  return url.pathname + url.search;
};

/**
 * What liveMarkup should judge in a page: each tag with its quoted attribute values emptied (an escaped payload inside
 * `alt="…"` or `value="…"` is text) except the URL attributes, and without the portal's own form controls, head links
 * and chart drawings (which liveMarkup counts as embedding tags) when they carry no handler and no script URL.
 */
function judged(html: string): string {
  return html.replace(/<[a-z](?:[^>"']|"[^"]*"|'[^']*')*>/gi, (tag) => {
    // A URL attribute keeps only its scheme (as the browser reads it, entities decoded); any other value is text.
    const skeleton = tag.replace(/(\s[\w:-]+)\s*=\s*("[^"]*"|'[^']*')/g, (_all, name: string, value: string) => {
      const scheme = /^(href|src|action)$/i.test(name.trim()) ? /^\s*([a-z][a-z0-9+.-]*:)/i.exec(decode(value.slice(1, -1)).replace(/[\t\n\r]/g, ''))?.[1] ?? '' : '';
      return `${name}="${scheme}"`;
    });
    const kinds = liveMarkup(skeleton);
    const own =
      /^<(form|input|select|textarea|link|meta|details)\b/i.test(skeleton) || /^<img\b/.test(skeleton) || /^<svg\b[^>]*\b(viewBox|xmlns)=/i.test(skeleton) ||
      /^<script type="" (id=""|src="")>$|^<script type="">$/.test(skeleton);
    return kinds.length === 1 && ['embedding tag', 'script'].includes(kinds[0]) && own ? '' : skeleton;
  });
}
/** Everything live in a page; with every raw payload that holds markup, found as written. */
function liveIn(html: string): string[] {
  const found = liveMarkup(judged(html));
  for (const p of xssPayloads) if (/[<>]/.test(p) && html.includes(p)) found.push(`raw ${p}`);
  return found;
}
const entities: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'", nbsp: ' ' };
const decode = (text: string) =>
  text.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (all, e: string) => (e[0] === '#' ? String.fromCodePoint(e[1].toLowerCase() === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)) : entities[e] ?? all));
/** The text a reader sees: the tags out, the entities decoded. */
const textOf = (html: string) => decode(html.replace(/<[a-z/](?:[^>"']|"[^"]*"|'[^']*')*>/gi, ' '));
/** The confirmation link of a mail (its subject, which may hold a URL, comes before it). */
const confirmLink = (text: string) => pathOf(/https?:\/\/\S*\/-\/contact\/confirm\/[\w-]+/.exec(text)![0]);

describe('XSS payloads in every exchange form', () => {
  let s: FollowHarness;
  let staff: Visitor;
  const pages = new Set<string>(['/datasets/cities', '/datasets/cities/discussions', '/reuses', '/data-requests', '/en/reuses', '/en/data-requests', '/en/datasets/cities/discussions']);
  const staffPages = new Set<string>(['/-/inbox', '/-/moderation', '/-/reuses/moderation']);
  const userPages: { v: Visitor; path: string }[] = [];
  /** Plain text that must be shown as written on a page (who reads it, where, what). */
  const shown: { who: 'public' | 'staff' | Visitor; path: string; text: string }[] = [];
  /** Markdown: its marker must be shown, whatever the Markdown made of the rest. */
  const marked: { who: 'public' | 'staff' | Visitor; path: string; text: string }[] = [];
  /** What each mail must show as text (plain fields in full, Markdown by its marker): template, recipient, texts. */
  const mailed: { template: string; to: string; texts: string[] }[] = [];
  /** Text in a form field's value: there as an escaped attribute. */
  const inField: { who: 'public' | 'staff' | Visitor; path: string; text: string }[] = [];
  const db = () => s.portal.store.db;
  let acceptedUrls = 0;

  before(async () => {
    s = await startFollowServer('sqlite');
    await createAccount(s, 'staf@example.org', 'editor');
    staff = await signedIn(s, 'staf@example.org');
    const row = await db().selectFrom('datasets').select('metadata').where('id', '=', 'cities').executeTakeFirstOrThrow();
    const metadata = typeof row.metadata === 'string' ? JSON.parse(row.metadata) : row.metadata;
    metadata.contactPoint = { name: 'Team Steden', email: 'steden@example.org', url: null };
    await db().updateTable('datasets').set({ metadata: JSON.stringify(metadata) }).where('id', '=', 'cities').execute();
  });
  after(async () => s.close());

  /** A user whose public name (profile form) is the payload; a name the form refuses (< >) is written as an older portal might have. */
  async function person(email: string, name: string): Promise<Visitor> {
    const id = await createAccount(s, email, 'user');
    const v = await signedIn(s, email);
    assert.equal((await v.get('/-/account')).status, 200);
    const saved = await v.post('/-/account/profile', { first_name: 'Test', last_name: 'Gebruiker', display_name: name });
    if (/[<>]/.test(name)) {
      assert.equal(saved.status, 400, `the profile refuses ${name}`);
      assert.deepEqual(liveIn(v.lastPage), [], `profile error page: ${name}`);
      await db().updateTable('users').set({ display_name: name }).where('id', '=', id).execute();
    } else {
      assert.equal(saved.status, 303, `the profile takes ${name}`);
    }
    return v;
  }

  async function upload(v: Visitor, values: Record<string, string>, fileName: string) {
    await v.get('/-/reuses/new');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(v.lastPage)![1];
    const form = new FormData();
    form.append('_csrf', csrf);
    for (const [k, value] of Object.entries(values)) form.append(k, value);
    form.append('image', new Blob([new Uint8Array(png)], { type: 'image/png' }), fileName);
    const response = await fetch(`${s.url}/-/reuses/new`, { method: 'POST', body: form, headers: { cookie: v.cookie!, origin: s.url }, redirect: 'manual' });
    v.lastPage = await response.text();
    return response;
  }

  xssPayloads.forEach((P, r) => {
    test(`round ${r}: ${P}`, async () => {
      const m = (field: string) => `${field}${r}x ${P}`;
      const anna = await person(`anna${r}@example.org`, m('Naam'));
      const bert = await person(`bert${r}@example.org`, m('Bert'));

      // A visitor asks about the dataset, confirms the address, replies by the thread link.
      const v = visitor(s.url);
      await v.get('/-/contact?dataset=cities');
      assert.equal((await v.post('/-/contact', { subject: m('Onderwerp'), message: m('Bericht'), name: m('Bezoeker'), email: `bezoeker${r}@example.org`, dataset: 'cities', website: '' })).status, 200);
      assert.deepEqual(liveIn(v.lastPage), [], 'check-your-mail page');
      const confirm = confirmLink(plainText(await s.smtp.next(`bezoeker${r}@example.org`)));
      await v.get(confirm);
      assert.deepEqual(liveIn(v.lastPage), [], 'confirm page (its subject)');
      const confirmed = await v.post(confirm, {});
      assert.equal(confirmed.status, 303);
      const visitorThread = confirmed.headers.get('location')!.split('?')[0];
      await v.get(visitorThread);
      assert.equal((await v.post(visitorThread, { message: m('Bezoekerreactie') })).status, 303);
      userPages.push({ v, path: visitorThread });
      shown.push({ who: v, path: visitorThread, text: m('Onderwerp') });
      marked.push({ who: v, path: visitorThread, text: m('Bericht').split(' ')[0] }, { who: v, path: visitorThread, text: m('Bezoekerreactie').split(' ')[0] });
      const visitorRequest = await db().selectFrom('information_requests').select('id').where('email', '=', `bezoeker${r}@example.org`).executeTakeFirstOrThrow();

      // A signed-in person asks (about the dataset in odd rounds, in general in even ones) and replies on the web.
      await anna.get(r % 2 ? '/-/contact?dataset=cities' : '/-/contact');
      const asked = await anna.post('/-/contact', { subject: m('Vraag'), message: m('Tekst'), website: '', ...(r % 2 ? { dataset: 'cities' } : {}) });
      assert.equal(asked.status, 303);
      const accountThread = asked.headers.get('location')!.split('?')[0];
      const requestId = accountThread.split('/').pop()!;
      await anna.get(accountThread);
      assert.equal((await anna.post(accountThread, { message: m('Lidreactie') })).status, 303);
      userPages.push({ v: anna, path: accountThread }, { v: anna, path: '/-/account/requests' }, { v: anna, path: '/-/account' });
      shown.push({ who: anna, path: '/-/account/requests', text: m('Vraag') });
      inField.push({ who: anna, path: '/-/account', text: m('Naam') });

      // Staff: a note, an answer, the free-text fields of status and assignment, a saved answer made and used.
      for (const id of [visitorRequest.id, requestId]) {
        await staff.get(`/-/inbox/${id}`);
        assert.equal((await staff.post(`/-/inbox/${id}/note`, { message: m('Notitie') })).status, 303);
        await staff.get(`/-/inbox/${id}`);
        assert.equal((await staff.post(`/-/inbox/${id}/answer`, { message: m('Antwoord'), status: 'answered' })).status, 303);
        await staff.get(`/-/inbox/${id}`);
        assert.equal((await staff.post(`/-/inbox/${id}/status`, { status: P })).status, 400, 'a status is one of the list');
        assert.deepEqual(liveIn(staff.lastPage), [], 'refused status');
        assert.equal((await staff.post(`/-/inbox/${id}/assign`, { assignee: P })).status, 400, 'an assignee is a staff member');
        assert.deepEqual(liveIn(staff.lastPage), [], 'refused assignee');
        staffPages.add(`/-/inbox/${id}`);
        shown.push({ who: 'staff', path: `/-/inbox/${id}`, text: id === requestId ? m('Vraag') : m('Onderwerp') }, { who: 'staff', path: `/-/inbox/${id}`, text: id === requestId ? m('Naam') : m('Bezoeker') });
        marked.push({ who: 'staff', path: `/-/inbox/${id}`, text: m('Notitie').split(' ')[0] }, { who: 'staff', path: `/-/inbox/${id}`, text: m('Antwoord').split(' ')[0] });
      }
      marked.push({ who: anna, path: accountThread, text: m('Antwoord').split(' ')[0] });
      await staff.get(`/-/inbox/${requestId}`);
      assert.equal((await staff.post('/-/inbox/canned', { title: m('Sjabloon'), body: m('Sjabloontekst'), request: requestId })).status, 303);
      const canned = await db().selectFrom('canned_answers').select('id').where('title', '=', m('Sjabloon')).executeTakeFirstOrThrow();
      staffPages.add(`/-/inbox/${requestId}?canned=${canned.id}`);
      shown.push({ who: 'staff', path: `/-/inbox/${requestId}?canned=${canned.id}`, text: m('Sjabloon') }, { who: 'staff', path: `/-/inbox/${requestId}?canned=${canned.id}`, text: m('Sjabloontekst') });
      // The canned form's hidden field and a refused title: back links are built of what was posted.
      await staff.get(`/-/inbox/${requestId}`);
      const oddBack = await staff.post('/-/inbox/canned', { title: '', body: 'x', request: P });
      assert.equal(oddBack.status, 400);
      assert.deepEqual(liveIn(staff.lastPage), [], 'refused saved answer page');
      // The inbox's search and filters show what was typed.
      const q = encodeURIComponent(P);
      staffPages.add(`/-/inbox?q=${q}&dataset=${q}&status=${q}&assignee=${q}`);
      inField.push({ who: 'staff', path: `/-/inbox?q=${q}&dataset=${q}&status=${q}&assignee=${q}`, text: P });

      // Discussions: a thread, a reply, a report; the moderator releases what the spam hold kept.
      const list = '/datasets/cities/discussions';
      await anna.get(list);
      const started = await anna.post(list, { title: m('Draad'), body: m('Post'), website: '' });
      assert.equal(started.status, 303, `thread: ${anna.lastPage.slice(0, 200)}`);
      const thread = started.headers.get('location')!.split('?')[0];
      await bert.get(thread);
      assert.equal((await bert.post(thread, { body: m('Reactie') })).status, 303);
      for (const post of await db().selectFrom('discussion_posts').select(['id', 'status']).where('thread_id', '=', thread.split('/').pop()!).execute()) {
        if (post.status !== 'held') continue;
        await staff.get(thread);
        assert.equal((await staff.post(`${thread}/posts/${post.id}/release`, {})).status, 303);
      }
      const first = await db().selectFrom('discussion_posts').select('id').where('thread_id', '=', thread.split('/').pop()!).orderBy('created_at').executeTakeFirstOrThrow();
      await bert.get(thread);
      assert.equal((await bert.post(`${thread}/posts/${first.id}/report`, { reason: m('Melding') })).status, 303);
      pages.add(thread);
      shown.push({ who: 'public', path: thread, text: m('Draad') }, { who: 'public', path: thread, text: m('Naam') }, { who: 'public', path: thread, text: m('Bert') }, { who: 'public', path: list, text: m('Draad') });
      marked.push({ who: 'public', path: thread, text: m('Post').split(' ')[0] }, { who: 'public', path: thread, text: m('Reactie').split(' ')[0] });
      shown.push({ who: 'staff', path: '/-/moderation', text: m('Melding') });

      // Reuses: one approved (its image named by the payload), one rejected with the payload as reason; a URL of the payload is refused.
      const reuse = { title: m('Hergebruik'), description: m('Beschrijving'), url: `https://kaart.example.org/${r}?q=${encodeURIComponent(P)}`, type: 'application', datasets: 'cities', website: '' };
      assert.equal((await upload(anna, { ...reuse, url: P }, 'kaart.png')).status, 400, 'a URL is http(s)');
      assert.deepEqual(liveIn(anna.lastPage), [], 'refused reuse form');
      // The payload as written after a URL's #: kept if the URL is accepted so, else encoded.
      if ((await upload(anna, { ...reuse, url: `https://kaart.example.org/${r}#${P}` }, `${P}.png`)).status === 200) {
        acceptedUrls++;
      } else {
        assert.equal(anna.lastPage.includes('<form'), true);
        assert.deepEqual(liveIn(anna.lastPage), [], 'refused reuse URL');
        assert.equal((await upload(anna, reuse, `${P}.png`)).status, 200, anna.lastPage.slice(0, 300));
      }
      const approved = await db().selectFrom('reuses').select('id').where('title', '=', m('Hergebruik')).executeTakeFirstOrThrow();
      await anna.get('/-/reuses/new');
      assert.equal((await anna.post('/-/reuses/new', { ...reuse, title: m('Afgewezen') })).status, 200);
      const rejected = await db().selectFrom('reuses').select('id').where('title', '=', m('Afgewezen')).executeTakeFirstOrThrow();
      await staff.get('/-/reuses/moderation');
      assert.deepEqual(liveIn(staff.lastPage), [], 'moderation list with pending reuses');
      assert.ok(textOf(staff.lastPage).includes(m('Hergebruik')), 'the moderation list shows the title as written');
      assert.equal((await staff.post(`/-/reuses/${approved.id}/approve`, {})).status, 303);
      await staff.get('/-/reuses/moderation');
      assert.equal((await staff.post(`/-/reuses/${rejected.id}/reject`, { reason: m('Afwijzing') })).status, 303);
      pages.add(`/reuses/${approved.id}`);
      shown.push({ who: 'public', path: `/reuses/${approved.id}`, text: m('Hergebruik') }, { who: 'public', path: `/reuses/${approved.id}`, text: m('Naam') }, { who: 'public', path: '/reuses', text: m('Hergebruik') }, { who: 'public', path: '/datasets/cities', text: m('Hergebruik') });
      marked.push({ who: 'public', path: `/reuses/${approved.id}`, text: m('Beschrijving').split(' ')[0] });

      // Data requests: asked, commented, refused with the payload as reason; a status or dataset of the payload is refused.
      await anna.get('/data-requests');
      const wished = await anna.post('/data-requests', { title: m('Wens'), description: m('Wensuitleg'), website: '' });
      assert.equal(wished.status, 303);
      const wish = wished.headers.get('location')!;
      await bert.get(wish);
      assert.equal((await bert.post(`${wish}/comment`, { body: m('Commentaar'), website: '' })).status, 303);
      // The comment, released if the spam hold kept it, is reported with the payload as reason; moderators read it.
      const comment = await db().selectFrom('wish_comments').select(['id', 'status']).where('wish_id', '=', wish.split('/').pop()!).executeTakeFirstOrThrow();
      if (comment.status === 'held') {
        await staff.get(wish);
        assert.equal((await staff.post(`${wish}/comments/${comment.id}/release`, {})).status, 303);
      }
      await anna.get(wish);
      assert.equal((await anna.post(`${wish}/comments/${comment.id}/report`, { reason: m('Commentmelding') })).status, 303);
      shown.push({ who: 'staff', path: '/-/moderation', text: m('Commentmelding') });
      await staff.get(wish);
      assert.ok([400, 404].includes((await staff.post(`${wish}/status`, { status: P, dataset_id: '', reason: '' })).status), 'a status is one of the list');
      assert.deepEqual(liveIn(staff.lastPage), [], 'refused wish status');
      await staff.get(wish);
      assert.ok([400, 404].includes((await staff.post(`${wish}/status`, { status: 'published', dataset_id: P, reason: '' })).status), 'a dataset that does not exist');
      assert.deepEqual(liveIn(staff.lastPage), [], 'refused wish dataset');
      await staff.get(wish);
      assert.equal((await staff.post(`${wish}/status`, { status: 'refused', dataset_id: '', reason: m('Weigering') })).status, 303);
      pages.add(wish);
      shown.push({ who: 'public', path: wish, text: m('Wens') }, { who: 'public', path: wish, text: m('Naam') }, { who: 'public', path: wish, text: m('Bert') }, { who: 'public', path: '/data-requests', text: m('Wens') }, { who: 'public', path: wish, text: m('Weigering').split(' ')[0] });
      marked.push({ who: 'public', path: wish, text: m('Wensuitleg').split(' ')[0] }, { who: 'public', path: wish, text: m('Commentaar').split(' ')[0] });

      const mark = (field: string) => m(field).split(' ')[0];
      const visitorMail = `bezoeker${r}@example.org`;
      const annaMail = `anna${r}@example.org`;
      mailed.push(
        { template: 'requests.confirm', to: visitorMail, texts: [m('Bezoeker'), m('Onderwerp')] },
        { template: 'requests.registered', to: visitorMail, texts: [m('Bezoeker'), m('Onderwerp')] },
        { template: 'requests.answer', to: visitorMail, texts: [m('Bezoeker'), m('Onderwerp'), mark('Antwoord')] },
        { template: 'requests.registered', to: annaMail, texts: [m('Vraag')] },
        { template: 'requests.answer', to: annaMail, texts: [m('Vraag'), mark('Antwoord')] },
        { template: 'discussions.reply', to: annaMail, texts: [m('Bert'), m('Draad'), mark('Reactie')] },
        { template: 'reuses.approved', to: annaMail, texts: [m('Hergebruik')] },
        { template: 'reuses.rejected', to: annaMail, texts: [m('Afgewezen'), m('Afwijzing')] },
        { template: 'wishes.status', to: annaMail, texts: [m('Wens'), m('Weigering')] },
      );
    });
  });

  const read = async (who: 'public' | 'staff' | Visitor, path: string) => {
    const response = who === 'public' ? await s.get(path) : await (who === 'staff' ? staff : who).get(path);
    assert.equal(response.status, 200, path);
    assert.match(response.headers.get('content-type') ?? '', /^text\/html/, path);
    return response.text();
  };

  test('every page that shows them holds nothing live, and shows the text as written', async () => {
    const seen = new Map<string, string>();
    for (const path of pages) seen.set(`public ${path}`, await read('public', path));
    for (const path of staffPages) seen.set(`staff ${path}`, await read('staff', path));
    for (const { v, path } of userPages) seen.set(`${v.cookie ?? 'visitor'} ${path}`, await read(v, path));
    for (const [where, html] of seen) assert.deepEqual(liveIn(html), [], where);
    const keyOf = (who: 'public' | 'staff' | Visitor, path: string) => (who === 'public' ? `public ${path}` : who === 'staff' ? `staff ${path}` : `${who.cookie ?? 'visitor'} ${path}`);
    for (const { who, path, text } of [...shown, ...marked]) {
      const html = seen.get(keyOf(who, path)) ?? (await read(who, path));
      assert.ok(textOf(html).includes(text), `${path} shows ${text}`);
    }
    assert.ok(acceptedUrls > 0, 'some reuse URLs carry a payload as written after #');
    for (const { who, path, text } of inField) assert.ok(seen.get(keyOf(who, path))!.includes(`value="${escapeHtml(text)}"`), `${path} has ${text} in a field`);
    // Notes stay with staff.
    for (const { v, path } of userPages) assert.ok(!textOf(seen.get(keyOf(v, path))!).includes('Notitie'), `${path}: no staff note`);
  });

  test('the JSON twins answer application/json, never HTML, and give the text as written', async () => {
    const twins: { who: 'public' | 'staff' | Visitor; path: string }[] = [
      ...['/datasets/cities/discussions.json', '/reuses.json', '/data-requests.json', '/datasets/cities.json'].map((path) => ({ who: 'public' as const, path })),
      ...[...pages].filter((p) => /^\/(reuses|data-requests)\/|\/discussions\//.test(p)).map((p) => ({ who: 'public' as const, path: `${p}.json` })),
      ...[...staffPages].filter((p) => !p.includes('?')).map((p) => ({ who: 'staff' as const, path: p.replace(/^(\/-\/[^?]*)/, '$1.json') })),
      ...userPages.filter((u) => u.path === '/-/account/requests').map((u) => ({ who: u.v, path: '/-/account/requests.json' })),
    ];
    let all = '';
    for (const { who, path } of twins) {
      const response = who === 'public' ? await s.get(path) : await (who === 'staff' ? staff : who).get(path);
      assert.equal(response.status, 200, path);
      assert.match(response.headers.get('content-type') ?? '', /^application\/json/, path);
      const body = await response.text();
      JSON.parse(body);
      all += body;
    }
    for (const P of xssPayloads) assert.ok(all.includes(JSON.stringify(`Wens${xssPayloads.indexOf(P)}x ${P}`).slice(1, -1)), `twins hold ${P} as written`);
    // A twin that does not exist answers JSON too, whatever its path holds.
    for (const P of xssPayloads.slice(0, 3)) {
      for (const path of [`/reuses/${encodeURIComponent(P)}.json`, `/data-requests/${encodeURIComponent(P)}.json`, `/datasets/cities/discussions/${encodeURIComponent(P)}.json`]) {
        const response = await s.get(path);
        assert.equal(response.status, 404, path);
        assert.doesNotMatch(response.headers.get('content-type') ?? '', /html/, path);
      }
    }
    // HTML the twins give (rendered Markdown) is inert.
    for (const path of [...pages].filter((p) => p.includes('/discussions/'))) {
      const json = (await (await s.get(`${path}.json`)).json()) as { posts: { bodyHtml: string | null }[] };
      for (const p of json.posts) assert.deepEqual(liveIn(p.bodyHtml ?? ''), [], path);
    }
    const moderation = (await (await staff.get('/-/moderation.json')).json()) as { posts: { bodyHtml: string }[] };
    for (const p of moderation.posts) assert.deepEqual(liveIn(p.bodyHtml), [], 'moderation twin');
  });

  test('every mail the outbox sent is inert in its HTML, and no name or subject injects a header', async () => {
    await s.portal.mailer.flush();
    assert.ok(s.sent.length >= xssPayloads.length * 8, `mails: ${s.sent.length}`);
    const templates = new Set(s.sent.map((m) => m.template));
    for (const t of ['requests.answer', 'discussions.reply', 'reuses.rejected', 'wishes.status']) assert.ok([...templates].some((x) => x.startsWith(t.split('.')[0])), `${t} among ${[...templates]}`);
    for (const mail of s.sent) {
      assert.deepEqual(liveIn(mail.html ?? ''), [], `${mail.template} to ${mail.to}`);
      assert.doesNotMatch(mail.subject, /[\r\n]/, `${mail.template}: a subject on one line`);
      for (const value of Object.values(mail.headers ?? {})) assert.doesNotMatch(value, /[\r\n]/);
    }
    const withHtml = new Set<string>();
    for (const { template, to, texts } of mailed) {
      const mail = s.sent.find((x) => x.template === template && x.to === to);
      if (mail?.html) withHtml.add(template);
      assert.ok(mail, `${template} to ${to} was sent`);
      for (const text of texts) assert.ok(mail.text.includes(text) && (mail.html === undefined || textOf(mail.html).includes(text)), `${template} to ${to} shows ${text}`);
    }
    for (const t of ['requests.answer', 'discussions.reply', 'reuses.approved', 'reuses.rejected', 'wishes.status']) assert.ok(withHtml.has(t), `${t} has an HTML part`);
    // A subject that names a thread or a data request gives its title as written, on one line (a header is text).
    for (const [template, field] of [['discussions.reply', 'Draad'], ['wishes.status', 'Wens']]) {
      xssPayloads.forEach((P, r) => assert.ok(s.sent.find((x) => x.template === template && x.to === `anna${r}@example.org`)!.subject.includes(`${field}${r}x ${P}`), `${template} subject`));
    }
    // On the wire: every header line is a header or a folded continuation; none was made by a payload.
    for (const message of s.smtp.messages) {
      const head = message.raw.split(/\r?\n\r?\n/)[0];
      for (const line of head.split(/\r?\n/)) assert.match(line, /^([A-Za-z][A-Za-z0-9-]*: |[ \t])/, `header line ${line}`);
      assert.doesNotMatch(head, /^X-Injected|^Bcc:/im);
    }
  });

  test('a name and a subject with CR/LF are refused by the contact form; a profile name too', async () => {
    const v = visitor(s.url);
    await v.get('/-/contact');
    const before = s.smtp.messages.length;
    assert.equal((await v.post('/-/contact', { subject: 'Vraag\r\nX-Injected: 1', message: 'Hallo', name: 'Eve', email: 'eve@example.org', website: '' })).status, 400);
    await v.get('/-/contact');
    assert.equal((await v.post('/-/contact', { subject: 'Vraag', message: 'Hallo', name: 'Eve\r\nBcc: evil@example.org', email: 'eve@example.org', website: '' })).status, 400);
    const u = await person('crlf@example.org', 'Gewoon');
    await u.get('/-/account');
    const saved = await u.post('/-/account/profile', { first_name: 'Test', last_name: 'X', display_name: 'Eve\r\nBcc: evil@example.org' });
    // The profile folds white space: the name is kept on one line, or refused.
    assert.ok([303, 400].includes(saved.status));
    const names = await db().selectFrom('users').select('display_name').where('email', '=', 'crlf@example.org').executeTakeFirstOrThrow();
    assert.doesNotMatch(names.display_name ?? '', /[\r\n]/);
    assert.equal(s.smtp.messages.length, before, 'nothing was mailed');
  });

  test('a thread or data-request title with CR/LF never makes a header of the mails that name it', async () => {
    const injected = 'Titel\r\nX-Injected: 1\r\nBcc: evil@example.org';
    const carla = await person('carla@example.org', 'Carla\r\nX-Injected: 1');
    const dirk = await person('dirk@example.org', 'Dirk');
    const list = '/datasets/cities/discussions';
    await carla.get(list);
    const started = await carla.post(list, { title: injected, body: 'Een vraag zonder links.', website: '' });
    const before = s.smtp.messages.length;
    if (started.status === 303) {
      const thread = started.headers.get('location')!.split('?')[0];
      await dirk.get(thread);
      assert.equal((await dirk.post(thread, { body: 'Een antwoord.' })).status, 303);
    } else {
      assert.equal(started.status, 400, 'refused, or kept on one line');
    }
    await carla.get('/data-requests');
    const wished = await carla.post('/data-requests', { title: injected, description: 'Graag.', website: '' });
    if (wished.status === 303) {
      const wish = wished.headers.get('location')!;
      await staff.get(wish);
      assert.equal((await staff.post(`${wish}/status`, { status: 'planned', dataset_id: '', reason: '' })).status, 303);
    } else {
      assert.equal(wished.status, 400, 'refused, or kept on one line');
    }
    await s.portal.mailer.flush();
    const mails = s.sent.filter((m) => m.to === 'carla@example.org');
    assert.ok(started.status !== 303 || mails.some((m) => m.template === 'discussions.reply'), 'the reply was mailed');
    for (const mail of mails) assert.doesNotMatch(mail.subject, /[\r\n]/, mail.template);
    for (const message of s.smtp.messages.slice(before)) {
      const head = message.raw.split(/\r?\n\r?\n/)[0];
      assert.doesNotMatch(head, /^(X-Injected|Bcc):/im, head);
      for (const line of head.split(/\r?\n/)) assert.match(line, /^([A-Za-z][A-Za-z0-9-]*: |[ \t])/, `header line ${line}`);
    }
    // Pages show such a title on one line of text, never as markup.
    for (const path of ['/data-requests', list]) assert.deepEqual(liveIn(await read('public', path)), [], path);
  });

  test('the Atom feeds (dataset, catalog, in both languages) hold nothing live', async () => {
    for (const path of ['/datasets/cities/feed.atom', '/catalog/feed.atom', '/en/datasets/cities/feed.atom', '/en/catalog/feed.atom']) {
      const response = await s.get(path);
      assert.equal(response.status, 200, path);
      assert.match(response.headers.get('content-type') ?? '', /atom\+xml/, path);
      const xml = await response.text();
      assert.match(xml, /<feed xmlns="http:\/\/www\.w3\.org\/2005\/Atom"/);
      // Atom's own <link rel=… href="https://…"/> is its markup; anything else liveMarkup finds is not.
      assert.deepEqual(liveIn(xml.replace(/<link rel="(self|alternate)" type="[^"]+" href="https?:\/\/[^"]*"\/>/g, '')), [], path);
    }
  });
});
