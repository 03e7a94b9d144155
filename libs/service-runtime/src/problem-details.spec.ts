import { problemOf } from './problem-details';

describe('problem-details - problemOf', () => {
  it.each([
    [400, 'Bad Request'],
    [413, 'Payload Too Large'],
    [422, 'Unprocessable Entity'],
    [500, 'Internal Server Error'],
    [599, 'Error'],
  ])('titles %i as %s', (status, title) => {
    expect(problemOf(status, 'what went wrong')).toEqual({
      type: 'about:blank',
      title,
      status,
      detail: 'what went wrong',
      error: 'what went wrong',
    });
  });

  it('keeps the per-field details as an extension member', () => {
    expect(problemOf(400, 'invalid request body: name: required', [{ path: 'name', message: 'required' }])).toMatchObject({
      details: [{ path: 'name', message: 'required' }],
    });
  });
});
