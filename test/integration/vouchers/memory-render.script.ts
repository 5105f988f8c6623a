/**
 * Child-process body of the voucher memory test and benchmark: renders VOUCHER_MEMORY_N cards (default 100,000;
 * `101-0000001X` serials, 12-digit PINs) as an A4 card-10 Code 128 sheet to VOUCHER_MEMORY_OUT (a file), sampling
 * RSS and the event loop delay, and prints one JSON line: cards, pages, seconds, peak RSS and loop delay figures.
 * `loopBlockMaxMs` is the worst delay this process caused itself: a turn's lateness counted only as far as the
 * process used CPU meanwhile, so time the machine's scheduler gave to other processes is not counted as blocking
 * (process-wide CPU, so GC and I/O threads count too: it can only overstate the main thread's own blocking);
 * `loopBlockP99Ms` is the 99th percentile of the same figure over every turn.
 * Run: `node --import tsx test/integration/vouchers/memory-render.script.ts`.
 */
import { createWriteStream } from 'node:fs';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { renderVoucherSheet } from '../../../main/vouchers/voucher-sheet-renderer';
import type { SheetBarcode } from '../../../main/vouchers/voucher-sheet-types';
import { percentile } from '../../bench/bench-stats';
import { testCards } from './voucher-fixtures';

const n = Number(process.env.VOUCHER_MEMORY_N ?? 100_000);
const out = process.env.VOUCHER_MEMORY_OUT ?? '/dev/null';
const barcode = (process.env.VOUCHER_MEMORY_BARCODE ?? 'code128') as SheetBarcode;

let peakRss = process.memoryUsage().rss;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 50);
const delay = monitorEventLoopDelay({ resolution: 10 });
delay.enable();
const TICK_MS = 10;
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
let lastTick = { wall: performance.now(), cpu: cpuMs() };
const blocks: number[] = [];
const ticker = setInterval(() => {
  const now = { wall: performance.now(), cpu: cpuMs() };
  const late = now.wall - lastTick.wall - TICK_MS;
  blocks.push(Math.max(0, Math.min(late, now.cpu - lastTick.cpu)));
  lastTick = now;
}, TICK_MS);
const started = performance.now();
const result = await renderVoucherSheet(
  testCards(n),
  {
    paper: 'A4',
    preset: 'card-10',
    barcode,
    cutMarks: true,
    shopName: 'Corner Phone Shop',
    instructions: 'To top up dial *123*PIN# or use the app. Keep this card until used.',
  },
  createWriteStream(out),
  {
    total: n,
    onProgress: () => {
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
    },
  },
);
const seconds = (performance.now() - started) / 1000;
delay.disable();
clearInterval(sampler);
clearInterval(ticker);
peakRss = Math.max(peakRss, process.memoryUsage().rss);
// No turn at all (a render under one tick) blocked nothing.
const blockAt = (p: number): number => (blocks.length > 0 ? percentile(blocks, p) : 0);
console.log(
  JSON.stringify({
    cards: result.cards,
    pages: result.pages,
    seconds: Number(seconds.toFixed(2)),
    cardsPerSecond: Math.round(result.cards / seconds),
    peakRssMb: Number((peakRss / 2 ** 20).toFixed(1)),
    loopDelayMaxMs: Number((delay.max / 1e6).toFixed(1)),
    loopDelayP99Ms: Number((delay.percentile(99) / 1e6).toFixed(1)),
    loopDelayMeanMs: Number((delay.mean / 1e6).toFixed(1)),
    loopBlockMaxMs: Number(blockAt(100).toFixed(1)),
    loopBlockP99Ms: Number(blockAt(99).toFixed(1)),
  }),
);
