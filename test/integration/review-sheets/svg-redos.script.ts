// Child process: parses the largest SVG logo the contract accepts, built of unterminated comment openers.
import { parseSimpleSvgLogo } from '../../../main/vouchers/svg-logo';

const svg = Buffer.from(`<svg viewBox="0 0 1 1"><path d="M0 0h1v1z"/>${'<!--'.repeat(65_000)}`);
try {
  parseSimpleSvgLogo(svg);
  console.log('PARSED');
} catch (e) {
  console.log(`REFUSED ${(e as Error).message.slice(0, 80)}`);
}
