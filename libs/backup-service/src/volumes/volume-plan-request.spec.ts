import { RemoteError, RequestError } from '@ferry/nats';
import { planFailure } from './volume-plan-request';

describe('volume plan request - what a failed plan becomes', () => {
  it('a refusal the policy service marks final is the Backup error, naming the code', () => {
    const refused = new RemoteError(
      't.rpc.policy.v1.evaluate',
      'POLICY_INVALID_RESOURCE_POLICIES',
      'fail to validate ResourcePolicies',
      false,
    );
    expect(planFailure(refused)).toEqual({
      message: 'Error planning the volumes of the backup with the policy service',
      error: 'responder on t.rpc.policy.v1.evaluate failed with POLICY_INVALID_RESOURCE_POLICIES: fail to validate ResourcePolicies',
    });
  });

  it.each([
    ['a retryable refusal', new RemoteError('s', 'POLICY_KUBE_UNAVAILABLE', 'api server down', true)],
    ['no policy service answering', new RequestError('s', 'no-responders', true)],
    ['a timeout', new RequestError('s', 'timeout', true)],
  ])('%s is thrown again, so start is retried', (_, error) => {
    expect(() => planFailure(error)).toThrow(error);
  });
});
