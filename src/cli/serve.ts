// `opaal serve`: starts the portal, seeds the demo catalog on request, and shuts down gracefully.
import type { Config, Flags } from '../config.ts';
import { buildApp } from '../app.ts';
import { openPortal } from '../portal.ts';

export async function runServe(config: Config, flags: Flags): Promise<number> {
  const portal = await openPortal(config);
  const app = await buildApp(portal);
  if (flags.demo) {
    // Loaded only when asked for: the generator is not part of a production server's start-up.
    const { seedDemo } = await import('../demo/seed.ts');
    const seeded = await seedDemo(portal);
    if (seeded.length > 0) app.log.info({ datasets: seeded.length }, 'demo catalog loaded');
  }
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'shutting down');
    // close() stops accepting connections and waits for requests in flight.
    await app.close();
    await portal.close();
  };
  await app.listen({ port: config.port, host: config.host });
  app.log.info({ url: config.baseUrl, store: portal.store.describe }, 'portal ready');
  await new Promise<void>((resolve) => {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.once(signal, () => void stop(signal).then(resolve));
    }
  });
  return 0;
}
