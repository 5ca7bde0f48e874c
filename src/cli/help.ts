// The command line's help texts, one per command.
export const help: Record<string, string> = {
  main: `Usage: opaal <command> [options]

Commands:
  serve                 start the portal (HTTP server)
  import FILE           import a CSV, JSON, JSON lines, XLSX or GeoJSON file as a new dataset version
  migrate               bring the relational store's schema up to date
  datasets list         list the datasets
  datasets show ID      show one dataset with its fields and versions
  datasets delete ID    delete a dataset with all its versions
  users create          create an account and print a single-use link to set its password
  users list            list the accounts (id, role, state)
  privacy remind        mail the DPO about privacy requests due within 7 days, within a day, or overdue
  retention             apply the retention rules once (the server does it daily); --dry-run shows what would go

Every command takes --data DIR and honours DATABASE_URL. Run "opaal <command> --help" for its options.`,
  serve: `Usage: opaal serve [--port P] [--host H] [--data DIR] [--base-url URL] [--demo]

Starts the portal. Migrations run first.
  --port P          TCP port (default 8080, or PORT)
  --host H          interface to listen on (default localhost, or HOST)
  --data DIR        data directory (default ./data, or OPAAL_DATA)
  --base-url URL    public address used in links (default http://localhost:PORT, or BASE_URL)
  --demo            on an empty catalog, first load the demo datasets`,
  import: `Usage: opaal import FILE --dataset ID [--title T] [--meta META.json] [--accept-checks] [--data DIR]

Reads FILE (.csv .tsv .txt .json .jsonl .ndjson .xlsx .geojson) into a new version of dataset ID and makes it
current. Creates the dataset if it does not exist. A failed import leaves the current version serving.
Prints the import report: per field the type and notation read, values it could not read, and every decision.
Where the report asks a person to check a reading (12.345: twelve thousand or twelve?), nothing is published
(exit 3): choose the types in --meta, e.g. "fields": [{"name": "aantal", "type": "int", "format": "1.234"}],
or publish as read with --accept-checks.
  --dataset ID      dataset id: lowercase letters, digits, "-" and "_" (1-100)
  --title T         the dataset's Dutch title
  --meta META.json  metadata in the catalog model's names, e.g. {"title": {"nl": "…", "en": "…"}, "keyword": ["…"]};
                    "key": ["nis_code", "maand"] names the fields a new version's changed records are found by
  --accept-checks   publish even where the report asks for a check (you read the report)
  --data DIR        data directory (default ./data, or OPAAL_DATA)`,
  migrate: `Usage: opaal migrate [--data DIR]

Applies the migrations that the relational store (SQLite file, or DATABASE_URL) does not have yet.`,
  datasets: `Usage: opaal datasets list [--json] | show ID [--json] | delete ID   [--data DIR]

  list        one line per dataset: id, visibility (or draft), records, title
  show ID     metadata, fields and versions of one dataset
  delete ID   delete the dataset, its versions and their files`,
  privacy: `Usage: opaal privacy remind [--data DIR]

Mails the data-protection officer (PRIVACY_DPO_EMAIL) about running privacy requests due within seven days,
within a day, or overdue; each case is reminded once per threshold, so it is safe to run daily.`,
  users: `Usage: opaal users create --email ADDRESS [--role user|editor|dpo|admin] [--base-url URL] [--data DIR] | list [--data DIR]

  create    make an account (default role: user) and print a link, valid 72 hours, where the person
            chooses their own password; no password is ever given on the command line. The link starts
            with --base-url or BASE_URL (default http://localhost:PORT, which it then points out)
  list      one line per account: id, role, state (no names or addresses)`,
  retention: `Usage: opaal retention [--dry-run] [--json] [--data DIR]

Applies the personal-data map's retention rules once, as \`opaal serve\` does daily: expired sessions and links,
sent mail after 30 days, events after five years, proofs of consent of erased accounts after five years, and
accounts unused for five years (warned by mail 30 days before, then erased). Rows under a legal hold stay.
Prints per rule how many rows went and how many a hold kept (counts only, no personal data), and the holds
past their end date. Exits 1 when a rule cannot be applied.
  --dry-run   change nothing and send nothing: show what a run would do now
  --json      the report as JSON`,
};
