import { renderTable } from './table-writer';

describe('table writer - aligned columns with padding 2', () => {
  it('pads every column but the last to its widest cell plus two spaces', () => {
    expect(
      renderTable([
        ['VOLUME', 'DECISION', 'REASON'],
        ['app/data-long', 'snapshot', 'policy #1'],
        ['x', 'skip', ''],
      ]),
    ).toBe(['VOLUME         DECISION  REASON', 'app/data-long  snapshot  policy #1', 'x              skip'].join('\n'));
  });

  it('renders nothing for no rows', () => {
    expect(renderTable([])).toBe('');
  });
});
