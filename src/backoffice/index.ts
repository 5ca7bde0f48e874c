// The publishing back office as one plugin: its pages under /-/admin/datasets and its JSON API under /api/opaal/v1.
import type { FastifyInstance } from 'fastify';
import { can } from '../accounts/permissions.ts';
import type { AccountService } from '../accounts/service.ts';
import type { PageContext } from '../web/context.ts';
import type { AccountSection } from '../web/pages/account/overview.tsx';
import { publishingSectionBody } from '../web/pages/backoffice/common.tsx';
import type { BackofficeDeps } from './deps.ts';
import { publishingApi, publishingApiPrefix } from './api.ts';
import { contactWarning } from './hygiene.ts';
import { backofficePages } from './routes.ts';

export async function backofficeRoutes(
  app: FastifyInstance,
  options: Omit<BackofficeDeps, 'contactWarning'> & { accounts: AccountService },
): Promise<void> {
  const deps: BackofficeDeps = {
    ...options,
    contactWarning: (metadata) =>
      contactWarning(metadata, { functionalMailbox: options.config.contactEmail, namesAccountHolder: (email) => options.accounts.addressNamesAccountHolder(email) }),
  };
  await app.register(backofficePages, deps);
  await app.register(publishingApi, { ...deps, prefix: publishingApiPrefix });
}

/** The account page's way into the back office, for those who may publish; others see nothing of it. */
export async function publishingSection(ctx: PageContext): Promise<AccountSection | null> {
  if (!can(ctx.viewer?.account ?? null, 'dataset.edit')) return null;
  return { id: 'publishing', title: ctx.t.backoffice.section, body: publishingSectionBody(ctx) };
}
