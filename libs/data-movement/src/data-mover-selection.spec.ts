import type { DataMoverClass } from '@ferry/api';
import { decideDataMover, podVolumeUploader, type ControllerRole, type DataMoverInput } from './data-mover-selection';

function moverClass(name: string, mover: string, datamover: string, dataMoverConfig?: Record<string, string>): DataMoverClass {
  return {
    apiVersion: 'datamover.oadp.openshift.io/v1alpha1',
    kind: 'DataMoverClass',
    metadata: { name },
    spec: { mover, datamover, ...(dataMoverConfig ? { dataMoverConfig } : {}) },
  };
}

const classes = [
  moverClass('ferry-restic', 'ferry', 'ferry-restic', { uploaderType: 'restic', other: 'x' }),
  moverClass('ferry', 'ferry', 'ferry'),
  moverClass('external', 'acme', 'acme-mover'),
];

describe('data mover selection - which values Ferry serves, by role', () => {
  it.each<[ControllerRole, string | undefined, boolean]>([
    ['server', undefined, true],
    ['server', '', true],
    ['server', 'velero', true],
    ['server', 'ferry', true],
    ['server', 'ferry-restic', true],
    ['server', 'acme-mover', false],
    ['server', 'velero-fs', true],
    ['server', 'velero-block', false],
    ['server', 'unknown', false],
    ['data-mover', undefined, false],
    ['data-mover', '', false],
    ['data-mover', 'velero', false],
    ['data-mover', 'velero-fs', false],
    ['data-mover', 'ferry', true],
    ['data-mover', 'ferry-restic', true],
    ['data-mover', 'acme-mover', false],
  ])('role %s, datamover %p → served %s', (role, datamover, served) => {
    expect(decideDataMover({ role, datamover, classes }).serve).toBe(served);
  });

  it.each<[string, Partial<DataMoverInput>, string]>([
    ['default kopia', { datamover: '' }, 'kopia'],
    ['from the class', { datamover: 'ferry-restic' }, 'restic'],
    ['the resource wins over the class', { datamover: 'ferry-restic', dataMoverConfig: { uploaderType: 'kopia' } }, 'kopia'],
    ['the resource alone', { datamover: 'velero', dataMoverConfig: { uploaderType: 'restic' } }, 'restic'],
  ])('uploader: %s', (_name, input, uploader) => {
    const decision = decideDataMover({ role: 'server', classes, ...input });
    expect(decision).toMatchObject({ serve: true, uploader });
  });

  it('merges the class config under the resource config and names the class', () => {
    expect(decideDataMover({ role: 'server', classes, datamover: 'ferry-restic', dataMoverConfig: { other: 'y' } })).toEqual({
      serve: true,
      uploader: 'restic',
      config: { uploaderType: 'restic', other: 'y' },
      dataMoverClass: 'ferry-restic',
    });
  });

  it('an unknown uploader is invalid with the field named', () => {
    const decision = decideDataMover({ role: 'server', classes, datamover: '', dataMoverConfig: { uploaderType: 'rsync' } });
    expect(decision).toEqual({ serve: 'invalid', message: expect.stringContaining('spec.dataMoverConfig.uploaderType') });
  });

  it('a class of another mover claiming "" takes the built-in value away', () => {
    expect(decideDataMover({ role: 'server', classes: [moverClass('other', 'acme', '')], datamover: '' }).serve).toBe(false);
  });

  it.each([
    [undefined, 'kopia'],
    ['', 'kopia'],
    ['kopia', 'kopia'],
    ['restic', 'restic'],
  ])('pod volume uploader %p → %s', (input, uploader) => {
    expect(podVolumeUploader(input)).toBe(uploader);
  });
});
