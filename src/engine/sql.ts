// Quoting for the few SQL texts Opaal builds itself (paths, keys, formats); user values are bound parameters.

export function identifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

export function literal(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}
