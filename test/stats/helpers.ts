// Test support for the statistics: requests with the headers a browser or a proxy sends (fetch would add its own user
// agent and leave out Referer), and waiting until the responses' hooks have recorded what they served.
import { request } from 'node:http';
import type { Portal } from '../../src/portal.ts';

export async function send(url: string, path: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}${path}`, { headers: { 'user-agent': 'stats-test/1.0', ...headers } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

/**
 * Flushes until `expected` raw events are in the database (rows count as the events they stand for) (a response's hook runs as it finishes, just after the client
 * has it); fails after five seconds.
 */
export async function settle(portal: Portal, expected: number): Promise<void> {
  const deadline = Date.now() + 5000;
  for (;;) {
    await portal.stats.flush();
    const { n } = await portal.store.db.selectFrom('stats_events').select((eb) => eb.fn.coalesce(eb.fn.sum<number>('n'), eb.lit(0)).as('n')).executeTakeFirstOrThrow();
    if (Number(n) >= expected) return;
    if (Date.now() > deadline) throw new Error(`${n} events written, ${expected} expected`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
