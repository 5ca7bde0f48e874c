// How many costly checks this process ran, by kind: argon2 password verifications and hashes, second-factor codes,
// mailed codes. The abuse tests read it to show that parallel requests get no more checks than the limits allow, and
// that registration does the same work for a known address as for a new one.
export const checksRun = { password: 0, passwordHash: 0, secondFactor: 0, emailCode: 0 };
