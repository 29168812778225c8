import type { InputField, SimulatedModel } from './replicate-models';

/** One entry of Replicate's `invalid_fields`, worded the way its JSON-schema validator words it. */
export type InvalidField = { type: string; field: string; description: string };

export type ValidatedInput =
  | { ok: true; input: Record<string, unknown> }
  | { ok: false; invalid: InvalidField[] };

/**
 * Validates a prediction's `input` against the model's schema and applies defaults. Fields the schema does not
 * name are kept and ignored, as Replicate does.
 */
export function validateInput(model: SimulatedModel, input: Record<string, unknown>): ValidatedInput {
  const invalid: InvalidField[] = [];
  const effective: Record<string, unknown> = { ...input };
  for (const [name, field] of Object.entries(model.input)) {
    const value = input[name];
    if (value === undefined || value === null) {
      if (field.type === 'string' && field.required) {
        invalid.push({ type: 'required', field: 'input', description: `${name} is required` });
      } else if ('default' in field && field.default !== undefined) {
        effective[name] = field.default;
      }
      continue;
    }
    const problem = checkField(name, field, value);
    if (problem) invalid.push(problem);
  }
  if (invalid.length === 0 && model.check) {
    const broken = model.check(effective);
    if (broken) invalid.push({ type: 'invalid', field: `input.${broken[0]}`, description: broken[1] });
  }
  return invalid.length > 0 ? { ok: false, invalid } : { ok: true, input: effective };
}

function checkField(name: string, field: InputField, value: unknown): InvalidField | undefined {
  const at = `input.${name}`;
  const wrongType = (expected: string): InvalidField => ({
    type: 'invalid_type',
    field: at,
    description: `Invalid type. Expected: ${expected}, given: ${jsonType(value)}`,
  });
  switch (field.type) {
    case 'string':
      if (typeof value !== 'string') return wrongType('string');
      if (field.enum && !field.enum.includes(value)) return enumProblem(name, field.enum.map(quote));
      return undefined;
    case 'integer':
      if (typeof value !== 'number' || !Number.isInteger(value)) return wrongType('integer');
      if (field.enum && !field.enum.includes(value)) return enumProblem(name, field.enum.map(String));
      if (field.minimum !== undefined && value < field.minimum) {
        return {
          type: 'number_gte',
          field: at,
          description: `Must be greater than or equal to ${field.minimum}`,
        };
      }
      if (field.maximum !== undefined && value > field.maximum) {
        return {
          type: 'number_lte',
          field: at,
          description: `Must be less than or equal to ${field.maximum}`,
        };
      }
      return undefined;
    case 'boolean':
      return typeof value === 'boolean' ? undefined : wrongType('boolean');
    case 'uri':
      if (typeof value !== 'string') return wrongType('string');
      return isUri(value)
        ? undefined
        : { type: 'format', field: at, description: "Does not match format 'uri'" };
  }
}

function enumProblem(name: string, allowed: string[]): InvalidField {
  return {
    type: 'enum',
    field: `input.${name}`,
    description: `${name} must be one of the following: ${allowed.join(', ')}`,
  };
}

function isUri(value: string): boolean {
  if (value.startsWith('data:')) return /^data:[\w.+-]+\/[\w.+-]+(;[\w-]+=[\w.-]+)*(;base64)?,/.test(value);
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

function quote(value: string): string {
  return JSON.stringify(value);
}

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}
