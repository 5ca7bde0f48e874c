// Environment and flags → one typed, validated configuration object, read once at start-up.
import { resolve } from 'node:path';
import { availableParallelism } from 'node:os';
import { isIP } from 'node:net';
import { ConfigError } from './errors.ts';
import { languages, messages, type Language } from './i18n/index.ts';
import { sizeBytes } from './size.ts';
import { withoutPassword } from './startup.ts';
import { legalBases, purposes, type LegalBasis, type PurposeId } from './personal-data/vocabulary.ts';

/** The portal key (SECRET_KEY, `<data>/secret.key`): 32 bytes from 64 hexadecimal digits or base64; null when the text is neither. */
export function parseKey(text: string): Buffer | null {
  const trimmed = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(trimmed)) return Buffer.from(trimmed, 'hex');
  if (/^[A-Za-z0-9+/_-]{43}=?$/.test(trimmed)) {
    const bytes = Buffer.from(trimmed.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
    if (bytes.length === 32) return bytes;
  }
  return null;
}

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** null → the embedded SQLite file `<dataDir>/opaal.sqlite`. */
  databaseUrl: string | null;
  baseUrl: string;
  defaultLanguage: Language;
  timezone: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  duckdbMemoryLimit: string;
  duckdbThreads: number;
  clusterMinRows: number;
  maxImportBytes: number;
  maxImportColumns: number;
  maxImportCells: number;
  maxImportUncompressedBytes: number;
  maxImportSharedStrings: number;
  maxImportSharedStringChars: number;
  queryTimeoutMs: number;
  answerCacheMb: number;
  exportTimeoutMs: number;
  exportMaxPerClient: number;
  exportMaxConcurrent: number;
  exportQueueMs: number;
  exportMaxTempBytes: number;
  portalName: string;
  publisherName: string;
  publisherUri: string | null;
  contactEmail: string;
  smtpUrl: string | null;
  mailFrom: string;
  /** How often a server looks for mail that is due (docs/architecture.md, "Mail"). */
  mailPollMs: number;
  /** The wait after a mail's first failed attempt; each next wait doubles. */
  mailRetryMs: number;
  /** How often a server looks for jobs that are due. */
  jobsPollMs: number;
  sessionIdleMinutes: number;
  sessionMaxHours: number;
  apiKeyMaxDays: number;
  /** Whether a webhook may deliver to a loopback, private or link-local address (an intranet portal, tests). */
  webhookPrivateAddresses: 'refuse' | 'allow';
  /** Encrypts two-factor secrets; null → a key generated in `<dataDir>/secret.key`. */
  secretKey: string | null;
  apiDailyQuotaKey: number;
  apiDailyQuotaAnonymous: number;
  /** Dataset pages that run records queries, a day per visitor (docs/limits.md). */
  pageDailyQuota: number;
  /** A `{z}/{x}/{y}` tile URL template for the map's base layer; null draws only the bundled country outlines. */
  mapTileUrl: string | null;
  mapTileAttribution: string | null;
  /** The controller the privacy statement and the register name. */
  privacyController: string;
  privacyControllerAddress: string | null;
  privacyDpoName: string | null;
  /** The data-protection officer's mailbox: named in the statement, and where the privacy office's reminders go. */
  dpoEmail: string;
  /** The supervisory authority a person may complain to. */
  privacyAuthority: 'vtc' | 'gba';
  /** The legal basis of each purpose of the personal-data map (GDPR Art. 6(1)). */
  privacyBases: Record<PurposeId, LegalBasis>;
  /** The decree or law the public task rests on, shown beside Art. 6(1)(e). */
  privacyPublicTaskLaw: string | null;
  /** Reverse proxies (addresses, CIDRs) whose X-Forwarded-For is believed; null: none, the header is ignored. */
  trustedProxies: string[] | null;
  /** Whether the statistics count (src/stats); `off` counts nothing (the benchmark's baseline). */
  stats: 'on' | 'off';
  /** How often counted events are written to the database, in milliseconds. */
  statsFlushMs: number;
}

