// Dutch: every user-facing text (pages, mails, letters, registers), by section; the other languages are typed against it.
import { common } from './common.ts';
import { themes } from './themes.ts';
import { errors } from './errors.ts';
import { home } from './home.ts';
import { catalog } from './catalog.ts';
import { dataset } from './dataset.ts';
import { table } from './table.ts';
import { chart } from './chart.ts';
import { map } from './map.ts';
import { exports } from './exports.ts';
import { console } from './console.ts';
import { account } from './account.ts';
import { twoFactor } from './two-factor.ts';
import { apiKeys } from './apiKeys.ts';
import { backoffice } from './backoffice.ts';
import { admin } from './admin.ts';
import { privacyCases } from './privacyCases.ts';
import { privacy } from './privacy.ts';
import { holds } from './holds.ts';
import { privacyRights } from './privacy-rights.ts';
import { importReport } from './import-report.ts';
import { mail } from './mail.ts';
import { letters } from './letters.ts';
import { privacyTerms } from './privacy-terms.ts';
import { privacyStatement } from './privacy-statement.ts';
import { apiGuide } from './api-guide.ts';
import { webhooks } from './webhooks.ts';
import { versions } from './versions.ts';
import { follow } from './follow.ts';
import { reuses } from './reuses.ts';
import { wishes } from './wishes.ts';
import { requests } from './requests.ts';
import { discussions } from './discussions.ts';
import { navigation } from './navigation.ts';

export const nl = { common, themes, errors, home, catalog, dataset, table, chart, map, exports, console, account, twoFactor, apiKeys, backoffice, admin, privacyCases, privacy, holds, privacyRights, importReport, mail, letters, privacyTerms, privacyStatement, apiGuide, webhooks, versions, follow, reuses, wishes, requests, discussions, navigation };

export type Messages = typeof nl;
