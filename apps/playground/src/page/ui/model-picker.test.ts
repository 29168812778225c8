// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { fixtureModel, fixtureModels } from '../lib/test-fixtures';
import { renderModelDetails, renderModelPicker, sortModels } from './model-picker';

describe('renderModelPicker', () => {
  it('renders one labelled radio per model, active models first, each with its badge and price', () => {
    const container = document.createElement('div');
    const picked: string[] = [];
    renderModelPicker(container, fixtureModels, 'veo-3.1', (id) => picked.push(id));

    const radios = [...container.querySelectorAll<HTMLInputElement>('input[type="radio"]')];
    expect(radios.map((radio) => radio.value)).toEqual(sortModels(fixtureModels).map((card) => card.id));
    expect(radios.slice(-2).map((radio) => radio.value)).toEqual(['sora-2', 'sora-2-pro']);
    for (const radio of radios) {
      const label = container.querySelector(`label[for="${radio.id}"]`);
      expect(label?.textContent).toMatch(/\w/);
      expect(container.querySelector(`#${radio.getAttribute('aria-describedby')}`)).not.toBeNull();
    }
    expect(radios.find((radio) => radio.checked)?.value).toBe('veo-3.1');

    const sora = container.querySelector('label[for="model-sora-2-pro"]');
    expect(sora?.textContent).toBe('Sora 2 Pro retired');
    expect(container.querySelector('#model-veo-3_1-details')?.textContent).toContain('from $0.20/s');

    const kling = container.querySelector<HTMLInputElement>('#model-kling-3')!;
    kling.checked = true;
    kling.dispatchEvent(new Event('change'));
    expect(picked).toEqual(['kling-3']);
  });
});

describe('renderModelDetails', () => {
  it('offers a switch to each known successor of a retired model', () => {
    const container = document.createElement('div');
    const switched: string[] = [];
    renderModelDetails(
      container,
      fixtureModel('sora-2-pro'),
      (id) => switched.push(id),
      (id) => id === 'veo-3.1',
    );
    const buttons = [...container.querySelectorAll('button')];
    expect(buttons.map((button) => button.textContent)).toEqual(['Switch to veo-3.1']);
    buttons[0]!.click();
    expect(switched).toEqual(['veo-3.1']);
    expect(container.textContent).toContain(
      'served by openai (from $0.30/s), fal (from $0.30/s), replicate (from $0.30/s)',
    );
  });

  it('shows nothing without a model', () => {
    const container = document.createElement('div');
    container.textContent = 'old';
    renderModelDetails(
      container,
      undefined,
      () => undefined,
      () => true,
    );
    expect(container.textContent).toBe('');
  });
});
