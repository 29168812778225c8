/**
 * Input validation in the dialect of fal's model apps (FastAPI + pydantic v2): a 422 whose `detail` lists
 * every bad field as `{ loc: ['body', field], msg, type, input?, ctx? }`.
 */
export type FieldRule =
  | { kind: 'string'; required?: boolean; maxLength?: number }
  | { kind: 'literal'; values: readonly string[] }
  | { kind: 'integer'; min: number; max: number }
  | { kind: 'number'; min: number; max: number }
  | { kind: 'boolean' }
  | { kind: 'string-list'; maxItems: number };

export type ValidationIssue = {
  loc: Array<string | number>;
  msg: string;
  type: string;
  input?: unknown;
  ctx?: Record<string, unknown>;
};

/** Fields not named in `rules` are ignored, as pydantic models with default config do. */
export function validateInput(input: unknown, rules: Record<string, FieldRule>): ValidationIssue[] {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return [{ loc: ['body'], msg: 'Input should be a valid dictionary', type: 'dict_type', input }];
  }
  const body = input as Record<string, unknown>;
  const issues: ValidationIssue[] = [];
  for (const [field, rule] of Object.entries(rules)) {
    const value = body[field];
    const loc = ['body', field];
    if (value === undefined || value === null) {
      if (rule.kind === 'string' && rule.required)
        issues.push({ loc, msg: 'Field required', type: 'missing' });
      continue;
    }
    const issue = checkField(value, rule);
    if (issue) issues.push({ loc, ...issue, input: value });
  }
  return issues;
}

function checkField(value: unknown, rule: FieldRule): Omit<ValidationIssue, 'loc' | 'input'> | undefined {
  switch (rule.kind) {
    case 'string':
      if (typeof value !== 'string') return { msg: 'Input should be a valid string', type: 'string_type' };
      if (rule.required && value.length === 0) {
        return {
          msg: 'String should have at least 1 character',
          type: 'string_too_short',
          ctx: { min_length: 1 },
        };
      }
      if (rule.maxLength !== undefined && value.length > rule.maxLength) {
        return {
          msg: `String should have at most ${rule.maxLength} characters`,
          type: 'string_too_long',
          ctx: { max_length: rule.maxLength },
        };
      }
      return undefined;
    case 'literal': {
      // pydantic compares literals strictly: 8 is not '8', and '8' is not '8s'.
      if (typeof value === 'string' && rule.values.includes(value)) return undefined;
      const expected = describeLiterals(rule.values);
      return { msg: `Input should be ${expected}`, type: 'literal_error', ctx: { expected } };
    }
    case 'integer':
    case 'number': {
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        return rule.kind === 'integer'
          ? { msg: 'Input should be a valid integer', type: 'int_type' }
          : { msg: 'Input should be a valid number', type: 'float_type' };
      }
      if (rule.kind === 'integer' && !Number.isInteger(value)) {
        return {
          msg: 'Input should be a valid integer, got a number with a fractional part',
          type: 'int_from_float',
        };
      }
      if (value < rule.min) {
        return {
          msg: `Input should be greater than or equal to ${rule.min}`,
          type: 'greater_than_equal',
          ctx: { ge: rule.min },
        };
      }
      if (value > rule.max) {
        return {
          msg: `Input should be less than or equal to ${rule.max}`,
          type: 'less_than_equal',
          ctx: { le: rule.max },
        };
      }
      return undefined;
    }
    case 'boolean':
      return typeof value === 'boolean'
        ? undefined
        : { msg: 'Input should be a valid boolean', type: 'bool_type' };
    case 'string-list':
      if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) {
        return { msg: 'Input should be a valid list of strings', type: 'list_type' };
      }
      if (value.length > rule.maxItems) {
        return {
          msg: `List should have at most ${rule.maxItems} items after validation, not ${value.length}`,
          type: 'too_long',
          ctx: { field_type: 'List', max_length: rule.maxItems, actual_length: value.length },
        };
      }
      return undefined;
  }
}

/** pydantic's wording: `'4', '8' or '12'`. */
function describeLiterals(values: readonly string[]): string {
  const quoted = values.map((value) => `'${value}'`);
  if (quoted.length <= 1) return quoted.join('');
  return `${quoted.slice(0, -1).join(', ')} or ${quoted[quoted.length - 1]}`;
}
