// A record's publisher is the last token of its subject, which NATS lets only that service publish
// to; the `source` inside the payload is the publisher's word. A record whose two disagree was not
// published by the service it names, and is left out of the history and of every document.
import type { FerryContracts, MessageOf } from '@ferry/contracts';

type RecordContract = FerryContracts['messages']['volumeInfoRecord'];

/** Whether the stored record on `subject` is what its subject's publisher may say (same source). Pure. */
export function isOwnRecord(contract: RecordContract, subject: string, record: MessageOf<RecordContract>): boolean {
  return contract.subject.parse(subject)?.source === record.source;
}
