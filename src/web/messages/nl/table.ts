// Dutch: the dataset's table tab.
export const table = {
  title: 'Tabel',
};
