// Dutch: the dataset's console tab.
export const console = {
  title: 'API',
};
