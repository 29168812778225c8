import dryRunJson from './__fixtures__/dry-run.json';
import modelsJson from './__fixtures__/models.json';
import { parseDryRun, parseModelList } from './parse';
import type { ModelCard } from './wire-types';

/** `GET /v1/models` and one dry run as a sandbox gateway answered them (captured, then trimmed by nothing). */
export const fixtureModels: ModelCard[] = parseModelList(modelsJson);
export const fixtureDryRun = parseDryRun(dryRunJson);

export function fixtureModel(id: string): ModelCard {
  const card = fixtureModels.find((model) => model.id === id);
  if (!card) throw new Error(`fixture has no model ${id}`);
  return card;
}
