// Dutch: a dataset's attachments (documentation, methodology) in the back office and on the information tab.
export const attachments = {
  title: 'Bijlagen',
  manage: 'Bijlagen beheren',
  intro: 'Voeg documenten toe die bij de data horen: een methodologie, een toelichting bij de velden, een handleiding. Iedereen die de dataset mag zien, ziet ook de bijlagen; bij een beperkte dataset blijven ze beperkt.',
  none: 'Deze dataset heeft nog geen bijlagen.',
  add: 'Bijlage toevoegen',
  titleLabel: 'Titel',
  titleHint: 'Wat het document is, zoals bezoekers het zien. Leeg: de bestandsnaam.',
  file: 'Bestand',
  fileHint: (types: string, max: string) => `${types}; hoogstens ${max}.`,
  upload: 'Bijlage toevoegen',
  remove: 'Verwijderen',
  removeLabel: (title: string) => `Bijlage ${title} verwijderen`,
  download: (format: string, size: string) => `${format}, ${size}`,
  done: {
    added: 'De bijlage is toegevoegd en staat op de informatiepagina van de dataset.',
    removed: 'De bijlage is verwijderd.',
  } as Record<string, string>,
  failed: 'Dat lukte niet',
  tooLarge: (max: string) => `Het bestand is groter dan ${max}, de grootste bijlage die dit portaal bewaart. Er is niets bewaard.`,
  noFile: 'Kies een bestand om toe te voegen.',
  errors: {
    attachment_type: 'Dit soort bestand kan geen bijlage zijn. Voeg een PDF, tekst-, Markdown-, CSV-, JSON-, Word-, Excel-, PowerPoint-, OpenDocument-, ZIP-, PNG- of JPEG-bestand toe. Er is niets bewaard.',
    attachment_empty: 'Het bestand is leeg. Er is niets bewaard.',
    attachment_content: 'De inhoud van het bestand past niet bij de extensie van de naam (een tekstbestand moet in UTF-8 zijn). Er is niets bewaard.',
    attachment_title: 'Een titel heeft hoogstens 200 tekens.',
  },
};
