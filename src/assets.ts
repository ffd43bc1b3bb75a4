import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { z } from "zod";
import { projectRoot } from "./paths.js";

/** A data file under assets/ that is missing, not JSON, or not in the expected shape. */
export class AssetError extends Error {
  override name = "AssetError";
}

/**
 * Reads a data file a domain expert maintains (vocabularies, aliases, defaults) and checks
 * it against its schema. Modules load their files when they are first imported, so a bad
 * file stops the service at start-up with the file and the field named, not mid-chat.
 */
export function loadAsset<S extends z.ZodType>(relativePath: string, schema: S): z.infer<S> {
  const path = join(projectRoot, "assets", relativePath);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new AssetError(`assets/${relativePath}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AssetError(`assets/${relativePath}: ${issue?.path.join(".") || "(root)"}: ${issue?.message}`);
  }
  return parsed.data;
}
