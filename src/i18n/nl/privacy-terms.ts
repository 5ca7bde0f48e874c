// Dutch: the words of the personal-data map (legal bases, purposes, categories, retention rules), the supervisory
// authorities and the fixed texts of the register and the access archive; the statement, the register, the archive
// and the pages read them from here.

export const privacyTerms = {
  /** The regulation, as an article reference names it: `Art. 6(1)(a) AVG`. */
  gdpr: 'AVG',
  /** GDPR Art. 6(1) grounds, by the id the vocabulary and the configuration use. */
  legalBases: {
    consent: 'toestemming',
    contract: 'uitvoering van een overeenkomst',
    legal_obligation: 'wettelijke verplichting',
    public_task: 'taak van algemeen belang',
  },
  /** What personal data is processed for, and whom it is about. */
  purposes: {
    accounts: {
      name: 'Portaalaccounts: aanmelden, API-sleutels en berichten over uw account',
      subjects: 'geregistreerde gebruikers',
    },
    security: {
      name: 'Beveiliging van het portaal: sessies, tweede factor, misbruik van aanmeldingen weren',
      subjects: 'geregistreerde gebruikers',
    },
    publishing: {
      name: 'Datasets publiceren met een contactpunt, zoals DCAT-AP vraagt',
      subjects: 'contactpersonen van datasets',
    },
    accountability: {
      name: 'Verantwoording: logboek van wat medewerkers en gebruikers deden, bewijs van aanvaarding',
      subjects: 'gebruikers en medewerkers',
    },
    privacy_requests: {
      name: 'Verzoeken over persoonsgegevens behandelen (inzage, verbetering, wissing, …)',
      subjects: 'verzoekers, met of zonder account',
    },
    registers: {
      name: 'De registers die de AVG vraagt bijhouden: ontvangers en verwerkers, datalekken',
      subjects: 'contactpersonen van verwerkers; medewerkers die een datalek registreren',
    },
    notifications: {
      name: 'E-mail over datasets die u volgt en de nieuwsbrief, alleen na uw bevestiging',
      subjects: 'geregistreerde gebruikers die iets volgen',
    },
    information_requests: {
      name: 'Vragen over de data en de afdeling beantwoorden, met het gesprek erover',
      subjects: 'vragers, met of zonder account; medewerkers die antwoorden',
    },
    exchanges: {
      name: 'Uitwisselingen met andere gebruikers van het portaal: discussies over datasets, hergebruik en dataverzoeken (met steun en reacties), en het modereren ervan',
      subjects: 'geregistreerde gebruikers die schrijven, melden, steunen of reageren; medewerkers die modereren of beslissen',
    },
    statistics: {
      name: 'Statistieken om het portaal en zijn diensten te verbeteren: hoeveel bezoeken, downloads, API-oproepen en zoekopdrachten, zonder cookies en zonder iemand te volgen',
      subjects: 'bezoekers van het portaal',
    },
  },
  /** Kinds of personal data, as the statement and the register name them. */
  categories: {
    identity: 'naam',
    contact: 'e-mailadres',
    credentials: 'aanmeldgegevens (alleen als hash of versleuteld)',
    account_metadata: 'gegevens over het account (aangemaakt, laatst actief)',
    identifier: 'interne identificatiecode van een account',
    preferences: 'keuzes en toestemmingen',
    messages: 'inhoud van berichten en verzoeken',
    contact_point: 'naam en e-mailadres van een contactpunt van een dataset',
    attempt_digest: 'tellers van pogingen (aanmelden, codes, berichten) per sleutel-hash van uw e-mailadres, account of IP-adres',
    endpoint: 'adressen (URL\'s) waar uw webhooks berichten naartoe sturen',
    visitor_digest: 'een sleutel-hash van uw IP-adres en browser onder een willekeurige sleutel die elke dag verandert, om unieke bezoekers van één dag te tellen (uw IP-adres en browser zelf worden niet bewaard)',
  },
  /** How long each retention rule keeps data, as the statement and the register say it. */
  retention: {
    account: 'tot u het account verwijdert; een account dat vijf jaar niet gebruikt is, wordt verwijderd (u krijgt 30 dagen vooraf een bericht)',
    account_data: 'zolang het account bestaat; verwijderd samen met het account',
    session: 'tot u zich afmeldt of de sessie verloopt (uren)',
    link: 'tot een dag nadat de link gebruikt is of verloopt, hoogstens 7 dagen',
    mail: '30 dagen na verzending',
    audit: 'vijf jaar na de gebeurtenis',
    consent_proof: 'zolang het account bestaat; daarna zonder verwijzing naar u, hoogstens vijf jaar',
    case: 'vijf jaar na het afsluiten van het verzoek, als bewijs dat het behandeld is',
    case_step: 'samen met het verzoek waartoe ze horen, vijf jaar nadat het afgesloten is',
    recipient: 'vijf jaar nadat de samenwerking met de ontvanger of verwerker beëindigd is',
    breach: 'vijf jaar nadat het datalek afgehandeld is',
    archive: '7 dagen: daarna verdwijnt uw gedownloade archief van de server',
    published: 'zolang de dataset gepubliceerd is',
    attempts: 'tot het einde van het venster waarin ze tellen (een kwartier tot een uur); de dagelijkse opruiming verwijdert ze daarna',
    legal_hold: 'zolang de bewaarplicht loopt, daarna vijf jaar als verantwoording',
    webhook_delivery: '30 dagen na de gebeurtenis die werd afgeleverd',
    subscription: 'zolang u iets volgt; 30 dagen nadat u zich uitschreef (of een bevestigingslink verliep) verwijderd',
    notification: '30 dagen nadat het bericht verstuurd is',
    information_request: 'twee jaar nadat de vraag afgesloten is; dan verwijderd met het hele gesprek',
    unconfirmed_request: '24 uur als u uw e-mailadres niet bevestigt; dan verwijderd',
    request_message: 'samen met de vraag waartoe ze horen',
    discussion: 'zolang de discussie bij de dataset staat, onder uw publieke naam; wordt uw account gewist (op uw verzoek of na vijf jaar zonder gebruik), dan blijft de tekst leesbaar onder “voormalige gebruiker”, zonder uw naam',
    reuse: 'een goedgekeurd hergebruik zolang het gepubliceerd is, na het wissen van uw account onder “voormalige gebruiker”; een hergebruik dat (nog) niet goedgekeurd is, wordt met uw account verwijderd, samen met de afbeelding',
    data_request: 'zolang het dataverzoek op het portaal staat; wordt uw account gewist, dan blijft het met de steun van anderen staan onder “voormalige gebruiker” (uw steun en reacties worden verwijderd)',
    statistics_visitor: 'tot de dag voorbij en geteld is: de hash wordt kort na middernacht gewist en de sleutel van die dag vernietigd, uiterlijk na 48 uur',
  },
  /** The supervisory authorities by id: their name and postal address. */
  authorities: {
    vtc: {
      name: 'Vlaamse Toezichtcommissie voor de verwerking van persoonsgegevens (VTC)',
      address: 'Koning Albert II-laan 15, 1210 Brussel',
    },
    gba: {
      name: 'Gegevensbeschermingsautoriteit (GBA)',
      address: 'Drukpersstraat 35, 1000 Brussel',
    },
  },
  /** The register's fixed lines: no transfers, and the security measures (Art. 30(1)(e), (g)). */
  register: {
    noTransfers: 'geen buiten de EER',
    security: [
      'wachtwoorden alleen als argon2id-hash',
      'API-sleutels, sessies en eenmalige links alleen als SHA-256-digest',
      'geheimen van de tweede factor versleuteld (AES-256-GCM)',
      'TLS verwacht voor elke verbinding (HSTS achter HTTPS)',
      'rollen met minste rechten; tweede factor verplicht voor medewerkers',
      'auditlog van wat medewerkers en gebruikers doen, zonder persoonsgegevens in de logs',
    ],
  },
  /** The Art. 15(1) information of the access archive, and the notes modules add to their part of it. */
  archive: {
    rights: [
      'inzage in uw gegevens en een kopie ervan (art. 15 en 20 AVG)',
      'verbetering van onjuiste gegevens (art. 16)',
      'wissing van uw gegevens (art. 17)',
      'beperking van de verwerking (art. 18)',
      'bezwaar tegen de verwerking (art. 21)',
      'een gegeven toestemming intrekken, even makkelijk als ze te geven (art. 7(3))',
    ],
    source: 'U gaf de gegevens zelf bij de registratie en het gebruik van het portaal; het portaal noteert wanneer u zich aanmeldt en wat u doet; medewerkers kennen u toegang tot datasets toe.',
    automatedDecisions: 'Er worden geen geautomatiseerde besluiten over u genomen en u wordt niet geprofileerd.',
    noTransfers: 'Geen doorgifte buiten de Europese Economische Ruimte.',
    transfers: (to: string) => `Doorgifte buiten de Europese Economische Ruimte aan: ${to}.`,
    notes: {
      contactPoints: 'Contactpunten van datasets zijn niet aan een account gekoppeld; staat u als contactpersoon bij een dataset, vraag het dan aan de functionaris voor gegevensbescherming.',
      statistics: 'De statistieken van het portaal bevatten niets over u: ze tellen bezoeken, downloads en zoekopdrachten zonder account, IP-adres of browser te bewaren, en de hash waarmee bezoekers van één dag geteld worden, is met geen sleutel meer te herleiden.',
      registers: 'Het register van ontvangers noemt organisaties, geen gebruikers van het portaal. Als medewerker staat u in het register van datalekken bij de lekken die u noteerde.',
    },
  },
};
