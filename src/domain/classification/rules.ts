import { Urgency } from '../tickets/ticket.types.js';

/**
 * The classification policy (shared/classification/POLICY.md) as data. A support lead can
 * read and extend these tables: terms are written as people write them; the engine matches
 * them case-insensitively, across inflections ("refund" finds "refunded") and contractions
 * ("can not" finds "can't", "cannot"). Change RULES_VERSION with any change here, so stored
 * tickets can be re-classified.
 */
export const RULES_VERSION = '2026-11-28.1';

export type RuleCategory =
  | 'legal'
  | 'money'
  | 'security'
  | 'privacy'
  | 'outage'
  | 'plea'
  | 'calm'
  | 'refund'
  | 'repetition'
  | 'bug'
  | 'login'
  | 'cancel'
  | 'billing'
  | 'unresolved'
  | 'anger'
  | 'question'
  | 'feature'
  | 'praise';

export interface SignalRule {
  category: RuleCategory;
  /** Why the rule exists, in the policy's words. */
  description: string;
  /** Words or phrases; each match becomes a signal (`keyword:x` or `phrase:x y`) and a keyword. */
  terms: string[];
  /** The urgency the rule implies on its own; the highest of all matched rules wins. */
  urgency: Urgency;
  /** Added to the sentiment score (the lexicon adds its own), per match. */
  sentiment: number;
  requiresAction: boolean;
  /**
   * A negation just before a term ("not urgent", "not going to sue") cancels it. Requests
   * stay on: "never refunded" and "can't cancel" still ask for something.
   */
  negatable: boolean;
  /** Categories whose matches this rule cancels in the whole ticket ("no rush" cancels a plea). */
  cancels?: RuleCategory[];
  /** Marks its clause as a wish: positive words there ("would be nice") are not praise. */
  wish?: boolean;
}

const { HIGH, MEDIUM, LOW } = Urgency;

export const SIGNAL_RULES: SignalRule[] = [
  {
    category: 'legal',
    description: 'A legal threat.',
    terms: [
      'lawsuit',
      'lawyer',
      'attorney',
      'sue',
      'legal action',
      'court',
      'solicitor',
      'litigation',
      'legal team',
    ],
    urgency: HIGH,
    sentiment: -3,
    requiresAction: true,
    negatable: true,
  },
  {
    category: 'money',
    description: 'Money taken wrongly: double or unauthorised charges, chargebacks, bank disputes.',
    terms: [
      'charged twice',
      'double charge',
      'double charged',
      'charged double',
      'billed twice',
      'duplicate charge',
      'charged two times',
      'charged me twice',
      'charged us twice',
      'charged me two times',
      'unauthorized charge',
      'unauthorised charge',
      'fraudulent charge',
      'never authorized',
      'never authorised',
      'chargeback',
      'dispute with my bank',
      'dispute the charge',
      'fraud',
    ],
    urgency: HIGH,
    sentiment: -3,
    requiresAction: true,
    negatable: true,
  },
  {
    category: 'security',
    description: 'Security: hacked or compromised accounts, breaches, leaks.',
    terms: [
      'hacked',
      'hacker',
      'breach',
      'compromised',
      'data leak',
      'leaked',
      'phishing',
      'unauthorized access',
      'unauthorised access',
      'account takeover',
      'identity theft',
      'someone logged into my account',
    ],
    urgency: HIGH,
    sentiment: -2,
    requiresAction: true,
    negatable: true,
  },
  {
    category: 'privacy',
    description: 'Regulatory privacy requests: GDPR/CCPA erasure or export, DSAR.',
    terms: [
      'GDPR',
      'CCPA',
      'DSAR',
      'erasure',
      'right to be forgotten',
      'data deletion',
      'delete my data',
      'delete all my data',
      'deletion of all personal data',
      'personal data',
      'subject access request',
      'data export',
    ],
    urgency: HIGH,
    sentiment: 0,
    requiresAction: true,
    negatable: false,
  },
  {
    category: 'outage',
    description: 'An outage or data loss.',
    terms: [
      'outage',
      'is down',
      'are down',
      'went down',
      'site down',
      'service down',
      'system down',
      'production down',
      'production is down',
      'production broken',
      'nothing works',
      'nothing is working',
      'nothing loads',
      'can not access anything',
      'nobody can access',
      'no one can access',
      'lost data',
      'lost all',
      'lost our data',
      'lost my data',
      'data loss',
      'data is gone',
      'data disappeared',
      'projects disappeared',
      'fails for every',
    ],
    urgency: HIGH,
    sentiment: -2,
    requiresAction: true,
    negatable: false,
  },
  {
    category: 'plea',
    description: 'An explicit plea for speed, unless negated or called off.',
    terms: ['urgent', 'asap', 'emergency', 'immediately', 'critical', 'right now', 'right away'],
    urgency: HIGH,
    sentiment: 0,
    requiresAction: true,
    negatable: true,
  },
  {
    category: 'calm',
    description: 'The customer says there is no hurry; this cancels any plea.',
    terms: [
      'no rush',
      'no hurry',
      'whenever you have time',
      'when you have time',
      'at your convenience',
      'not a priority',
      'low priority',
    ],
    urgency: LOW,
    sentiment: 0,
    requiresAction: false,
    negatable: false,
    cancels: ['plea'],
  },
  {
    category: 'refund',
    description: 'A refund request (HIGH when demanded angrily or repeatedly, see ESCALATIONS).',
    terms: ['refund', 'money back', 'reimburse', 'reimbursement'],
    urgency: MEDIUM,
    sentiment: 0,
    requiresAction: true,
    negatable: false,
  },
  {
    category: 'repetition',
    description: 'The customer has asked before.',
    terms: [
      'third time',
      'second time',
      'how many times',
      'still waiting',
      'again and again',
      'repeatedly',
      'asked before',
    ],
    urgency: LOW,
    sentiment: -1,
    requiresAction: false,
    negatable: false,
  },
  {
    category: 'bug',
    description: 'Something is broken or failing, short of an outage.',
    terms: [
      'bug',
      'error',
      'crash',
      'broken',
      'broke',
      'fail',
      'failure',
      'not working',
      'does not work',
      'stopped working',
      'glitch',
      'wrong',
      'freeze',
      'frozen',
      'not loading',
      'will not load',
    ],
    urgency: MEDIUM,
    sentiment: 0,
    requiresAction: true,
    negatable: true,
  },
  {
    category: 'login',
    description: 'Cannot log in, password reset not arriving, locked out.',
    terms: [
      'login issue',
      'login problem',
      'login error',
      'can not log in',
      'can not login',
      'unable to log in',
      'can not sign in',
      'unable to sign in',
      'password reset',
      'reset my password',
      'locked out',
      'unlock',
    ],
    urgency: MEDIUM,
    sentiment: 0,
    requiresAction: true,
    negatable: false,
  },
  {
    category: 'cancel',
    description: 'A cancellation request.',
    terms: ['cancel', 'unsubscribe', 'close my account', 'terminate my'],
    urgency: MEDIUM,
    sentiment: 0,
    requiresAction: true,
    negatable: false,
  },
  {
    category: 'billing',
    description: 'A billing question about a specific charge or invoice.',
    terms: ['invoice', 'billing', 'billed', 'charge', 'overcharged', 'receipt'],
    urgency: MEDIUM,
    sentiment: 0,
    requiresAction: true,
    negatable: false,
  },
  {
    category: 'unresolved',
    description: 'A problem that is still not fixed.',
    terms: [
      'still not fixed',
      'still not resolved',
      'still not working',
      'still broken',
      'not fixed',
      'not resolved yet',
    ],
    urgency: MEDIUM,
    sentiment: -2,
    requiresAction: true,
    negatable: false,
  },
  {
    category: 'anger',
    description: 'Anger or frustration; MEDIUM without any HIGH signal.',
    terms: [
      'angry',
      'furious',
      'frustrated',
      'frustrating',
      'fed up',
      'unacceptable',
      'ridiculous',
      'terrible',
      'worst',
      'scam',
      'disappointed',
      'outraged',
      'livid',
      'upset',
      'annoyed',
      'awful',
      'horrible',
      'useless',
    ],
    urgency: MEDIUM,
    sentiment: 0,
    requiresAction: false,
    negatable: true,
  },
  {
    category: 'question',
    description: 'A question that only needs an answer.',
    terms: [
      'question',
      'how do i',
      'how to',
      'how can i',
      'how many',
      'where can i',
      'is there a way',
      'can you explain',
      'help me understand',
      'help',
    ],
    urgency: LOW,
    sentiment: 0,
    requiresAction: false,
    negatable: false,
  },
  {
    category: 'feature',
    description: 'A feature request or suggestion: it goes to the backlog.',
    terms: [
      'feature request',
      'would be nice',
      'would be great',
      'would love',
      'would like to see',
      'suggestion',
      'please add',
      'it would be',
    ],
    urgency: LOW,
    sentiment: 0,
    requiresAction: false,
    negatable: false,
    wish: true,
  },
  {
    category: 'praise',
    description: 'Gratitude or praise.',
    terms: [
      'thanks',
      'thank you',
      'great',
      'love',
      'awesome',
      'excellent',
      'appreciate',
      'amazing',
      'fantastic',
    ],
    urgency: LOW,
    sentiment: 0,
    requiresAction: false,
    negatable: true,
  },
];

