// Dutch: pages that say something went wrong.
export const errors = {
  notFoundTitle: 'Pagina niet gevonden',
  notFoundText: 'Deze pagina bestaat niet (meer). Misschien vindt u wat u zoekt in de catalogus.',
  datasetNotFound: (id: string) => `Er is geen dataset "${id}".`,
  badFilterTitle: 'Deze filter begrijpen we niet',
  badFilter: (message: string) => `De filter in het adres kon niet worden toegepast: ${message}`,
  /** Why a query in the page's address (a filter, the API console's ODSQL) cannot be used; src/web/reasons.ts checks the codes. */
  odsql: {
    unexpected_character: (p: { character: string }) => `Het teken ${p.character} hoort hier niet; zet tekst tussen aanhalingstekens ("…") en ongewone veldnamen tussen backticks (\`…\`).`,
    number_too_large: (p: { number: string }) => `Het getal ${p.number} is te groot.`,
    bad_escape: () => 'Na \\u horen vier hexadecimale cijfers.',
    unterminated: (p: { quote: string }) => `Een tekst of naam wordt niet afgesloten; voeg de afsluitende ${p.quote} toe.`,
    empty_name: () => 'Tussen de backticks staat geen veldnaam.',
    unexpected: (p: { found: string }) => (p.found ? `„${p.found}” past hier niet.` : 'De vraag houdt te vroeg op; er ontbreekt nog iets.'),
    unbalanced: () => 'Er staat een „)” die geen „(” sluit.',
    empty: () => 'De vraag is leeg.',
    too_deep: () => 'De vraag is te diep genest; maak ze eenvoudiger, bijvoorbeeld met IN (…).',
    too_large: () => 'De vraag is groter dan dit portaal toelaat; maak ze korter.',
    unknown_field: (p: { name: string; fields: string }) => `Er is geen veld „${p.name}”; de velden zijn: ${p.fields}.`,
    unknown_function: (p: { name: string }) => `Er is geen functie ${p.name}(); de ODSQL-handleiding noemt de functies die dit portaal kent.`,
    arguments: (p: { name: string }) => `De functie ${p.name}() krijgt hier argumenten die ze niet aanvaardt; de ODSQL-handleiding zegt welke.`,
    not_here: (p: { name: string }) => `${p.name}() kan hier niet gebruikt worden.`,
    cannot_compare: () => 'Deze twee waarden kunnen niet met elkaar vergeleken worden, zoals een getal met een tekst.',
    wrong_type: () => 'Deze bewerking past niet bij dit soort waarde, zoals rekenen met een tekst.',
    not_a_condition: () => 'Hier hoort een voorwaarde, zoals veld = "waarde".',
    not_a_date: (p: { text: string }) => `„${p.text}” is geen datum; schrijf ze als date'2024-03-05' of date'2024-03-05T08:30'.`,
    geometry: () => `De geometrie kan niet gelezen worden; schrijf ze als WKT, zoals geom'POINT(4.35 50.85)', of als GeoJSON.`,
    not_grouped: (p: { text: string }) => `„${p.text}” moet ook in group_by staan, of binnen een aggregaat zoals count() of sum().`,
    aggregate_order: () => 'In order_by komen de aggregaten vóór de velden.',
    refine_format: (p: { text: string }) => `„${p.text}” is geen filter van de vorm veld:waarde.`,
    refine_value: (p: { field: string; value: string }) => `„${p.value}” is geen waarde die het veld ${p.field} kan hebben.`,
    facet: () => 'Deze facet kan niet berekend worden.',
  },
  /** Where in the query text it went wrong, counted from 1. */
  odsqlAt: (character: number) => `bij teken ${character}`,
  queryTimeout: 'De vraag duurde te lang en werd gestopt; maak ze smaller met een filter.',
  queryOther: 'Deze vraag kan niet worden uitgevoerd; controleer de filters en de andere parameters.',
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
