import { describe, expect, it } from 'vitest';
import { SEED_KEYWORDS } from '../../../mock-external-api/src/seed-data.js';
import { Sentiment, Urgency } from '../tickets/ticket.types.js';
import { Classifier } from './classifier.js';
import { RULES_VERSION } from './rules.js';
import { analyse } from './text.js';

const classifier = new Classifier();
const classify = (subject: string, message = '') => classifier.classify({ subject, message });

describe('text analysis', () => {
  it('lower-cases, shrinks letter runs, splits contractions and clauses', () => {
    const { tokens, repeatedExclamation } = analyse(
      "PLEEEASE help, I can't log in!!! It doesnt work but ok",
    );
    expect(tokens.map((t) => t.word)).toEqual([
      'please',
      'help',
      'i',
      'can',
      'not',
      'log',
      'in',
      'it',
      'does',
      'not',
      'work',
      'ok',
    ]);
    expect(tokens[0]!.shouted).toBe(true);
    expect(new Set(tokens.map((t) => t.clause)).size).toBe(4);
    expect(repeatedExclamation).toBe(true);
  });

  it('does not take acronyms for shouting', () => {
    expect(analyse('GDPR request via the API').tokens.some((t) => t.shouted)).toBe(false);
  });
});

describe('negation', () => {
  it('cancels a plea that is negated or called off', () => {
    for (const text of [
      'This is not urgent.',
      'Never urgent, just curious.',
      'Urgent? No rush really, whenever you have time.',
    ]) {
      const result = classify('Colour of the sidebar', text);
      expect(result.urgency, text).toBe(Urgency.LOW);
      expect(result.requiresAction, text).toBe(false);
    }
    expect(classify('Sidebar', 'This is not urgent.').signals).toContain('negation:urgent');
    expect(classify('Sidebar', 'Urgent but no rush').signals).toContain('cancelled:urgent');
  });

  it('flips praise and neutralises criticism', () => {
    expect(classify('Our team', "We're not pleased with the new editor.").sentiment).toBe(
      Sentiment.NEGATIVE,
    );
    expect(
      classify('Our team', 'The new editor is not terrible, just different.').sentiment,
    ).not.toBe(Sentiment.NEGATIVE);
    expect(classify('Invoices', 'Honestly not good enough for the price.').sentiment).toBe(
      Sentiment.NEGATIVE,
    );
  });

  it('only reaches a few words within the clause', () => {
    const result = classify(
      'Deadline',
      'I am not sure why, but my attorney says we need the contract.',
    );
    expect(result.urgency).toBe(Urgency.HIGH);
    expect(result.signals).toContain('keyword:attorney');
  });

  it('hears a threat called off, but still hears requests after a negation', () => {
    const calm = classify(
      'Contract',
      "We're not going to sue anyone, we just want to know the notice period.",
    );
    expect(calm.signals).toContain('negation:sue');
    expect(calm.urgency).not.toBe(Urgency.HIGH);
    const refund = classify('Order 1182', 'I was never refunded for the returned chair.');
    expect(refund.keywords).toContain('refund');
    expect(refund.requiresAction).toBe(true);
    expect(classify('Plan', "I can't cancel my subscription in the app").keywords).toContain(
      'cancel',
    );
  });
});

describe('inflection', () => {
  it('matches refunded/refunds and charging/charged across forms', () => {
    expect(classify('Order 1182', 'Two refunds are missing; I requested both.').keywords).toContain(
      'refund',
    );
    expect(classify('Card', 'You keep double charging my card').urgency).toBe(Urgency.HIGH);
    expect(classify('Card', 'They charged me two times this week').urgency).toBe(Urgency.HIGH);
  });

  it('matches sue, sued and suing alike', () => {
    for (const text of [
      'We will sue.',
      'My company sued a vendor like you once.',
      'We are suing you.',
    ]) {
      expect(classify('Contract', text).signals, text).toContain('keyword:sue');
    }
  });

  it('matches crashes, crashed and crashing as a bug', () => {
    for (const word of ['crashes', 'crashed', 'crashing']) {
      const result = classify('Mobile app', `The app ${word} when I rotate the phone.`);
      expect(result.urgency, word).toBe(Urgency.MEDIUM);
      expect(result.requiresAction, word).toBe(true);
    }
  });
});

