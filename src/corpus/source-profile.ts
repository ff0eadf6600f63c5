import { z } from "zod";

/**
 * How to read one source document. The seed is a scraped web page, so its profile names the
 * page boilerplate, the preview-block markers and the broken glyphs; a clean Markdown playbook
 * needs none of these. Keeping them here (data) keeps the pipeline itself free of special cases.
 */
export const SourceProfileSchema = z.object({
  id: z.string().min(1),
  title: z.string().min(1),
  titleEn: z.string().min(1),
  /** File names, relative to the corpus folder. */
  files: z.object({
    seed: z.string(),
    outline: z.string(),
    repairs: z.string(),
    english: z.string(),
    /** What each sentence does (advice, heading, …): see sentence-roles.ts. */
    roles: z.string().optional(),
  }),
  /** The handbook text starts after the first occurrence of this string (page boilerplate before it). */
  bodyStartAfter: z.string().optional(),
  /** …and ends before the first occurrence of this one (page boilerplate after it). */
  bodyEndBefore: z.string().optional(),
  /**
   * Preview-block markers cut into the text, as a regular expression whose group 1 is the block
   * number. Blocks must be numbered 1, 2, 3 … in order, which is how we know a match is a marker.
   */
  blockMarker: z.string().optional(),
  /** The text opens with a table of contents: the body starts at the second occurrence of the first heading. */
  hasTableOfContents: z.boolean().default(false),
  /** Literal repairs of broken glyphs, applied before anything else reads the text. */
  glyphFixes: z.array(z.object({ from: z.string().min(1), to: z.string(), note: z.string() })).default([]),
});

export type SourceProfile = z.infer<typeof SourceProfileSchema>;
