import { stemmer } from 'stemmer';

/** One word of a ticket, as the rules see it. */
export interface Token {
  /** Lower-cased, accents and letter runs ("sooo") removed: the lexicon's form. */
  word: string;
  /** Inflection-free form ("charged", "charging" -> "charg"; "took" -> "take"): what patterns match. */
  stem: string;
  /** Clause number within the sentence: negation does not reach past , ; : - or "but". */
  clause: number;
  /** Written in capitals for emphasis ("NEVER"), not an acronym ("GDPR", "UTC"). */
  shouted: boolean;
  /** Written "Sue", "Urgent": capitalised, the rest lower case. */
  capitalised: boolean;
  /** Capitalised inside a sentence: a name ("Sue", "Hilltop Urgent Care"), not a signal word. */
  name: boolean;
  /** Inside quotation marks: someone else's words ('Leak detected') or scare quotes ('quick'). */
  quoted: boolean;
}

/** Contractions become two words so that negation sees a plain "not". */
const CONTRACTIONS: [RegExp, string][] = [
  [/\bcan['’]?t\b/gi, 'can not'],
  [/\bcannot\b/gi, 'can not'],
  [/\bwon['’]?t\b/gi, 'will not'],
  [/n['’]t\b/gi, ' not'],
  // The apostrophe is often left out: "dont", "doesnt", "hasnt".
  [/\b(do|does|did|is|was|are|were|have|has|had|would|could|should)nt\b/gi, '$1 not'],
  [/\b(i|you|we|they|it|that|there|she|he)['’](m|re|ve|ll|d|s)\b/gi, '$1 $2'],
];

const EXPANDED: Record<string, string> = { m: 'am', re: 'are', ve: 'have', ll: 'will', d: 'would' };

/** Chat spellings read as the words they stand for ("u took", "pls", "thx"). */
const CHAT_WORDS: Record<string, string> = {
  u: 'you',
  ur: 'your',
  r: 'are',
  pls: 'please',
  plz: 'please',
  thx: 'thanks',
  ty: 'thanks',
  msg: 'message',
  acct: 'account',
  pwd: 'password',
  cust: 'customer',
};

/**
 * Irregular forms Porter stemming leaves apart ("took" and "take"), and words it wrongly
 * joins, mapped to themselves ("accountant" is not an "account").
 */
const LEMMAS: Record<string, string> = {
  accountant: 'accountant',
  accountants: 'accountant',
  took: 'take',
  taken: 'take',
  went: 'go',
  gone: 'go',
  paid: 'pay',
  sent: 'send',
  came: 'come',
  left: 'leave',
  lost: 'lose',
  broke: 'break',
  broken: 'break',
  froze: 'freeze',
  frozen: 'freeze',
  got: 'get',
  gotten: 'get',
  made: 'make',
  bought: 'buy',
  ran: 'run',
  gave: 'give',
  given: 'give',
  kept: 'keep',
  said: 'say',
  threw: 'throw',
  thrown: 'throw',
  burnt: 'burn',
  stole: 'steal',
  stolen: 'steal',
  saw: 'see',
  seen: 'see',
  told: 'tell',
  wrote: 'write',
  written: 'write',
  heard: 'hear',
  shown: 'show',
  sold: 'sell',
  spent: 'spend',
  stuck: 'stick',
  fell: 'fall',
  fallen: 'fall',
  woke: 'wake',
  knew: 'know',
  known: 'know',
  began: 'begin',
  begun: 'begin',
  done: 'do',
  did: 'do',
  does: 'do',
  was: 'be',
  were: 'be',
  been: 'be',
  is: 'be',
  are: 'be',
  am: 'be',
  has: 'have',
  had: 'have',
  me: 'i',
  us: 'we',
};

/** Written in capitals without shouting. */
const ACRONYMS = new Set(
  (
    'GDPR CCPA DSAR API APIS CSV PDF SSO URL FAQ SMS VAT SLA CEO CTO CFO DPO USA UK EU EUR USD ' +
    'GBP HTTP HTTPS JSON XML SQL IOS MFA TFA OTP PIN ID IT HR QA UTC GMT PST EST CET AM PM ' +
    'SDK CLI UI UX CRM ERP SAML OIDC AD LDAP DNS SSL TLS VPN IP CPU GPU RAM SSD USB HDMI TV PC ' +
    'POST PUT PATCH FCA ICO FTC CMA BBB ATM IBAN SWIFT BIC PO INV LLP ' +
    'LTD INC PLC GCSE SE NHS DHL UPS USPS FEDEX AWS GCP CDN OK ETA ASAP FYI NB PS RE FW FWD ' +
    // Severity labels of machine-written alerts.
    'INFO NOTICE WARNING RESOLVED RECOVERED'
  ).split(' '),
);

/** Words in capitals that are emphasis even alone ("I asked FOUR times"). */
const EMPHASIS = new Set(
  (
    'NOW NEVER AGAIN STILL ALREADY EVERY ALL NOTHING NOBODY NOT NO ONE TWO THREE FOUR FIVE SIX ' +
    'TEN DAY DAYS WEEK WEEKS MONTH MONTHS YEAR YEARS TIMES TIME ME MY YOU YOUR WHY WHAT WHERE ' +
    'WHO THIS AND STOP WANT NEED DEMAND IMMEDIATELY TODAY'
  ).split(' '),
);

/** Code, paths, e-mail addresses and identifiers: not words of the customer's voice. */
const CODE_WORD = /[_/\\@*{}<>=]|^[a-z0-9-]+\.[a-z]{2,}/;
/** An HTTP verb or similar before a path ("GET /v2/orders") belongs to the code. */
const VERB_BEFORE_CODE = /^[A-Z]{3,7}$/;

/** 'Scare quotes' and quoted UI text: an opening mark after a space, a closing one before a break. */
const QUOTED_SPAN = /(^|[\s(:])(['‘"“])([^'‘’"“”\n]{1,80}?)(['’"”])(?=$|[\s.,!?;:)])/g;

const CURRENCY = /[$€£₹¥]/g;
const CLAUSE_BREAK = /^(?:[,;:()]|[-–—]+)$/;
const TOKEN = /[\p{L}0-9]+(?:['’][\p{L}]+)?|[,;:()]|\s[-–—]+\s/gu;

/** Porter stem with a final "e" dropped, so "sue", "sued" and "suing" agree. */
export function stem(word: string): string {
  const lemma = LEMMAS[word];
  if (lemma !== undefined) return lemma === word ? word : stem(lemma);
  const stemmed = stemmer(word);
  return stemmed.length > 2 && stemmed.endsWith('e') ? stemmed.slice(0, -1) : stemmed;
}

/** Runs of three or more of one letter shrink to one: "pleeease" -> "please". */
function deElongate(word: string): string {
  return word.replace(/(\p{L})\1{2,}/gu, '$1');
}

function expandContractions(text: string): string {
  return CONTRACTIONS.reduce(
    (result, [pattern, replacement]) =>
      result.replace(pattern, (...args: unknown[]) => {
        const groups = args.slice(1, -2) as (string | undefined)[];
        if (replacement === '$1 $2')
          return `${groups[0]} ${EXPANDED[groups[1]!.toLowerCase()] ?? groups[1]}`;
        return replacement.replace('$1', groups[0] ?? '');
      }),
    text,
  );
}

function isAllCaps(raw: string): boolean {
  return /^[A-Z]{2,}$/.test(raw);
}

/** Blanks out code words, one whitespace-separated word at a time (linear in the text). */
function withoutCode(sentence: string): string {
  const words = sentence.split(/(\s+)/);
  for (let i = 0; i < words.length; i += 2) {
    // A run of symbols alone ("** DOWN **" in an alert's subject) is decoration, not code.
    if (!CODE_WORD.test(words[i]!) || !/[\p{L}0-9]/u.test(words[i]!)) continue;
    words[i] = ' ';
    if (i >= 2 && VERB_BEFORE_CODE.test(words[i - 2]!)) words[i - 2] = ' ';
  }
  return words.join('');
}

/**
 * Splits one sentence into tokens. `stemOf` lets a caller memoise stemming, which dominates
 * the cost of classification.
 */
export function tokenize(sentence: string, stemOf: (word: string) => string = stem): Token[] {
  // "$49" reads as "amount 49", so rules can speak of amounts whatever the currency.
  const expanded = expandContractions(withoutCode(sentence).replace(CURRENCY, ' amount '));
  const ranges = [...expanded.matchAll(QUOTED_SPAN)].map((m): [number, number] => {
    const open = m.index + m[1]!.length;
    return [open, open + m[2]!.length + m[3]!.length + 1];
  });
  const tokens: Token[] = [];
  const inCapitals: boolean[] = [];
  let clause = 0;
  let first = true;
  for (const match of expanded.matchAll(TOKEN)) {
    const raw = match[0].trim();
    if (CLAUSE_BREAK.test(raw)) {
      clause += 1;
      if (raw === ':') first = true;
      continue;
    }
    const bare = raw.replace(/['’]/g, '');
    const plain = deElongate(
      bare
        .normalize('NFKD')
        .replace(/[\u0300-\u036f]/g, '')
        .toLowerCase(),
    );
    const word = CHAT_WORDS[plain] ?? plain;
    if (word === 'but' || word === 'though' || word === 'although') clause += 1;
    const upper = bare.toUpperCase();
    const shouted = isAllCaps(bare) && !ACRONYMS.has(upper);
    const capitalised = /^\p{Lu}\p{Ll}+$/u.test(bare);
    const name = !first && capitalised;
    const at = match.index;
    const quoted = ranges.some(([from, to]) => at > from && at < to);
    tokens.push({
      word,
      stem: stemOf(word),
      clause,
      shouted: shouted && (EMPHASIS.has(upper) || bare.length >= 4),
      capitalised,
      name,
      quoted,
    });
    first = false;
    inCapitals.push(capitalised || isAllCaps(bare));
  }
  namesBeforeCompanySuffix(tokens, inCapitals);
  return tokens;
}

const COMPANY_SUFFIXES = new Set([
  'ltd',
  'inc',
  'llc',
  'llp',
  'plc',
  'gmbh',
  'limited',
  'corp',
  'pty',
]);

/**
 * The capitalised words before "Ltd", "Inc", ... are a company's name, even at the start of a
 * sentence or in capitals ("ASAP Couriers Ltd" is no plea).
 */
function namesBeforeCompanySuffix(tokens: Token[], inCapitals: boolean[]): void {
  tokens.forEach((token, i) => {
    if (!COMPANY_SUFFIXES.has(token.word) || !inCapitals[i]) return;
    for (let j = i - 1; j >= Math.max(0, i - 4) && inCapitals[j]; j--) {
      tokens[j]!.name = true;
      tokens[j]!.shouted = false;
    }
  });
}

/**
 * Common function words of the other languages the rules read (rules-other-languages.ts) and
 * of English: a ticket with more of the former reads as another language.
 */
const OTHER_LANGUAGE_WORDS = new Set([
  ...['der', 'die', 'das', 'und', 'ich', 'nicht', 'mit', 'ist', 'sie', 'wir', 'ein', 'eine'],
  ...['meine', 'meinen', 'mein', 'wurde', 'habe', 'sind', 'auf', 'fur', 'bitte', 'noch', 'auch'],
  ...['het', 'een', 'ik', 'niet', 'van', 'dat', 'mijn', 'zijn', 'voor', 'maar', 'nog', 'heb'],
  ...['le', 'la', 'les', 'et', 'je', 'est', 'pas', 'des', 'une', 'vous', 'nous', 'mon', 'mes'],
  ...['avec', 'pour', 'sur', 'dans', 'mais', 'depuis', 'el', 'los', 'las', 'y', 'que', 'por'],
  ...['para', 'con', 'es', 'mi', 'una', 'mis', 'pero', 'desde', 'um', 'uma', 'nao', 'com', 'eu'],
  ...['meu', 'minha', 'il', 'di', 'che', 'non', 'sono', 'della', 'del', 'mio', 'mia', 'ho'],
  ...['nie', 'jest', 'na', 'ze', 'moj', 'moje', 'prosze', 'czy'],
]);
const ENGLISH_WORDS = new Set([
  ...['the', 'and', 'to', 'of', 'i', 'is', 'it', 'my', 'you', 'for', 'that', 'this', 'with'],
  ...['was', 'have', 'be', 'are', 'we', 'your', 'me', 'can', 'but', 'not', 'please', 'our'],
]);
/**
 * English lexicon words that are everyday words of those languages: in such a ticket "die
 * Sendung", "ich war zuhause", "Gift" hold no death, no war and no present.
 */
const FALSE_FRIENDS = new Set([
  ...['die', 'war', 'bad', 'gift', 'hell', 'arm', 'kind', 'brand', 'mist', 'rat', 'pain'],
  ...['sale', 'male', 'fine', 'fast', 'also', 'will', 'art', 'chef', 'burro', 'lame'],
]);

/** Whether the words read as one of the other languages rather than English. */
export function readsAsOtherLanguage(words: readonly string[]): boolean {
  let other = 0;
  let english = 0;
  for (const word of words) {
    if (OTHER_LANGUAGE_WORDS.has(word)) other++;
    else if (ENGLISH_WORDS.has(word)) english++;
  }
  return other >= 3 && other > 2 * english;
}

/** An English lexicon word that, in a ticket in another language, is one of its own words. */
export function isFalseFriend(word: string): boolean {
  return FALSE_FRIENDS.has(word);
}

/** Words after a negation ("not", "never", "no") that it reaches, within one clause. */
const NEGATION_WINDOW = 3;
const NEGATORS = new Set([
  ...['not', 'no', 'never', 'without', 'hardly', 'neither', 'nor', 'none', 'non'],
  // The same in the other languages the rules read (rules-other-languages.ts): "pas urgent".
  ...['pas', 'nicht', 'kein', 'keine', 'niet', 'geen', 'nao', 'nie'],
]);

export function isNegation(word: string): boolean {
  return NEGATORS.has(word);
}

/** A negator shortly before token `i`, in the same clause ("not happy", "never urgent"). */
export function negatedAt(tokens: Token[], i: number): boolean {
  const clause = tokens[i]!.clause;
  for (let k = i - 1; k >= 0 && k >= i - NEGATION_WINDOW; k--) {
    if (tokens[k]!.clause !== clause) return false;
    if (isNegation(tokens[k]!.word)) return true;
  }
  return false;
}
