import { alignTabs, describerTabwriter, tableTabwriter } from './go-tabwriter';

describe('go tabwriter - alignment as Go prints it', () => {
  it.each([
    ['one block shares a column', 'Name:\tb1\nNamespace:\tvelero\n', describerTabwriter, 'Name:       b1\nNamespace:  velero\n'],
    ['an empty line ends the block', 'A:\t1\n\nLonger:\t2\n', describerTabwriter, 'A:  1\n\nLonger:  2\n'],
    [
      'a leading tab is a two-space indent',
      'Resource policies:\n\tType:\tconfigmap\n\tName:\tp\n',
      describerTabwriter,
      'Resource policies:\n  Type:  configmap\n  Name:  p\n',
    ],
    [
      'a line without the column ends its block',
      'Labels:\ta=1\n\tb=2\nX:\t3\n',
      describerTabwriter,
      'Labels:  a=1\n         b=2\nX:       3\n',
    ],
    ['text after the last tab is not padded', 'k:\tv  \n', describerTabwriter, 'k:  v  \n'],
    ['tables pad to minwidth 6 plus 3', 'NAME\tSTATUS\nb\tCompleted\n', tableTabwriter, 'NAME   STATUS\nb      Completed\n'],
    ['runes count once', 'é:\t1\nab:\t2\n', describerTabwriter, 'é:   1\nab:  2\n'],
  ])('%s', (_name, input, settings, expected) => {
    expect(alignTabs(input, settings)).toBe(expected);
  });
});
