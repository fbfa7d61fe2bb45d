import { describe, expect, it } from 'vitest';
import { SEED_KEYWORDS } from '../../../mock-external-api/src/seed-data.js';
import { Sentiment, Urgency } from '../tickets/ticket.types.js';
import { rulesClassifier } from '../../../test/support/classifier.js';
import { Classifier } from './classifier.js';
import type { Reading } from './reading.js';
import { RULES_VERSION } from './rules.js';

const classifier = rulesClassifier();
const classify = (subject: string, message = '') => classifier.classify({ subject, message });

const { HIGH: H, MEDIUM: M, LOW: L } = Urgency;
const { NEGATIVE: NEG, NEUTRAL: NEU, POSITIVE: POS } = Sentiment;
type Row = [
  subject: string,
  message: string,
  urgency: Urgency,
  sentiment: Sentiment,
  action: boolean,
];

/** Each ticket gets the policy's three labels; the signals explain a failure. */
function expectLabels([subject, message, urgency, sentiment, requiresAction]: Row): void {
  const result = classify(subject, message);
  expect(
    { urgency: result.urgency, sentiment: result.sentiment, requiresAction: result.requiresAction },
    `${subject}: ${message}\n${result.signals.join('\n')}`,
  ).toEqual({ urgency, sentiment, requiresAction });
}

describe('the tickets quoted by the classification issue', () => {
  it.each<Row>([
    ['Fee', 'Looks like you took the monthly fee out of my account twice this week', H, NEG, true],
    [
      'Tills',
      'Since about 8 this morning none of our cashiers can sign in, the stores are basically closed',
      H,
      NEG,
      true,
    ],
    [
      'Invoices',
      "All of last year's invoices vanished from our workspace after the migration",
      H,
      NEG,
      true,
    ],
    ['Orders API', 'Does GET /v2/orders support a refund_status filter?', L, NEU, false],
    [
      'Export',
      'Our dev team hacked together a quick export script. Is there an official API for this?',
      L,
      NEU,
      false,
    ],
    [
      'Logged out',
      'Wonderful, the app logged me out again in the middle of a payment. Truly amazing work.',
      M,
      NEG,
      true,
    ],
  ])('%s: %s', (...row) => expectLabels(row));
});

describe('HIGH: harm now, named or described', () => {
  it.each<Row>([
    // legal threats
    [
      'Solicitor letter',
      'Unless the broken boiler is replaced by Monday, my solicitor will be writing to you.',
      H,
      NEG,
      true,
    ],
    [
      'taking this to court',
      "three months and no refund for the cancelled wedding venue. i'm taking you to court.",
      H,
      NEG,
      true,
    ],
    [
      'Energy regulator',
      "I've reported your company to Ofgem over the estimated bills you keep sending me.",
      H,
      NEG,
      true,
    ],
    // money taken wrongly
    [
      'Gym fee went out two times',
      'Hi, my bank shows the membership fee debited on the 1st and then again on the 2nd. I only have one membership. Can you sort this?',
      H,
      NEG,
      true,
    ],
    [
      'Paid twice for one pizza',
      'The app took payment twice for a single order last night, order 5521. Please give one back.',
      H,
      NEG,
      true,
    ],
    [
      "Charge I don't know",
      "There's a $12.99 charge from you on my card this morning and I have never had an account with you. Please explain.",
      H,
      NEG,
      true,
    ],
    [
      'Calling my bank',
      "You billed me after I closed my account. I'm calling my bank tomorrow to reverse it.",
      H,
      NEG,
      true,
    ],
    // security
    [
      'Someone is in my account',
      "I got a notification that my email was changed, and it wasn't me. Now I can't get back in.",
      H,
      NEG,
      true,
    ],
    [
      'Strange logins',
      'My account shows logins from Romania and Vietnam last night. I have never been to either.',
      H,
      NEG,
      true,
    ],
    [
      "Other people's invoices",
      "When I download my invoices I get PDFs with other companies' names and addresses on them.",
      H,
      NEG,
      true,
    ],
    [
      "Someone else's messages",
      'My inbox in your app is showing messages addressed to a different person, with their bank details.',
      H,
      NEG,
      true,
    ],
    [
      'Stolen card used',
      'My credit card was stolen last week and someone used it to buy two subscriptions on your site.',
      H,
      NEG,
      true,
    ],
    // privacy requests
    [
      'Remove everything about me',
      'Please erase all the data you have about me, including my order history and address. I no longer want to be your customer.',
      H,
      NEU,
      true,
    ],
    [
      'Data request',
      'Under the GDPR I would like to receive a copy of all personal data you process about me.',
      H,
      NEU,
      true,
    ],
    // outage and data loss
    [
      'Site is dead',
      "Your booking site has been returning a blank page for everyone in our office since 10am. We can't take any reservations.",
      H,
      NEG,
      true,
    ],
    [
      'Whole warehouse offline',
      'None of the scanners in our warehouse can connect since the update this morning, nothing is being shipped.',
      H,
      NEG,
      true,
    ],
    [
      "Team can't log in",
      'Since 9am nobody on our sales team can log in to the CRM.',
      H,
      NEG,
      true,
    ],
    [
      'All the recipes are gone',
      'I opened the app and every recipe I saved over two years has disappeared. Please get them back.',
      H,
      NEG,
      true,
    ],
    [
      'Spreadsheet wiped',
      'After the sync yesterday our shared spreadsheet is completely blank, all 3,000 rows are gone.',
      H,
      NEG,
      true,
    ],
    // safety
    [
      'Heater smell',
      'The space heater I bought gave off a burning smell and the plug was black when I unplugged it.',
      H,
      NEG,
      true,
    ],
    [
      'Child cut by toy',
      'The plastic edge on the toy truck cracked and my son cut his finger badly on it.',
      H,
      NEG,
      true,
    ],
    // pleas
    [
      'need this asap',
      'Please send me the signed contract asap, the bank needs it before noon.',
      H,
      NEU,
      true,
    ],
    [
      'Payroll file',
      'This is time-sensitive: payroll runs at 3pm and I need the corrected file before then.',
      H,
      NEU,
      true,
    ],
  ])('%s', (...row) => expectLabels(row));
});

describe('HIGH, in words the rules learned late', () => {
  it.each<Row>([
    [
      'Portal',
      'Not one person at our firm can open the portal since the update this morning.',
      H,
      NEG,
      true,
    ],
    [
      'Quiet shop',
      "Our web shop shows a blank page at the basket and we haven't had a single sale since 6am.",
      H,
      NEG,
      true,
    ],
    [
      'Where did they go',
      'The invoices we raised in January appear to have disappeared from the ledger view.',
      H,
      NEG,
      true,
    ],
    [
      'Import',
      'After the sync last night every customer card in the CRM is blank apart from the ID.',
      H,
      NEG,
      true,
    ],
    [
      'Refund #4471',
      'Third follow-up on my refund for order 4471. When will it arrive?',
      H,
      NEU,
      true,
    ],
    [
      'Annual fee',
      'My card got hit for the yearly fee twice on Monday. Please return one of them.',
      H,
      NEG,
      true,
    ],
    [
      'Card payment',
      'There is a £48 payment to a streaming service on my card that I never made. Please reverse it.',
      H,
      NEG,
      true,
    ],
    [
      'Terminal',
      'Since the update your terminal is declining every card we tap, and we have a full restaurant.',
      H,
      NEG,
      true,
    ],
    [
      'Schedule',
      'The schedule will not open and the front desk cannot check in any patients.',
      H,
      NEG,
      true,
    ],
  ])('%s', (...row) => expectLabels(row));
});

describe('the labels of rules 2026-12-05.3 (read off training round 30)', () => {
  it.each<Row>([
    [
      'Readers',
      'All three of our readers show "Transaction error" on each card since lunch.',
      H,
      NEG,
      true,
    ],
    [
      'Sunday',
      'We could not take a single payment for half an hour during the lunch rush. I expect a credit.',
      H,
      NEG,
      true,
    ],
    [
      'Re: plan price',
      'Second time I write about this. You billed the old plan after we moved down; I want the difference back.',
      H,
      NEU,
      true,
    ],
    [
      'Login',
      'Our new bartender cannot sign in on the tablet, wrong PIN each time. Everyone else logs in fine.',
      M,
      NEU,
      true,
    ],
    [
      'Busy night',
      'The bar was on fire tonight, record takings! How do I export the hourly figures?',
      L,
      NEU,
      false,
    ],
    ['Stamps', 'A regular says her loyalty points are missing after four visits.', L, NEU, false],
    ['Printer', 'The kitchen printer stopped printing tickets this morning.', M, NEU, true],
    [
      'Invoices',
      'Could you send a copy of our March invoice for the accountant? Thanks',
      L,
      NEU,
      true,
    ],
    [
      'Re: export',
      'Still no reply to my question from last week about exporting sales.',
      M,
      NEG,
      true,
    ],
    [
      'Closing',
      'We sold the cafe. Please close the account at the end of the month, no need to keep any data.',
      M,
      NEU,
      true,
    ],
    [
      'Re: missing receipt',
      'Please close this ticket, we found the receipt in the back office after all.',
      L,
      NEU,
      false,
    ],
    [
      'Automatic reply: Re: order 77',
      'I am out of the office this week. For anything urgent, please ring reception.',
      L,
      NEU,
      false,
    ],
    [
      'Mail delivery failed: returning message to sender',
      'Delivery has failed to these recipients: accounts@example.org. The mailbox is full.',
      L,
      NEU,
      false,
    ],
    ['Gift cards', 'How do gift cards work with the loyalty scheme?', L, NEU, false],
  ])('%s', (...row) => expectLabels(row));
});

