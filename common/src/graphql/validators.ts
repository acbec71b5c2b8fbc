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

/** Decimal places of a finite number as JavaScript writes it, also in exponent notation (5e-324). */
function decimalPlaces(value: number): number {
  const [, fraction = '', exponent = '0'] = /^-?\d+(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(value)) ?? [];
  return Math.max(0, fraction.length - Number(exponent));
}

/**
 * A finite number with at most `places` decimals. class-validator's own `maxDecimalPlaces` throws
 * on numbers JavaScript writes in exponent notation, which a client can send as a plain Float.
 */
export function HasDecimalPlaces(places: number, options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'hasDecimalPlaces',
      target: target.constructor,
      propertyName: propertyName as string,
      options,
      validator: {
        validate: (value: unknown) => typeof value === 'number' && Number.isFinite(value) && decimalPlaces(value) <= places,
        defaultMessage: () => `must be a number with at most ${places} decimals`,
      },
    });
}
