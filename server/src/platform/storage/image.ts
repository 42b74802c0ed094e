import sharp, { type Metadata } from "sharp";
import { DomainError } from "../http/errors.js";

// No cache of decoded images between requests: uploads are one-off, memory stays flat.
sharp.cache(false);

export type ImageFormat = "jpeg" | "png" | "webp";

/** The format the bytes really are (by their signature), whatever the request claimed. */
export function sniffImageFormat(bytes: Buffer): ImageFormat | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return "jpeg";
  if (
    bytes.length >= 8 &&
    bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
  )
    return "png";
  if (
    bytes.length >= 12 &&
    bytes.subarray(0, 4).toString("latin1") === "RIFF" &&
    bytes.subarray(8, 12).toString("latin1") === "WEBP"
  )
    return "webp";
  return null;
}

export interface SquareImageOptions {
  sizePx: number;
  maxInputPixels: number;
  maxInputBytes: number;
}

/** Real JPEG/PNG/WebP bytes (by content) within the bounds, as a sharp pipeline maker. */
async function checkedImage(bytes: Buffer, options: SquareImageOptions | BoundedImageOptions) {
  if (bytes.length > options.maxInputBytes) {
    throw new DomainError(
      "PAYLOAD_TOO_LARGE",
      `The image is larger than ${Math.round(options.maxInputBytes / 1024 / 1024)} MB.`,
    );
  }
  const format = sniffImageFormat(bytes);
  if (!format) throw new DomainError("UNSUPPORTED_MEDIA_TYPE", "Upload a JPEG, PNG or WebP image.");
  const input = () => sharp(bytes, { limitInputPixels: options.maxInputPixels, failOn: "error" });
  let metadata: Metadata;
  try {
    metadata = await input().metadata();
  } catch {
    throw new DomainError("INVALID_IMAGE", "The image could not be read.");
  }
  if (metadata.format !== format) throw new DomainError("INVALID_IMAGE", "The image could not be read.");
  const { width = 0, height = 0 } = metadata;
  if (width < 1 || height < 1 || width * height > options.maxInputPixels) {
    throw new DomainError(
      "INVALID_IMAGE",
      `The image is too large: at most ${options.maxInputPixels.toLocaleString("en-US")} pixels.`,
    );
  }
  return input;
}

/**
 * Checks an uploaded image and turns it into a square WebP: real JPEG/PNG/WebP only (by content),
 * bounded in bytes and pixels, rotated upright by its EXIF orientation, cropped to cover the
 * square, with every bit of metadata (EXIF, GPS, ICC comments) left behind.
 */
export async function toSquareWebp(bytes: Buffer, options: SquareImageOptions): Promise<Buffer> {
  const input = await checkedImage(bytes, options);
  try {
    return await input()
      .rotate()
      .resize(options.sizePx, options.sizePx, { fit: "cover", position: "attention" })
      .webp({ quality: 82 })
      .toBuffer();
  } catch {
    throw new DomainError("INVALID_IMAGE", "The image could not be read.");
  }
}

export interface BoundedImageOptions {
  /** The longest side of the result (smaller images keep their size). */
  maxSidePx: number;
  maxInputPixels: number;
  maxInputBytes: number;
}

/**
 * The same checks, kept whole: rotated upright, shrunk to fit `maxSidePx` (never enlarged),
 * re-encoded as WebP without any metadata. Returns the bytes and the size they show at.
 */
export async function toBoundedWebp(bytes: Buffer, options: BoundedImageOptions) {
  const input = await checkedImage(bytes, options);
  try {
    const { data, info } = await input()
      .rotate()
      .resize(options.maxSidePx, options.maxSidePx, { fit: "inside", withoutEnlargement: true })
      .webp({ quality: 82 })
      .toBuffer({ resolveWithObject: true });
    return { webp: data, width: info.width, height: info.height };
  } catch {
    throw new DomainError("INVALID_IMAGE", "The image could not be read.");
  }
}
