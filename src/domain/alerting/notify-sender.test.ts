import { notifySenderContract } from '../../../test/support/contracts/notify-sender.contract.js';
import { NOTIFY_ANSWERS, ScriptedSender } from '../../../test/support/fakes.js';

notifySenderContract('scripted', async (answer) => new ScriptedSender([], NOTIFY_ANSWERS[answer]));
