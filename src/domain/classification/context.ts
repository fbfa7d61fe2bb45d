import type { Hit } from './intent-matcher.js';
import type { Reading, Sentence } from './reading.js';
import { INTENT_POLICY, LOOKS_BACK, type Intent } from './rules.js';

/**
 * Intents a call-off ("never mind, it's fixed") or a resolved past takes back: problems,
 * pleas, and what was asked for (a request, an admin change).
 */
const RETRACTABLE = new Set<Intent>(
  (Object.keys(INTENT_POLICY) as Intent[]).filter(
    (intent) =>
      INTENT_POLICY[intent].problem ||
      intent === 'plea' ||
      intent === 'request' ||
      intent === 'admin',
  ),
);
/** Intents a question *about* a topic ("what happens if …?") only asks about. */
const ASKABLE = new Set<Intent>([
  'legal',
  'money',
  'security',
  'outage',
  'safety',
  'privacy',
  'refund',
  'cancel',
  'billing',
  'bug',
  'login',
  'order',
  'request',
]);
/** Intents a general question ("do you give refunds?") asks about: policy, not a case. */
const POLICY_ASKABLE = new Set<Intent>([
  'refund',
  'cancel',
  'billing',
  'privacy',
  'money',
  'request',
]);
/**
 * Pleas that only say how fast: in a question about how something works ("if I retry it
 * straight away, is there any risk…?") they describe the case asked about, not this ticket.
 */
const TIMING_PLEA = /^(?:straight away|right away|immediately)$/;
const FIRST_PERSON = new Set(['i', 'my', 'me', 'we', 'our', 'us', 'mine', 'ours']);
/** Intents a how-to question ("how do I cancel?") asks about without asking for them. */
const HOW_TO_ASKABLE = new Set<Intent>(['refund', 'cancel', 'billing', 'request', 'admin']);
/** Context intents: they shape the labels, they are not keywords of the ticket. */
export const CONTEXT = new Set<Intent>([
  'calm',
  'callOff',
  'resolved',
  'repetition',
  'minor',
  'doubt',
  'request',
  'ultimatum',
  'praise',
]);

const HYPOTHETICAL = new Set([
  'if',
  'hypothetically',
  'whether',
  'generally',
  'typically',
  'usually',
  'policy',
  'policies',
  'terms',
  'theoretically',
  'ever',
]);
const HYPOTHETICAL_PAIRS = [
  'what happens',
  'in case',
  'in the event',
  'in general',
  'is it safe',
  'what would',
  // A supplier questionnaire asks about a history: "have you had any data breaches?"
  'have you had any',
  'have you ever',
];
const HOW_TO_OPENERS = [
  'how do i',
  'how can i',
  'how i can',
  'how do we',
  'how can we',
  'how we can',
  'how to',
  'where do i',
  'where can i',
  'is there a way',
  'right way to',
  'best way to',
  'proper way to',
  'correct way to',
];
const INQUIRY_OPENERS = new Set([
  'is',
  'are',
  'was',
  'were',
  'am',
  'should',
  'did',
  'does',
  'has',
  'have',
  'had',
]);

function startsWith(sentence: Sentence, phrases: string[]): boolean {
  const words = sentence.tokens.map((t) => t.word);
  return phrases.some((phrase) => {
    const parts = phrase.split(' ');
    for (let i = 0; i + parts.length <= words.length; i++) {
      if (parts.every((part, k) => words[i + k] === part)) return true;
    }
    return false;
  });
}

/** "If possible", "if you can": a courtesy, not a case supposed. */
function isCourtesyIf(words: string[], index: number): boolean {
  const next = words[index + 1];
  return (
    next === 'possible' ||
    (next === 'you' && ['can', 'could', 'would', 'do', 'dont'].includes(words[index + 2] ?? ''))
  );
}

/** A question about a topic rather than a report: "what happens if a buyer files a chargeback?" */
function isHypothetical(sentence: Sentence): boolean {
  if (!sentence.question) return false;
  const words = sentence.tokens.map((t) => t.word);
  return (
    words.some((word, i) => HYPOTHETICAL.has(word) && !(word === 'if' && isCourtesyIf(words, i))) ||
    startsWith(sentence, HYPOTHETICAL_PAIRS) ||
    (/^how (?:do|does|are|is|would)\b/i.test(sentence.text) &&
      !sentence.tokens.some((t) => ['my', 'our', 'i', 'we', 'me', 'us'].includes(t.word)))
  );
}

/** A question about how things work in general, with no case of the customer's in it. */
function isGeneral(sentence: Sentence): boolean {
  return (
    sentence.question &&
    /^(?:how (?:do|does|are|is|long)|do you|does (?:your|it|the)|are (?:you|there)|is there|what (?:is|are) your|which)\b/i.test(
      sentence.text,
    ) &&
    !sentence.tokens.some((t) => FIRST_PERSON.has(t.word))
  );
}

