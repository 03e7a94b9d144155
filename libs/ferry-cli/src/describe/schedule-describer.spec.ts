import type { BackupSpec, Schedule } from '@ferry/api';
import { describeSchedule } from './schedule-describer';

// Velero's builder.ForSchedule(...).Result(): an empty template, no status unless set.
function schedule(name: string, fields: { phase?: 'Enabled' | 'FailedValidation'; cron?: string; template?: BackupSpec }): Schedule {
  return {
    apiVersion: 'velero.io/v1',
    kind: 'Schedule',
    metadata: { name, namespace: 'velero' },
    spec: { schedule: fields.cron ?? '', template: fields.template ?? {} },
    status: { ...(fields.phase ? { phase: fields.phase } : {}) },
  };
}

const lastBackup = '2023-06-25T15:04:05Z';

// Velero's pkg/cmd/util/output/schedule_describe_test.go, expectations verbatim (the template's
// blank lines carry the two-space prefix, as Go's Describer prints them).
const template = (volumeLines: string) => `Backup Template:
  Namespaces:
    Included:  *
    Excluded:  <none>
  
  Resources:
    Included cluster-scoped:    <none>
    Excluded cluster-scoped:    <none>
    Included namespace-scoped:  *
    Excluded namespace-scoped:  <none>
  
  Label selector:  <none>
  
  Or label selector:  <none>
  
  Storage Location:  
  
${volumeLines}
  
  TTL:  0s
  
  CSISnapshotTimeout:    0s
  ItemOperationTimeout:  0s
  
  Hooks:  <none>
`;

const header = (name: string) => `Name:         ${name}
Namespace:    velero
Labels:       <none>
Annotations:  <none>
`;

const defaultVolumes = `  Velero-Native Snapshot PVs:  auto
  Snapshot Move Data:          auto
  Data Mover:                  velero`;
const fsVolumes = (value: boolean) => `  Velero-Native Snapshot PVs:    auto
  File System Backup (Default):  ${value}
  Snapshot Move Data:            auto
  Data Mover:                    velero`;

describe('describeSchedule - Velero wording', () => {
  it.each<[string, Schedule, string]>([
    [
      'schedule failed in validation',
      {
        ...schedule('schedule-1', { phase: 'FailedValidation' }),
        status: { phase: 'FailedValidation', validationErrors: ['validation failed'] },
      },
      `${header('schedule-1')}
Phase:  FailedValidation

Validation errors:  validation failed

Paused:  false

Schedule:  

${template(defaultVolumes)}
Last Backup:  <never>
`,
    ],
    [
      'schedule enabled',
      {
        ...schedule('schedule-2', { phase: 'Enabled', cron: '0 0 * * *', template: { uploaderConfig: { parallelFilesUpload: 10 } } }),
        status: { phase: 'Enabled', lastBackup },
      },
      `${header('schedule-2')}
Phase:  Enabled

Uploader config:
  Parallel files upload:  10

Paused:  false

Schedule:  0 0 * * *

${template(defaultVolumes)}
Last Backup:  2023-06-25 15:04:05 +0000 UTC
`,
    ],
    ...[true, false].map((value): [string, Schedule, string] => [
      `schedule with DefaultVolumesToFsBackup is ${value}`,
      {
        ...schedule(`schedule-${value ? 3 : 4}`, { phase: 'Enabled', cron: '0 0 * * *', template: { defaultVolumesToFsBackup: value } }),
        status: { phase: 'Enabled', lastBackup },
      },
      `${header(`schedule-${value ? 3 : 4}`)}
Phase:  Enabled

Paused:  false

Schedule:  0 0 * * *

${template(fsVolumes(value))}
Last Backup:  2023-06-25 15:04:05 +0000 UTC
`,
    ]),
  ])('%s', (_name, input, expected) => {
    expect(describeSchedule(input)).toBe(expected);
  });

  it('prints New for a schedule without a phase, paused, resource policies and labels', () => {
    const text = describeSchedule({
      ...schedule('nightly', { cron: '@every 24h', template: { resourcePolicy: { kind: 'configmap', name: 'policies' }, ttl: '72h' } }),
      metadata: { name: 'nightly', namespace: 'velero', labels: { team: 'a', app: 'shop' } },
      spec: { schedule: '@every 24h', paused: true, template: { resourcePolicy: { kind: 'configmap', name: 'policies' }, ttl: '72h' } },
    });
    expect(text).toContain('Labels:       app=shop\n              team=a\n');
    expect(text).toContain('Phase:  New\n\nResource policies:\n  Type:  configmap\n  Name:  policies\n\nPaused:  true\n');
    expect(text).toContain('  TTL:  72h0m0s\n');
  });
});
