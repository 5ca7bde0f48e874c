// Dutch: the dataset's exports tab.
export const exports = {
  title: 'Export',
};
