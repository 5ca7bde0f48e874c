// Dutch: the dataset's map tab.
export const map = {
  title: 'Kaart',
};
