import { stem, tokenize, type Token } from './text.js';

/** One sentence of the ticket's own words (the subject is the first). */
export interface Sentence {
  text: string;
  tokens: Token[];
  /** Ends with a question mark. */
  question: boolean;
  /** "!!", "??" or longer runs. */
  repeatedPunctuation: boolean;
  subject: boolean;
}

/** What the reader set aside before any rule looks at the ticket. */
export type Removed = 'quote' | 'footer' | 'signature' | 'markup' | 'excess' | 'automated' | 'form';

export interface Reading {
  sentences: Sentence[];
  /** The subject is a reply's ("RE: …"): the thread's old subject, not news of this message. */
  reply: boolean;
  /** The subject is a forward's ("Fwd: …"): the forwarded mail's subject, in its sender's words. */
  forward: boolean;
  removed: Removed[];
  emoji: { positive: number; negative: number; eyeRoll: number };
  /** A forward the sender points at ("see below") was set aside (`readTicket`'s `readForward`). */
  forwardSetAside: boolean;
}

const REPLY_HEADER =
  /^\s*(?:on\s.{3,160}\bwrote:?|-{2,}\s*original message\s*-{2,}|from:\s.+|sent:\s.+|to:\s.+|subject:\s.+)\s*$/i;
const ORIGINAL_MESSAGE = /^\s*-{2,}\s*(?:original|forwarded) message/i;
const FOOTER_START =
  /^\s*(?:disclaimer|confidentiality notice|confidential(?:ity)?:|legal notice|important notice|privileged)/i;
const FOOTER_MARKERS = [
  /\bconfidential/i,
  /\bintended (?:only )?(?:for|recipient|addressee)|\bthe addressee\b/i,
  /\bprivileged\b/i,
  /\bnotify the sender\b|\breceived (?:it|this)(?: \w+)? in error\b/i,
  /\bunauthori[sz]ed (?:use|disclosure|copying|distribution)\b/i,
  /\b(?:cop(?:y|ying)|distribut(?:e|ion)|disclos(?:e|ure))\b.*\b(?:prohibited|strictly|must not|unlawful)\b/i,
  // A company's legal particulars: where it is registered, under what number, who licenses it.
  /\bregistered (?:in (?:england|wales|scotland|ireland|northern ireland)\b|office\b|address\b|no\b|number\b)|\bcompany (?:no|number|registration)\b/i,
  /\b(?:authori[sz]ed and regulated by|regulated by the|licensed by|is a trading name of)\b/i,
];
const DEVICE_LINE = /^\s*sent from my [\w\s-]{2,30}$/i;
/**
 * A signature without a sign-off above it: a last paragraph of a few short lines, none of
 * them a sentence, that opens with a name ("Siobhán Ní Bhriain / Solicitor / Ní Bhriain
 * Legal"). The job title in it is who writes, not what happened.
 */
const NAME_LINE = /^\s*\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’.-]*){1,3}\s*$/u;
const NOT_A_NAME =
  /^\s*(?:thanks|thank|cheers|regards|best|kind|many|warm|please|hi|hello|dear|urgent|help)\b/i;
/**
 * A web form's fields: the category a customer picked from a list names the form's topics,
 * not what the message says ("Category: Outage" above "not an actual outage"). The text
 * after "Message:" is the customer's own.
 */
const FORM_FIELD =
  /^\s*(?:category|topic|type|issue type|request type|enquiry type|inquiry type|department|reason for contact|affected service)\s*:.*$/i;
const FORM_TEXT_LABEL = /^\s*(?:message|description|details|comments?|your message)\s*:\s*/i;
/** "[Acme support form] Outage", "Acme web form: Refunds": a subject naming the form's category. */
const FORM_SUBJECT =
  /^[^:\]]*\b(?:web|support|contact|help|enquiry|inquiry|online)[ -]?form\b[^:\]]*[:\]]\s*(?:\S+\s*){1,4}$/i;
const SIGN_OFF =
  /^\s*(?:(?:best|kind|warm|warmest)?\s*regards|best(?: wishes)?|many thanks|thanks(?: again)?|thank you|cheers|(?:yours )?(?:faithfully|sincerely|truly)|sincerely|all the best|br)\s*[,.!]*\s*$/i;
const SUBJECT_PREFIX = /^\s*(?:(?:re|fw|fwd|aw)\s*:\s*)+/i;
const REPLY_PREFIX = /^\s*(?:re|aw)\s*:/i;
const FORWARD_PREFIX = /^\s*(?:fw|fwd)\s*:/i;
/**
 * A forward the sender points at ("see below from one of our staff", "forwarding below from
 * our security team"): when the sender's own words carry no news, the forwarded message does.
 */
