import { createApiRequester } from './api-requester';
import { KubeErrorCode } from './errors';
import { unreachableConfig } from './testing/unreachable-config';

describe('api requester', () => {
  it('applies the credentials once for the calls of one second, and again after it', async () => {
    const config = unreachableConfig();
    const apply = jest.spyOn(config, 'applySecurityAuthentication');
    const now = jest.spyOn(Date, 'now').mockReturnValue(1_000_000);
    try {
      const requester = createApiRequester(config);
      const call = () => requester.request({ method: 'GET', path: '/api/v1/namespaces' });
      for (let i = 0; i < 3; i++) await expect(call()).rejects.toMatchObject({ code: KubeErrorCode.Unavailable });
      expect(apply).toHaveBeenCalledTimes(1);
      now.mockReturnValue(1_001_000);
      await expect(call()).rejects.toMatchObject({ code: KubeErrorCode.Unavailable });
      expect(apply).toHaveBeenCalledTimes(2);
    } finally {
      now.mockRestore();
    }
  });

  it('answers a failure to apply the credentials as the call failing, and tries them again on the next call', async () => {
    const config = unreachableConfig();
    jest.spyOn(config, 'applySecurityAuthentication').mockRejectedValueOnce(new Error('exec plugin failed'));
    const requester = createApiRequester(config);
    const call = () => requester.request({ method: 'GET', path: '/api/v1/namespaces' });
    await expect(call()).rejects.toThrow('exec plugin failed');
    await expect(call()).rejects.toMatchObject({ code: KubeErrorCode.Unavailable });
  });
});
