// Dutch: pages that say something went wrong.
export const errors = {
  notFoundTitle: 'Pagina niet gevonden',
  notFoundText: 'Deze pagina bestaat niet (meer). Misschien vindt u wat u zoekt in de catalogus.',
  datasetNotFound: (id: string) => `Er is geen dataset "${id}".`,
  badFilterTitle: 'Deze filter begrijpen we niet',
  badFilter: (message: string) => `De filter in het adres kon niet worden toegepast: ${message}`,
  serverErrorTitle: 'Er ging iets mis',
  serverErrorText: 'Probeer het later opnieuw. Blijft het probleem, meld het dan met deze code:',
  backToCatalog: 'Naar de catalogus',
  /** A form field its schema refused: too long, or no text (a JSON body, say). */
  formField: (field: string) =>
    field ? `Het veld „${field}” is te lang of heeft een waarde die dit formulier niet aanvaardt; er is niets gewijzigd.` : 'Dit formulier kwam niet aan zoals het verstuurd werd; er is niets gewijzigd.',
  pageBudgetTitle: 'U hebt vandaag veel tabellen en grafieken opgevraagd',
  pageBudgetText: (limit: number, reset: string) =>
    `De datasetpagina's van dit portaal vragen per bezoeker hoogstens ${limit} keer per dag gegevens op, en dat aantal is voor vandaag bereikt. Vanaf ${reset} kan het weer. Hebt u veel gegevens nodig, download dan de dataset of gebruik de API.`,
};