describe('casing and punctuation', () => {
  it('finds phrases whatever the casing and punctuation', () => {
    for (const text of ['CHARGED TWICE!!!', 'charged... twice', 'Charged-twice?']) {
      const result = classify('Billing', text);
      expect(result.urgency, text).toBe(Urgency.HIGH);
      expect(result.signals, text).toContain('phrase:charged twice');
    }
  });

  it('reads shouting as intensity that makes a refund demand HIGH', () => {
    const polite = classify('Refund please', 'Could I get my money back for the unused seats?');
    const shouted = classify('REFUND', 'GIVE ME MY MONEY BACK');
    expect(polite.urgency).toBe(Urgency.MEDIUM);
    expect(shouted.urgency).toBe(Urgency.HIGH);
    expect(shouted.signals).toEqual(
      expect.arrayContaining(['intensity:caps', 'rule:refund-demanded']),
    );
  });
});

describe('phrases and policy', () => {
  it.each([
    ['Server', 'Your site is down for all our users', Urgency.HIGH, true],
    ['Account', 'My account was compromised yesterday', Urgency.HIGH, true],
    [
      'Privacy',
      'Please send me a data export of everything you hold, per CCPA',
      Urgency.HIGH,
      true,
    ],
    ['Payment', 'I opened a dispute with my bank about your invoice', Urgency.HIGH, true],
    ['Reports', 'The PDF export shows the wrong totals', Urgency.MEDIUM, true],
    ['Account', 'Please close my account at the end of the month', Urgency.MEDIUM, true],
    ['Idea', 'A dark mode would be great', Urgency.LOW, false],
    ['Docs', 'How can I rotate my API token?', Urgency.LOW, false],
  ])('%s: %s', (subject, message, urgency, requiresAction) => {
    const result = classify(subject, message);
    expect(result.urgency).toBe(urgency);
    expect(result.requiresAction).toBe(requiresAction);
  });

  it('keeps a polite thanks under a complaint from making it positive', () => {
    const result = classify(
      'Export',
      'The scheduled export failed again and I lost a day of work. Thanks.',
    );
    expect(result.sentiment).toBe(Sentiment.NEGATIVE);
    expect(
      classify('Kudos', 'Thank you so much, the migration went perfectly. Brilliant team!')
        .sentiment,
    ).toBe(Sentiment.POSITIVE);
  });

  it('explains itself with signals and the rules version', () => {
    const result = classify('Legal', 'My lawyer will contact you about the chargeback.');
    expect(result.rulesVersion).toBe(RULES_VERSION);
    expect(result.signals).toEqual(
      expect.arrayContaining(['keyword:lawyer', 'keyword:chargeback']),
    );
    expect(result.keywords).toEqual(['lawyer', 'chargeback']);
  });
});

describe("the mock provider's seed data", () => {
  // Subjects and messages exactly as the mock builds them.
  const seedTicket = (keyword: string) =>
    classifier.classify({
      subject: `Issue ext-001: ${keyword}`,
      message: `This is a message about ${keyword}. `.repeat(3).trim(),
    });
  const expected: Record<string, [Urgency, Sentiment, boolean]> = {
    refund: [Urgency.MEDIUM, Sentiment.NEUTRAL, true],
    'charged twice': [Urgency.HIGH, Sentiment.NEGATIVE, true],
    lawsuit: [Urgency.HIGH, Sentiment.NEGATIVE, true],
    angry: [Urgency.MEDIUM, Sentiment.NEGATIVE, false],
    broken: [Urgency.MEDIUM, Sentiment.NEGATIVE, true],
    urgent: [Urgency.HIGH, Sentiment.NEUTRAL, true],
    help: [Urgency.LOW, Sentiment.NEUTRAL, false],
    question: [Urgency.LOW, Sentiment.NEUTRAL, false],
    'feature request': [Urgency.LOW, Sentiment.NEUTRAL, false],
    'login issue': [Urgency.MEDIUM, Sentiment.NEUTRAL, true],
    GDPR: [Urgency.HIGH, Sentiment.NEUTRAL, true],
    cancel: [Urgency.MEDIUM, Sentiment.NEUTRAL, true],
  };

  it('covers all twelve keywords of the seed', () => {
    expect(Object.keys(expected).sort()).toEqual([...SEED_KEYWORDS].sort());
  });

  it.each(Object.entries(expected))('%s', (keyword, [urgency, sentiment, requiresAction]) => {
    const result = seedTicket(keyword);
    expect({
      urgency: result.urgency,
      sentiment: result.sentiment,
      requiresAction: result.requiresAction,
    }).toEqual({
      urgency,
      sentiment,
      requiresAction,
    });
    expect(result.keywords).toContain(keyword);
  });
});
