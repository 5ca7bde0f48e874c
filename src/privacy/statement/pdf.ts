// The privacy statement as a PDF, written from the same stored sections as the page (GDPR Art. 12(1)).
import PDFDocument from 'pdfkit';
import type { StatementSection } from './text.ts';

export async function statementPdf(input: { title: string; subtitle: string; sections: StatementSection[]; lang: string }): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 56, lang: input.lang, info: { Title: input.title, Subject: input.subtitle } });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.font('Helvetica-Bold').fontSize(18).text(input.title);
  doc.font('Helvetica').fontSize(10).fillColor('#555555').text(input.subtitle).fillColor('#000000').moveDown();
  for (const section of input.sections) {
    doc.font('Helvetica-Bold').fontSize(13).text(section.heading).moveDown(0.3);
    doc.font('Helvetica').fontSize(10.5);
    for (const paragraph of section.paragraphs) doc.text(paragraph).moveDown(0.4);
    if (section.items?.length) doc.list(section.items, { bulletRadius: 1.5, textIndent: 12 }).moveDown(0.4);
    doc.moveDown(0.5);
  }
  doc.end();
  return done;
}
