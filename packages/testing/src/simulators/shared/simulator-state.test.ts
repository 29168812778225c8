import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openSimulatorState } from './simulator-state';

type Job = { id: string; model: { id: string }; createdAt: number };
const models = new Map([['m1', { id: 'm1' }]]);
const codec = {
  toStored: (job: Job) => ({ ...job, model: job.model.id }),
  fromStored(stored: unknown): Job | undefined {
    const { model, ...rest } = stored as Omit<Job, 'model'> & { model: string };
    const found = models.get(model);
    return found === undefined ? undefined : { ...rest, model: found };
  },
};

describe('openSimulatorState', () => {
  const dirs: string[] = [];
  const folder = () => {
    const dir = mkdtempSync(join(tmpdir(), 'reelay-sim-state-'));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('reads back the jobs and port it saved, through the codec', () => {
    const dir = folder();
    const first = openSimulatorState<Job>(dir, codec);
    expect(first.lastPort).toBe(0);
    first.jobs.set('a', { id: 'a', model: { id: 'm1' }, createdAt: 1 });
    first.listening(40123);
    const second = openSimulatorState<Job>(dir, codec);
    expect(second.lastPort).toBe(40123);
    expect(second.jobs.get('a')).toEqual({ id: 'a', model: { id: 'm1' }, createdAt: 1 });
  });

  it('drops a job the codec can no longer serve, and keeps the others', () => {
    const dir = folder();
    const first = openSimulatorState<Job>(dir, codec);
    first.jobs.set('a', { id: 'a', model: { id: 'm1' }, createdAt: 1 });
    first.jobs.set('b', { id: 'b', model: { id: 'gone' }, createdAt: 2 });
    first.save();
    expect([...openSimulatorState<Job>(dir, codec).jobs.keys()]).toEqual(['a']);
  });

  it('sets an unreadable file aside and starts empty, rather than refusing to start', () => {
    const dir = folder();
    writeFileSync(join(dir, 'state.json'), '{"version": 1, "jobs": [');
    const state = openSimulatorState<Job>(dir, codec);
    expect(state.jobs.size).toBe(0);
    expect(readdirSync(dir).some((name) => name.startsWith('state.json.unreadable-'))).toBe(true);
  });

  it('finds a job another process saved since, when asked for it', () => {
    const dir = folder();
    const here = openSimulatorState<Job>(dir, codec);
    const there = openSimulatorState<Job>(dir, codec);
    there.jobs.set('b', { id: 'b', model: { id: 'm1' }, createdAt: 2 });
    there.save();
    expect(here.jobs.get('b')).toEqual({ id: 'b', model: { id: 'm1' }, createdAt: 2 });
    expect(here.jobs.get('missing')).toBeUndefined();
  });

  it('keeps nothing on disk without a folder', () => {
    const state = openSimulatorState<Job>(undefined, codec);
    state.jobs.set('a', { id: 'a', model: { id: 'm1' }, createdAt: 1 });
    state.listening(40124);
    expect(state.lastPort).toBe(0);
  });
});
