// What the map says, read per purpose and per category: the statement and the register both build on this.
import type { Config } from '../config.ts';
import { messages, type Language } from '../i18n/index.ts';
import { personalDataMap, type PersonalColumn } from '../personal-data/map.ts';
import { categories, legalBases, purposes, retentionRules, type CategoryId, type LegalBasis, type PurposeId, type RetentionId } from '../personal-data/vocabulary.ts';

interface PurposeFacts {
  id: PurposeId;
  basis: LegalBasis;
  categories: CategoryId[];
  retentions: RetentionId[];
  /** `table.column` of every personal column held for this purpose. */
  columns: string[];
}

const personalColumns = (): [string, PersonalColumn][] =>
  Object.entries(personalDataMap).flatMap(([table, columns]) =>
    Object.entries(columns).flatMap(([column, c]) => (c.personal ? [[`${table}.${column}`, c] as [string, PersonalColumn]] : [])),
  );

const inOrder = <T extends string>(order: readonly T[], values: Iterable<T>): T[] => {
  const set = new Set(values);
  return order.filter((v) => set.has(v));
};

/** Every purpose of the vocabulary, with its configured basis and what the map holds for it (possibly nothing yet). */
export function purposeFacts(config: Pick<Config, 'privacyBases'>, map = personalColumns()): PurposeFacts[] {
  return (Object.keys(purposes) as PurposeId[]).map((id) => {
    const held = map.filter(([, c]) => c.purpose === id);
    return {
      id,
      basis: config.privacyBases[id] ?? purposes[id].defaultBasis,
      categories: inOrder(categories, held.map(([, c]) => c.category)),
      retentions: inOrder(Object.keys(retentionRules) as RetentionId[], held.map(([, c]) => c.retention)),
      columns: held.map(([name]) => name),
    };
  });
}

/** Each category the map holds, with the retention rules that apply to it. */
export function categoryRetention(map = personalColumns()): { category: CategoryId; retentions: RetentionId[] }[] {
  const byCategory = new Map<CategoryId, Set<RetentionId>>();
  for (const [, c] of map) {
    if (!byCategory.has(c.category)) byCategory.set(c.category, new Set());
    byCategory.get(c.category)!.add(c.retention);
  }
  return inOrder(categories, byCategory.keys()).map((category) => ({
    category,
    retentions: inOrder(Object.keys(retentionRules) as RetentionId[], byCategory.get(category)!),
  }));
}

export function basisText(basis: LegalBasis, lang: Language): string {
  const t = messages(lang).privacyTerms;
  return `${t.legalBases[basis]} (${legalBases[basis].article} ${t.gdpr})`;
}
