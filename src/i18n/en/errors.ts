// English: pages that say something went wrong.
import type { errors as nl } from '../nl/errors.ts';

export const errors: typeof nl = {
  notFoundTitle: 'Page not found',
  notFoundText: 'This page does not exist (any more). You may find what you are looking for in the catalogue.',
  datasetNotFound: (id: string) => `There is no dataset "${id}".`,
  badFilterTitle: 'We do not understand this filter',
  badFilter: (message: string) => `The filter in the address could not be applied: ${message}`,
  serverErrorTitle: 'Something went wrong',
  serverErrorText: 'Please try again later. If the problem persists, report it with this code:',
  backToCatalog: 'Go to the catalogue',
  formField: (field: string) =>
    field ? `The field “${field}” is too long or has a value this form does not take; nothing was changed.` : 'This form did not arrive as it was sent; nothing was changed.',
  pageBudgetTitle: 'You asked for many tables and charts today',
  pageBudgetText: (limit: number, reset: string) =>
    `This portal's dataset pages query data at most ${limit} times a day per visitor, and that number has been reached for today. You can go on from ${reset}. If you need a lot of data, download the dataset or use the API.`,
};
