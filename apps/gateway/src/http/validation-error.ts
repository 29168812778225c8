import { InvalidRequestError } from '@reelay/core';
import type { z } from 'zod';

/**
 * Parses `input` or throws one 400 naming the first bad field (`param`, dotted) and what it expects.
 * Up to four further issues are appended so a client can fix them in one round.
 */
export function parseRequest<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  // reportInput puts the offending value on each issue, so messages can say what was sent
  const result = schema.safeParse(input, { reportInput: true });
  if (result.success) return result.data;
  throw validationError(result.error);
}

export function validationError(error: z.ZodError): InvalidRequestError {
  const issues = error.issues.map((issue) => describeIssue(issue, []));
  const first = issues[0];
  const rest = issues.slice(1, 5).map((issue) => issue.text);
  const more = issues.length > 5 ? ` (and ${issues.length - 5} more)` : '';
  return new InvalidRequestError({
    message: `${[first?.text ?? 'The request body is not valid.', ...rest].join('; ')}${more}`,
    param: first?.param,
    code: first?.code ?? 'invalid_value',
  });
}

type DescribedIssue = { param: string | undefined; text: string; code: string };
type Issue = z.core.$ZodIssue;

function describeIssue(issue: Issue, prefix: readonly PropertyKey[]): DescribedIssue {
  const path = [...prefix, ...issue.path];
  const param = path.length === 0 ? undefined : formatPath(path);
  const subject = param === undefined ? 'The request body' : `'${param}'`;
  const say = (text: string, code = 'invalid_value'): DescribedIssue => ({
    param,
    code,
    text: `${subject} ${text}`,
  });
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined)
        return say(`is required (${typeName(issue.expected)})`, 'missing_required_parameter');
      return say(`must be ${typeName(issue.expected)}, got ${describeValue(issue.input)}`, 'invalid_type');
    case 'unrecognized_keys':
      return {
        param: param === undefined ? issue.keys[0] : `${param}.${issue.keys[0] ?? ''}`,
        code: 'unknown_parameter',
        text: `${subject} has unknown field(s) ${issue.keys.map((key) => `'${key}'`).join(', ')}`,
      };
    case 'invalid_union':
      return describeUnion(issue, path, say);
    case 'invalid_value':
      return isDefaultMessage(issue.message)
        ? say(
            `must be one of ${issue.values.map((value) => JSON.stringify(value)).join(', ')}, got ${describeValue(issue.input)}`,
          )
        : say(lowerFirst(issue.message));
    case 'too_big':
    case 'too_small':
      return isDefaultMessage(issue.message) ? say(boundText(issue)) : say(lowerFirst(issue.message));
    default:
      return say(lowerFirst(issue.message));
  }
}

/**
 * A union's most useful explanation: when the value had the right type for some branch, that branch's own
 * issue (so `input_reference: {}` says `input_reference.image_url` is required); otherwise the accepted types.
 */
function describeUnion(
  issue: z.core.$ZodIssueInvalidUnion,
  path: readonly PropertyKey[],
  say: (text: string, code?: string) => DescribedIssue,
): DescribedIssue {
  const rootTypes = [
    ...new Set(
      issue.errors.flatMap((branch) =>
        branch.flatMap((inner) =>
          inner.code === 'invalid_type' && inner.path.length === 0 ? [inner.expected] : [],
        ),
      ),
    ),
  ];
  if (rootTypes.includes('boolean') && typeof issue.input !== 'boolean') {
    return say(`must be true or false, got ${describeValue(issue.input)}`);
  }
  const typeFits = issue.errors.find(
    (branch) =>
      branch.length > 0 &&
      !branch.some(
        (inner) =>
          inner.path.length === 0 &&
          (inner.code === 'invalid_type' ||
            (inner.code === 'invalid_value' && typeof issue.input !== 'string')),
      ),
  );
  if (typeFits?.[0] !== undefined) return describeIssue(typeFits[0], path);
  if (rootTypes.length > 0) {
    return say(
      `must be ${rootTypes.map(typeName).join(' or ')}, got ${describeValue(issue.input)}`,
      'invalid_type',
    );
  }
  return say(lowerFirst(issue.message));
}

function boundText(issue: z.core.$ZodIssueTooBig | z.core.$ZodIssueTooSmall): string {
  const limit = 'maximum' in issue ? issue.maximum : issue.minimum;
  const most = issue.code === 'too_big' ? 'at most' : 'at least';
  const inclusive = issue.inclusive !== false;
  const bound = inclusive
    ? `${most} ${String(limit)}`
    : `${issue.code === 'too_big' ? 'below' : 'above'} ${String(limit)}`;
  switch (issue.origin) {
    case 'string':
      return `must be ${bound} characters long`;
    case 'array':
    case 'set':
      return `must have ${bound} items`;
    default:
      return `must be ${bound}`;
  }
}

/** zod's own wording starts with a capital ("Too big: …", "Invalid option: …"); ours never does. */
function isDefaultMessage(message: string): boolean {
  return /^(Too big|Too small|Invalid option|Invalid input)/.test(message);
}

function typeName(type: string): string {
  switch (type) {
    case 'int':
      return 'a whole number';
    case 'object':
    case 'record':
    case 'map':
      return 'an object';
    case 'array':
      return 'an array';
    default:
      return `a ${type}`;
  }
}

function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((segment, index) =>
      typeof segment === 'number' ? `[${segment}]` : `${index === 0 ? '' : '.'}${String(segment)}`,
    )
    .join('');
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'an array';
  if (value instanceof Uint8Array) return 'a file';
  if (typeof value === 'string') return value.length > 40 ? 'a string' : JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean') return `${typeof value} ${String(value)}`;
  return typeof value === 'object' ? 'an object' : typeof value;
}

function lowerFirst(text: string): string {
  return text.length > 0 ? text.charAt(0).toLowerCase() + text.slice(1) : text;
}
