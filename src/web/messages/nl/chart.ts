// Dutch: the dataset's chart tab.
export const chart = {
  title: 'Grafiek',
};
