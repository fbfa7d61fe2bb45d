import { statsWriterContract } from '../../../test/support/contracts/stats-writer.contract.js';
import { RecordingStatsWriter } from '../../../test/support/fakes.js';

statsWriterContract('recording', async () => new RecordingStatsWriter());