describe('the labels of rules 2026-12-05.7 (read off training round 35)', () => {
  it.each<Row>([
    // Another sense of other words in the message ("smoked glass") leaves the subject's injury.
    [
      'Lamp arrived broken - cut my finger',
      'The smoked-glass shade was in pieces inside the box and I cut myself unpacking it. Please send a new one.',
      H,
      NEG,
      true,
    ],
    // "Would be good to get it sorted" asks for a fix; it does not say the bug is past.
    [
      'Totals wrong since update',
      'Since the update the report no longer adds up the columns correctly. Would be good to get it sorted.',
      M,
      NEU,
      true,
    ],
    [
      'Login',
      'I could not log in this morning, but I managed to get it sorted myself.',
      L,
      NEU,
      false,
    ],
    ['invoice', 'hello how i can download my invoice from the app?', L, NEU, false],
    [
      'Shared album empty',
      'Our family album shows 0 photos this morning; yesterday it had 300 in it. Can you get them back?',
      H,
      NEG,
      true,
    ],
    [
      'Beeping',
      'How do I pause the low-battery beep on my smoke alarm without switching off smoke detection?',
      L,
      NEU,
      false,
    ],
    // A search that finds nothing for anything, or every player showing an error, is down.
    [
      'Search broken',
      'No rush. Our shop search returns no results for anything, even product names we can see on the homepage.',
      H,
      NEG,
      true,
    ],
    [
      'lovely',
      'Lovely, the maps on our booking pages are all showing an error box again. Really enjoying explaining that to guests.',
      H,
      NEG,
      true,
    ],
  ])('%s', (...row) => expectLabels(row));
});

describe('the labels of rules 2026-12-05.8 (read off training rounds 35 and 36)', () => {
  it.each<Row>([
    // Security described, not named.
    [
      'Re: account',
      'Just a heads-up, no rush: I got a notice that two-step login was switched off on my account, and it was not me.',
      H,
      NEG,
      true,
    ],
    ['odd text', 'I got a login code by SMS that I never asked for. Should I worry?', H, NEU, true],
    [
      'help',
      'my phone lost signal and then I got an email about a new sign-in. did someone port my number??',
      H,
      NEU,
      true,
    ],
    [
      'records',
      'when i open my records i see someone elses prescriptions and address',
      H,
      NEG,
      true,
    ],
    // Harm described: a whole street offline, everything deleted (sarcastically thanked).
    [
      'no internet',
      'no internet since this morning, the whole street is the same. when will it be back?',
      H,
      NEG,
      true,
    ],
    [
      'so great',
      'wow, love how the update deleted all my bookmarks. years of them. great job',
      H,
      NEG,
      true,
    ],
    // Signal words that say what someone is, a document, a name, a price seen elsewhere.
    [
      'Docs for our auditors',
      'Where do you host customer data? We need it for our GDPR records, we are not asking you to delete anything.',
      L,
      NEU,
      false,
    ],
    [
      'time tracking',
      "I'm an attorney and I track my hours in the app. Can I round entries to 6 minutes?",
      L,
      NEU,
      false,
    ],
    [
      'Signing for my mother',
      "Can I upload a power of attorney so I can manage my mother's account?",
      L,
      NEU,
      false,
    ],
    [
      'discount',
      'sue from your sales team said we qualify for the charity price, can you apply it?',
      L,
      NEU,
      true,
    ],
    ['price', 'Do you match prices? I saw the same lamp cheaper at another store.', L, NEU, false],
    [
      'change admin',
      'please change the account owner to me, the previous person left the company',
      L,
      NEU,
      true,
    ],
    [
      'Registered address - ASAP Plumbing Ltd',
      'Please update our address to 4 High Street.',
      L,
      NEU,
      true,
    ],
    [
      'Re: SSO',
      'We lived through that data loss back in 2021 with you. Quick question: do you support SSO?',
      L,
      NEU,
      false,
    ],
    ['urgent', 'URGENT where do I change my avatar?? nvm found it under settings', L, NEU, false],
    // A refund asked in other words; payments sent elsewhere are no refund.
    [
      'wrong plan',
      'I bought the yearly plan by mistake, can you give back the money and move me to monthly?',
      M,
      NEU,
      true,
    ],
    [
      'clients paying',
      'Our clients keep sending payments to our old address because the invoice still shows it. Please fix the invoice template.',
      M,
      NEU,
      true,
    ],
  ])('%s', (...row) => expectLabels(row));
});

describe('the labels of rules 2026-12-05.9 (read off training rounds 37 and 38)', () => {
  it.each<Row>([
    // A web form's category is the form's, not the message's.
    [
      '[Acme support form] Data loss',
      'Category: Data loss\nMessage: Not really data loss, I just wanted to suggest a dark mode. Thanks!',
      L,
      NEU,
      false,
    ],
    // A payment not recognised is a charge doubted (settled case), not a takeover.
    [
      'Payment I do not recognise',
      'Hi, there is a payment of $9.00 on my card from you on 2 June that I do not recognise. What is it for?',
      M,
      NEU,
      true,
    ],
    // Chasing a refund again is no recovery; harm described without its name.
    [
      'Follow-up: refund',
      'Following up again on my refund of 80 pounds. This is my third email about it.',
      H,
      NEU,
      true,
    ],
    [
      'orders?',
      'Our tablet has not received a single order since 6pm and customers say the shop shows as unavailable.',
      H,
      NEG,
      true,
    ],
    [
      'Checkout',
      'Since noon none of our customers have been able to check out; the pay button just spins.',
      H,
      NEG,
      true,
    ],
    // Called off, or past: scratch that, down last Monday and fine since.
    [
      'URGENT - question',
      'URGENT - actually scratch that, not urgent. When is my next reading due?',
      L,
      NEU,
      false,
    ],
    [
      'Status page?',
      'Your app was down for a couple of hours last Monday (fine since). Do you have a status page?',
      L,
      NEU,
      false,
    ],
    [
      'Calendar',
      'How do I share a calendar with our litigation team? Hargreaves LLP - Solicitors',
      L,
      NEU,
      false,
    ],
  ])('%s', (...row) => expectLabels(row));
});

describe('the labels of rules 2026-12-05.10 (read off training round 40)', () => {
  it.each<Row>([
    // Harm told calmly, or with "no rush".
    [
      'membership',
      'no rush at all, but my membership came out twice on the 1st, £30 and then £30 again a minute later.',
      H,
      NEG,
      true,
    ],
    [
      'profile',
      "No rush on this, but my profile bio has been changed to a crypto ad, and there are three posts under my name in the forum that I didn't write.",
      H,
      NEG,
      true,
    ],
    [
      'Your email about the incident',
      'Your email says customer data, including mine, was exposed in a security incident. What exactly was taken?',
      H,
      NEG,
      true,
    ],
    // A plea on a feature is respected, and the feature still goes to the backlog.
    [
      'CRITICAL: offline mode',
      'CRITICAL: please add an offline mode to the mobile app.',
      H,
      NEU,
      false,
    ],
    // Not pleas, not lawsuits: sarcasm, the news.
    [
      'Table editor',
      "I'm sure this is top priority for you: the table editor still breaks merged cells.",
      M,
      NEG,
      true,
    ],
    [
      'Class action?',
      'I read in the news about a class action against several budgeting apps. Is yours one of them?',
      L,
      NEU,
      false,
    ],
  ])('%s', (...row) => expectLabels(row));
});

describe('the labels of rules 2026-12-05.11 (read off training round 39)', () => {
  it.each<Row>([
    [
      'Deposits taken twice?',
      'Quick question: is the system capturing deposits twice today? Booking 12 shows two captures of €80 two minutes apart.',
      H,
      NEU,
      true,
    ],
    // An out-of-office reply in German is a machine's; a call-off with "aren't gone"; emergencies as a use.
    [
      'Abwesenheitsnotiz: Ihr Ticket',
      'Ich bin bis Montag nicht im Büro. In urgent cases please call reception.',
      L,
      NEU,
      false,
    ],
    [
      'Re: ALL FILES GONE!!!',
      "Please ignore my last email. The files aren't gone at all, someone had set a filter.",
      L,
      NEU,
      false,
    ],
    [
      'Guest list',
      'How do I print the list of in-house guests that we use in emergencies?',
      L,
      NEU,
      false,
    ],
  ])('%s', (...row) => expectLabels(row));
});

