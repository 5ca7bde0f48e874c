// What went wrong, in the visitor's language: a domain error's reason looked up in a section's catalog map, an ODSQL
// error's or an import failure's words in theirs. The maps are checked here against the reasons and codes the code
// raises (src/errors.ts, src/odsql/errors.ts): each words exactly its group, with the values each code carries.
import type {
  AccountReason,
  AdminReason,
  ApiKeyReason,
  AttachmentReason,
  BackofficeReason,
  DiscussionReason,
  FollowReason,
  ImportFailed,
  ImportWords,
  LegalHoldReason,
  PrivacyCaseReason,
  PrivacyOfficeReason,
  PrivacyRightsReason,
  Reason,
  ReuseReason,
  WishReason,
  StatsReason,
  RequestReason,
  TwoFactorReason,
  WebhookReason,
} from '../errors.ts';
import { formatBytes, formatNumber, type KeysExactly, type Language, type Messages } from '../i18n/index.ts';
import type { OdsqlError, OdsqlWords } from '../odsql/errors.ts';

true satisfies KeysExactly<Messages['account']['errors'], AccountReason>;
true satisfies KeysExactly<Messages['admin']['errors'], AdminReason>;
true satisfies KeysExactly<Messages['apiKeys']['errors'], ApiKeyReason>;
true satisfies KeysExactly<Messages['backoffice']['errors'], BackofficeReason>;
true satisfies KeysExactly<Messages['attachments']['errors'], AttachmentReason>;
true satisfies KeysExactly<Messages['follow']['errors'], FollowReason>;
true satisfies KeysExactly<Messages['discussions']['errors'], DiscussionReason>;
true satisfies KeysExactly<Messages['holds']['errors'], LegalHoldReason>;
true satisfies KeysExactly<Messages['privacyRights']['errors'], PrivacyRightsReason>;
true satisfies KeysExactly<Messages['privacy']['errors'], PrivacyOfficeReason>;
true satisfies KeysExactly<Messages['privacyCases']['errors'], PrivacyCaseReason>;
true satisfies KeysExactly<Messages['twoFactor']['errors'], TwoFactorReason>;
true satisfies KeysExactly<Messages['requests']['errors'], RequestReason>;
true satisfies KeysExactly<Messages['webhooks']['errors'], WebhookReason>;
true satisfies KeysExactly<Messages['reuses']['errors'], ReuseReason>;
true satisfies KeysExactly<Messages['wishes']['errors'], WishReason>;
true satisfies KeysExactly<Messages['stats']['errors'], StatsReason>;
true satisfies KeysExactly<Messages['errors']['odsql'], OdsqlWords['code']>;
/** Each ODSQL text takes the values its code carries. */
type OdsqlTexts = { [C in OdsqlWords['code']]: (words: Extract<OdsqlWords, { code: C }>) => string };
true satisfies (Messages['errors']['odsql'] extends OdsqlTexts ? true : false);
true satisfies KeysExactly<Messages['importReport']['failures'], ImportWords['code']>;
/** Each import failure's text takes the values its code carries. */
type ImportTexts = { [C in ImportWords['code']]: (words: Extract<ImportWords, { code: C }>, formats: ImportFormats) => string };
type ImportFormats = { number(n: number): string; bytes(n: number): string };
true satisfies (Messages['importReport']['failures'] extends ImportTexts ? true : false);

/**
 * The map's text for an error's reason, or undefined when the map words no such reason (or the error has none).
 * `reason` is a string: an import failure's `reason` is a sentence, not one of the keys.
 */
export function reasonText(map: Partial<Record<Reason, string>>, reason: string | undefined): string | undefined {
  return reason !== undefined && Object.hasOwn(map, reason) ? map[reason as Reason] : undefined;
}

/**
 * An ODSQL error in the visitor's language, with the character it was found at (counted from 1) where the clause is
 * text the visitor wrote; a refine or exclude is one `field:value`, where the place says nothing.
 */
export function odsqlErrorText(t: Messages['errors'], error: OdsqlError): string {
  const text = odsqlWordsText(t, error);
  return error.clause === 'refine' || error.clause === 'exclude' ? text : `${text} (${t.odsqlAt(error.position + 1)})`;
}

/** What was wrong with the ODSQL, in the visitor's language, without where. */
export function odsqlWordsText(t: Messages['errors'], error: OdsqlError): string {
  return (t.odsql[error.words.code] as (words: OdsqlWords) => string)(error.words);
}

/** Why a file could not be imported, in the page's language: where (file, line) and what was wrong. */
export function importErrorText(t: Messages['importReport'], lang: Language, error: ImportFailed): string {
  const formats: ImportFormats = { number: (n) => formatNumber(lang, n), bytes: (n) => formatBytes(lang, n) };
  const text = (t.failures[error.words.code] as (words: ImportWords, formats: ImportFormats) => string)(error.words, formats);
  return `${t.failureAt(error.file, error.line)}: ${text}`;
}
