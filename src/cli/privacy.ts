// `opaal privacy remind`: mails the DPO about privacy requests nearing or past their deadline (run it daily).
import type { Config, Flags } from '../config.ts';
import { openPortal } from '../portal.ts';
import { remindDueCases } from '../privacy/cases/reminders.ts';
import { help } from './help.ts';

export async function runPrivacy(config: Config, positionals: string[], _flags: Flags): Promise<number> {
  const [action] = positionals;
  if (action !== 'remind') {
    console.error(`opaal privacy: expected remind\n\n${help.privacy}`);
    return 2;
  }
  const portal = await openPortal(config);
  try {
    const sent = await remindDueCases(portal, portal.clock());
    await portal.mailer.flush();
    // References only: no requester's address leaves the database this way.
    for (const r of sent) console.log(`${r.reference}\t${r.threshold}`);
    console.log(`${sent.length} reminder${sent.length === 1 ? '' : 's'} sent to the DPO.`);
    return 0;
  } finally {
    await portal.close();
  }
}
