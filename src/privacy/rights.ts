// Self-service data rights: the functions other parts of the portal call (the DPO console, the retention sweep).
export { buildAccessArchive, type AccessArchive } from './archive.ts';
export { renderAccessReport } from './report.tsx';
export { eraseAccount, replayErasureLedger, type ErasureReport } from './erasure.ts';
export { setObjection, setRestriction, mayMail, privacyFlags } from './flags.ts';
export { recipientsOf } from './recipients.ts';
