import { ValidationOptions, registerDecorator } from 'class-validator';

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/** Single-line human text: trimmed, of bounded length, without control characters. */
export function IsPlainText(min: number, max: number, options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isPlainText',
      target: target.constructor,
      propertyName: propertyName as string,
      options,
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' && value === value.trim() && [...value].length >= min && [...value].length <= max && !CONTROL.test(value),
        defaultMessage: () => `must be text of ${min} to ${max} characters, without leading or trailing spaces or control characters`,
      },
    });
}

// eslint-disable-next-line no-control-regex
const CONTROL_BUT_NEWLINE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029]/;

/** Paragraphs of human text: like IsPlainText, but line breaks are allowed inside. */
export function IsParagraphText(min: number, max: number, options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isParagraphText',
      target: target.constructor,
      propertyName: propertyName as string,
      options,
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' &&
          value === value.trim() &&
          [...value].length >= min &&
          [...value].length <= max &&
          !CONTROL_BUT_NEWLINE.test(value.replace(/\r\n/g, '\n')),
        defaultMessage: () => `must be text of ${min} to ${max} characters, without leading or trailing spaces or control characters other than line breaks`,
      },
    });
}