describe('the labels of rules 2026-12-06.1 (read off training round 41)', () => {
  it.each<Row>([
    // A plea word that closes a name; how soon something happens, asked; a formal complaint
    // to the company (only one to a regulator is a legal threat).
    ['Plan question', 'Is Critical Path Planning part of the pro plan?', L, NEU, false],
    [
      'Payout timing',
      'Will a payment to a Revolut account clear immediately or the next working day?',
      L,
      NEU,
      false,
    ],
    [
      'Complaint about my visit',
      'I want to lodge a formal complaint about the way the engineer spoke to my mother.',
      M,
      NEG,
      true,
    ],
    // Staff training is no incident; money sent to the wrong payee is no takeover; a top-up is no praise.
    [
      'Simulation length',
      'How long does the phishing simulation campaign run once we launch it?',
      L,
      NEU,
      false,
    ],
    [
      'paid the wrong person',
      "Typed the sort code wrong and sent £300 to somebody I don't know. Can the bank pull it back?",
      M,
      NEU,
      true,
    ],
    ['Auto top-up', 'How do I switch off the automatic top-up on my travel card?', L, NEU, false],
  ])('%s', (...row) => expectLabels(row));
});

describe('the labels of rules 2026-12-06.2 (read off training round 41)', () => {
  it.each<Row>([
    // A greeting is no praise; a cleaner is a job, not a compliment.
    ['Export', "Good morning, how do I export last month's invoices?", L, NEU, false],
    ['cleaner no-show', 'The cleaner never showed up again today. Not happy.', M, NEG, true],
  ])('%s', (...row) => expectLabels(row));
});

describe('the labels of rules 2026-12-06.3 (read off training rounds 41 and 45)', () => {
  it.each<Row>([
    // A forward the sender only points at is read; one under the sender's own request is not.
    [
      'Fwd: payslip looks wrong',
      "Hi, see below from one of our drivers - could you look into this please?\n\nThanks,\nMaya\n\n---------- Forwarded message ---------\nFrom: Dan Okafor\nDate: Mon, 3 Mar\nSubject: payslip\n\nWhen I opened my payslip today it displayed someone called R. Patel's bank details and address, not mine.",
      H,
      NEG,
      true,
    ],
    [
      'Fwd: Your order',
      'Forwarding the email below. I would like a refund for the cancelled order please.\n\n---------- Forwarded message ---------\nFrom: Shop\nSubject: URGENT\n\nOur checkout is down, nothing works.',
      M,
      NEU,
      true,
    ],
  ])('%s', (...row) => expectLabels(row));
});

describe('the labels of rules 2026-12-06.4 (read off training round 45)', () => {
  it.each<Row>([
    // A hazard over and done with ("no problems since"), and what was done "straight away";
    // an emergency clinic is a place, not a plea.
    [
      'Warranty question',
      'Last spring one of your heaters overheated and you replaced it straight away - no problems since. Is the replacement covered for two more years?',
      L,
      NEU,
      false,
    ],
    [
      'Booking page',
      'The booking page for our emergency clinic shows the wrong opening hours. Could you check it?',
      M,
      NEU,
      true,
    ],
  ])('%s', (...row) => expectLabels(row));
});

describe('the labels of rules 2026-12-06.5 (read off training round 46)', () => {
  it.each<Row>([
    // An amount of 2 is no second charge; a refund that arrived closes the thread; someone
    // who cannot see one payment is no team that cannot work.
    [
      'Late fee?',
      'I was charged a £2.50 late fee on top of my booking. Can you check this please?',
      M,
      NEU,
      true,
    ],
    ['Re: Charged twice?', 'Refund arrived this morning, thanks - that was quick!', L, POS, false],
    [
      'Payment pending',
      "I paid £24 for the trip on Thursday but the app still shows it as pending and the school says they can't see it. Can you check?",
      M,
      NEU,
      true,
    ],
  ])('%s', (...row) => expectLabels(row));
});

describe('the labels of rules 2026-12-06.6 (read off rounds 47 and 48)', () => {
  it.each<Row>([
    // A forward's subject is the forwarded mail's: its URGENT is the phisher's plea.
    [
      'Fwd: URGENT: verify your account now',
      "Is this one of yours? I haven't clicked anything.\n\n---------- Forwarded message ---------\nFrom: Accounts Team <alerts@acme-verify.co>\nSubject: URGENT: verify your account now\n\nDear customer, your account will be closed unless you verify your card details immediately.",
      L,
      NEU,
      false,
    ],
    // "Ignore me" takes back the plea and the problem it raised.
    [
      'URGENT refund missing',
      "My refund of £40 still hasn't arrived!!\n\nUpdate: it has just landed, please ignore me.",
      L,
      NEU,
      false,
    ],
    // Where someone went is no data gone; what is owed is no praise.
    [
      'Close my account',
      "Please close my account, I've gone back to working for my old firm. Nothing outstanding on my side.",
      M,
      NEU,
      true,
    ],
    // Someone else's details shown, asked about calmly: still a leak.
    [
      'Is the portal ok?',
      "Quick question: one of my clients says the invoice page showed an address and a name that weren't hers. Is something wrong?",
      H,
      NEU,
      true,
    ],
  ])('%s', (...row) => expectLabels(row));
});

describe('the labels of rules 2026-12-06.7 (read off round 49)', () => {
  it.each<Row>([
    // A game character ("char") is nothing charred; a toe is still a toe.
    [
      'Missing reward',
      'Finished the raid last night but the mount never showed up in my bags. Char name Brindlewick, server EU-2. Can someone add it?',
      M,
      NEU,
      true,
    ],
    [
      'Loose step',
      'I tripped on the loose step your fitter installed and broke my toe. Someone needs to come and fix it.',
      H,
      NEG,
      true,
    ],
    // A password mailed back readable is a leak.
    [
      'Password in an email?',
      'Your reset email just showed my new password in plain text. Anyone who reads my inbox can see it. Please look into this.',
      H,
      NEG,
      true,
    ],
    // Mail that cannot reach an old address is an account change, not an order lost.
    [
      'Login email',
      "Please change my login email to this address, I can't receive mail at my old work one anymore.",
      L,
      NEU,
      true,
    ],
    // A reply that says the thread's matter was fixed leaves its subject's plea in the past.
    [
      'Re: URGENT: invoices not sending',
      'Thanks for fixing the invoice problem this morning, all good now. Separately, could you add our new accountant as a viewer?',
      L,
      POS,
      true,
    ],
  ])('%s', (...row) => expectLabels(row));
});

describe('the labels of rules 2026-12-06.8 (read off round 50)', () => {
  it.each<Row>([
    // A law firm's name, a relative's role and a family joke are no legal threat.
    [
      'Moving office - Harcourt Webb Solicitors',
      'Please move our fibre line to our new office at 41 Court Street from 2 May.',
      L,
      NEU,
      true,
    ],
    [
      "My father's account",
      "Please note that changes to my father's account should go through me as his attorney from now on.",
      L,
      NEU,
      true,
    ],
    [
      'Faster plan',
      "Please upgrade us to the faster plan. My daughter says she'll sue me if the wifi drops during her exams again 😂",
      L,
      NEU,
      true,
    ],
    // A number ordered is no stranger's number on the account.
    [
      'Second number',
      'Could we add a second phone number to our account that shows a different caller ID? Let me know the cost.',
      L,
      NEU,
      true,
    ],
    // A hazard left standing: someone is going to get hurt.
    [
      'Pole after the storm',
      'Your pole is leaning right over the pavement after the storm and the wire is hanging low. Someone is going to get hurt.',
      H,
      NEG,
      true,
    ],
    // Name-calling makes a refund demanded angrily.
    [
      'Callout fee',
      'You charged me a £30 callout fee for a visit that fixed nothing. Absolute scam. I want it refunded.',
      H,
      NEG,
      true,
    ],
  ])('%s', (...row) => expectLabels(row));
});

