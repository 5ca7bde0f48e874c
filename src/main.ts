// Command line entry: serve | import | migrate | datasets | users | retention …
import { parseArgs } from 'node:util';
import { loadConfig, type Flags } from './config.ts';
import { DomainError } from './errors.ts';
import { help } from './cli/help.ts';
import { runServe } from './cli/serve.ts';
import { runImport } from './cli/import.ts';
import { runMigrate } from './cli/migrate.ts';
import { runDatasets } from './cli/datasets.ts';
import { runUsers } from './cli/users.ts';
import { runPrivacy } from './cli/privacy.ts';
import { runRetentionCommand } from './cli/retention.ts';

const commands: Record<string, (positionals: string[], flags: Flags) => Promise<number>> = {
  serve: (_p, flags) => runServe(loadConfig(process.env, flags), flags),
  import: (positionals, flags) => runImport(loadConfig(process.env, flags), positionals, flags),
  migrate: (_p, flags) => runMigrate(loadConfig(process.env, flags)),
  datasets: (positionals, flags) => runDatasets(loadConfig(process.env, flags), positionals, flags),
  users: (positionals, flags) => runUsers(loadConfig(process.env, flags), positionals, flags),
  privacy: (positionals, flags) => runPrivacy(loadConfig(process.env, flags), positionals, flags),
  retention: (positionals, flags) => runRetentionCommand(loadConfig(process.env, flags), positionals, flags),
};

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === 'help' || command === '--help' || command === '-h') {
    console.log(help.main);
    return command ? 0 : 2;
  }
  // Own keys only: `opaal constructor` is an unknown command, not Object's constructor.
  const run = Object.hasOwn(commands, command) ? commands[command] : undefined;
  if (!run) {
    console.error(`opaal: unknown command "${command}"\n\n${help.main}`);
    return 2;
  }
  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      allowPositionals: true,
      strict: true,
      options: {
        help: { type: 'boolean', short: 'h' },
        port: { type: 'string' },
        host: { type: 'string' },
        data: { type: 'string' },
        'base-url': { type: 'string' },
        demo: { type: 'boolean' },
        dataset: { type: 'string' },
        title: { type: 'string' },
        meta: { type: 'string' },
        'accept-checks': { type: 'boolean' },
        json: { type: 'boolean' },
        email: { type: 'string' },
        role: { type: 'string' },
        'dry-run': { type: 'boolean' },
      },
    });
  } catch (error) {
    console.error(`opaal ${command}: ${(error as Error).message}\n\n${help[command]}`);
    return 2;
  }
  if (parsed.values.help) {
    console.log(help[command]);
    return 0;
  }
  try {
    return await run(parsed.positionals, parsed.values as Flags);
  } catch (error) {
    if (error instanceof DomainError) {
      // One line, exit 1: a bad setting, an unreachable database or a port in use is not a usage error (exit 2).
      console.error(`opaal ${command}: ${error.message}`);
      return 1;
    }
    throw error;
  }
}

process.exitCode = await main(process.argv.slice(2));