/** A rule that raises the urgency of one category when something else is present. */
export interface Escalation {
  name: string;
  description: string;
  category: RuleCategory;
  /** Any of these categories, shouting/"!!", or an overall negative tone triggers it. */
  withCategories: RuleCategory[];
  withIntensity: boolean;
  withNegativeSentiment: boolean;
  urgency: Urgency;
}

export const ESCALATIONS: Escalation[] = [
  {
    name: 'refund-demanded',
    description: 'A refund demanded angrily or repeatedly is HIGH.',
    category: 'refund',
    withCategories: ['plea', 'repetition'],
    withIntensity: true,
    withNegativeSentiment: true,
    urgency: HIGH,
  },
];

/** Sentiment: the lexicon (AFINN-165) plus rule weights, then these thresholds. */
export const SENTIMENT = {
  negativeAtOrBelow: -2,
  /** Above a lone "thanks" (+2): a sign-off does not make a ticket positive. */
  positiveAtOrAbove: 3,
  /** Negative scores grow by this factor when the customer shouts or writes "!!". */
  intensityFactor: 1.5,
  /** A NEGATIVE ticket is at least this urgent (angry without any HIGH signal). */
  negativeUrgency: MEDIUM,
  /** Words after a negation ("not", "never", "no") that it reaches, within one clause. */
  negationWindow: 3,
} as const;

/**
 * Support words whose general-English valence (AFINN) misleads here: asking for help,
 * cancelling or being urgent is not a feeling; "charged" is judged by the money rules.
 */
export const LEXICON_OVERRIDES: Record<string, number> = {
  help: 0,
  support: 0,
  urgent: 0,
  cancel: 0,
  cancelled: 0,
  please: 0,
  charged: 0,
  no: 0,
  want: 0,
  like: 0,
  free: 0,
  allow: 0,
  invite: 0,
};

export const NEGATORS = new Set([
  'not',
  'no',
  'never',
  'without',
  'hardly',
  'neither',
  'nor',
  'none',
]);
