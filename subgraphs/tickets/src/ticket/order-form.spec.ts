import type { OrderFormField } from '../directory/resource-directory';
import { checkAnswers } from './order-form';

const field = (overrides: Partial<OrderFormField>): OrderFormField => ({
  key: 'k',
  label: '字段',
  type: 'TEXT',
  required: false,
  options: null,
  min: null,
  max: null,
  maxLength: null,
  ...overrides,
});

const FORM = [
  field({ key: 'topic', type: 'SINGLE_CHOICE', required: true, options: [{ value: 'law' }, { value: 'health' }] }),
  field({ key: 'people', type: 'NUMBER', min: 1, max: 50 }),
  field({ key: 'on', type: 'DATE' }),
  field({ key: 'needs', type: 'MULTIPLE_CHOICE', options: [{ value: 'a' }, { value: 'b' }, { value: 'c' }] }),
  field({ key: 'note', type: 'TEXT', maxLength: 5 }),
];

describe('checkAnswers', () => {
  it('answers the valid answers in the order of the form, trimmed', () => {
    const result = checkAnswers(
      FORM,
      [
        { key: 'people', value: ' 12 ' },
        { key: 'topic', value: 'law' },
        { key: 'needs', values: ['c', 'a'] },
      ],
      'in',
    );
    expect(result.problems).toEqual([]);
    expect(result.answers).toEqual([
      { key: 'topic', value: 'law' },
      { key: 'people', value: '12' },
      { key: 'needs', values: ['c', 'a'] },
    ]);
  });

  it.each([
    [[], 'in'],
    [[{ key: 'topic', value: 'sport' }], 'in[0].value'],
    [
      [
        { key: 'topic', value: 'law' },
        { key: 'people', value: '0' },
      ],
      'in[1].value',
    ],
    [
      [
        { key: 'topic', value: 'law' },
        { key: 'people', value: '1e3' },
      ],
      'in[1].value',
    ],
    [
      [
        { key: 'topic', value: 'law' },
        { key: 'on', value: '2026-02-30' },
      ],
      'in[1].value',
    ],
    [
      [
        { key: 'topic', value: 'law' },
        { key: 'needs', values: ['a', 'a'] },
      ],
      'in[1].values',
    ],
    [
      [
        { key: 'topic', value: 'law' },
        { key: 'needs', values: ['d'] },
      ],
      'in[1].values',
    ],
    [
      [
        { key: 'topic', value: 'law' },
        { key: 'note', value: '太长的备注文字' },
      ],
      'in[1].value',
    ],
    [
      [
        { key: 'topic', value: 'law' },
        { key: 'extra', value: 'x' },
      ],
      'in[1].key',
    ],
    [
      [
        { key: 'topic', value: 'law' },
        { key: 'topic', value: 'law' },
      ],
      'in[1].key',
    ],
  ])('finds the problem of %j at %s', (answers, field) => {
    expect(checkAnswers(FORM, answers, 'in').problems.map((p) => p.field)).toContain(field);
  });
});