type Kind = 'int' | 'string' | 'url' | 'enum' | 'size' | 'email' | 'tiles' | 'key' | 'basis' | 'proxies';

interface Setting<K extends keyof Config> {
  key: K;
  env: string;
  flag: string | null;
  kind: Kind;
  values?: readonly string[];
  min?: number;
  max?: number;
  /** A function where the default depends on the other settings or the machine. */
  default: string | null | ((partial: Partial<Config>) => string | null);
  /** For a setting that fills one member of an object setting (a legal basis per purpose). */
  member?: string;
  defaultText: string;
  help: string;
}

/**
 * From this many records on, an import also writes the clustered copy (engine/tables.ts). Measured: a filtered,
 * sorted page on 1M rows took 10.5 ms without the copy and 8.7 ms with it, while the copy added ~17% to the import
 * and doubled the twin; on 10M rows it took the page from ~106 ms to ~13 ms. A scan grows ~10 ms per million rows, so
 * from two million on the copy keeps such pages near 20 ms or less.
 */
export const defaultClusterMinRows = 2_000_000;

function setting<K extends keyof Config>(s: Setting<K>): Setting<K> {
  return s;
}

/** Every setting, declared once: the README's settings table is checked against this list. */
const settings = [
  setting({ key: 'port', env: 'PORT', flag: 'port', kind: 'int', min: 1, max: 65535, default: '8080', defaultText: '8080', help: 'TCP port the HTTP server listens on.' }),
  setting({ key: 'host', env: 'HOST', flag: 'host', kind: 'string', default: 'localhost', defaultText: 'localhost', help: 'Interface to listen on; `0.0.0.0` to accept connections from other machines.' }),
  setting({ key: 'dataDir', env: 'OPAAL_DATA', flag: 'data', kind: 'string', default: './data', defaultText: './data', help: 'Directory for the SQLite file, dataset versions (Parquet) and other blobs.' }),
  setting({ key: 'databaseUrl', env: 'DATABASE_URL', flag: null, kind: 'url', values: ['postgres:', 'postgresql:'], default: null, defaultText: '(SQLite file in the data directory)', help: 'A `postgres://…` URL to keep the relational store in PostgreSQL instead of SQLite.' }),
  setting({ key: 'baseUrl', env: 'BASE_URL', flag: 'base-url', kind: 'url', values: ['http:', 'https:'], default: (c) => `http://localhost:${c.port}`, defaultText: 'http://localhost:PORT', help: 'Public address of the portal, used in links, feeds and DCAT metadata.' }),
  setting({ key: 'defaultLanguage', env: 'DEFAULT_LANGUAGE', flag: null, kind: 'enum', values: languages, default: 'nl', defaultText: 'nl', help: 'Language of pages and messages when none is asked for.' }),
  setting({ key: 'timezone', env: 'TIMEZONE', flag: null, kind: 'string', default: 'Europe/Brussels', defaultText: 'Europe/Brussels', help: 'Time zone for imported date-times that carry no offset, and of the days and weeks digests cover.' }),
  setting({ key: 'logLevel', env: 'LOG_LEVEL', flag: null, kind: 'enum', values: ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], default: 'info', defaultText: 'info', help: 'Least severe log level written (JSON lines on standard output).' }),
  setting({ key: 'duckdbMemoryLimit', env: 'DUCKDB_MEMORY_LIMIT', flag: null, kind: 'size', default: '512MB', defaultText: '512MB', help: 'Memory the records engine may use before it spills to disk (e.g. `512MB`, `2GB`).' }),
  setting({ key: 'duckdbThreads', env: 'DUCKDB_THREADS', flag: null, kind: 'int', min: 1, max: 256, default: () => String(availableParallelism()), defaultText: '(number of cores)', help: 'Threads the records engine uses.' }),
  setting({ key: 'clusterMinRows', env: 'CLUSTER_MIN_ROWS', flag: null, kind: 'int', min: 1, max: Number.MAX_SAFE_INTEGER, default: String(defaultClusterMinRows), defaultText: String(defaultClusterMinRows), help: 'A version with this many records or more also gets a copy sorted on its most selective category field, so that counts, groups and sorted pages filtered on that field read only its rows.' }),
  setting({ key: 'maxImportBytes', env: 'MAX_IMPORT_BYTES', flag: null, kind: 'int', min: 1, max: Number.MAX_SAFE_INTEGER, default: String(10 * 1024 ** 3), defaultText: '10737418240 (10 GiB)', help: 'Largest file an import accepts.' }),
  setting({ key: 'maxImportColumns', env: 'MAX_IMPORT_COLUMNS', flag: null, kind: 'int', min: 1, max: 100_000, default: '1000', defaultText: '1000', help: 'Most columns (fields) an imported file may have; CSV and XLSX are checked from the header, before any row is read.' }),
  setting({ key: 'maxImportCells', env: 'MAX_IMPORT_CELLS', flag: null, kind: 'int', min: 1, max: Number.MAX_SAFE_INTEGER, default: '50000000', defaultText: '50000000', help: 'Most cells (rows × columns) an XLSX sheet may have; empty rows in between count too.' }),
  setting({ key: 'maxImportUncompressedBytes', env: 'MAX_IMPORT_UNCOMPRESSED_BYTES', flag: null, kind: 'int', min: 1, max: Number.MAX_SAFE_INTEGER, default: String(2 * 1024 ** 3), defaultText: '2147483648 (2 GiB)', help: 'Most bytes an XLSX file (a ZIP archive) may hold once inflated, counted while it is inflated.' }),
  setting({ key: 'maxImportSharedStrings', env: 'MAX_IMPORT_SHARED_STRINGS', flag: null, kind: 'int', min: 1, max: Number.MAX_SAFE_INTEGER, default: '1000000', defaultText: '1000000', help: "Most strings in an XLSX file's shared-string table, which is held in memory while the sheet is read." }),
  setting({ key: 'maxImportSharedStringChars', env: 'MAX_IMPORT_SHARED_STRING_CHARS', flag: null, kind: 'int', min: 1, max: Number.MAX_SAFE_INTEGER, default: '32000000', defaultText: '32000000', help: "Most characters in all of an XLSX file's shared strings together." }),
  setting({ key: 'queryTimeoutMs', env: 'QUERY_TIMEOUT_MS', flag: null, kind: 'int', min: 100, max: 3_600_000, default: '10000', defaultText: '10000', help: 'Longest an API query may run before it is stopped, in milliseconds.' }),
  setting({ key: 'answerCacheMb', env: 'ANSWER_CACHE_MB', flag: null, kind: 'int', min: 0, max: 65_536, default: '64', defaultText: '64', help: 'Memory for answers of the Explore API kept by version (records, facets, counts), in MB; 0 keeps none.' }),
  setting({ key: 'exportTimeoutMs', env: 'EXPORT_TIMEOUT_MS', flag: null, kind: 'int', min: 100, max: 86_400_000, default: '600000', defaultText: '600000 (10 minutes)', help: 'Longest an export may take from its request to its last byte, in milliseconds; a client that takes nothing for a minute is cut off sooner (docs/limits.md).' }),
  setting({ key: 'exportMaxPerClient', env: 'EXPORT_MAX_PER_CLIENT', flag: null, kind: 'int', min: 1, max: 1000, default: '2', defaultText: '2', help: 'Exports one client (an account, or an address without one) may run at once; more wait `EXPORT_QUEUE_MS`, then get 429.' }),
  setting({ key: 'exportMaxConcurrent', env: 'EXPORT_MAX_CONCURRENT', flag: null, kind: 'int', min: 1, max: 10_000, default: '8', defaultText: '8', help: 'Exports the server runs at once; more wait `EXPORT_QUEUE_MS`, then get 503.' }),
  setting({ key: 'exportQueueMs', env: 'EXPORT_QUEUE_MS', flag: null, kind: 'int', min: 0, max: 600_000, default: '10000', defaultText: '10000', help: 'How long an export waits for a free slot before it is refused, in milliseconds.' }),
  setting({ key: 'exportMaxTempBytes', env: 'EXPORT_MAX_TEMP_BYTES', flag: null, kind: 'int', min: 1, max: Number.MAX_SAFE_INTEGER, default: String(1024 ** 3), defaultText: '1073741824 (1 GiB)', help: 'Temp disk exports may hold together: Parquet and shapefile files, written whole before they are sent, and the parts of line exports (docs/limits.md); past it an export gets 503.' }),
  setting({ key: 'portalName', env: 'PORTAL_NAME', flag: null, kind: 'string', default: 'Opaal', defaultText: 'Opaal', help: 'Name of the portal, in page titles, feeds and the DCAT catalog.' }),
  setting({ key: 'publisherName', env: 'PUBLISHER_NAME', flag: null, kind: 'string', default: (c) => c.portalName ?? 'Opaal', defaultText: '(the portal name)', help: 'The organisation that publishes the catalog (DCAT `dct:publisher`).' }),
  setting({ key: 'publisherUri', env: 'PUBLISHER_URI', flag: null, kind: 'url', values: ['http:', 'https:'], default: null, defaultText: '(none)', help: "An IRI for the publisher, e.g. its OVO code's `https://data.vlaanderen.be/id/organisatie/OVO…`." }),
  setting({ key: 'contactEmail', env: 'CONTACT_EMAIL', flag: null, kind: 'email', default: 'opendata@example.org', defaultText: 'opendata@example.org', help: "The catalog's contact point; set it to a team mailbox." }),
  setting({ key: 'smtpUrl', env: 'SMTP_URL', flag: null, kind: 'url', values: ['smtp:', 'smtps:'], default: null, defaultText: '(none: mail is written as .eml files under `<data>/mail`)', help: 'SMTP server for outgoing mail, e.g. `smtp://user:pass@mail.example.org:587`.' }),
  setting({ key: 'mailFrom', env: 'MAIL_FROM', flag: null, kind: 'email', default: (c) => c.contactEmail ?? 'opendata@example.org', defaultText: '(the contact email)', help: 'Sender address of the mail the portal sends.' }),
  setting({ key: 'mailPollMs', env: 'MAIL_POLL_MS', flag: null, kind: 'int', min: 100, max: 3_600_000, default: '15000', defaultText: '15000', help: 'How often a server looks for mail that is due (left by a crash, written by another process, or waiting for a retry), in milliseconds.' }),
  setting({ key: 'mailRetryMs', env: 'MAIL_RETRY_MS', flag: null, kind: 'int', min: 100, max: 86_400_000, default: '60000', defaultText: '60000 (1 minute)', help: 'The wait after a mail could not be delivered, doubling at each next attempt; after five attempts it is given up on and shown to admins.' }),
  setting({ key: 'jobsPollMs', env: 'JOBS_POLL_MS', flag: null, kind: 'int', min: 100, max: 3_600_000, default: '5000', defaultText: '5000', help: 'How often a server looks for background jobs that are due (notifications, webhooks, digests), in milliseconds.' }),
  setting({ key: 'sessionIdleMinutes', env: 'SESSION_IDLE_MINUTES', flag: null, kind: 'int', min: 5, max: 1440, default: '60', defaultText: '60', help: 'A session unused this long is signed out.' }),
  setting({ key: 'sessionMaxHours', env: 'SESSION_MAX_HOURS', flag: null, kind: 'int', min: 1, max: 720, default: '12', defaultText: '12', help: 'A session ends this long after sign-in, however active.' }),
  setting({ key: 'apiKeyMaxDays', env: 'API_KEY_MAX_DAYS', flag: null, kind: 'int', min: 1, max: 3650, default: '365', defaultText: '365', help: 'Longest lifetime an API key may be given.' }),
  setting({ key: 'webhookPrivateAddresses', env: 'WEBHOOK_PRIVATE_ADDRESSES', flag: null, kind: 'enum', values: ['refuse', 'allow'], default: 'refuse', defaultText: 'refuse', help: 'Whether webhooks may deliver to loopback, private and link-local addresses (`allow` on an intranet); refused by default, so a webhook cannot reach the servers beside the portal (docs/webhooks.md).' }),
  setting({ key: 'secretKey', env: 'SECRET_KEY', flag: null, kind: 'key', default: null, defaultText: '(generated in `<data>/secret.key`)', help: 'Key that encrypts two-factor secrets and webhook signing secrets in the database and keys the digests of the attempt counters (docs/limits.md): 32 bytes as 64 hexadecimal digits or base64 (`openssl rand -hex 32`). Set it when several servers share one database, so they read the secrets and share the limits; keep it out of database backups.' }),
  setting({ key: 'apiDailyQuotaKey', env: 'API_DAILY_QUOTA_KEY', flag: null, kind: 'int', min: 1, max: 1_000_000_000, default: '100000', defaultText: '100000', help: 'Explore API calls a day per API key (and per signed-in account without a key); the day starts at 00:00 UTC.' }),
  setting({ key: 'apiDailyQuotaAnonymous', env: 'API_DAILY_QUOTA_ANONYMOUS', flag: null, kind: 'int', min: 1, max: 1_000_000_000, default: '10000', defaultText: '10000', help: "Explore API calls a day per client address without a key (the portal's own pages count too); addresses are held only as a digest under a secret that changes daily." }),
  setting({ key: 'pageDailyQuota', env: 'PAGE_DAILY_QUOTA', flag: null, kind: 'int', min: 1, max: 1_000_000_000, default: '5000', defaultText: '5000', help: 'Dataset pages that run records queries (the table, chart, map, export and API tabs) a day per client address, or per account when signed in, apart from the API quota; the day starts at 00:00 UTC. See docs/limits.md.' }),
  setting({ key: 'mapTileUrl', env: 'MAP_TILE_URL', flag: null, kind: 'tiles', default: null, defaultText: '(none: country outlines only)', help: 'Tile server for the dataset maps, e.g. `https://tile.example.org/{z}/{x}/{y}.png` (`{s}` for subdomains); its host is then allowed in the pages\' image policy.' }),
  setting({ key: 'mapTileAttribution', env: 'MAP_TILE_ATTRIBUTION', flag: null, kind: 'string', default: null, defaultText: '(none)', help: 'Credit shown on the map for the tiles, as the tile provider requires (plain text).' }),
  setting({ key: 'privacyController', env: 'PRIVACY_CONTROLLER', flag: null, kind: 'string', default: (c) => c.publisherName ?? 'Opaal', defaultText: '(the publisher name)', help: 'The controller of personal data (GDPR Art. 4(7)) the privacy statement and the register name.' }),
  setting({ key: 'privacyControllerAddress', env: 'PRIVACY_CONTROLLER_ADDRESS', flag: null, kind: 'string', default: null, defaultText: '(none)', help: "The controller's postal address, shown in the privacy statement and the register." }),
  setting({ key: 'privacyDpoName', env: 'PRIVACY_DPO_NAME', flag: null, kind: 'string', default: null, defaultText: '(none: "the data protection officer")', help: 'Name of the data protection officer (or of the function), shown in the statement and the register.' }),
  setting({ key: 'dpoEmail', env: 'PRIVACY_DPO_EMAIL', flag: null, kind: 'email', default: (c) => c.contactEmail ?? 'opendata@example.org', defaultText: '(the contact email)', help: "The data protection officer's address (GDPR Art. 37(7)), named in the statement; reminders of privacy requests nearing or past their deadline go there." }),
  setting({ key: 'privacyAuthority', env: 'PRIVACY_AUTHORITY', flag: null, kind: 'enum', values: ['vtc', 'gba'], default: 'vtc', defaultText: 'vtc', help: 'The supervisory authority for complaints and breach notifications: `vtc` (Vlaamse Toezichtcommissie, for Flemish public bodies) or `gba` (Gegevensbeschermingsautoriteit).' }),
  ...(Object.keys(purposes) as PurposeId[]).map((purpose) =>
    setting({ key: 'privacyBases', member: purpose, env: `PRIVACY_BASIS_${purpose.toUpperCase()}`, flag: null, kind: 'basis', values: Object.keys(legalBases), default: purposes[purpose].defaultBasis, defaultText: purposes[purpose].defaultBasis, help: `Legal basis (GDPR Art. 6(1)) for the purpose "${messages('en').privacyTerms.purposes[purpose].name}": ${Object.keys(legalBases).join(', ')}.` }),
  ),
  setting({ key: 'trustedProxies', env: 'TRUSTED_PROXIES', flag: null, kind: 'proxies', default: null, defaultText: '(none: X-Forwarded-For is ignored)', help: 'Comma-separated addresses or CIDR ranges of the reverse proxies in front of the portal (e.g. `127.0.0.1,10.0.0.0/8`): their X-Forwarded-For header then gives the client address that limits and statistics use. Without it the header is ignored.' }),
  setting({ key: 'stats', env: 'STATS', flag: null, kind: 'enum', values: ['on', 'off'], default: 'on', defaultText: 'on', help: 'Usage statistics (page views, downloads, API calls, searches, unique visitors per day; no address, user agent or key is kept): `off` counts nothing.' }),
  setting({ key: 'statsFlushMs', env: 'STATS_FLUSH_MS', flag: null, kind: 'int', min: 100, max: 60_000, default: '5000', defaultText: '5000', help: 'How often a server writes the statistics it counted in memory to the database, in milliseconds (and when it stops).' }),
  setting({ key: 'privacyPublicTaskLaw', env: 'PRIVACY_PUBLIC_TASK_LAW', flag: null, kind: 'string', default: null, defaultText: '(none)', help: 'The decree or law the public task rests on (GDPR Art. 6(3)), shown in the statement beside each purpose with that basis.' }),
] as const;