function isHowTo(sentence: Sentence): boolean {
  return sentence.question && startsWith(sentence, HOW_TO_OPENERS);
}

/** A calm yes/no question about the customer's situation: "is the api down?", "was I hacked?" */
export function isInquiry(sentence: Sentence): boolean {
  if (!sentence.question) return false;
  let clause = -1;
  for (let i = 0; i < sentence.tokens.length; i++) {
    const token = sentence.tokens[i]!;
    if (token.clause === clause) continue;
    clause = token.clause;
    const next = sentence.tokens[i + 1]?.word;
    if (INQUIRY_OPENERS.has(token.word)) return true;
    if (token.word === 'or' && next !== undefined && INQUIRY_OPENERS.has(next)) return true;
    if (token.word === 'any' && next === 'reason') return true;
  }
  return false;
}

/**
 * What the customer means now: intents in a question about a topic are only asked about,
 * intents in a sentence about a resolved past are past, a call-off takes back what came
 * before it, and "no rush" takes back a plea.
 */
export function applyContext(reading: Reading, hits: Hit[], signals: string[]): void {
  const live = (hit: Hit) => hit.status === 'live';
  reading.sentences.forEach((sentence, index) => {
    const hypothetical = isHypothetical(sentence);
    const howTo = isHowTo(sentence);
    const general = isGeneral(sentence);
    // "Fine since" looks back at the sentence before it too.
    const resolved = hits.some(
      (h) =>
        live(h) &&
        h.intent === 'resolved' &&
        (h.sentence === index || (h.sentence === index + 1 && h.keyword === LOOKS_BACK)),
    );
    for (const hit of hits) {
      if (hit.sentence !== index || !live(hit)) continue;
      if (hypothetical && ASKABLE.has(hit.intent)) hit.status = 'topic';
      else if ((hypothetical || howTo) && hit.intent === 'plea' && TIMING_PLEA.test(hit.text))
        hit.status = 'topic';
      else if (howTo && HOW_TO_ASKABLE.has(hit.intent)) hit.status = 'topic';
      else if (general && POLICY_ASKABLE.has(hit.intent)) hit.status = 'topic';
      else if (resolved && RETRACTABLE.has(hit.intent)) hit.status = 'past';
    }
  });

  // The subject summarises the message: where the message only asks about, or looks back on,
  // what the subject names, so does the subject. Another sense of other words in the message
  // ("smoked glass") says nothing of the subject's ("cut my hand").
  if (reading.sentences[0]?.subject) {
    for (const hit of hits) {
      if (hit.sentence !== 0 || !live(hit)) continue;
      const body = hits.filter(
        (h) =>
          h.sentence > 0 &&
          h.intent === hit.intent &&
          (h.status !== 'other-sense' || h.text === hit.text),
      );
      if (body.length > 0 && !body.some(live)) hit.status = body[0]!.status;
    }
  }

  // Mail a machine wrote (a bounce, an out-of-office) is read by its label, which names its
  // kind ("Mail delivery failed"), not a problem of the customer's.
  if (reading.removed.includes('automated'))
    for (const hit of hits) if (live(hit) && RETRACTABLE.has(hit.intent)) hit.status = 'topic';

  // A reply's subject is the thread's old one: its problem is past when the reply says the
  // matter was resolved ("RE: URGENT: sync down" over "thanks for fixing the outage; one
  // leftover thing…", whose own words are judged on their own), or only thanks and reports no
  // problem and asks nothing ("RE: Charged twice?" over "the refund arrived, thank you").
  if (reading.reply && reading.sentences[0]?.subject) {
    const body = hits.filter((h) => h.sentence > 0 && live(h));
    const resolved = body.some((h) => h.intent === 'resolved');
    const thanked = body.some((h) => h.intent === 'praise');
    const open = body.some((h) => INTENT_POLICY[h.intent].problem || h.intent === 'request');
    if (resolved || (thanked && !open))
      for (const hit of hits)
        if (hit.sentence === 0 && live(hit) && RETRACTABLE.has(hit.intent)) hit.status = 'past';
  }

  // A forward's subject is the forwarded mail's: its plea ("Fwd: URGENT: verify your account")
  // is that sender's, not this customer's.
  if (reading.forward && reading.sentences[0]?.subject)
    for (const hit of hits)
      if (hit.sentence === 0 && live(hit) && hit.intent === 'plea') hit.status = 'quoted';

  const callOffs = hits.filter((h) => live(h) && h.intent === 'callOff');
  if (callOffs.length > 0) {
    const last = Math.max(...callOffs.map((h) => h.sentence));
    for (const hit of hits)
      if (live(hit) && hit.sentence <= last && RETRACTABLE.has(hit.intent))
        hit.status = 'called-off';
  }
  if (hits.some((h) => live(h) && h.intent === 'calm')) {
    for (const hit of hits) if (live(hit) && hit.intent === 'plea') hit.status = 'calmed';
  }
  if (hits.some((h) => h.status === 'topic')) signals.push('context:question-about-topic');
}
