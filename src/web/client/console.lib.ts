// The API console's URL and code snippets, built the same way on the server and in the browser so both show one link.

/** The console's inputs, in the order they appear in the form and in the URL. */
export const consoleParams = ['select', 'where', 'group_by', 'order_by', 'limit', 'offset'] as const;
export type ConsoleParam = (typeof consoleParams)[number];

/** The records URL for the pairs, skipping empty values, encoded as URLSearchParams does it everywhere. */
export function consoleUrl(recordsPath: string, pairs: [string, string][]): string {
  const search = new URLSearchParams();
  for (const [key, value] of pairs) if (value.trim() !== '') search.append(key, value);
  const text = search.toString();
  return text ? `${recordsPath}?${text}` : recordsPath;
}

export interface Snippets {
  curl: string;
  python: string;
  javascript: string;
}

/** Code that fetches the URL; the URL is percent-encoded, so it holds no quote that could end a string. */
export function snippets(url: string): Snippets {
  return {
    curl: `curl '${url}'`,
    python: [
      'import requests',
      '',
      `response = requests.get("${url}")`,
      'response.raise_for_status()',
      'data = response.json()',
      'print(data["total_count"])',
      'for record in data["results"]:',
      '    print(record)',
    ].join('\n'),
    javascript: [
      `const response = await fetch("${url}");`,
      'if (!response.ok) throw new Error(`HTTP ${response.status}`);',
      'const data = await response.json();',
      'console.log(data.total_count, data.results);',
    ].join('\n'),
  };
}
