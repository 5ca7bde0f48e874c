// `opaal users create|list`: accounts from the command line; a password never passes through it.
import type { Config, Flags } from '../config.ts';
import { roles, type Role } from '../accounts/types.ts';
import { openPortal } from '../portal.ts';
import { help } from './help.ts';

export async function runUsers(config: Config, positionals: string[], flags: Flags): Promise<number> {
  const [action] = positionals;
  if (action !== 'create' && action !== 'list') {
    console.error(`opaal users: expected create or list\n\n${help.users}`);
    return 2;
  }
  const role = (typeof flags.role === 'string' ? flags.role : 'user') as Role;
  if (action === 'create' && (typeof flags.email !== 'string' || !roles.includes(role))) {
    console.error(`opaal users create: give --email and a --role of ${roles.join(', ')}\n\n${help.users}`);
    return 2;
  }
  const portal = await openPortal(config);
  try {
    if (action === 'list') {
      for (const u of await portal.accounts.listAccounts()) console.log(`${u.id}\t${u.role}\t${u.emailVerifiedAt ? 'active' : 'pending'}`);
      return 0;
    }
    const { account, link } = await portal.accounts.createAccount({ email: flags.email as string, role, actor: 'cli' });
    console.log(`Created ${account.role} account ${account.id}.`);
    console.log(`Send this single-use link to the person; it lets them choose a password within 72 hours:`);
    console.log(link);
    // A link to localhost works on this machine only: say where the address came from, and how to change it.
    if (typeof flags['base-url'] !== 'string' && !process.env.BASE_URL) {
      console.error(`Note: the link uses the default base URL ${config.baseUrl}; set BASE_URL or --base-url to the portal's public address.`);
    }
    return 0;
  } finally {
    await portal.close();
  }
}