export type Flags = Record<string, string | boolean | undefined>;

function parseValue(s: Setting<keyof Config>, raw: string, source: string): unknown {
  const fail = (expected: string): never => {
    // A database URL may carry a password, which no message shows.
    throw new ConfigError(`Invalid ${source}: "${s.kind === 'url' ? withoutPassword(raw) : raw}" is not ${expected}.`);
  };
  switch (s.kind) {
    case 'int': {
      if (!/^[0-9]+$/.test(raw)) fail(`a whole number between ${s.min} and ${s.max}`);
      const n = Number(raw);
      if (n < (s.min ?? 0) || n > (s.max ?? Number.MAX_SAFE_INTEGER)) fail(`a whole number between ${s.min} and ${s.max}`);
      return n;
    }
    case 'enum':
      if (!s.values!.includes(raw)) fail(`one of ${s.values!.join(', ')}`);
      return raw;
    case 'url': {
      let url: URL | undefined;
      try {
        url = new URL(raw);
      } catch {
        fail(`a URL starting with ${s.values!.join(' or ')}//`);
      }
      if (!s.values!.includes(url!.protocol)) fail(`a URL starting with ${s.values!.join(' or ')}//`);
      try {
        // The PostgreSQL driver decodes these; a stray % would stop it later with a bare URIError.
        decodeURIComponent(url!.username);
        decodeURIComponent(url!.password);
        decodeURIComponent(url!.pathname);
      } catch {
        fail('a URL whose user name, password and path are valid percent-encoding');
      }
      return s.key === 'baseUrl' ? raw.replace(/\/+$/, '') : raw;
    }
    case 'tiles': {
      // `{s}` stands for a subdomain letter; the rest must be an https (or http) URL with the three tile placeholders.
      let url: URL | undefined;
      try {
        url = new URL(raw.replaceAll('{s}', 'a'));
      } catch {
        fail('a tile URL such as https://tile.example.org/{z}/{x}/{y}.png');
      }
      if (!['http:', 'https:'].includes(url!.protocol) || !['{z}', '{x}', '{y}'].every((p) => raw.includes(p))) {
        fail('a tile URL such as https://tile.example.org/{z}/{x}/{y}.png');
      }
      return raw;
    }
    case 'basis': {
      if (raw === 'legitimate_interests' || raw === 'legitimate_interest') {
        throw new ConfigError(`Invalid ${source}: a public body may not rest its tasks on legitimate interests (GDPR Art. 6(1), last sentence); use one of ${s.values!.join(', ')}.`);
      }
      if (!s.values!.includes(raw)) fail(`one of ${s.values!.join(', ')}`);
      // Consent cannot carry what the law obliges: withdrawing it would not stop the processing.
      if (raw === 'consent' && purposes[s.member as PurposeId].defaultBasis === 'legal_obligation') {
        throw new ConfigError(`Invalid ${source}: consent cannot be the basis of "${s.member}", which the law requires; withdrawing consent could not stop it. Use legal_obligation or public_task.`);
      }
      return raw;
    }
    case 'proxies': {
      const entries = raw.split(',').map((e) => e.trim()).filter((e) => e !== '');
      const valid = (entry: string) => {
        const [address, prefix, ...rest] = entry.split('/');
        const family = isIP(address);
        if (family === 0 || rest.length > 0) return false;
        if (prefix === undefined) return true;
        return /^[0-9]{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
      };
      if (entries.length === 0 || !entries.every(valid)) fail('a comma-separated list of IP addresses or CIDR ranges such as 127.0.0.1,10.0.0.0/8');
      return entries;
    }
    case 'key':
      // The value is a secret: the message names the setting but never repeats it.
      if (!parseKey(raw)) throw new ConfigError(`Invalid ${source}: it is not 32 bytes written as 64 hexadecimal digits or base64.`);
      return raw;
    case 'size':
      try {
        sizeBytes(raw);
      } catch {
        fail('a size such as 512MB or 2GB');
      }
      return raw;
    case 'email':
      if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(raw)) fail('an email address');
      return raw;
    case 'string':
      if (raw.trim() === '') fail('a non-empty value');
      if (s.key === 'timezone') {
        try {
          new Intl.DateTimeFormat('en', { timeZone: raw });
        } catch {
          fail('a time zone name such as Europe/Brussels');
        }
      }
      return raw;
  }
}

