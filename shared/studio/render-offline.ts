/** @module The offline provider's renderer: a deterministic PNG drawn from the generation parameters (no key, no network). */
import { Image } from "imagescript";
import type { ParameterSet } from "./expand.ts";

/** xmur3: a 32-bit hash of a string, the seed of the generator below. */
function hashString(text: string): number {
  let h = 1779033703 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    h = Math.imul(h ^ text.charCodeAt(i), 3432918353);
    h = (h << 13) | (h >>> 19);
  }
  return h >>> 0;
}

/** mulberry32: a small deterministic generator of floats in [0, 1). */
function generator(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const canonical = (set: ParameterSet) => JSON.stringify(Object.keys(set).sort().map((key) => [key, set[key]]));

type Rgb = [number, number, number];

function hsl(h: number, s: number, l: number): Rgb {
  const k = (n: number) => (n + h * 12) % 12;
  const a = s * Math.min(l, 1 - l);
  const f = (n: number) => l - a * Math.max(-1, Math.min(k(n) - 3, 9 - k(n), 1));
  return [Math.round(f(0) * 255), Math.round(f(8) * 255), Math.round(f(4) * 255)];
}

interface Shape { x: number; y: number; r: number; color: Rgb; alpha: number }

/**
 * Renders `width` × `height` (default 512) pixels: a two-colour gradient and
 * shapes placed by a generator seeded with every parameter, so another prompt
 * or seed gives another image and the same parameters the same bytes.
 */
export async function renderOffline(parameters: ParameterSet): Promise<{ png: Uint8Array; width: number; height: number }> {
  const width = Number(parameters.width ?? 512);
  const height = Number(parameters.height ?? 512);
  const style = String(parameters.style ?? "geometric");
  const random = generator(hashString(canonical(parameters)));
  const hue = random();
  const top = hsl(hue, 0.6, 0.35);
  const bottom = hsl((hue + 0.25 + random() * 0.3) % 1, 0.7, 0.6);
  const shapes: Shape[] = Array.from({ length: 6 + Math.floor(random() * 10) }, () => ({
    x: random() * width,
    y: random() * height,
    r: (0.05 + random() * 0.25) * Math.min(width, height),
    color: hsl((hue + random() * 0.5) % 1, 0.8, 0.3 + random() * 0.5),
    alpha: 0.35 + random() * 0.5,
  }));
  const frequency = 2 + random() * 6;
  const image = new Image(width, height);
  const pixels = image.bitmap;
  for (let y = 0; y < height; y++) {
    const t = y / Math.max(1, height - 1);
    for (let x = 0; x < width; x++) {
      let r = top[0] + (bottom[0] - top[0]) * t;
      let g = top[1] + (bottom[1] - top[1]) * t;
      let b = top[2] + (bottom[2] - top[2]) * t;
      for (const shape of shapes) {
        const dx = x - shape.x;
        const dy = y - shape.y;
        let cover: number;
        if (style === "waves") cover = Math.sin((y + Math.sin((x / width) * frequency * Math.PI + shape.x) * shape.r) / shape.r * Math.PI) > 0.6 ? 1 : 0;
        else if (style === "bokeh") cover = Math.max(0, 1 - Math.sqrt(dx * dx + dy * dy) / shape.r);
        else cover = Math.abs(dx) < shape.r && Math.abs(dy) < shape.r * 0.6 ? 1 : 0;
        const a = cover * shape.alpha;
        if (a > 0) {
          r += (shape.color[0] - r) * a;
          g += (shape.color[1] - g) * a;
          b += (shape.color[2] - b) * a;
        }
      }
      const i = (y * width + x) * 4;
      pixels[i] = r;
      pixels[i + 1] = g;
      pixels[i + 2] = b;
      pixels[i + 3] = 255;
    }
  }
  return { png: await image.encode(1), width, height };
}
