import { hashSeed } from './seed-palette';

/** Pitches a clip's tone is picked from (A3 to E5), so different jobs also sound different. */
const PITCHES_HZ = [220, 262, 330, 392, 440, 523, 659];
/** Well below full scale: a test tone, not an alarm. */
const AMPLITUDE = 0.2 * 32767;
const FADE_SECONDS = 0.02;

/**
 * A sine tone of exactly `seconds` (rounded to a whole sample), with short fades so it starts and ends without a
 * click, and a beep every second (the tone doubles in pitch for its first tenth), so a listener hears time pass.
 */
export function renderTestTone(options: { seconds: number; sampleRate: number; seed?: string }): Int16Array {
  const { seconds, sampleRate } = options;
  const count = Math.max(16, Math.round(seconds * sampleRate));
  const pitch = PITCHES_HZ[hashSeed(options.seed ?? 'reelay') % PITCHES_HZ.length] ?? 440;
  const fade = Math.max(1, Math.round(FADE_SECONDS * sampleRate));
  const pcm = new Int16Array(count);
  let phase = 0;
  for (let index = 0; index < count; index++) {
    const inBeep = index % sampleRate < sampleRate / 10;
    phase += (2 * Math.PI * (inBeep ? pitch * 2 : pitch)) / sampleRate;
    const envelope = Math.min(1, index / fade, (count - 1 - index) / fade);
    pcm[index] = Math.round(Math.sin(phase) * AMPLITUDE * envelope);
  }
  return pcm;
}
