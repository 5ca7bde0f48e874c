// The header's and footer's links to the exchanges (issue 17): short words, so the header stays one or two lines.
export const navigation = {
  reuses: 'Hergebruik',
  dataRequests: 'Dataverzoeken',
  inbox: 'Vragen',
  moderation: 'Moderatie',
  reuseModeration: 'Hergebruik beoordelen',
  contact: 'Contact',
  menu: 'Menu',
  requesterAccount: (name: string) => `${name} (aangemeld met een account)`,
  staffExchanges: 'Contact met gebruikers',
};
