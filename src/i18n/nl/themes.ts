// Dutch: the EU data themes, as the Publications Office names them.

export const themes = {
  AGRI: 'Landbouw, visserij, bosbouw en voeding',
  ECON: 'Economie en financiën',
  EDUC: 'Onderwijs, cultuur en sport',
  ENER: 'Energie',
  ENVI: 'Milieu',
  GOVE: 'Regering en publieke sector',
  HEAL: 'Gezondheid',
  INTR: 'Internationale vraagstukken',
  JUST: 'Justitie, rechtsstelsel en openbare veiligheid',
  REGI: 'Regio’s en steden',
  SOCI: 'Bevolking en samenleving',
  TECH: 'Wetenschap en technologie',
  TRAN: 'Vervoer',
};
