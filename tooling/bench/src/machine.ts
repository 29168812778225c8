import { cpus, loadavg, release, totalmem } from 'node:os';

export type MachineFacts = {
  node: string;
  cpuModel: string;
  cores: number;
  memoryGiB: number;
  os: string;
  date: string;
  /** 1-minute load average when the run started: other work on the machine skews every figure. */
  loadAverage: number;
};

export function machineFacts(): MachineFacts {
  const list = cpus();
  return {
    node: process.version,
    cpuModel: list[0]?.model.trim() || 'unknown',
    cores: list.length,
    memoryGiB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    os: `${process.platform} ${release()} (${process.arch})`,
    date: new Date().toISOString(),
    loadAverage: loadavg()[0]!,
  };
}
