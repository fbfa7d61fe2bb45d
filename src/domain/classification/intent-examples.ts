import type { Intent } from './rules.js';

/**
 * Example phrasings of each policy category, for the semantic recognizer: a sentence whose
 * nearest example (by meaning, not by words) is clearly one category's gets that intent, and
 * its signal names the example and the similarity. They are written as customers describe
 * things, in many trades; none is copied from the labelled development sets.
 *
 * The categories under `anchors` never raise a label: they are there so that a how-to
 * question, a wish or a thank-you finds its own nearest example instead of the closest
 * problem.
 */
export const INTENT_EXAMPLES: Partial<Record<Intent, string[]>> = {
  legal: [
    'my lawyer will be contacting you',
    'we are taking legal action against your company',
    'I will see you in court over this',
    'I have filed a complaint with the regulator',
    'expect to hear from my attorney',
    'this is now a matter for the ombudsman',
    'we will sue if this is not resolved',
  ],
  money: [
    'you charged me twice for the same thing',
    'the same payment came out of my account two times',
    'I was billed again for an order I only placed once',
    'there is a charge on my card that I never agreed to',
    'a payment I did not authorise was taken from my account',
    'I have asked my bank to reverse the payment',
    'I am disputing this transaction with my card issuer',
    'both of my cards were debited for one subscription',
  ],
  security: [
    'someone else got into my account',
    'my account has been hacked',
    'a stranger changed my password and email',
    'someone signed in to my account from a country I have never visited',
    'orders were placed on my account that I did not make',
    'I can see another customer’s personal details',
    'my private information was exposed publicly',
    'someone used my stolen card on your site',
    'my phone number was transferred to another person without my consent',
  ],
  privacy: [
    'please erase all the personal data you hold about me',
    'I want a copy of every piece of information you keep on me',
    'remove me and my records from all of your systems',
    'I am exercising my right to have my data deleted',
  ],
  outage: [
    'nobody in our office can log in',
    'the whole service is down for all of us',
    'every request to your api is failing',
    'none of our stores can take payments',
    'we cannot process any orders at the moment',
    'the system has been unreachable all morning',
    'our entire team is unable to work',
    'all of our data has disappeared',
    'every file in our account is gone',
    'the records were wiped overnight',
    'our customer list is suddenly empty',
  ],
  safety: [
    'the device caught fire',
    'the charger started smoking and smells of burning',
    'the battery swelled up and got extremely hot',
    'my child was injured by the product',
    'it gave me an electric shock',
    'the plug melted in the socket',
    'the handle snapped and I fell and hurt myself',
  ],
  refund: [
    'could I get my money back',
    'I would like a refund for this order',
    'please return the amount I paid',
    'I paid for the same thing twice by accident, could you refund one',
    'I ordered the wrong version myself and want my money back',
  ],
  cancel: [
    'please cancel my subscription',
    'I want to end my membership',
    'stop my plan from renewing',
    'I do not want to be your customer any more',
  ],
  bug: [
    'the app crashes whenever I open it',
    'the button does nothing when I press it',
    'the page shows an error message',
    'the export file comes out empty',
    'the report shows the wrong numbers',
    'the sync keeps duplicating my entries',
    'the feature stopped working after the update',
    'the screen freezes and I have to restart',
    'my phone will not charge with the new cable',
    'the charger does not work at all',
  ],
  login: [
    'I cannot log into my account',
    'my password reset email never arrives',
    'my account is locked and I need it unlocked',
    'the verification code never comes through',
  ],
  order: [
    'my parcel has not arrived yet',
    'the item arrived broken',
    'I received the wrong product',
    'part of my order is missing from the box',
    'the delivery is weeks late',
  ],
  // anchors
  question: [
    'how do I change my settings',
    'where can I find my invoices',
    'is there a way to export my data',
    'does your product support this integration',
    'what is your policy on refunds',
    'what happens to my account if I cancel',
  ],
  feature: [
    'it would be great if you added dark mode',
    'please consider adding an export option',
    'any plans to support another language',
    // feedback and opinions go to the backlog too
    'the new design is a bit cluttered',
    'I do not really like the new colours',
    'the old layout was nicer',
  ],
  admin: [
    'please update the company address on our account',
    'add two more seats to our plan',
    'make my colleague an administrator',
  ],
  resolved: [
    'thank you so much for your help, everything works now',
    'great service, you fixed it quickly',
    'just wanted to say thanks to your team',
  ],
};

/** Intents the recognizer may add; the rest of INTENT_EXAMPLES only competes as anchors. */
export const RECOGNIZED_INTENTS = new Set<Intent>([
  'legal',
  'money',
  'security',
  'privacy',
  'outage',
  'safety',
  'refund',
  'cancel',
  'bug',
  'login',
  'order',
]);
