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

true satisfies KeysExactly<Messages['account']['errors'], AccountReason>;
true satisfies KeysExactly<Messages['admin']['errors'], AdminReason>;
true satisfies KeysExactly<Messages['apiKeys']['errors'], ApiKeyReason>;
true satisfies KeysExactly<Messages['backoffice']['errors'], BackofficeReason>;
true satisfies KeysExactly<Messages['holds']['errors'], LegalHoldReason>;
true satisfies KeysExactly<Messages['privacyRights']['errors'], PrivacyRightsReason>;
true satisfies KeysExactly<Messages['privacy']['errors'], PrivacyOfficeReason>;
true satisfies KeysExactly<Messages['privacyCases']['errors'], PrivacyCaseReason>;
true satisfies KeysExactly<Messages['twoFactor']['errors'], TwoFactorReason>;

/**
 * The map's text for an error's reason, or undefined when the map words no such reason (or the error has none).
 * `reason` is a string: an import failure's `reason` is a sentence, not one of the keys.
 */
export function reasonText(map: Partial<Record<Reason, string>>, reason: string | undefined): string | undefined {
  return reason !== undefined && Object.hasOwn(map, reason) ? map[reason as Reason] : undefined;
}
