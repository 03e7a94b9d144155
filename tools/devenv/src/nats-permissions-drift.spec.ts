// Code and NATS permissions must not drift: for each service, the message contracts and durable
// consumers its code (its app and every Ferry library the app reaches) names are exactly those
// `ferryMessageUsage` / `ferryConsumerOwners` grant it — a contract used but not granted would be
// refused by nats-server at runtime; one granted but unused is a permission nobody needs.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import {
  ferryConsumerOwners,
  ferryContracts,
  ferryMessageUsage,
  FerryService,
  natsContractsUsed,
  type NatsIdentity,
} from '@ferry/contracts';

const root = resolve(__dirname, '../../..');
const paths = (
  JSON.parse(readFileSync(join(root, 'tsconfig.base.json'), 'utf8')) as { compilerOptions: { paths: Record<string, string[]> } }
).compilerOptions.paths;
/** The generic libraries: they take every contract and name none. */
const generic = new Set(['@ferry/contracts', '@ferry/nats']);

function sourceFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((entry) => {
    const path = join(folder, entry);
    if (statSync(path).isDirectory()) return entry === 'testing' ? [] : sourceFiles(path);
    return path.endsWith('.ts') && !path.endsWith('.spec.ts') ? [path] : [];
  });
}

/** The source files of an app and of every Ferry library it imports, transitively (test entries excluded). */
function reachableFiles(app: string): string[] {
  const seen = new Set<string>();
  const files: string[] = [];
  const visit = (folder: string): void => {
    if (seen.has(folder)) return;
    seen.add(folder);
    for (const file of sourceFiles(folder)) {
      files.push(file);
      for (const [, name] of readFileSync(file, 'utf8').matchAll(/from '(@ferry\/[a-z-]+)'/g)) {
        const target = paths[name ?? '']?.[0];
        if (name !== undefined && target !== undefined && !generic.has(name)) visit(dirname(join(root, target)));
      }
    }
  };
  visit(join(root, 'apps', app, 'src'));
  return files;
}

function namedIn(files: readonly string[], pattern: RegExp): string[] {
  const names = new Set<string>();
  for (const file of files) for (const [, name] of readFileSync(file, 'utf8').matchAll(pattern)) if (name) names.add(name);
  return [...names].sort();
}

describe('NATS permissions - derived from the contracts, matching what each service’s code uses', () => {
  it.each(Object.values(FerryService))('%s: the contracts and consumers its code names are exactly those it is granted', (service) => {
    const files = reachableFiles(service);
    const identity = (service === FerryService.Mover ? { service, node: 'node-a' } : { service }) as NatsIdentity;
    const granted = natsContractsUsed(ferryContracts, identity).sort();
    const owned = Object.entries(ferryConsumerOwners)
      .filter(([, owner]) => owner === service)
      .map(([key]) => key)
      .sort();
    const messageKeys = new Set(Object.keys(ferryMessageUsage));
    const consumerKeys = new Set(Object.keys(ferryConsumerOwners));
    expect({
      messages: namedIn(files, /\bmessages\.(\w+)/g).filter((key) => messageKeys.has(key)),
      consumers: namedIn(files, /\bconsumers\.(\w+)\(/g).filter((key) => consumerKeys.has(key)),
    }).toEqual({ messages: granted, consumers: owned });
  });
});
