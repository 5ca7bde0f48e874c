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
};
