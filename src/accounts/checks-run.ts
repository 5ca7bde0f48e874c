// How many costly checks this process ran, by kind: argon2 password verifications, second-factor codes, mailed codes.
// The abuse tests read it to show that parallel requests get no more checks than the limits allow.
export const checksRun = { password: 0, secondFactor: 0, emailCode: 0 };