describe('MEDIUM: something is wrong, short of harm', () => {
  it.each<Row>([
    [
      'Report export broken',
      "The CSV export has produced empty files since Tuesday's release.",
      M,
      NEU,
      true,
    ],
    [
      'App freezes on login screen',
      'The Android app freezes on the login screen every time, I have to force close it.',
      M,
      NEU,
      true,
    ],
    [
      'Forgot password email',
      'I asked for a password reset three times but the email never comes. Can you help?',
      M,
      NEU,
      true,
    ],
    [
      'Locked out after travel',
      "I'm locked out of my account after logging in from a hotel abroad. Can you unlock it please?",
      M,
      NEU,
      true,
    ],
    [
      "One user can't log in",
      "I can't log in to my account since yesterday, it says my password is wrong but I reset it twice.",
      M,
      NEU,
      true,
    ],
    [
      'Parcel missing',
      "My order 7781 was due last Friday and still hasn't turned up. Tracking says 'label created'.",
      M,
      NEU,
      true,
    ],
    [
      'Broken lamp',
      'The lamp arrived with the glass shade smashed. Can you send a replacement?',
      M,
      NEU,
      true,
    ],
    [
      'Wrong size shoes',
      'I ordered size 42 but the box contains size 38. Please exchange them.',
      M,
      NEU,
      true,
    ],
    [
      'Refund for the concert',
      'I can no longer attend the concert on the 14th. Could I get my money refunded?',
      M,
      NEU,
      true,
    ],
    [
      'Cancel my plan',
      "Please cancel my premium plan from next month, I don't use it enough.",
      M,
      NEU,
      true,
    ],
    [
      'Delete my account',
      "Please delete my account, I'm not using the service anymore.",
      M,
      NEU,
      true,
    ],
    [
      "What's this charge?",
      "Why was I charged $4.50 on the 3rd? I don't recognise it.",
      M,
      NEU,
      true,
    ],
    [
      'Invoice line question',
      "What does 'platform fee' mean on our latest invoice?",
      M,
      NEU,
      false,
    ],
    [
      'Bill higher than usual',
      'My electricity bill this month is almost twice the usual amount even though we were on holiday. Can you check the meter reading?',
      M,
      NEU,
      true,
    ],
    [
      'Disappointed',
      "Pretty disappointed that the course certificate still isn't available after I finished two weeks ago.",
      M,
      NEG,
      true,
    ],
    [
      'Furious about support',
      'I waited on hold for 45 minutes and then the call was dropped. This is unacceptable.',
      M,
      NEG,
      true,
    ],
    // A complaint about support is a complaint even in calm words: the fresh rounds' writers
    // label these NEGATIVE (rules 2026-12-06.18 put 27 sentiment answers right, 6 wrong).
    [
      'Ticket closed without answer',
      'You closed my ticket without replying to my question about the warranty.',
      M,
      NEG,
      true,
    ],
  ])('%s', (...row) => expectLabels(row));
});

describe('LOW: answers, backlog, thanks and admin', () => {
  it.each<Row>([
    ['How do I export?', 'How do I export my contacts to a CSV file?', L, NEU, false],
    [
      'How does GDPR deletion work?',
      'If a customer asks us to delete their data under GDPR, does your platform remove backups too?',
      L,
      NEU,
      false,
    ],
    [
      'Chargeback policy',
      'What happens to my account if a customer opens a chargeback against me?',
      L,
      NEU,
      false,
    ],
    ['Is it safe?', 'Is it safe to charge the e-bike battery overnight indoors?', L, NEU, false],
    ['Dark mode please', 'It would be great to have a dark mode in the mobile app.', L, NEU, false],
    [
      'Meh on the new icons',
      'Not a huge fan of the new icons, they look a bit childish.',
      L,
      NEG,
      false,
    ],
    [
      'Thanks team',
      'Just wanted to say thank you, the new dashboard is fantastic and saves me hours.',
      L,
      POS,
      false,
    ],
    [
      'Warm thanks',
      'Thanks so much to Leo for sorting out my booking, amazing service!',
      L,
      POS,
      false,
    ],
    ['Add a user', 'Can you add my colleague Priya to our account as an editor?', L, NEU, true],
    [
      'Change billing email',
      'Please change our billing email to accounts@acme.io from next month.',
      L,
      NEU,
      true,
    ],
    [
      'Upgrade to annual',
      'We love the product, please switch us to the annual plan!',
      L,
      POS,
      true,
    ],
  ])('%s', (...row) => expectLabels(row));
});

describe('calling off and the past', () => {
  it.each<Row>([
    [
      'Ignore previous',
      'Please ignore my earlier message about the app not loading, it works fine now.',
      L,
      NEU,
      false,
    ],
    [
      'Found the charge',
      'Never mind about the double charge I mentioned, one of them was a pre-authorisation and has disappeared.',
      L,
      NEU,
      false,
    ],
    [
      'Not urgent - typo on website',
      "Not urgent, but there's a typo on your pricing page: 'montly'.",
      M,
      NEU,
      true,
    ],
    [
      'Scheduling',
      'No rush: could you move our onboarding call to Thursday? Whenever you have time.',
      L,
      NEU,
      true,
    ],
    [
      'Back online',
      'The site is back up and running after your fix, thank you so much for the fast work!',
      L,
      POS,
      false,
    ],
    [
      'Reminder texts',
      "Since yesterday's downtime the export button gives an error. Can you check it?",
      M,
      NEU,
      true,
    ],
    [
      'SSO next year',
      'We had a data breach at our old provider last year (resolved since). Does your SSO support SCIM?',
      L,
      NEU,
      false,
    ],
    [
      // A reply's subject names the thread's first mail; the reply closes it.
      'Re: URGENT - exports failing for the whole team',
      'Exports run fine again since your fix this morning. You can close this one.\n\n> On Fri, Sam wrote:\n> Nobody here can export anything!!',
      L,
      NEU,
      false,
    ],
    [
      'About my URGENT flag',
      "Apologies for writing URGENT before, it isn't that pressing after all. How do I rename a project?",
      L,
      NEU,
      false,
    ],
    [
      'Re: ASAP help',
      'You can disregard the ASAP in my subject, I overreacted. Is there a keyboard shortcut for search?',
      L,
      NEU,
      false,
    ],
    [
      'Good updates',
      'The downtime last Tuesday was annoying, but your updates during it were excellent. Thank you!',
      L,
      POS,
      false,
    ],
    [
      'Leaving',
      'Please cancel our subscription, we are disappointed: four outages this year.',
      M,
      NEG,
      true,
    ],
  ])('%s', (...row) => expectLabels(row));
});

describe('words that only look like harm', () => {
  it.each<Row>([
    // A question in the subject, without a question mark, asks about privacy.
    ['who can read our client files', '', L, NEU, false],
    // Capitalised inside a sentence, a hazard word is a name.
    [
      'Label sizes',
      'We are Spark Smoke Studio. Which label sizes does the printer take?',
      L,
      NEU,
      false,
    ],
    // A regulator named is not a complaint to it.
    [
      'Audit',
      'For our audit the regulator wants your security certificate. Could you send it?',
      L,
      NEU,
      true,
    ],
    ['Invoices', 'Please email our invoices to accounts@example.org from now on.', L, NEU, true],
    ['Rota', 'How do I reserve two emergency appointments per day in the rota?', L, NEU, false],
    [
      'Shirt print',
      'Our darts club is the Midnight Hackers. Can the club name go on the back of the shirts?',
      L,
      NEU,
      false,
    ],
    [
      'Wrong parcel',
      "I received somebody else's parcel today, a set of garden tools. Where is my order of paint?",
      M,
      NEU,
      true,
    ],
    ['Allergens', 'Does the smoke-flavoured chilli oil contain sesame?', L, NEU, false],
    [
      'Packing slips',
      'Sales are on fire this week. How do I print packing slips in bulk?',
      L,
      NEU,
      false,
    ],
    [
      'Consent question',
      'Is a ticked box on our signup form enough consent under GDPR, or do we need double opt-in?',
      L,
      NEU,
      false,
    ],
    [
      'Logged out',
      "The app logs me out straight away every time I open it. My colleague's login works fine.",
      M,
      NEU,
      true,
    ],
  ])('%s', (...row) => expectLabels(row));

  it('reads another agent on each call as poor service, not a stranger in the account', () => {
    const result = classify(
      'Claim',
      "I'm fed up: my claim has been open for a month and each time I call I get a different person.",
    );
    expect(result.urgency, result.signals.join('\n')).toBe(M);
    expect(result.signals.filter((s) => s.startsWith('security'))).toEqual([]);
  });
});

describe('a paraphrase alone', () => {
  it('says something is wrong, but not HIGH', () => {
    const paraphrase = {
      recognize: (reading: Reading) => [
        {
          intent: 'money' as const,
          keyword: 'unauthorized charge',
          sentence: 0,
          start: 0,
          end: reading.sentences[0]!.tokens.length,
          text: 'card',
          status: 'live' as const,
          source: 'model~"a charge I never agreed to" 0.60',
        },
      ],
      version: 'test',
    };
    const result = new Classifier({ recognizer: paraphrase }).classify({
      subject: 'My card',
      message: 'Something on my card.',
    });
    expect(result.urgency).toBe(M);
    expect(result.requiresAction).toBe(true);
  });
});

