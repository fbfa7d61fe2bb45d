import { stemmer } from 'stemmer';

/** One word of a ticket, as the rules see it. */
export interface Token {
  /** Lower-cased, accents and letter runs ("sooo") removed: the lexicon's form. */
  word: string;
  /** Inflection-free form ("charged", "charging" -> "charg"): what rule terms match on. */
  stem: string;
  /** Clause number: negation and wishes do not reach past . ! ? ; : , or "but". */
  clause: number;
  /** Written in capitals in the original (e.g. "URGENT"), a sign of intensity. */
  shouted: boolean;
}

export interface AnalysedText {
  tokens: Token[];
  /** "!!" or more somewhere in the text. */
  repeatedExclamation: boolean;
}

/** Contractions become two words so that the negation window sees a plain "not". */
const CONTRACTIONS: [RegExp, string][] = [
  [/\bcan['’]?t\b/g, 'can not'],
  [/\bcannot\b/g, 'can not'],
  [/\bwon['’]?t\b/g, 'will not'],
  [/n['’]t\b/g, ' not'],
  // The apostrophe is often left out: "dont", "doesnt".
  [/\b(do|does|did|is|was|are|were|have|has|would|could|should)nt\b/g, '$1 not'],
];

/** Acronyms are written in capitals without shouting. */
const ACRONYMS = new Set([
  'GDPR',
  'CCPA',
  'DSAR',
  'API',
  'CSV',
  'PDF',
  'SSO',
  'URL',
  'FAQ',
  'SMS',
  'VAT',
  'SLA',
  'CEO',
  'CTO',
  'USA',
  'EUR',
  'USD',
  'GBP',
  'HTTP',
  'HTTPS',
  'JSON',
  'XML',
  'SQL',
  'IOS',
  'MFA',
  'TFA',
]);

const CLAUSE_BREAK = /[.!?;:,\n]/;
const WORD_OR_BREAK = /[a-z0-9]+(?:['’][a-z]+)?|[.!?;:,\n]/g;

/** Porter stem with a final "e" dropped, so "sue", "sued" and "suing" agree. */
export function stem(word: string): string {
  const stemmed = stemmer(word);
  return stemmed.length > 2 && stemmed.endsWith('e') ? stemmed.slice(0, -1) : stemmed;
}

/** Runs of three or more of one letter shrink to one: "pleeease" -> "please". */
function deElongate(word: string): string {
  return word.replace(/([a-z])\1{2,}/g, '$1');
}

function expandContractions(text: string): string {
  return CONTRACTIONS.reduce(
    (result, [pattern, replacement]) => result.replace(pattern, replacement),
    text,
  );
}

/**
 * Splits a ticket's text into tokens. `stemOf` lets a caller memoise stemming, which
 * dominates the cost of classification.
 */
export function analyse(text: string, stemOf: (word: string) => string = stem): AnalysedText {
  const shoutedWords = new Set<string>();
  for (const match of text.matchAll(/\b[A-Z]{3,}\b/g)) {
    if (!ACRONYMS.has(match[0])) shoutedWords.add(match[0].toLowerCase());
  }
  const plain = expandContractions(
    text
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase(),
  );
  const tokens: Token[] = [];
  let clause = 0;
  for (const [raw] of plain.matchAll(WORD_OR_BREAK)) {
    if (CLAUSE_BREAK.test(raw)) {
      clause += 1;
      continue;
    }
    const word = deElongate(raw.replace(/['’]/g, ''));
    if (word === 'but') {
      clause += 1;
      continue;
    }
    tokens.push({ word, stem: stemOf(word), clause, shouted: shoutedWords.has(raw) });
  }
  return { tokens, repeatedExclamation: /!{2,}/.test(text) };
}
