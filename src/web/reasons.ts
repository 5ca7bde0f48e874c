// What went wrong, in the visitor's language: a domain error's reason looked up in a section's catalog map. The maps
// are checked here against the reasons the code raises (src/errors.ts): each words exactly its group.
import type {
  AccountReason,
  AdminReason,
  ApiKeyReason,
  BackofficeReason,
  LegalHoldReason,
  PrivacyCaseReason,
  PrivacyOfficeReason,
  PrivacyRightsReason,
  Reason,
  TwoFactorReason,
} from '../errors.ts';
import type { KeysExactly, Messages } from '../i18n/index.ts';
import type { OdsqlError, OdsqlWords } from '../odsql/errors.ts';

true satisfies KeysExactly<Messages['account']['errors'], AccountReason>;
true satisfies KeysExactly<Messages['admin']['errors'], AdminReason>;
true satisfies KeysExactly<Messages['apiKeys']['errors'], ApiKeyReason>;
true satisfies KeysExactly<Messages['backoffice']['errors'], BackofficeReason>;
true satisfies KeysExactly<Messages['holds']['errors'], LegalHoldReason>;
true satisfies KeysExactly<Messages['privacyRights']['errors'], PrivacyRightsReason>;
true satisfies KeysExactly<Messages['privacy']['errors'], PrivacyOfficeReason>;
true satisfies KeysExactly<Messages['privacyCases']['errors'], PrivacyCaseReason>;
true satisfies KeysExactly<Messages['twoFactor']['errors'], TwoFactorReason>;
true satisfies KeysExactly<Messages['errors']['odsql'], OdsqlWords['code']>;
/** Each ODSQL text takes the values its code carries. */
type OdsqlTexts = { [C in OdsqlWords['code']]: (words: Extract<OdsqlWords, { code: C }>) => string };
true satisfies (Messages['errors']['odsql'] extends OdsqlTexts ? true : false);

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
