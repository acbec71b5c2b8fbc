import { validateSync } from 'class-validator';
import { IsPlainText } from './validators';

class SiteForm {
  @IsPlainText(2, 10)
  name!: unknown;
}

/** The problems IsPlainText(2, 10) finds in `name`. */
function problems(name: unknown): string[] {
  const form = Object.assign(new SiteForm(), { name });
  return validateSync(form).flatMap((error) => Object.values(error.constraints ?? {}));
}

describe('IsPlainText', () => {
  it.each(['文明实践站', '城关镇文明实践所', '东街社区 志愿服务队', 'A栋-3号（便民）', '志愿者'])('accepts %p', (name) => {
    expect(problems(name)).toEqual([]);
  });

  it('counts characters, not UTF-16 units: a 4-byte character counts once', () => {
    expect(problems('𠮷野')).toEqual([]);
    expect(problems('👍'.repeat(10))).toEqual([]);
    expect(problems('𠮷'.repeat(10))).toEqual([]);
    expect(problems('𠮷'.repeat(11))).not.toEqual([]);
  });

  it('accepts exactly the minimum and the maximum length', () => {
    expect(problems('文明')).toEqual([]);
    expect(problems('新时代文明实践中心站')).toEqual([]);
  });

  it.each([
    ['too short', '站'],
    ['empty', ''],
    ['too long', '新时代文明实践中心志愿服务站'],
  ])('rejects text that is %s', (_, name) => {
    expect(problems(name)).toEqual(['must be text of 2 to 10 characters, without leading or trailing spaces or control characters']);
  });

  it.each([
    ['a leading space', ' 文明实践站'],
    ['a trailing space', '文明实践站 '],
    ['a leading ideographic space', '\u3000文明实践站'],
    ['a trailing tab', '文明实践站\t'],
  ])('rejects %s', (_, name) => {
    expect(problems(name)).toHaveLength(1);
  });

  it.each([
    ['a newline', '文明\n实践站'],
    ['a tab', '文明\t实践站'],
    ['NUL', '文明\u0000实践站'],
    ['ESC', '文明\u001b实践站'],
    ['DEL', '文明\u007f实践站'],
    ['a C1 control', '文明\u0085实践站'],
    ['a line separator', '文明\u2028实践站'],
    ['a paragraph separator', '文明\u2029实践站'],
  ])('rejects %s inside the text', (_, name) => {
    expect(problems(name)).toHaveLength(1);
  });

  it.each([
    ['a number', 12345],
    ['null', null],
    ['a list', ['文明实践站']],
  ])('rejects %s', (_, name) => {
    expect(problems(name)).toHaveLength(1);
  });
});