const POINTS_AT_FORWARD = /\b(?:below|forwarding|forwarded)\b/i;
const FORWARD_HEADER = /^\s*(?:from|sent|to|cc|date|subject):\s/i;
/**
 * Mail written by a machine (an out-of-office reply, a bounce): nobody asks anything, and the
 * text it carries is someone else's. Marked in the subject ("Automatic reply: …",
 * "Undeliverable: …") or in the opening line of a bounce.
 */
const AUTOMATED_SUBJECT =
  /^(?:automatic reply|auto[- ]?reply|autoreply|out of (?:the )?office|undeliverable|undelivered mail returned to sender|delivery status notification|mail delivery failed|delivery failure|returned mail|abwesenheitsnotiz|automatische antwort|r[ée]ponse automatique|absence du bureau|respuesta autom[áa]tica|fuera de la oficina|automatisch antwoord|afwezigheidsmelding)\s*(?::|\(|$)/i;
const AUTOMATED_BODY =
  /^\s*this is an? (?:automatically generated|automated|automatic) (?:message|reply|response|delivery status notification)/i;
const SENTENCE_END = /(?<=[.!?…])\s+(?=\S)|(?<=\S)\s*\n+\s*/;
const QUESTION_END = /\?[\s"'’”)\]\p{Extended_Pictographic}\uFE0F]*$/u;
/** Subjects often ask without a question mark: "where is our data stored". */
const QUESTION_SUBJECT =
  /^(?:where|what|what's|how|why|when|which|who|can|could|do|does|is|are|will|would|should)\s+(?!not\b|n't\b)/i;

const POSITIVE_EMOJI = /[❤💕💖🙏🙌😊😀😃😄😁🥰😍🎉👍✨💯🤩☺🥳👏]/gu;
const NEGATIVE_EMOJI = /[😡😠🤬😢😞😭😤👎💔😩😫😒😔😟😥😰😱]/gu;
const EYE_ROLL = /[🙄🙃😑]/gu;

function count(text: string, pattern: RegExp): number {
  return text.match(pattern)?.length ?? 0;
}

function isFooter(paragraph: string): boolean {
  if (FOOTER_START.test(paragraph)) return true;
  return FOOTER_MARKERS.filter((marker) => marker.test(paragraph)).length >= 2;
}

function isSignatureBlock(lines: string[]): boolean {
  return (
    lines.length <= 5 &&
    NAME_LINE.test(lines[0]!) &&
    !NOT_A_NAME.test(lines[0]!) &&
    lines.every((line) => line.trim().length <= 60 && !/[.?!]\s*$/.test(line))
  );
}

/** Whether the sender's words above a forwarded message point at it ("see below"). */
function pointsAtForward(message: string): boolean {
  const lines = message.split(/\r?\n/);
  const marker = lines.findIndex((line) => ORIGINAL_MESSAGE.test(line));
  return marker > 0 && POINTS_AT_FORWARD.test(lines.slice(0, marker).join(' '));
}

/**
 * The customer's own lines: quoted earlier messages, legal footers, device lines and the
 * signature block below a sign-off are set aside; with `readForward`, the forwarded message
 * is read instead, without its headers.
 */
function ownLines(message: string, removed: Set<Removed>, readForward: boolean): string[] {
  const lines: string[] = [];
  let inForward = false;
  for (const line of message.split(/\r?\n/)) {
    if (inForward && FORWARD_HEADER.test(line)) continue;
    if (ORIGINAL_MESSAGE.test(line)) {
      if (readForward && !inForward) {
        inForward = true;
        continue;
      }
      removed.add('quote');
      break;
    }
    if (/^\s*>/.test(line) || REPLY_HEADER.test(line)) {
      removed.add('quote');
      continue;
    }
    if (DEVICE_LINE.test(line)) {
      removed.add('signature');
      continue;
    }
    if (FORM_FIELD.test(line)) {
      removed.add('form');
      continue;
    }
    lines.push(line.replace(FORM_TEXT_LABEL, ''));
  }

  const paragraphs: string[][] = [[]];
  for (const line of lines) {
    if (line.trim() === '') paragraphs.push([]);
    else paragraphs.at(-1)!.push(line);
  }
  const kept = paragraphs.filter((paragraph) => {
    if (paragraph.length === 0) return false;
    if (!isFooter(paragraph.join(' '))) return true;
    removed.add('footer');
    return false;
  });
  if (kept.length >= 2 && isSignatureBlock(kept.at(-1)!)) {
    kept.pop();
    removed.add('signature');
  }
  const flat = kept.flat();

  // A sign-off followed only by a few short lines (name, title, company) ends the message.
  for (let i = 1; i < flat.length; i++) {
    if (!SIGN_OFF.test(flat[i]!)) continue;
    const rest = flat.slice(i + 1);
    if (rest.length <= 5 && rest.every((line) => line.trim().length <= 60)) {
      // A last "Thanks!" is kept for the sentiment rules; "Best regards," says nothing.
      const closingThanks = rest.length === 0 && /thank/i.test(flat[i]!);
      if (!closingThanks) removed.add('signature');
      return flat.slice(0, closingThanks ? i + 1 : i);
    }
  }
  return flat;
}

function splitSentences(text: string): string[] {
  return text
    .split(SENTENCE_END)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** What a reader takes in at most; the rest of a very long message is left unread. */
const MAX_MESSAGE_CHARS = 20_000;
const MAX_SUBJECT_CHARS = 500;
const SCRIPT_OR_STYLE = /<(script|style)\b[^>]*>[\s\S]*?<\/\1>/gi;
const LINE_BREAK_TAG = /<(?:br|\/p|\/div|\/li|\/tr|\/h\d)\b[^>]*>/gi;
const TAG = /<\/?[a-z][a-z0-9]*\b[^>]{0,500}>/gi;
const ENTITIES: Record<string, string> = {
  '&amp;': '&',
  '&nbsp;': ' ',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
  '&apos;': "'",
};

/** Text as a person sees it: HTML tags and entities of web-form tickets become plain text. */
function plainText(text: string, removed: Set<Removed>): string {
  if (!/<\/?[a-z][^>]*>|&[a-z#0-9]+;/i.test(text)) return text;
  removed.add('markup');
  return text
    .replace(SCRIPT_OR_STYLE, ' ')
    .replace(LINE_BREAK_TAG, '\n')
    .replace(TAG, ' ')
    .replace(/&(?:amp|nbsp|lt|gt|quot|apos|#39);/g, (entity) => ENTITIES[entity] ?? ' ')
    .replace(/[ \t]{2,}/g, ' ');
}

/** Reads a ticket as a support lead would before judging it: the customer's own sentences. */
export function readTicket(
  ticket: { subject: string; message: string },
  stemOf: (word: string) => string = stem,
  readForward = false,
): Reading {
  const removed = new Set<Removed>();
  let message = ticket.message;
  if (message.length > MAX_MESSAGE_CHARS) {
    message = message.slice(0, MAX_MESSAGE_CHARS);
    removed.add('excess');
  }
  const text = plainText(message, removed);
  // A forward (its subject says "Fwd:") that the sender points at.
  const pointedForward = FORWARD_PREFIX.test(ticket.subject) && pointsAtForward(text);
  let body = ownLines(text, removed, pointedForward && readForward).join('\n');
  let subject = plainText(ticket.subject.slice(0, MAX_SUBJECT_CHARS), removed)
    .replace(SUBJECT_PREFIX, '')
    .trim();
  if (FORM_SUBJECT.test(subject)) {
    removed.add('form');
    subject = '';
  }
  const automated = AUTOMATED_SUBJECT.exec(subject) ?? AUTOMATED_BODY.exec(body);
  if (automated !== null) {
    // Only the machine's own label is read: what it quotes or announces is nobody's request.
    removed.add('automated');
    subject = automated[0].replace(/[:(]\s*$/, '').trim();
    body = '';
  }
  const own = `${subject}\n${body}`;
  const sentences: Sentence[] = [];
  const add = (text: string, isSubject: boolean) => {
    const tokens = tokenize(text, stemOf);
    if (tokens.length > 0)
      sentences.push({
        text,
        tokens,
        question: QUESTION_END.test(text) || (isSubject && QUESTION_SUBJECT.test(text)),
        repeatedPunctuation: /[!?]{2,}/.test(text),
        subject: isSubject,
      });
  };
  if (subject !== '') add(subject, true);
  for (const sentence of splitSentences(body)) add(sentence, false);
  return {
    sentences,
    reply: REPLY_PREFIX.test(ticket.subject),
    forward: FORWARD_PREFIX.test(ticket.subject),
    removed: [...removed],
    forwardSetAside: pointedForward && !readForward,
    emoji: {
      positive: count(own, POSITIVE_EMOJI),
      negative: count(own, NEGATIVE_EMOJI),
      eyeRoll: count(own, EYE_ROLL),
    },
  };
}
