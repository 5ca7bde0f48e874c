// Quoting for the few SQL texts the importer builds itself; user text never reaches SQL unquoted.

export function identifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

export function literal(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}
