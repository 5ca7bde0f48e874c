// The name others see (issue 17): the display name, else first name and initial of the last; never the e-mail address.
// The discussions part brings the same rule as src/exchanges/public-name.ts; one of the two goes at the merge.
export const publicName = (u: { display_name: string | null; first_name: string; last_name: string }): string =>
  u.display_name?.trim() || `${u.first_name} ${u.last_name.trim().charAt(0).toLocaleUpperCase()}${u.last_name.trim() ? '.' : ''}`.trim();
