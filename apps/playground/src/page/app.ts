import type { VideoObject as Video } from '@reelay/core';
import { ApiError, createApiClient, isSandboxResponse } from './lib/api-client';
import { type ControlOptions, controlOptions, providersFor } from './lib/control-options';
import { debounceAbortable } from './lib/debounce';
import { summarizeDryRun } from './lib/dry-run-summary';
import {
  buildRequestBody,
  type FormState,
  initialFormState,
  missingInput,
  reconcileForm,
} from './lib/form-state';
import { loadKey, maskKey, saveKey } from './lib/key-store';
import { isSandboxVideo } from './lib/parse';
import { snippetFor } from './lib/snippets';
import type { ModelCard, VideoMode } from './lib/wire-types';
import { byId } from './ui/dom';
import { renderDryRun } from './ui/dry-run-view';
import { renderHistory } from './ui/history-view';
import { createImageInput } from './ui/image-input';
import { jobElements, renderJob, resetJob, showPlayer } from './ui/job-view';
import { renderModelDetails, renderModelPicker, sortModels } from './ui/model-picker';
import { renderShapeControls, shapeElements } from './ui/shape-controls';
import { createSnippetTabs } from './ui/snippet-tabs';

const DRY_RUN_DEBOUNCE_MS = 350;
const POLL_MS = 1000;
const HISTORY_POLL_MS = 3000;

const NO_OPTIONS: ControlOptions = {
  modes: ['text-to-video'],
  aspectRatios: [],
  resolutions: [],
  sizes: [],
  durations: [],
  defaultDuration: 5,
  defaultAspectRatio: undefined,
  defaultResolution: undefined,
  audio: 'never',
  audioDefault: false,
};

