// English: the mails the portal sends (accounts, rights, privacy requests, retention), by template, each a subject and a plain text.
import type { mail as nl } from '../nl/mail.ts';

const sign = (portal: string) => `Kind regards,\n${portal}`;

export const mail: typeof nl = {
  accounts: {
    verify: {
      subject: (p) => `Confirm your email address for ${p.portal}`,
      text: (p) =>
        `Dear ${p.firstName},\n\nConfirm your email address to activate your account:\n\n${p.link}\n\nThe link works for ${p.hours} hours and once. If you did not ask for an account, ignore this mail.\n\n${sign(p.portal)}\n`,
    },
    alreadyRegistered: {
      subject: (p) => `An account with this address already exists at ${p.portal}`,
      text: (p) =>
        `Dear ${p.firstName},\n\nSomeone tried to create an account with this email address, but you already have one. Forgot your password? Choose a new one at:\n\n${p.resetLink}\n\nIf this was not you, you need not do anything.\n\n${sign(p.portal)}\n`,
    },
    reset: {
      subject: (p) => `New password for ${p.portal}`,
      text: (p) =>
        `Dear ${p.firstName},\n\nChoose a new password with this link:\n\n${p.link}\n\nThe link works for ${p.minutes} minutes and once. If you did not ask for this, ignore this mail; your password stays as it is.\n\n${sign(p.portal)}\n`,
    },
    changeEmail: {
      subject: (p) => `Confirm your new email address for ${p.portal}`,
      text: (p) => `Dear ${p.firstName},\n\nYou asked to change the email address of your account at ${p.portal} to ${p.email}. Confirm that this is your new address:\n\n${p.link}\n\nThe link works for ${p.hours} hours and once.\n\n${sign(p.portal)}\n`,
    },
    emailChanged: {
      subject: (p) => `Your email address at ${p.portal} was changed`,
      text: (p) => `Dear ${p.firstName},\n\nThe email address of your account was just changed to ${p.email}; mail goes to that address from now on. If this was not you, contact us at once.\n\n${sign(p.portal)}\n`,
    },
    setPassword: {
      subject: (p) => `Your account at ${p.portal}`,
      text: (p) => `An account was made for you. Choose your password at:\n\n${p.link}\n\nThe link works for ${p.hours} hours and once.\n\n${sign(p.portal)}\n`,
    },
  },
  privacy: {
    erased: {
      subject: (p) => `Your account at ${p.portal} has been deleted`,
      text: (p) =>
        `Hello,\n\nOn ${p.at} your account at ${p.portal} was deleted, with the personal data that belonged to it. Your API keys and sessions no longer work.\n\nWhat is kept, without reference to you:\n${p.kept.map((k) => `- ${k}`).join('\n')}\n\nThis confirmation is erased after 30 days.\n\n${sign(p.portal)}\n`,
    },
    kept: ['the log of what happened, with a pseudonym instead of you', 'proof that the privacy statement was accepted, with a pseudonym'],
    recipientErasure: {
      subject: (p) => `Erasure of personal data (GDPR Art. 19), ${p.reference}`,
      text: (p) =>
        `Hello,\n\nOn ${p.at} ${p.portal} erased the personal data of the person with the email address ${p.email} (reference ${p.reference}). You receive or process data of ${p.portal} as ${p.recipient}: please erase the data you hold about this person too, and confirm it to the data protection officer with the reference.\n\nThis mail is erased after 30 days.\n\n${sign(p.portal)}\n`,
    },
  },
  cases: {
    code: {
      subject: (p) => `Your code for your request at ${p.portal}`,
      text: (p) =>
        `Hello,\n\nYour code to confirm your request about personal data: ${p.code}\n\nThe code works for ${p.minutes} minutes; after three wrong tries, ask for a new one. If you asked for nothing, ignore this mail.\n\n${sign(p.portal)}\n`,
    },
    acknowledgement: {
      subject: (p) => `Your request ${p.reference} is registered`,
      text: (p) =>
        `Hello,\n\nWe received your request (${p.type}) and registered it under reference ${p.reference}. You will have an answer by ${p.due} at the latest.\n\n${sign(p.portal)}\n`,
    },
    arrived: {
      subject: (p) => `New verified privacy request ${p.reference} (${p.type})`,
      text: (p) =>
        `A privacy request whose requester's identity is confirmed arrived at ${p.portal}.\n\nReference: ${p.reference}\nType: ${p.type}\nTo be answered by ${p.due}.\n\nOpen the case:\n${p.link}\n`,
    },
    reminder: {
      subject: (p) => `Privacy request ${p.reference} ${p.threshold === 'overdue' ? 'is overdue' : 'is nearly due'}`,
      text: (p) =>
        `Request ${p.reference} ${{ due_7: `must be answered within seven days (by ${p.due})`, due_1: `must be answered by tomorrow (${p.due})`, overdue: `is overdue: the answer was due on ${p.due}` }[p.threshold]}.\n\n${p.link}\n`,
    },
  },
  retention: {
    inactivityWarning: {
      subject: (p) => `Your account at ${p.portal} will soon be deleted`,
      text: (p) =>
        `Dear ${p.firstName},\n\nYou have not used your account at ${p.portal} for almost five years. We keep data no longer than needed: on ${p.erasureDate} we will delete the account with your data.\n\nWould you like to keep it? Sign in before that date:\n\n${p.signInLink}\n\nIf you do not want to keep it, you need not do anything.\n\n${sign(p.portal)}\n`,
    },
  },
};