describe('sentiment', () => {
  it.each<Row>([
    // Laughter is a light tone, not praise; "smh" and "is a joke" are not; an illness is no feeling.
    [
      'sql',
      'does the app have a crash course for beginners? exam soon and i know nothing lol',
      L,
      NEU,
      false,
    ],
    [
      'reminder',
      'got two reminders about the flu jab for my cat today lol, just fyi',
      L,
      NEU,
      false,
    ],
    ['reset', 'the reset email never arrives, tried 4 times smh', M, NEG, true],
    [
      'cancel',
      'cancel my subscription. paying every month for the same old stuff is a joke',
      M,
      NEG,
      true,
    ],
    // "Best regards, <name>" signs off a request; it praises nothing.
    [
      'Delete',
      'Hello, I want to use my right to be forgotten. Please remove all my data. Best regards, Anna Schmidt',
      H,
      NEU,
      true,
    ],
    ['REFUND ME', 'YOUR PRODUCT BROKE AFTER TWO DAYS. I WANT MY MONEY BACK.', H, NEG, true],
    [
      'Great, crashed again',
      'Oh fantastic, the editor crashed again and ate my draft. Love it.',
      M,
      NEG,
      true,
    ],
    [
      "Such a 'fast' delivery",
      "Thanks for the 'express' delivery that took twelve days.",
      M,
      NEG,
      true,
    ],
    [
      'sarcastic praise',
      'Brilliant. Another update and another feature that no longer works. Well done.',
      M,
      NEG,
      true,
    ],
    [
      'Redesign is awful',
      "The new menu layout is awful, I can't find anything anymore. Who signed off on this?",
      M,
      NEG,
      false,
    ],
    [
      'Loving it, small glitch',
      'Loving the new update, really smooth! One small glitch: the search bar flickers when I type.',
      M,
      POS,
      true,
    ],
    ['Not bad', 'Not bad at all, the new editor is quick and tidy.', L, POS, false],
    ['Not happy', 'Not happy with the new editor, it is slower.', L, NEG, false],
    [
      'Printer',
      'The printer prints a blank line at the top of every receipt. Thanks.',
      M,
      NEU,
      true,
    ],
  ])('%s', (...row) => expectLabels(row));
});

describe('settled cases of the policy', () => {
  it('respects a plea on a how-to question; action follows what is asked', () => {
    expectLabels([
      'URGENT',
      'URGENT: how do I add a second admin before the audit at noon?',
      H,
      NEU,
      false,
    ]);
  });

  it('"no rush" cancels only a plea, never money, legal, security, privacy, outage or safety', () => {
    expectLabels([
      'No rush',
      'No rush at all, but you debited our account twice for the May invoice.',
      H,
      NEG,
      true,
    ]);
    expectLabels([
      'Whenever',
      'Whenever you have time, please delete all my personal data under GDPR.',
      H,
      NEU,
      true,
    ]);
    expectLabels([
      'No hurry',
      'No hurry, just letting you know my charger melted on the desk.',
      H,
      NEG,
      true,
    ]);
  });

  it('keeps a calm question or report about a HIGH event HIGH, and a calm question NEUTRAL', () => {
    expectLabels([
      'Was I hacked?',
      "I got a password reset email I didn't request. Was my account hacked?",
      H,
      NEU,
      true,
    ]);
    expectLabels([
      'Is checkout down?',
      'Is checkout down right now? None of our customers can complete a purchase in the last half hour.',
      H,
      NEU,
      true,
    ]);
  });

  it('reads a calm repeated refund request as HIGH and NEUTRAL', () => {
    expectLabels([
      'Polite refund chase',
      'Hello again, just following up on my refund request from last week. Any update? Thanks.',
      H,
      NEU,
      true,
    ]);
    expectLabels([
      'Still waiting',
      'This is the third time I am writing about my refund for order 2210. Where is my money?!',
      H,
      NEG,
      true,
    ]);
  });

  it('treats a card stolen elsewhere and used here as a security incident', () => {
    expectLabels([
      'Card',
      'My card details were stolen in a breach at another shop and now there are orders on your site I did not place.',
      H,
      NEG,
      true,
    ]);
  });

  it('lets genuine praise make a polite cancellation POSITIVE', () => {
    expectLabels([
      'Moving on',
      'You have been absolutely wonderful for three years, thank you! We are closing the studio, so please cancel our plan.',
      M,
      POS,
      true,
    ]);
  });

  it('asks for a follow-up on a complaint about a support interaction', () => {
    expectLabels([
      'Chat',
      'Your agent ended the chat halfway through my question and nobody replied to my email after.',
      M,
      NEG,
      true,
    ]);
  });

  it('looks up a doubted charge, but only explains an invoice line', () => {
    expectLabels([
      'Charge',
      "I don't recognise a payment of $19 from you on my statement, can you look into it?",
      M,
      NEU,
      true,
    ]);
    expectLabels([
      'Invoice',
      "What does the 'seat true-up' line on our April invoice mean?",
      M,
      NEU,
      false,
    ]);
  });

  it('reads "close my account" as a cancellation, and erasure as a privacy request', () => {
    expectLabels(['Close', 'Please close my account, I have moved abroad.', M, NEU, true]);
    expectLabels([
      'Erase',
      'Close my account and erase every piece of personal data you hold on me, as the right to be forgotten allows.',
      H,
      NEU,
      true,
    ]);
  });

  it('reads a strong dislike of a deliberate change as MEDIUM, NEGATIVE, no action', () => {
    expectLabels([
      'Redesign',
      'This new redesign is horrible, I really hate what you did to the sidebar.',
      M,
      NEG,
      false,
    ]);
  });
});

describe('the labels of rules 2026-12-06.10', () => {
  it('reads an outage announced for later, a double charge feared, and "not saying it is urgent" as no HIGH', () => {
    expect(
      classify(
        'Works',
        'The council wrote about a scheduled outage next Tuesday; will my router reconnect by itself?',
      ).urgency,
    ).toBe(L);
    expect(
      classify(
        'Paying early',
        'If I pay the invoice by card now, could I end up being charged twice when the direct debit runs?',
      ).urgency,
    ).not.toBe(H);
    expect(
      classify('Renewal date', "I'm not saying this is urgent, but when does my contract renew?")
        .urgency,
    ).toBe(L);
    // The same words about what happened still page.
    expect(classify('Bill', 'You charged me twice for the May invoice.').urgency).toBe(H);
    expect(classify('Down', 'Your portal is down for all of our staff right now.').urgency).toBe(H);
  });
});

describe('the labels of rules 2026-12-06.11 (read off rounds 60 and 61)', () => {
  it('reads a monitor that says the service is back as no outage, and one that says it is down as one', () => {
    for (const [subject, message] of [
      [
        'Monitor is UP: shop API',
        'The monitor shop API is back UP (200 OK) (It was down for 9 minutes).',
      ],
      ['[RESOLVED] billing portal', 'Status: UP\nWas down for: 4 min 12 s\nNo action needed.'],
      ['Up: print relay', 'print relay is responding again after 20 minutes of downtime.'],
    ] as [string, string][])
      expect(classify(subject, message).urgency, message).toBe(L);
    // Stars around an alert's subject are decoration; "DOWN" before them is still a word.
    expect(classify('** PROBLEM Host: edge-router-2 is DOWN **', 'State: DOWN').urgency).toBe(H);
    expect(classify('Portal', 'Status: DOWN since 06:10 for every branch.').urgency).toBe(H);
    expect(
      classify(
        '[FIRING:1] CheckoutAvailability critical',
        'Alert: CheckoutAvailability\nStatus: FIRING\nValue: 12% successful checks over 10m',
      ).urgency,
    ).toBe(H);
    expect(classify('Alert rules', 'How do I stop an alert firing twice?').urgency).not.toBe(H);
    // "Get it back up" asks for a fix; "backing up" is a queue.
    expect(
      classify('Broadband', 'Our broadband has been down since last night, please get it back up.')
        .urgency,
    ).toBe(H);
  });

  it('reads a team that cannot do its job as an outage', () => {
    expect(
      classify(
        'Handsets',
        'Every call drops after two seconds, so the support team cannot do their jobs.',
      ).urgency,
    ).toBe(H);
  });

  it('reads a refund that landed, an apology for a false alarm, and words in other senses as no HIGH', () => {
    expect(
      classify(
        'Refund',
        'The refund for the duplicate payment landed today. Thanks for sorting it!',
      ).urgency,
    ).toBe(L);
    expect(
      classify(
        'charged twice? - ignore',
        'Thought you had charged me twice, but one was my son. Sorry, ignore me!',
      ).urgency,
    ).toBe(L);
    for (const [subject, message] of [
      ['Locksmith', 'Does my plan include an emergency locksmith if I lose my keys?'],
      ['Works', 'Notice: emergency maintenance window on Sunday 01:00-03:00, no action required.'],
      [
        'Alarm line',
        'Will our smoke and fire alarm system still dial out after the switch to fibre?',
      ],
      [
        'Tax form',
        'My accountant and my lawyer both want my annual tax statement. Where do I download it?',
      ],
      [
        'Company details',
        'The VAT number on our account needs to change to GB123456789 from next month.',
      ],
      ['Weekly report', 'Tip: hosts who answer within a day see more repeat bookings.'],
    ] as [string, string][])
      expect(classify(subject, message).urgency, message).not.toBe(H);
    // The same words as a plea, a takeover or a charge still page.
    expect(classify('Please', 'This is an emergency, our booking page is blank!').urgency).toBe(H);
    expect(classify('Lawyer', 'My lawyer will be in touch about the money you took.').urgency).toBe(
      H,
    );
  });
});

