// A version's changes in words (the information tab, the version page, the feeds) and as its JSON twin shows them.
import type { VersionChanges } from '../catalog/types.ts';
import { plural, type Language, type Messages } from '../i18n/index.ts';

/** The counts that say something, each a short phrase: "3 records toegevoegd", "1 veld toegevoegd (actief)". */
export function changePhrases(lang: Language, t: Messages['versions'], changes: VersionChanges): string[] {
  const names = (list: string[]) => (list.length > 0 ? ` (${list.join(', ')})` : '');
  return [
    changes.added > 0 || (changes.removed === 0 && !changes.changed) ? plural(lang, changes.added, t.added) : '',
    changes.removed > 0 ? plural(lang, changes.removed, t.removed) : '',
    changes.changed ? plural(lang, changes.changed, t.changed) : '',
    // A first version adds every field: saying so says nothing.
    changes.comparedTo !== null && changes.fields_added.length > 0 ? plural(lang, changes.fields_added.length, t.fieldsAdded) + names(changes.fields_added) : '',
    changes.fields_removed.length > 0 ? plural(lang, changes.fields_removed.length, t.fieldsRemoved) + names(changes.fields_removed) : '',
    changes.fields_retyped.length > 0 ? plural(lang, changes.fields_retyped.length, t.fieldsRetyped) + names(changes.fields_retyped.map((f) => f.name)) : '',
  ].filter((phrase) => phrase !== '');
}

/** The summary of the JSON twin and the API: the counts and the fields, without the examples. */
export function changesJson(changes: VersionChanges | null) {
  if (!changes) return null;
  return {
    added: changes.added,
    removed: changes.removed,
    changed: changes.changed,
    fields_added: changes.fields_added,
    fields_removed: changes.fields_removed,
    fields_retyped: changes.fields_retyped,
  };
}
