// Every module with personal data, in the order erasure runs them: the account row last, so nothing cascades first.
import { accountModule, apiKeysModule, consentsModule, securityModule } from '../accounts/personal-data.ts';
import { grantsModule } from '../admin/personal-data.ts';
import { contactPointModule } from '../catalog/personal-data.ts';
import { eventsModule } from '../events/personal-data.ts';
import { mailModule } from '../mail/personal-data.ts';
import { followModule } from '../follow/personal-data.ts';
import { requestsModule } from '../exchanges/requests/personal-data.ts';
import { discussionsModule } from '../exchanges/discussions/personal-data.ts';
import { privacyRightsModule } from './personal-data.ts';
import { casesModule } from './cases/module.ts';
import { registersModule } from './office/module.ts';
import { retentionModule } from './retention/module.ts';
import type { PersonalDataModule } from '../personal-data/registry.ts';
import { webhooksModule } from '../webhooks/personal-data.ts';
import { reusesModule } from '../exchanges/reuses/personal-data.ts';
import { wishesModule } from '../exchanges/wishes/personal-data.ts';
import { statsModule } from '../stats/personal-data.ts';

export const personalDataModules: PersonalDataModule[] = [
  contactPointModule,
  eventsModule,
  mailModule,
  webhooksModule,
  followModule,
  reusesModule,
  wishesModule,
  requestsModule,
  discussionsModule,
  statsModule,
  grantsModule,
  apiKeysModule,
  securityModule,
  consentsModule,
  privacyRightsModule,
  casesModule,
  registersModule,
  retentionModule,
  accountModule,
];