describe('the labels of rules 2026-12-06.12 (read off rounds 64 to 67)', () => {
  it('reads a product named in the subject as the message names it, and narration as no plea', () => {
    expect(
      classify(
        'Emergency Torch Set batteries',
        'Which batteries does the Emergency Torch Set take, and are they included?',
      ).urgency,
    ).toBe(L);
    expect(
      classify(
        'Parcel came',
        'The box came today and my dog immediately claimed it. Love the treats!',
      ).urgency,
    ).not.toBe(H);
    // Written as a plea, the same words still page.
    expect(classify('Emergency', 'Emergency: our checkout is broken for everyone.').urgency).toBe(
      H,
    );
    expect(classify('Access', 'Please restore our access immediately.').urgency).toBe(H);
  });

  it('reads downtime asked about ahead, and a comparison, as no outage', () => {
    for (const message of [
      'Does upgrading the database plan cause downtime?',
      'Will the booking API be down for the whole maintenance window or only the portal?',
      'Nothing works as well as your route planner, honestly. One idea: let me save routes.',
    ])
      expect(classify('Question', message).urgency, message).toBe(L);
  });

  it('reads a double booking the customer owns up to as no money taken wrongly', () => {
    expect(
      classify(
        'Duplicate booking',
        'Our assistant booked the same room twice, so there are two bookings on the card. Our mistake, sorry! Could you cancel one?',
      ).urgency,
    ).toBe(M);
    expect(
      classify(
        'Duplicate booking',
        'You took two bookings from my card for one room. Refund one now.',
      ).urgency,
    ).toBe(H);
  });
});

describe('the labels of rules 2026-12-06.13 (read off rounds 64 to 67)', () => {
  it('reads life events, falling numbers, a test copy down and the past as no HIGH', () => {
    for (const [subject, message] of [
      ['Claim', 'We had a family emergency and cancelled the trip; why was the claim rejected?'],
      ['Price', 'The price went down the day after I booked. Can I get the difference back?'],
      ['Staging', 'Only our staging app is down since the update; production is fine.'],
      [
        'Email',
        'You helped me last year when my account got hacked. How do I change my email now?',
      ],
      ['Lists', 'We are a small family-law attorney practice. Can one account run two lists?'],
      ['Refund', 'Thanks again for the migration help. Could you refund the unused add-on?'],
      ['Hotel', "My mum is in hospital so we won't be able to use the hotel. Please cancel it."],
    ] as [string, string][])
      expect(classify(subject, message).urgency, message).not.toBe(H);
    // Written as harm now, the same words still page.
    expect(classify('Down', 'Our production app is down for every customer.').urgency).toBe(H);
    expect(classify('Hacked', 'My account got hacked this morning.').urgency).toBe(H);
    expect(
      classify('Refund', 'I asked for this refund twice already, refund me now.').urgency,
    ).toBe(H);
  });
});

describe('the labels of rules 2026-12-06.15 (read off rounds 64 and 65)', () => {
  it("reads every member meeting an error, and a stranger's passport on show, as HIGH", () => {
    expect(
      classify('Widget', "Every single member who tries to book gets 'something went wrong'.")
        .urgency,
    ).toBe(H);
    expect(
      classify(
        'Travellers',
        "On my account I can see a woman called Ada Brun with her passport number. I don't know her.",
      ).urgency,
    ).toBe(H);
    // Asked for, not seen: no page.
    expect(
      classify('Carer access', 'Can I see his medical records as his carer? How do I set that up?')
        .urgency,
    ).not.toBe(H);
  });
});

describe('the labels of rules 2026-12-06.17 (read off rounds 64 and 65)', () => {
  it('reads a chat that ended on the customer, and questions left unanswered, as a support failure', () => {
    for (const message of [
      'I was halfway through explaining my payout problem on live chat and the chat just ended.',
      'Third time asking whether we can import members from a spreadsheet. Two emails, zero answers.',
    ]) {
      const result = classify('Support', message);
      expect(result.urgency, message).toBe(M);
      expect(result.requiresAction, message).toBe(true);
    }
    // Feedback that asks for no answer is still feedback.
    expect(
      classify(
        'Pricing',
        "The new tiers aren't great for freelancers. Just feedback, no reply needed.",
      ).urgency,
    ).toBe(L);
  });
});

describe('the labels of rules 2026-12-06.18 (read off rounds 68, 70 and 71)', () => {
  it('reads a support call that went dead as a support failure, not an outage', () => {
    const result = classify(
      'Cut off',
      'On hold for 40 minutes, then the line went dead the moment someone answered. No call back.',
    );
    expect([result.urgency, result.sentiment, result.requiresAction]).toEqual([M, NEG, true]);
    // A customer's own line that died is still news of an outage.
    expect(classify('No service', 'The line went dead at 8am for our whole street.').urgency).toBe(
      H,
    );
    // Retiring is no hang-up: "hanging up the stethoscope".
    expect(
      classify(
        'Closing',
        "After 31 years I'm hanging up the stethoscope. Please cancel our plan. Thank you!",
      ).sentiment,
    ).not.toBe(NEG);
  });

  it('reads a team name, a balance that moved, low spirits, a product and a long-past outage as no HIGH', () => {
    for (const [subject, message] of [
      [
        'Letter',
        'A letter from your Fraud Prevention Team asks for proof of address. What counts?',
      ],
      [
        'Balance',
        'My balance went down by £500, then I remembered my savings pot rule. Is there a total view?',
      ],
      ['Appointment', 'Been feeling a bit down for weeks. Can I book a GP about that?'],
      ['Delivery', 'Do you sell emergency contraception, and is next-day delivery guaranteed?'],
      [
        'Pharmacy',
        'Please change my pharmacy back. I moved it in March when your system went down for a day.',
      ],
    ] as [string, string][])
      expect(classify(subject, message).urgency, message).not.toBe(H);
    expect(
      classify('Twice', 'My balance went down by £23.80 twice on Tuesday for one box.').urgency,
    ).toBe(H);
  });
});

describe('the labels of rules 2026-12-06.19 (read off rounds 74, 75 and 77)', () => {
  it('reads an outage that has been fine since, and a question about breaches in general, as no HIGH', () => {
    for (const [subject, message] of [
      [
        'SLA',
        'After the outage on the 3rd (all fine since, thanks) our board asked whether you publish an uptime history.',
      ],
      [
        'Security questionnaire',
        'Our insurer asks every supplier: are you SOC 2 certified, and have you had any data breaches in the last 3 years?',
      ],
    ] as [string, string][])
      expect(classify(subject, message).urgency, message).not.toBe(H);
    expect(classify('Portal', 'Since the outage this morning nobody can log in.').urgency).toBe(H);
  });

  it("reads a legal footer and a lawyer's signature as who writes, not a threat", () => {
    const result = classify(
      'Wrong VAT rate',
      'New invoices show 21% VAT instead of 23%. Could you look into it?\n\nSiobhán Ní Bhriain\nSolicitor & Attorney-at-Law\n\nThis email is confidential. If you are not the intended recipient, any disclosure or copying is prohibited.',
    );
    expect([result.urgency, result.sentiment]).toEqual([M, NEU]);
  });

  it('reads "driving the whole office up the wall" as a complaint', () => {
    expect(
      classify(
        'Banner',
        'The greeting banner says good morning at 4pm. It is driving the whole office up the wall.',
      ).sentiment,
    ).toBe(NEG);
  });
});

describe('the labels of rules 2026-12-06.20 (read off rounds 82 to 85)', () => {
  it('reads a "fine since" as looking back at the sentence before it', () => {
    const past = classify(
      '2FA',
      'Last spring my account was taken over and your team got it back. Everything has been fine since. How do I turn on two-step verification?',
    );
    expect(past.urgency).toBe(L);
    expect(classify('Account', 'My account was taken over this morning.').urgency).toBe(H);
  });

  it('reads "straight away" in a question about how things work as timing, not a plea', () => {
    for (const message of [
      'If a transfer fails and I send it again straight away, could I be charged twice?',
      "What's the best way to remove a leaver so their badge stops working right away?",
    ])
      expect(classify('Question', message).urgency, message).not.toBe(H);
    expect(
      classify('Shuttle', 'Right away if possible: does the shuttle run after midnight?').urgency,
    ).toBe(H);
    expect(classify('Invoice', 'Please send the invoice straight away.').urgency).toBe(H);
  });

  it('reads a reply that says the charge was reversed or is back as resolving its subject', () => {
    for (const message of [
      'All sorted, the extra payment is back in my account. Thanks Priya!',
      'Thanks, I can see the second charge has been reversed now. One more thing: could you resend the invoice PDF?',
    ])
      expect(classify('Re: URGENT - charged twice', message).urgency, message).not.toBe(H);
    // A condition set is not a resolution.
    expect(
      classify(
        'Formal notice',
        'You debited my account eleven times after I cancelled. Unless the debits are reversed within fourteen days, I will complain to the ombudsman.',
      ).urgency,
    ).toBe(H);
  });

  it('reads the wrong medicine or dose sent as a safety hazard, and a leaflet warning read as none', () => {
    expect(
      classify(
        'Wrong strength',
        "I ordered 1.25mg for my dog and the bottle says 10mg. That's eight times the dose.",
      ).urgency,
    ).toBe(H);
    expect(
      classify(
        'Leaflet',
        'The leaflet has a big section about overdose. Can I take it with a cold remedy?',
      ).urgency,
    ).not.toBe(H);
    expect(
      classify('Order', 'I ordered the wrong tablets by mistake, can I swap them?').urgency,
    ).not.toBe(H);
  });

  it("reads cheaters in a game and one customer's own addresses as no security incident or outage", () => {
    expect(classify('Arena', 'The arena is full of hackers, ban them please.').urgency).not.toBe(H);
    expect(
      classify('Login', 'None of my three email addresses get the login link.').urgency,
    ).not.toBe(H);
    expect(classify('Breach', 'Hackers got into my account last night.').urgency).toBe(H);
  });
});

