import { InvalidDefinitionError } from './errors';
import type { MessageContract } from './message-contract';
import type { StreamDefinition } from './stream-definition';
import { subjectCovers, subjectsOverlap } from './subject-match';
import type { SubjectTemplate } from './subject-template';

/** What {@link checkContractRegistry} inspects: every subject template, stream and contract. */
export interface ContractRegistryParts {
  readonly subjects: Readonly<Record<string, SubjectTemplate>>;
  readonly streams: Readonly<Record<string, StreamDefinition>>;
  readonly messages: Readonly<Record<string, MessageContract>>;
}

/**
 * The registry's invariants, as a list of problems (empty when sound). Pure.
 * - no two subject templates can produce the same subject;
 * - no two streams capture the same subject (the server refuses overlapping streams);
 * - each JetStream contract is captured by its own stream only;
 * - no core or request subject is captured by a stream (a stream would answer a request with
 *   a publish ack, and persist disposable signals).
 */
export function contractRegistryProblems(parts: ContractRegistryParts): string[] {
  const problems: string[] = [];
  const subjects = Object.entries(parts.subjects);
  subjects.forEach(([a, x], i) => {
    for (const [b, y] of subjects.slice(i + 1)) {
      if (subjectsOverlap(x.wildcard, y.wildcard)) problems.push(`subjects ${a} (${x.pattern}) and ${b} (${y.pattern}) overlap`);
    }
  });
  const streams = Object.values(parts.streams);
  streams.forEach((s, i) => {
    for (const t of streams.slice(i + 1)) {
      if (s.subjects.some((x) => t.subjects.some((y) => subjectsOverlap(x, y)))) {
        problems.push(`streams ${s.name} and ${t.name} capture overlapping subjects`);
      }
    }
  });
  for (const [key, contract] of Object.entries(parts.messages)) {
    const capturing = streams.filter((s) => s.subjects.some((f) => subjectsOverlap(f, contract.subject.wildcard)));
    if (contract.delivery === 'jetstream') {
      const own = capturing.filter((s) => s.name === contract.stream.name);
      const covered = own.some((s) => s.subjects.some((f) => subjectCovers(f, contract.subject.wildcard)));
      if (!covered || capturing.length !== own.length) {
        problems.push(`contract ${key} (${contract.subject.pattern}) must be captured by stream ${contract.stream.name} only`);
      }
    } else if (capturing.length > 0) {
      problems.push(
        `${contract.delivery} contract ${key} (${contract.subject.pattern}) is captured by stream ${capturing.map((s) => s.name).join(', ')}`,
      );
    }
  }
  return problems;
}

/** Throws {@link InvalidDefinitionError} listing every problem {@link contractRegistryProblems} finds. */
export function checkContractRegistry(parts: ContractRegistryParts): void {
  const problems = contractRegistryProblems(parts);
  if (problems.length > 0) throw new InvalidDefinitionError(`contract registry is inconsistent: ${problems.join('; ')}`);
}