/** Reads each setting from its flag, else its environment variable, else its default. */
export function loadConfig(env: NodeJS.ProcessEnv, flags: Flags = {}): Config {
  const config: Partial<Config> = {};
  for (const s of settings as readonly Setting<keyof Config>[]) {
    const flagValue = s.flag ? flags[s.flag] : undefined;
    let raw: string | null;
    let source: string;
    if (typeof flagValue === 'string') {
      raw = flagValue;
      source = `--${s.flag}`;
    } else if (env[s.env] !== undefined && env[s.env] !== '') {
      raw = env[s.env]!;
      source = s.env;
    } else {
      raw = typeof s.default === 'function' ? s.default(config) : s.default;
      source = `default of ${s.env}`;
    }
    const value = raw === null ? null : parseValue(s, raw, source);
    if (s.member) {
      const members = ((config as Record<string, unknown>)[s.key] ??= {}) as Record<string, unknown>;
      members[s.member] = value;
    } else (config as Record<string, unknown>)[s.key] = value;
  }
  config.dataDir = resolve(config.dataDir!);
  return config as Config;
}

/** The settings table as the README shows it. */
export function settingsTable(): string {
  const rows = (settings as readonly Setting<keyof Config>[]).map(
    (s) => `| \`${s.env}\` | ${s.flag ? `\`--${s.flag}\`` : ''} | ${s.defaultText} | ${s.help} |`,
  );
  return ['| Variable | Flag | Default | Meaning |', '| --- | --- | --- | --- |', ...rows].join('\n');
}