describe('the labels of rules 2026-12-06.21 (read off rounds 94 to 97)', () => {
  it('reads every submission rejected as an outage, one customer declined every time as none', () => {
    expect(
      classify(
        'Prescriptions',
        "Since 08:15 every electronic prescription we send you is rejected with 'Gateway error'.",
      ).urgency,
    ).toBe(H);
    expect(
      classify('Card', "Every time I update my card I get 'payment method declined'.").urgency,
    ).not.toBe(H);
  });

  it('reads a battery smoking as a hazard, a neighbour smoking or thawed ice packs as none', () => {
    expect(classify('Battery', 'The e-bike battery started smoking in our hallway.').urgency).toBe(
      H,
    );
    for (const message of [
      'Someone on the 4th floor has been smoking in the corridor. Could you remind residents?',
      'My insulin arrived and the ice packs in the cool bag had completely melted. What do I do?',
    ])
      expect(classify('Flat', message).urgency, message).not.toBe(H);
  });

  it('reads water still coming through the ceiling as live, and the site back since as past', () => {
    expect(
      classify('Leak', "Water is coming through the light fitting. I've turned the fuse off.")
        .urgency,
    ).toBe(H);
    expect(
      classify(
        'Re: URGENT - site down',
        'Thanks, the site has been back since 16:30. One leftover thing: a firewall rule cannot be deleted.',
      ).urgency,
    ).not.toBe(H);
  });

  it('reads an emergency number or an "urgent" label asked about as no plea', () => {
    for (const message of [
      'For our runbook: do enterprise customers get an emergency phone number, and what are the response times?',
      "Is there a way to mark certain alerts as 'urgent' so they page our on-call?",
    ])
      expect(classify('Question', message).urgency, message).not.toBe(H);
  });

  it('reads a changed recovery address and resources nobody launched as harm', () => {
    for (const message of [
      "The reset link goes to an address that's not my email. Someone has changed it.",
      'Our bill has $1,240 for GPU instances. Nobody at our company launched those.',
    ])
      expect(classify('Account', message).urgency, message).toBe(H);
  });
});

describe('the labels of rules 2026-12-06.22 (read off rounds 98 to 101)', () => {
  it('reads "two bills" and "the bill again" as no double charge, "billed again" as one', () => {
    for (const message of [
      'Could you post me paper copies of my last two bills? The mortgage broker wants them.',
      'I would be very grateful if you could look at the bill again after the leak.',
    ])
      expect(classify('Bills', message).urgency, message).not.toBe(H);
    expect(classify('Bill', 'You billed me again for March, I only owe it once.').urgency).toBe(H);
    expect(classify('Bill', 'I got two bills for the same quarter.').urgency).toBe(H);
  });

  it('reads what the customer did straight away as no plea, and a supply got back as past', () => {
    expect(
      classify(
        'Do you phone people?',
        'Do your staff ever phone customers for card numbers? Someone rang claiming to be you and I hung up straight away.',
      ).urgency,
    ).not.toBe(H);
    expect(
      classify(
        'Re: URGENT no water at all',
        'Hi again, thanks for getting the supply back last week. The new bill charges the full amount for the three days without water - is that right?',
      ).urgency,
    ).not.toBe(H);
  });

  it("reads a leaver, one tenant who can't pay and a parcel's contents as no incident", () => {
    for (const [subject, message] of [
      [
        'remove a user',
        'Please remove Dan Price from our business account users, he left the company last Friday.',
      ],
      [
        "Tenant can't pay rent online",
        'When she clicks Pay now the tenant gets an error. Other tenants paid fine.',
      ],
      [
        'Wrong items',
        "The delivery had two boxes of someone else's car parts; the contents aren't ours.",
      ],
    ] as [string, string][])
      expect(classify(subject, message).urgency, message).not.toBe(H);
    expect(
      classify(
        'Inbox',
        'Since the update none of our team can open the inbox; 140 customer emails we cannot see.',
      ).urgency,
    ).toBe(H);
  });

  it('reads a till that stopped accepting orders as an outage', () => {
    expect(
      classify(
        'tablet',
        'The order tablet stopped accepting delivery orders at 5.30, drivers are standing at the counter.',
      ).urgency,
    ).toBe(H);
  });
});

describe('tickets in other languages (rules-other-languages.ts)', () => {
  // Per signal, the urgency it gives and tickets (subject, message) that carry it.
  const signalled: Record<string, [Urgency, [string, string][]]> = {
    'charged twice': [
      H,
      [
        ['Pago', 'Me habéis cobrado dos veces la mensualidad de abril, 29 € cada una.'],
        ['Facture', 'Bonjour, vous avez prélevé deux fois mon abonnement ce mois-ci.'],
        ['Abbuchung', 'Sie haben den Jahresbeitrag doppelt abgebucht.'],
        ['Betaling', 'Mijn bestelling is twee keer afgeschreven van mijn rekening.'],
        ['Addebito', 'Mi avete addebitato due volte la stessa ricarica.'],
        ['Płatność', 'Pobraliście opłatę dwa razy za jedno zamówienie.'],
      ],
    ],
    'GDPR request': [
      H,
      [
        ['Datos', 'Ejerzo mi derecho al olvido: borren todos mis datos, por favor.'],
        ['Daten', 'Bitte löschen Sie alle meine Daten aus Ihrem System.'],
        [
          'Suppression',
          'Je souhaite que mes données personnelles soient supprimées de vos systèmes, conformément au RGPD.',
        ],
        ['Auskunft', 'Gemäß DSGVO verlange ich, dass meine Daten gelöscht werden.'],
      ],
    ],
    lawyer: [
      H,
      [
        ['Anwalt', 'Wenn das nicht bis Freitag erstattet ist, geht die Sache an meinen Anwalt.'],
        ['Avocat', 'Sans réponse sous huit jours, je transmets le dossier à mon avocat.'],
        [
          'Prélèvements',
          'Je vous mets en demeure de rembourser les prélèvements, sinon action en justice.',
        ],
      ],
    ],
    outage: [
      H,
      [
        ['Kassa', 'Sinds vanochtend werkt niets meer, we kunnen niet afrekenen.'],
        ['Sistema', 'No funciona nada desde las nueve, toda la clínica parada.'],
        ['Logiciel', "Plus rien ne fonctionne depuis la mise à jour, toute l'équipe est bloquée."],
        ['Edificio', 'Desde anoche ninguno de los vecinos del bloque tiene internet.'],
        ['Porta', 'Desde as oito nenhum membro consegue abrir a porta pela app.'],
        ['Kasse', 'Seit heute früh kann niemand im Laden kassieren.'],
        ['Agua', 'Desde ayer no sale agua en ningún piso del edificio.'],
        ['Strom', 'Seit heute Morgen haben wir keinen Strom im ganzen Haus.'],
      ],
    ],
    'data loss': [
      H,
      [
        ['Partida', 'Cambié de móvil y todo mi progreso en el juego ha desaparecido.'],
        ['Fichiers', 'Depuis la synchronisation, tous mes documents ont disparu.'],
        ['Kundendaten', 'Nach dem Update sind alle unsere Kundendaten weg.'],
        ['Foto', "Dopo l'aggiornamento tutte le foto dell'archivio sono sparite."],
      ],
    ],
    hacked: [
      H,
      [
        ['Cuenta', 'Mi cuenta fue hackeada anoche y ya no puedo entrar.'],
        ['Konto', 'Mein Konto wurde gehackt, jemand hat Bestellungen aufgegeben.'],
      ],
    ],
    'account takeover': [
      H,
      [
        ['Contraseña', 'Alguien cambió la contraseña de mi cuenta y el número de teléfono.'],
        ['Mot de passe', "Mon mot de passe a été changé cette nuit et ce n'est pas moi."],
      ],
    ],
    urgent: [
      H,
      [['Rechnung', 'Bitte dringend die Rechnung für März schicken, die Buchhaltung wartet.']],
    ],
    'complaint to a regulator': [
      H,
      [
        ['Réclamation', 'Sans remboursement vendredi, je dépose une plainte auprès de la DGCCRF.'],
        ['Reclamación', 'Mañana presento una hoja de reclamación si no devuelven el dinero.'],
      ],
    ],
    'unauthorized charge': [
      H,
      [
        ['Abbuchung', 'Trotz Kündigung im Januar wurde heute wieder abgebucht.'],
        ['Prélèvement', "Je n'ai pas autorisé ce prélèvement de 40 € sur mon compte."],
      ],
    ],
    'safety hazard': [
      H,
      [
        [
          'Crème',
          "Après la crème, j'ai fait une réaction allergique et je suis allée aux urgences.",
        ],
        ['Cargador', 'El cargador soltó humo anoche mientras cargaba el móvil.'],
      ],
    ],
    cancel: [M, [['Abonnement', 'Vorrei disdire il mio abbonamento dal prossimo mese.']]],
    refund: [
      M,
      [
        ['Devolución', 'Devolví las sábanas el lunes. ¿Me pueden hacer el reembolso a la tarjeta?'],
        ['Zwrot', 'Proszę o zwrot pieniędzy za niewykorzystaną noc w hotelu.'],
      ],
    ],
    'order problem': [
      M,
      [
        ['Ordine', 'Ho ordinato la giacca in M ma è arrivata la taglia sbagliata.'],
        ['Encomenda', 'Encomendei a caneca azul mas recebi a cor errada.'],
        ['Paket', 'Mein Paket ist nach zwei Wochen immer noch nicht angekommen.'],
        [
          'Lieferung',
          'Das Katzenstreu kam beschädigt an, der Sack war aufgerissen. Bitte um Ersatz.',
        ],
        ['Colis', 'Le vase est arrivé cassé. Pouvez-vous en envoyer un autre ?'],
      ],
    ],
    bug: [
      M,
      [
        ['App', 'Fiz o check-in mas o cartão de embarque não aparece na app.'],
        ['Export', "L'export PDF ne fonctionne pas depuis hier."],
      ],
    ],
  };
  it.each(
    Object.entries(signalled).flatMap(([keyword, [urgency, tickets]]) =>
      tickets.map(([subject, message]) => ({ subject, message, urgency, keyword })),
    ),
  )('$subject: $message', ({ subject, message, urgency, keyword }) => {
    const result = classify(subject, message);
    expect(result.urgency, result.signals.join('\n')).toBe(urgency);
    expect(result.keywords).toContain(keyword);
  });

  it('reads English lexicon words that are everyday words there as theirs ("die", "war")', () => {
    expect(
      classify(
        'Zustellung',
        'Die Sendung mit meinen Tabletten wurde zurückgeschickt. Ich war zuhause. Können Sie sie bitte neu versenden?',
      ).sentiment,
    ).toBe(NEU);
    expect(
      classify('Plans', 'I would die for a dark mode, the white is too bright.').sentiment,
    ).toBe(NEG);
  });

  it('hears a plea called off in those languages', () => {
    for (const message of [
      "Ce n'est pas urgent, mais l'export PDF coupe la dernière ligne.",
      'Geen haast, maar het is dringend nodig dat iemand kijkt.',
      'No es urgente: el botón de exportar no hace nada.',
    ])
      expect(classify('Export', message).urgency, message).not.toBe(H);
  });

  it('leaves English words that an English stemmer would fold onto foreign ones alone', () => {
    expect(classify('Question', 'What is the urgency policy for refunds?').urgency).toBe(L);
    expect(
      classify('Note', 'I cancelled nothing, just checking how renewals work.').keywords,
    ).not.toContain('urgent');
  });
});

