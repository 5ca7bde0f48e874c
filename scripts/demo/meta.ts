// What every demo dataset's metadata shares, and field notes keyed by the header label the file carries.
import { normalizeFieldName } from '../../src/engine/ingest/names.ts';

type Localized = { nl: string; en: string };

export interface FieldNote {
  description?: string;
  unit?: string;
  /** A categorical text field: offered as a filter in the portal. */
  facet?: boolean;
  /** Overrides the inferred type, e.g. a numeric-looking code that is text. */
  type?: 'text';
  /** The label on English pages; Dutch pages show the file's own header. */
  en?: string;
  /** How a measure combines over time: a stock (people at the end of each month) is averaged, a flow summed. */
  aggregation?: 'avg' | 'sum' | 'last';
}

export interface DemoMetaInput {
  title: Localized;
  description: Localized;
  theme: string[];
  keyword: { nl: string[]; en: string[] };
  temporal: { start: string; end: string } | null;
  spatial?: string[];
  accrualPeriodicity: 'CONT' | 'DAILY' | 'WEEKLY' | 'MONTHLY' | 'QUARTERLY' | 'BIANNUAL' | 'ANNUAL' | 'IRREG' | 'NEVER' | 'UNKNOWN';
  restricted?: boolean;
  /** Notes by the label exactly as it stands in the file's header, so a renamed column cannot drift from its note. */
  fields: Record<string, FieldNote>;
  /** The header labels that identify a record across versions: a new version's mail says which records changed. */
  key?: string[];
}

/**
 * Field entries named as the importer will name them; the importer's own normaliser is used so the names
 * cannot disagree (`Prijs (€)` → `prijs`).
 */
function fieldEntries(notes: Record<string, FieldNote>): Record<string, unknown>[] {
  return Object.entries(notes).map(([label, note]) => {
    const annotations: Record<string, string[]> = {};
    if (note.facet) annotations.facet = [];
    if (note.unit) annotations.unit = [note.unit];
    if (note.aggregation) annotations.aggregation = [note.aggregation];
    return {
      name: normalizeFieldName(label),
      ...(note.en ? { label: { nl: label, en: note.en } } : {}),
      ...(note.description ? { description: note.description } : {}),
      ...(note.type ? { type: note.type } : {}),
      ...(Object.keys(annotations).length > 0 ? { annotations } : {}),
    };
  });
}

export function demoMeta(input: DemoMetaInput): Record<string, unknown> {
  return {
    title: input.title,
    description: input.description,
    theme: input.theme,
    keyword: input.keyword,
    publisher: { name: 'Departement Werk en Sociale Economie', uri: 'https://data.vlaanderen.be/id/organisatie/OVO003949' },
    // A team mailbox, never a person: the demo must hold no personal data.
    contactPoint: { name: 'Team Data en Analyse', email: 'data@wse.example', url: null },
    license: {
      title: 'Modellicentie Gratis Hergebruik',
      url: 'https://data.vlaanderen.be/id/licentie/modellicentie-gratis-hergebruik/v1.0',
    },
    language: ['nl'],
    temporal: input.temporal,
    spatial: input.spatial ?? ['Vlaanderen'],
    accrualPeriodicity: input.accrualPeriodicity,
    accessRights: input.restricted ? 'RESTRICTED' : 'PUBLIC',
    visibility: input.restricted ? 'restricted' : 'public',
    fields: fieldEntries(input.fields),
    ...(input.key ? { key: input.key.map(normalizeFieldName) } : {}),
  };
}
