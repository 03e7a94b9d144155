// The volume-info service started in-process for specs that run the Backup or Restore controller
// in-process: a run reaches its final phase only once volume-info sealed its report, so those
// specs need a real one. It has its own isolated contracts on the environment's NATS.
import type { KubeClient } from '@ferry/kube';
import { createVolumeReporter, type VolumeReporter } from '@ferry/volume-info-client';
import { startVolumeInfoService, type VolumeInfoService } from '@ferry/volume-info-service';
import { testApiAccess } from './service-api-access';
import { connectTestContracts, type TestContracts, type TestNatsEnvironment } from './test-contracts';

/** A running in-process volume-info service and the controller-side reporter that talks to it. */
export interface InProcessVolumeInfo {
  readonly service: VolumeInfoService;
  readonly reporter: VolumeReporter;
  readonly test: TestContracts;
  /** Stops the service and deletes its streams. */
  stop(): Promise<void>;
}

/** Starts volume-info for the Backups and Restores of `namespace`; stop it after the spec. */
export async function startInProcessVolumeInfo(
  kube: KubeClient,
  namespace: string,
  environment: TestNatsEnvironment,
): Promise<InProcessVolumeInfo> {
  const test = await connectTestContracts(`volume-info-${namespace}`, environment);
  try {
    const service = await startVolumeInfoService({
      kube,
      nats: test.nats,
      contracts: test.contracts,
      logger: test.logger,
      config: { namespace, httpHost: '127.0.0.1', httpPort: 0 },
      apiAccess: testApiAccess(kube),
    });
    return {
      service,
      test,
      reporter: createVolumeReporter({ nats: test.nats, contracts: test.contracts, source: 'controller' }),
      async stop() {
        await service.stop();
        await test.dispose();
      },
    };
  } catch (error) {
    await test.dispose();
    throw error;
  }
}
