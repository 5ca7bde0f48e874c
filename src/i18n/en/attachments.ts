// English: a dataset's attachments (documentation, methodology) in the back office and on the information tab.
import type { attachments as nl } from '../nl/attachments.ts';

export const attachments: typeof nl = {
  title: 'Attachments',
  manage: 'Manage attachments',
  intro: 'Add documents that go with the data: a methodology, notes on the fields, a guide. Whoever may see the dataset sees its attachments too; those of a restricted dataset stay restricted.',
  none: 'This dataset has no attachments yet.',
  add: 'Add an attachment',
  titleLabel: 'Title',
  titleHint: 'What the document is, as visitors see it. Empty: the file name.',
  file: 'File',
  fileHint: (types: string, max: string) => `${types}; at most ${max}.`,
  upload: 'Add attachment',
  retitle: 'Change the title',
  save: 'Save title',
  remove: 'Remove',
  removeLabel: (title: string) => `Remove attachment ${title}`,
  download: (format: string, size: string) => `${format}, ${size}`,
  done: {
    added: 'The attachment was added and is shown on the dataset’s information page.',
    retitled: 'The attachment’s title was changed.',
    removed: 'The attachment was removed.',
  },
  failed: 'That did not work',
  tooLarge: (max: string) => `The file is larger than ${max}, the largest attachment this portal keeps. Nothing was stored.`,
  noFile: 'Choose a file to add.',
  errors: {
    attachment_type: 'This kind of file cannot be an attachment. Add a PDF, text, Markdown, CSV, JSON, Word, Excel, PowerPoint, OpenDocument, ZIP, PNG or JPEG file. Nothing was stored.',
    attachment_empty: 'The file is empty. Nothing was stored.',
    attachment_content: 'The file’s content does not match the extension of its name (a text file must be UTF-8). Nothing was stored.',
    attachment_title: 'A title has at most 200 characters.',
  },
};
