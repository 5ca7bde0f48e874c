// Turns column labels from a file's header into field names usable as ODSQL identifiers.

const MAX_NAME_LENGTH = 64;

// Letters NFKD leaves whole because Unicode treats them as letters of their own, not accented ones.
const LETTERS_WITHOUT_DECOMPOSITION: Record<string, string> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  đ: 'd',
  ð: 'd',
  ł: 'l',
  þ: 'th',
  ı: 'i',
};
const UNDECOMPOSED = new RegExp(`[${Object.keys(LETTERS_WITHOUT_DECOMPOSITION).join('')}]`, 'g');

/** The ODS-style field name for a label; `''` when nothing usable is left, so the caller can pick one. */
export function normalizeFieldName(label: string): string {
  const folded = label
    .toLowerCase()
    .replace(UNDECOMPOSED, (letter) => LETTERS_WITHOUT_DECOMPOSITION[letter])
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    // NFKD can produce capitals (Roman numeral Ⅻ → XII), so lower-case again after it.
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  if (folded === '') return '';
  // ODSQL identifiers cannot start with a digit.
  const name = /^[0-9]/.test(folded) ? `f_${folded}` : folded;
  return cap(name, MAX_NAME_LENGTH);
}

/** One unique field name per header cell, in order, with the trimmed header kept as the label. */
export function fieldNamesFor(labels: string[]): { name: string; label: string }[] {
  const taken = new Set<string>();
  return labels.map((raw, index) => {
    const base = normalizeFieldName(raw) || `field_${index + 1}`;
    let name = base;
    for (let n = 2; taken.has(name); n++) {
      const suffix = `_${n}`;
      name = `${cap(base, MAX_NAME_LENGTH - suffix.length)}${suffix}`;
    }
    taken.add(name);
    const label = raw.trim();
    return { name, label: label === '' ? name : label };
  });
}

function cap(name: string, length: number): string {
  return name.length <= length ? name : name.slice(0, length).replace(/_+$/, '');
}
