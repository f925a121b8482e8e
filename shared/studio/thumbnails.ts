/** @module Product images: their size, and thumbnails small/medium/large (imagescript; pure JS, so the same in Deno and Node). */
import { Image } from "imagescript";

/** Longest edge of each thumbnail, in pixels. */
export const THUMBNAIL_SIZES = { small: 128, medium: 256, large: 512 } as const;
export type ThumbnailSize = keyof typeof THUMBNAIL_SIZES;

export interface DecodedImage {
  width: number;
  height: number;
  /** PNG thumbnails by size; an edge never grows beyond the original's. */
  thumbnails: Record<ThumbnailSize, Uint8Array>;
}

/** Decodes a PNG, JPEG, GIF or TIFF and makes its thumbnails. */
export async function thumbnailsOf(bytes: Uint8Array): Promise<DecodedImage> {
  const decoded = await Image.decode(bytes);
  const image = decoded instanceof Image ? decoded : (decoded as unknown as { [index: number]: Image })[0]!;
  const entries = await Promise.all(
    (Object.entries(THUMBNAIL_SIZES) as [ThumbnailSize, number][]).map(async ([size, edge]) => {
      const scale = Math.min(1, edge / Math.max(image.width, image.height));
      const thumb = image.clone().resize(Math.max(1, Math.round(image.width * scale)), Math.max(1, Math.round(image.height * scale)));
      return [size, await thumb.encode(1)] as const;
    }),
  );
  return { width: image.width, height: image.height, thumbnails: Object.fromEntries(entries) as Record<ThumbnailSize, Uint8Array> };
}

/** SHA-256 of the bytes, lower-case hex (products.file_hash). */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", bytes as BufferSource);
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, "0")).join("");
}

/** The MIME type from the file's first bytes (what providers send is not always labelled). */
export function sniffMime(bytes: Uint8Array): string {
  if (bytes[0] === 0x89 && bytes[1] === 0x50) return "image/png";
  if (bytes[0] === 0xff && bytes[1] === 0xd8) return "image/jpeg";
  if (bytes[0] === 0x52 && bytes[1] === 0x49 && bytes[8] === 0x57) return "image/webp";
  if (bytes[0] === 0x47 && bytes[1] === 0x49) return "image/gif";
  return "application/octet-stream";
}
