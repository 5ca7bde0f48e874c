// The name others see of a person in exchanges: the display name they chose, else their first name and the initial of
// their last name. Never their e-mail address.

/** The public name of an account; `null` (no such account: erased) is for the caller to word as "former user". */
export function publicName(user: { display_name: string | null; first_name: string; last_name: string }): string {
  const chosen = user.display_name?.trim();
  if (chosen) return chosen;
  const initial = user.last_name.trim().charAt(0);
  return [user.first_name.trim(), initial ? `${initial.toUpperCase()}.` : ''].filter(Boolean).join(' ');
}