/** Wires the page: every control updates one form state, and everything else is drawn from it. */
export function startPlayground(): void {
  const storage = localStorageOrUndefined();
  let apiKey = loadKey(storage);
  let models: ModelCard[] = [];
  let form: FormState = initialFormState();
  let activeJob: Video | undefined;
  /** The job this page submitted last: its progress is also shown beside the button. */
  let submittedId: string | undefined;
  let pollTimer: ReturnType<typeof setTimeout> | undefined;
  let historyTimer: ReturnType<typeof setTimeout> | undefined;
  const objectUrls = new Map<string, Promise<string>>();

  const sandboxBanner = byId('sandbox-banner', HTMLElement);
  const globalError = byId('global-error', HTMLElement);
  const api = createApiClient({
    getKey: () => apiKey,
    onResponse: (response) => {
      if (isSandboxResponse(response)) markSandbox();
    },
  });

  const formElement = byId('generate-form', HTMLFormElement);
  const picker = byId('model-picker', HTMLElement);
  const modelDetails = byId('model-details', HTMLElement);
  const prompt = byId('prompt', HTMLTextAreaElement);
  const modeInputs = {
    'text-to-video': byId('mode-t2v', HTMLInputElement),
    'image-to-video': byId('mode-i2v', HTMLInputElement),
  } satisfies Record<VideoMode, HTMLInputElement>;
  const shape = shapeElements();
  const priceLine = byId('price-line', HTMLElement);
  const dryRunBody = byId('dry-run-body', HTMLElement);
  const generateButton = byId('generate', HTMLButtonElement);
  const generateHint = byId('generate-hint', HTMLElement);
  const generateProgress = byId('generate-progress', HTMLAnchorElement);
  const resultPanel = byId('result', HTMLElement);
  const job = jobElements();
  const historyList = byId('history-list', HTMLElement);
  const historyStatus = byId('history-status', HTMLElement);
  const keySettings = byId('key-settings', HTMLDetailsElement);
  const keyForm = byId('key-form', HTMLFormElement);
  const keyInput = byId('api-key', HTMLInputElement);
  const keyState = byId('key-state', HTMLElement);
  const snippets = createSnippetTabs();
  const image = createImageInput((patch) => update(patch));

  const currentCard = () => models.find((card) => card.id === form.model);

  function update(patch: Partial<FormState>): void {
    form = { ...form, ...patch };
    refresh();
  }

  function optionsFor(card: ModelCard | undefined): ControlOptions {
    return card ? controlOptions(card, form.provider, form.mode) : NO_OPTIONS;
  }

  function refresh(): void {
    const card = currentCard();
    // Twice: a provider that cannot do the new mode falls back to auto, which can change the options.
    for (let round = 0; round < 2 && card; round += 1) {
      const providers = providersFor(card, form.mode);
      if (form.provider !== 'auto' && !providers.some((entry) => entry.provider === form.provider)) {
        form = { ...form, provider: 'auto' };
      }
      form = reconcileForm(form, card, optionsFor(card));
    }
    const options = optionsFor(card);
    renderModelDetails(
      modelDetails,
      card,
      (id) => selectModel(id),
      (id) => models.some((model) => model.id === id),
    );
    renderShapeControls(shape, card, card ? providersFor(card, form.mode) : [], options, form);
    for (const [mode, input] of Object.entries(modeInputs)) {
      input.checked = form.mode === mode;
      input.disabled = !options.modes.includes(mode as VideoMode);
    }
    if (prompt.value !== form.prompt) prompt.value = form.prompt;
    image.render(form);

    const body = buildRequestBody(form, card);
    const context = { origin: window.location.origin, hasKey: apiKey !== undefined };
    snippets.update({
      curl: snippetFor('curl', body, context),
      javascript: snippetFor('javascript', body, context),
      python: snippetFor('python', body, context),
    });
    const missing = missingInput(form);
    generateHint.textContent = missing ?? '';
    if (missing) {
      dryRun.cancel();
      renderDryRun(priceLine, dryRunBody, { kind: 'idle', message: missing });
    } else {
      dryRun();
    }
  }

  const dryRun = debounceAbortable(async (signal) => {
    renderDryRun(priceLine, dryRunBody, { kind: 'loading' });
    try {
      const result = await api.dryRun(buildRequestBody(form, currentCard()), signal);
      if (signal.aborted) return;
      if (result.sandbox) markSandbox();
      renderDryRun(priceLine, dryRunBody, { kind: 'ready', summary: summarizeDryRun(result) });
    } catch (error) {
      if (signal.aborted) return;
      renderDryRun(priceLine, dryRunBody, { kind: 'error', message: messageOf(error) });
      askForKeyOn401(error);
    }
  }, DRY_RUN_DEBOUNCE_MS);

  function selectModel(id: string): void {
    const radio = picker.querySelector<HTMLInputElement>(`input[type="radio"][value="${CSS.escape(id)}"]`);
    if (radio) radio.checked = true;
    update({ model: id });
  }

  async function generate(): Promise<void> {
    const missing = missingInput(form);
    if (missing) {
      generateHint.textContent = missing;
      (form.prompt.trim() === '' ? prompt : generateButton).focus();
      return;
    }
    generateButton.disabled = true;
    generateButton.textContent = 'Submitting…';
    stopPolling();
    resetJob(job, 'Submitting…');
    showProgressNearButton('Submitting…');
    // The result sits above the form's end on a desktop and below it on a phone: bring it to the user.
    resultPanel.scrollIntoView({ block: 'start', behavior: 'smooth' });
    try {
      const video = await api.createVideo(buildRequestBody(form, currentCard()));
      submittedId = video.id;
      track(video);
      void loadHistory();
    } catch (error) {
      resetJob(job, `Could not start the video: ${messageOf(error)}`);
      showProgressNearButton(`Could not start the video: ${messageOf(error)}`);
      askForKeyOn401(error);
    } finally {
      generateButton.disabled = false;
      generateButton.textContent = 'Generate video';
    }
  }

  /** The job's status beside the button too, for whoever is still looking there; it links to the result. */
  function showProgressNearButton(text: string): void {
    generateProgress.hidden = false;
    generateProgress.textContent = text;
  }

  function track(video: Video): void {
    activeJob = video;
    if (isSandboxVideo(video)) markSandbox();
    renderJob(job, video, api.contentPath(video.id));
    if (video.id === submittedId) {
      showProgressNearButton(
        video.status === 'completed' ? 'Completed: see the result' : (job.status.textContent ?? ''),
      );
    }
    job.facts
      .querySelector('.download-link')
      ?.addEventListener('click', (event) => historyActions.download(video, event));
    stopPolling();
    if (video.status === 'completed') {
      void play(video);
      void loadHistory();
    } else if (video.status === 'failed') {
      void loadHistory();
    } else {
      pollTimer = setTimeout(() => void poll(video.id), POLL_MS);
    }
  }

  async function poll(id: string): Promise<void> {
    try {
      const video = await api.getVideo(id);
      if (activeJob?.id === id) track(video);
    } catch (error) {
      if (activeJob?.id !== id) return;
      job.status.textContent = `Lost touch with the gateway (${messageOf(error)}); retrying…`;
      pollTimer = setTimeout(() => void poll(id), POLL_MS * 3);
    }
  }

  function stopPolling(): void {
    if (pollTimer !== undefined) clearTimeout(pollTimer);
    pollTimer = undefined;
  }

  async function play(video: Video): Promise<void> {
    try {
      const src = await mediaUrl(video.id, 'video');
      if (activeJob?.id === video.id)
        showPlayer(job, src, `Generated video ${video.id}: ${video.prompt ?? ''}`);
    } catch (error) {
      job.status.textContent = `The video finished but could not be loaded: ${messageOf(error)}`;
    }
  }

  /** A URL for an output: the content path itself, or (with a key, which `<video src>` cannot send) a blob URL. */
  function mediaUrl(id: string, variant: 'video' | 'thumbnail'): Promise<string> {
    if (apiKey === undefined) return Promise.resolve(api.contentPath(id, variant));
    const cacheKey = `${id}:${variant}`;
    let url = objectUrls.get(cacheKey);
    if (url === undefined) {
      url = api.contentBlob(id, variant).then((blob) => URL.createObjectURL(blob));
      url.catch(() => objectUrls.delete(cacheKey));
      objectUrls.set(cacheKey, url);
    }
    return url;
  }

  function forgetMedia(id: string): void {
    for (const variant of ['video', 'thumbnail']) {
      const url = objectUrls.get(`${id}:${variant}`);
      objectUrls.delete(`${id}:${variant}`);
      void url?.then(
        (value) => URL.revokeObjectURL(value),
        () => undefined,
      );
    }
  }

  async function loadHistory(): Promise<void> {
    if (historyTimer !== undefined) clearTimeout(historyTimer);
    historyTimer = undefined;
    try {
      const list = await api.listVideos(20);
      if (list.data.some(isSandboxVideo)) markSandbox();
      historyStatus.textContent = list.has_more ? 'Showing the 20 newest.' : '';
      renderHistory(historyList, list.data, historyActions, Date.now());
      const running = list.data.some((video) => video.status === 'queued' || video.status === 'in_progress');
      if (running) historyTimer = setTimeout(() => void loadHistory(), HISTORY_POLL_MS);
    } catch (error) {
      historyStatus.textContent = `Could not load the history: ${messageOf(error)}`;
      askForKeyOn401(error);
    }
  }

  const historyActions = {
    play(video: Video) {
      track(video);
      job.status.scrollIntoView({ block: 'nearest' });
      job.player.focus();
    },
    downloadHref: (video: Video) => api.contentPath(video.id),
    download(video: Video, event: Event) {
      if (apiKey === undefined) return;
      event.preventDefault();
      void mediaUrl(video.id, 'video').then(
        (url) => {
          const anchor = document.createElement('a');
          anchor.href = url;
          anchor.download = `${video.id}.mp4`;
          anchor.click();
        },
        (error: unknown) => {
          historyStatus.textContent = `Could not download ${video.id}: ${messageOf(error)}`;
        },
      );
    },
    preview(video: Video, target: HTMLImageElement) {
      void mediaUrl(video.id, 'thumbnail').then(
        (url) => {
          target.src = url;
        },
        () => undefined,
      );
    },
    async remove(video: Video) {
      try {
        await api.deleteVideo(video.id);
        forgetMedia(video.id);
        historyStatus.textContent = `Deleted ${video.id}.`;
        if (activeJob?.id === video.id) {
          activeJob = undefined;
          stopPolling();
          resetJob(job, 'The video was deleted.');
        }
      } catch (error) {
        historyStatus.textContent = `Could not delete ${video.id}: ${messageOf(error)}`;
      }
      await loadHistory();
    },
  };

  async function loadModels(): Promise<void> {
    try {
      models = await api.listModels();
      hideGlobalError();
    } catch (error) {
      showGlobalError(`Could not load the models: ${messageOf(error)}`);
      askForKeyOn401(error);
      return;
    }
    const wanted = new URLSearchParams(window.location.search).get('model');
    const fallback = sortModels(models)[0]?.id ?? '';
    const chosen = models.some((model) => model.id === form.model)
      ? form.model
      : wanted && models.some((model) => model.id === wanted)
        ? wanted
        : fallback;
    form = { ...form, model: chosen };
    renderModelPicker(picker, models, chosen, (id) => update({ model: id }));
    picker.setAttribute('aria-busy', 'false');
    refresh();
  }

  function markSandbox(): void {
    sandboxBanner.hidden = false;
  }

  function showGlobalError(message: string): void {
    globalError.textContent = message;
    globalError.hidden = false;
  }

  function hideGlobalError(): void {
    globalError.hidden = true;
    globalError.textContent = '';
  }

  function askForKeyOn401(error: unknown): void {
    if (!(error instanceof ApiError) || error.status !== 401) return;
    showGlobalError(`${error.message} Paste your key under "API key" at the top.`);
    // Focus moves only when the key form opens, so later failures never pull the caret out of the prompt.
    if (!keySettings.open) {
      keySettings.open = true;
      keyInput.focus();
    }
  }

  function renderKeyState(): void {
    keyState.textContent = apiKey ? maskKey(apiKey) : 'none';
    keyInput.value = apiKey ?? '';
  }

  function setKey(next: string | undefined): void {
    apiKey = next?.trim() ? next.trim() : undefined;
    saveKey(storage, apiKey);
    for (const id of new Set([...objectUrls.keys()].map((key) => key.split(':')[0]!))) forgetMedia(id);
    renderKeyState();
    void loadModels();
    void loadHistory();
  }

  prompt.addEventListener('input', () => update({ prompt: prompt.value }));
  for (const [mode, input] of Object.entries(modeInputs)) {
    input.addEventListener('change', () => update({ mode: mode as VideoMode }));
  }
  shape.provider.addEventListener('change', () => update({ provider: shape.provider.value }));
  shape.aspectRatio.addEventListener('change', () => update({ aspectRatio: shape.aspectRatio.value }));
  shape.resolution.addEventListener('change', () => update({ resolution: shape.resolution.value }));
  shape.size.addEventListener('change', () => update({ size: shape.size.value }));
  shape.seconds.addEventListener('change', () => update({ seconds: Number(shape.seconds.value) }));
  shape.audio.addEventListener('change', () => update({ audio: shape.audio.checked }));
  formElement.addEventListener('submit', (event) => {
    event.preventDefault();
    void generate();
  });
  keyForm.addEventListener('submit', (event) => {
    event.preventDefault();
    setKey(keyInput.value);
    keySettings.open = false;
  });
  byId('forget-key', HTMLButtonElement).addEventListener('click', () => setKey(undefined));
  byId('refresh-history', HTMLButtonElement).addEventListener('click', () => void loadHistory());

  renderKeyState();
  void loadModels();
  void loadHistory();
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function localStorageOrUndefined(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}
