import { describe, expect, it } from 'vitest';
import { readTicket } from './reading.js';
import { tokenize } from './text.js';

const words = (text: string) => tokenize(text).map((t) => t.word);
const read = (subject: string, message: string) => readTicket({ subject, message });
const sentenceTexts = (subject: string, message: string) =>
  read(subject, message).sentences.map((s) => s.text);

describe('tokens', () => {
  it('lower-cases, shrinks letter runs and splits contractions', () => {
    expect(words("PLEEEASE, I can't log in and it doesnt work")).toEqual(
      'please i can not log in and it does not work'.split(' '),
    );
    expect(words("We'd like it, they've said so")).toEqual(
      'we would like it they have said so'.split(' '),
    );
  });

  it('starts a new clause at commas, dashes and "but"', () => {
    const tokens = tokenize('Fine, mostly - slow but cheap');
    expect(tokens.map((t) => t.clause)).toEqual([0, 1, 2, 3, 3]);
  });

  it('leaves code, paths and e-mail addresses out of the words', () => {
    expect(words('Does GET /v2/orders support a refund_status filter?')).toEqual(
      'does support a filter'.split(' '),
    );
    expect(words('Make sue.w@orchard.co.uk an admin')).toEqual(['make', 'an', 'admin']);
    expect(words("Cannot find module '@acme/core/types'")).toEqual([
      'can',
      'not',
      'find',
      'module',
    ]);
  });

  it('reads currency symbols as an amount', () => {
    expect(words('$89.99 went out')).toEqual(['amount', '89', '99', 'went', 'out']);
  });

  it('tells shouting from acronyms, codes and single capitals', () => {
    const shouted = (text: string) =>
      tokenize(text)
        .filter((t) => t.shouted)
        .map((t) => t.word);
    expect(shouted('I ASKED FOUR TIMES')).toEqual(['asked', 'four', 'times']);
    expect(shouted('Our GDPR and CCPA requests via the API, in UTC, with 2FA and SSO')).toEqual([]);
    expect(shouted('Invoice INV-2024-118 for PO 7783 on NWD*SUBSCR')).toEqual([]);
    expect(shouted('I need it NOW')).toEqual(['now']);
  });

  it('marks capitalised words inside a sentence as names', () => {
    const names = tokenize('Please make Sue an admin at Riverside Urgent Care')
      .filter((t) => t.name)
      .map((t) => t.word);
    expect(names).toEqual(['sue', 'riverside', 'urgent', 'care']);
  });

  it('marks quoted words as somebody else’s', () => {
    const quoted = tokenize("The app says 'Leak detected' and it's wrong")
      .filter((t) => t.quoted)
      .map((t) => t.word);
    expect(quoted).toEqual(['leak', 'detected']);
  });

  it('maps irregular forms to one stem', () => {
    const stems = (text: string) => tokenize(text).map((t) => t.stem);
    for (const forms of ['took taken take takes', 'paid pays pay', 'went gone go', 'lost lose'])
      expect(new Set(stems(forms)).size, forms).toBe(1);
  });
});

