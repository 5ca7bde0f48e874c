// The contract between the demo generator and each dataset module.

export type DemoFormat = 'csv' | 'json' | 'jsonl' | 'xlsx' | 'geojson';

export interface DemoSource {
  id: string;
  /** The file name as a publisher would upload it. */
  fileName: string;
  format: DemoFormat;
  meta: Record<string, unknown>;
  /** Writes the file; resolves to its number of records. */
  write(path: string): Promise<number>;
}
