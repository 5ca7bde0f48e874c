// Accounts: who a person is to the portal (names, email, role) and what they hold (sessions, keys).

export const roles = ['user', 'editor', 'dpo', 'admin'] as const;
export type Role = (typeof roles)[number];

/** Staff roles must sign in with a second factor. */
export const staffRoles: readonly Role[] = ['editor', 'dpo', 'admin'];

export interface Account {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  displayName: string | null;
  role: Role;
  emailVerifiedAt: string | null;
  hasPassword: boolean;
  passwordChangedAt: string | null;
  totpEnabledAt: string | null;
  createdAt: string;
  lastActiveAt: string;
  disabledAt: string | null;
}

export interface Session {
  account: Account;
  /** `password`: a second factor is still due; `complete`: signed in. */
  stage: 'password' | 'complete';
  createdAt: string;
  expiresAt: string;
}

export interface SessionInfo {
  id: string;
  current: boolean;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
}

export interface ApiKeyInfo {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  expiresAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  /** Revoked by an administrator rather than by the owner. */
  revokedByAdmin: boolean;
  /** At the time of asking: a key stops working the moment it is revoked or expires. */
  state: 'active' | 'expired' | 'revoked';
}

export type TokenPurpose = 'verify_email' | 'reset_password' | 'change_email' | 'set_password';