describe('the customer’s own words', () => {
  it('sets quoted earlier messages and reply headers aside', () => {
    const reading = read(
      'Re: order',
      'Got it, thanks.\n\nOn Mon 3 Mar, Support <help@x.com> wrote:\n> We are aware of an outage.\n> Urgently working on it.',
    );
    expect(reading.sentences.map((s) => s.text)).toEqual(['order', 'Got it, thanks.']);
    expect(reading.removed).toContain('quote');
  });

  it('knows a reply by its subject (a forward is not one: its subject is news here)', () => {
    expect(read('Re: order', 'Got it.').reply).toBe(true);
    expect(read('AW: Rechnung', 'Danke.').reply).toBe(true);
    expect(read('Fwd: invoice', 'See below.').reply).toBe(false);
    expect(read('Refund', 'Where is it?').reply).toBe(false);
  });

  it('drops everything below an "original message" line', () => {
    expect(
      sentenceTexts('Fwd: invoice', 'See below.\n-----Original Message-----\nYou owe us. Pay now.'),
    ).toEqual(['invoice', 'See below.']);
  });

  it('sets legal footers aside, by their wording', () => {
    const reading = read(
      'Question',
      'How do I add a user?\n\nThis e-mail is confidential and intended only for the addressee. If you received it in error, notify the sender immediately. Unauthorised use may lead to legal action.',
    );
    expect(reading.sentences.map((s) => s.text)).toEqual(['Question', 'How do I add a user?']);
    expect(reading.removed).toEqual(['footer']);
  });

  it("sets a company's legal particulars aside: its registration, licence and recipient notice", () => {
    const reading = read(
      'Locked out',
      "Our new colleague can't log in. Can you unlock him?\n\nRob Castell | Castell & Wynn Lettings\nCastell & Wynn Ltd, registered in Wales no. 10293847. Complaints procedure on request. If you are not the intended recipient, any disclosure or copying is prohibited and may be unlawful.",
    );
    expect(reading.sentences.map((s) => s.text)).toEqual([
      'Locked out',
      "Our new colleague can't log in.",
      'Can you unlock him?',
    ]);
    expect(reading.removed).toEqual(['footer']);
    expect(
      read(
        'Reminders',
        'Can reminders come 60 days ahead?\n\nKind regards,\nLowri\nThornbury Estates is a trading name of Thornbury Holdings Ltd. Registered office: 4 Wind Street, Swansea. Licensed by Rent Smart Wales.',
      ).removed,
    ).toEqual(['footer']);
  });

  it('keeps a single mention of a registered office: one legal word is not a footer', () => {
    expect(
      sentenceTexts('Address', 'Please update our registered office to 4 Wind Street, Swansea.'),
    ).toEqual(['Address', 'Please update our registered office to 4 Wind Street, Swansea.']);
  });

  it('sets aside a signature with no sign-off: a name, a title and a firm', () => {
    const reading = read(
      'Wrong VAT',
      'New invoices show 21% VAT instead of 23%. Could you look into it?\n\nSiobhán Ní Bhriain\nSolicitor & Attorney-at-Law\nNí Bhriain Legal',
    );
    expect(reading.sentences.map((s) => s.text)).toEqual([
      'Wrong VAT',
      'New invoices show 21% VAT instead of 23%.',
      'Could you look into it?',
    ]);
    expect(reading.removed).toEqual(['signature']);
    expect(sentenceTexts('Export', 'The export is empty.\n\nThanks Jo')).toContain('Thanks Jo');
  });

  it('sets a signature block and device line aside', () => {
    const reading = read(
      'Export',
      'The export is empty.\n\nKind regards,\nJo Bloggs\nHead of Finance, Bloggs Ltd\nSent from my iPhone',
    );
    expect(reading.sentences.map((s) => s.text)).toEqual(['Export', 'The export is empty.']);
    expect(reading.removed).toContain('signature');
  });

  it('keeps a closing "Thanks!" line: it is a sign-off the sentiment rules know', () => {
    expect(sentenceTexts('Seats', 'Please add two seats.\nThanks!')).toEqual([
      'Seats',
      'Please add two seats.',
      'Thanks!',
    ]);
  });

  it('reads web-form markup as the text a person sees', () => {
    const reading = read(
      'Account',
      '<div><p>My account was <b>hacked</b>&nbsp;today.</p><script>alert(1)</script></div>',
    );
    expect(reading.sentences.map((s) => s.text)).toEqual([
      'Account',
      'My account was hacked today.',
    ]);
    expect(reading.removed).toEqual(['markup']);
  });

  it('reads at most 20,000 characters of a message, and says so', () => {
    const reading = read('Long', `${'word '.repeat(5000)}urgent`);
    expect(reading.removed).toEqual(['excess']);
    expect(reading.sentences.flatMap((s) => s.tokens).some((t) => t.word === 'urgent')).toBe(false);
    const oneLongWord = read('Long', `${"'".repeat(50_000)} charged twice`);
    expect(oneLongWord.removed).toEqual(['excess']);
  });

  it("reads only a machine's label on mail a machine wrote (an out-of-office, a bounce)", () => {
    const away = read(
      'Auto-Reply: Re: your ticket 812',
      'I am away until Monday. For anything urgent call my deputy.',
    );
    expect(away.removed).toEqual(['automated']);
    expect(away.sentences.map((s) => s.text)).toEqual(['Auto-Reply']);
    const bounce = read(
      'Invoice 5521',
      'This is an automatically generated message.\nYour invoice could not be delivered: failure.',
    );
    expect(bounce.removed).toEqual(['automated']);
    expect(bounce.sentences.map((s) => s.text)).toEqual([
      'This is an automatically generated message',
    ]);
    // A customer asking about office hours is not a machine.
    expect(read('Out of office hours support?', 'Do you answer at weekends?').removed).toEqual([]);
  });

  it('splits sentences and knows questions', () => {
    const reading = read('Hi', 'Is the API down? Every call fails! Since 9am.');
    expect(reading.sentences.map((s) => [s.text, s.question])).toEqual([
      ['Hi', false],
      ['Is the API down?', true],
      ['Every call fails!', false],
      ['Since 9am.', false],
    ]);
  });

  it('counts emoji and repeated punctuation', () => {
    const reading = read('Charged again 😡', 'Why?? 🙄 Thanks 🙏');
    expect(reading.emoji).toEqual({ positive: 1, negative: 1, eyeRoll: 1 });
    expect(reading.sentences.map((s) => s.repeatedPunctuation)).toEqual([false, true, false]);
  });
});