describe('context rules', () => {
  it('does not count a quoted earlier message', () => {
    expectLabels([
      'Re: your question',
      'Yes, the dark theme would be great, thanks!\n\n> On 2 May, Support wrote:\n> Sorry for the outage, we are fixing it urgently.',
      L,
      NEU,
      false,
    ]);
  });

  it("reads a reply's subject as the thread's, past once the reply says it is settled", () => {
    const subject = "Someone else's invoices showing in our account";
    expectLabels([
      `RE: ${subject}`,
      'Thanks for the access log, good to know nobody opened them. We have reset every password on our side.',
      L,
      POS,
      false,
    ]);
    // The reply still asks for something about it: the matter is open.
    expectLabels([
      `RE: ${subject}`,
      'Thanks for the summary. Please send us the written incident report for our auditors.',
      H,
      NEG,
      true,
    ]);
    // Without "RE:" the subject is this message's own news.
    expectLabels([subject, 'Thanks in advance for looking at it.', H, NEG, true]);
  });

  it('does not count a legal footer or a signature', () => {
    expectLabels([
      'Signature test',
      'Where can I change my profile picture?\n\nBest regards,\nAnna Lindqvist\nOperations Manager\n\nCONFIDENTIAL: This email and any attachments are intended only for the named recipient. If you have received it in error please notify the sender immediately and delete it; unauthorised use may lead to legal action.',
      L,
      NEU,
      false,
    ]);
  });

  it('tells a question about a topic from a report', () => {
    expectLabels([
      'Refund rules',
      'If I return the jacket after 30 days, do refunds still apply?',
      L,
      NEU,
      false,
    ]);
    expectLabels([
      'Refund',
      'The jacket came back to you a month ago and I am still waiting for the refund. Can you check?',
      H,
      NEU,
      true,
    ]);
  });

  it('hears a call-off that comes after the problem', () => {
    expectLabels([
      'DOWN',
      'Nothing loads for anyone here!!\n\nUpdate: never mind, our proxy was blocking you. Sorry!',
      L,
      NEU,
      false,
    ]);
  });

  it('does not take acronyms or code for shouting', () => {
    expectLabels([
      'POST /v1/refunds',
      'Does the POST /v1/refunds endpoint accept an idempotency key in UTC or ISO format?',
      L,
      NEU,
      false,
    ]);
    // A monitor's severity labels are not a person shouting.
    expectLabels([
      '[Watchtower] RESOLVED sync-worker backlog 120',
      'Watchtower alert: RESOLVED (was WARNING)\nService: sync-worker\nBacklog: 120 jobs\nDuration: 42m',
      L,
      NEU,
      false,
    ]);
  });

  it('hears the second meaning of signal words', () => {
    expectLabels([
      'Onboarding',
      'Do you run a crash course on reporting for new team members?',
      L,
      NEU,
      false,
    ]);
    // A business's export of its own records is no privacy request.
    expectLabels([
      'Moving to a new system',
      'We are migrating our shop to another platform next month. Could you send us a full data export of our orders and products?',
      L,
      NEU,
      true,
    ]);
    expectLabels([
      'Write-offs',
      'How do I mark an old invoice as bad debt so it leaves the aged debtors report?',
      L,
      NEU,
      false,
    ]);
    expectLabels([
      'Fire drill mode',
      'Is there a way to put all devices in fire drill mode for an hour?',
      L,
      NEU,
      false,
    ]);
    expectLabels([
      'Court booking',
      'Can I book the squash court for two hours on Sunday?',
      L,
      NEU,
      false,
    ]);
    expectLabels([
      'Critical review',
      'Your critical review feature is brilliant for our essay class, thank you!',
      L,
      POS,
      false,
    ]);
    expectLabels([
      'Killer app',
      'This app is killer, my team loves it. Any chance of a Linux version?',
      L,
      POS,
      false,
    ]);
    expectLabels(['Sue', 'Please give Sue Patel access to the reports.', L, NEU, true]);
    expectLabels([
      'Emergency contact',
      'How do I change the emergency contact on my profile?',
      L,
      NEU,
      false,
    ]);
  });
});

describe('signals', () => {
  it('names the rule, the words it matched and the version', () => {
    const result = classify('Billing', 'You billed me two times for one order.');
    expect(result.rulesVersion).toBe(`${RULES_VERSION}+minilm-static-384-0.55-0.05`);
    expect(new Classifier().classify({ subject: 'x', message: 'y' }).rulesVersion).toBe(
      RULES_VERSION,
    );
    expect(result.signals).toContain('money:charged twice «billed me two times»');
    expect(result.signals).toContain('rule:harm-is-negative');
    expect(result.keywords).toEqual(['charged twice']);
  });

  it('shows why a signal word did not count', () => {
    expect(classify('Plea', 'This is not urgent at all.').signals).toContain(
      'negated:plea:urgent «urgent»',
    );
    expect(classify('Q', 'What happens if a customer files a chargeback?').signals).toContain(
      'topic:money:chargeback «chargeback»',
    );
    expect(classify('Sorted', 'The site was down, never mind, it is fine now.').signals).toContain(
      'called-off:outage:outage «site was down»',
    );
    expect(classify('Emergency', 'Where is the emergency contact form?').signals).toContain(
      'other-sense:plea:emergency «emergency»',
    );
  });

  it('says a reason once, however many sentences repeat it', () => {
    const { signals } = classify('Urgent', 'Urgent. Urgent. Please, urgent.');
    expect(signals.filter((signal) => signal === 'plea:urgent «urgent»')).toHaveLength(1);
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
    refund: [M, NEU, true],
    'charged twice': [H, NEG, true],
    lawsuit: [H, NEG, true],
    angry: [M, NEG, false],
    broken: [M, NEU, true],
    urgent: [H, NEU, true],
    help: [L, NEU, false],
    question: [L, NEU, false],
    'feature request': [L, NEU, false],
    'login issue': [M, NEU, true],
    GDPR: [H, NEU, true],
    cancel: [M, NEU, true],
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
    }).toEqual({ urgency, sentiment, requiresAction });
    expect(result.keywords).toContain(keyword);
  });
});
