// The public API of the errcat npm package (errcat.js, errcat.mjs). The catalog's types — the enumerations, `Text`,
// `KouplelessEntry`, `StatusEntry`, `Version` — are generated from catalog/fields.toml into generated/catalog.d.ts.
import type {
  ErrorKind,
  KouplelessEntry,
  Reporter,
  Service,
  Source,
  StatusEntry,
  System,
  Version,
} from './generated/catalog.js'

export * from './generated/catalog.js'

/**
 * Which binding artifact the generated loader actually loaded: `'native'` for a native addon, otherwise the
 * `platformArchABI` of the WASI flavor.
 */
export declare const __napiBindingTarget: 'native' | 'wasm32-wasi' | 'wasm32-wasip1'

/** The errcat version (the core crate's). */
export declare const VERSION: string

/**
 * What errcat throws (and what `analyzeAudit` rejects with): the core's error, with the same kinds in every
 * language. `code` is `ERRCAT_` and the kind in upper snake case (`ERRCAT_NOT_FOUND`).
 */
export declare class ErrcatError extends Error {
  constructor(kind: ErrorKind, message: string, suggestions?: string[], candidates?: string[])
  readonly name: 'ErrcatError'
  readonly code:
    | 'ERRCAT_NOT_FOUND'
    | 'ERRCAT_AMBIGUOUS'
    | 'ERRCAT_INVALID_CODE'
    | 'ERRCAT_INVALID_ARGUMENT'
    | 'ERRCAT_IO'
    | 'ERRCAT_INTERNAL'
  readonly kind: ErrorKind
  /** For `NotFound`: close matches, best first. */
  readonly suggestions: string[]
  /** For `Ambiguous`: the entries (`Reporter/Source.Type`) the code could mean. */
  readonly candidates: string[]
}

/** Options of `lookup`. */
export interface LookupOptions {
  /** Resolve inside this reporter's table (`Arklet`, `arklet`, `ModuleController`, `KouplelessBoard`). */
  reporter?: string | null
}

/** Options of `status` and `serviceOf`. */
export interface StatusOptions {
  /** The CubeFS version (`v3.5.0`, `3.5.0`, `master`); default: the newest. */
  version?: string | null
}

/** Filter of `entries`: every field narrows. A reporter implies Koupleless; a service or version the blobstore. */
export interface EntriesFilter {
  /** `koupleless` or `blobstore` (any case). */
  system?: System | (string & {}) | null
  reporter?: string | null
  /** A service, or its audit-log module (`BLOBNODE`). */
  service?: string | null
  version?: string | null
}

/** Options of `exportCatalog`. */
export interface ExportOptions {
  /** `json` (default: the whole catalog, both languages), `md`/`markdown` or `csv`. */
  format?: 'json' | 'md' | 'markdown' | 'csv' | null
  /** The language of Markdown and CSV: `en` (default) or `zh` (or a locale tag, `zh-CN`). */
  lang?: 'en' | 'zh' | (string & {}) | null
}

/**
 * Options of `analyzeAudit`: each is passed to the core under its snake_case name (`maxApiLevel` → `max_api_level`;
 * bindings/README.md lists them); an option the core does not know is `ERRCAT_INVALID_ARGUMENT`.
 */
export interface AuditOptions {
  /** The CubeFS version whose catalog explains the codes; default: the newest. */
  version?: string | null
  /** Segments of the `api` label kept, like the blobstore's `max_api_level` (default 2). */
  maxApiLevel?: number | null
  /** Which status codes count as errors: an error-code spec such as `sla` or `5xx,!596`. */
  errors?: string | null
  /** Only lines from this time on (RFC 3339, epoch µs, or before the newest line: `-15m`). */
  since?: string | null
  /** Only lines before this time. */
  until?: string | null
  /** The width of a timeline bucket (`1m`, `30s`). */
  bucket?: string | null
  /** Only these services (names or audit-log modules; a list, or comma-separated). */
  service?: string | string[] | null
  /** Only these APIs. */
  api?: string | string[] | null
  /** Only these status codes (an error-code spec). */
  code?: string | null
  /** Only these hosts. */
  host?: string | string[] | null
  /** Only these clients. */
  client?: string | string[] | null
  /** Only the lines of this Trace-Log id. */
  trace?: string | null
  /** A time range of the same logs to compare with (`A..B`). */
  baseline?: string | null
  /** Other logs to compare with. */
  baselinePaths?: Array<string | Uint8Array> | null
  /** How many entities to keep per service and kind. */
  entities?: number | null
}

/** Options of `new CodedError(...)`. */
export interface CodedErrorOptions {
  /** The table to resolve a two-level code in (when the code alone is ambiguous). */
  reporter?: string | null
  /** The CubeFS version a status number is resolved at (default: newest). */
  version?: string | null
  /** The error that caused this one (held by reference). */
  cause?: CodedError | null
}

/** The analysis of audit logs: every field of the core's JSON report (`errcat.audit/1`), plus these counters. */
export interface AuditReport {
  /** Lines read (= lines counted + malformed lines). */
  lines: number
  /** Malformed lines. */
  malformed: number
}

/** A syntactically valid two-level code. */
export interface Code {
  source: Source
  type: string
  /** The code rendered back: `Source.Type`. */
  code: string
}

/** A two-level code resolved to its Koupleless entry (frozen; the same object for the same answer). */
export interface Resolved {
  /** `Source.Type` with the canonical type spelling. */
  readonly code: string
  /** The source given in the code. */
  readonly source: Source
  /** The canonical type. */
  readonly type: string
  /** The reporter whose table holds the entry. */
  readonly reporter: Reporter
  /** `true` when the source is not one of the entry's catalogued sources (`User.PullBizError`). */
  readonly dynamic: boolean
  /** The alias spelling the code used, when it was not the canonical type. */
  readonly alias: string | null
  /** The entry. */
  readonly entry: KouplelessEntry
}

/** A blobstore status number resolved at a CubeFS version (frozen; the same object for the same answer). */
export interface StatusMatch {
  /** The number. */
  readonly code: number
  /** The version asked about. */
  readonly version: Version
  /** Whether the entry is defined at that version (`false`: known only in other versions, see `entry.versions`). */
  readonly valid: boolean
  /** The entry. */
  readonly entry: StatusEntry
}

/**
 * Resolves a two-level code (`"Arklet.InstallBizFailed"`) to its Koupleless entry, inside `options.reporter`'s
 * table when given. Throws an `ErrcatError`: `ERRCAT_NOT_FOUND` (with `suggestions`), `ERRCAT_AMBIGUOUS` (with
 * `candidates`), `ERRCAT_INVALID_CODE` or `ERRCAT_INVALID_ARGUMENT`.
 */
export declare function lookup(code: string, options?: LookupOptions | null): Resolved

/**
 * Every entry a code could mean: for a two-level code or a bare type (`InstallBizFailed`) the entries of its type
 * in every table, for a number (`"552"`) the blobstore entries with that number in every version. Throws
 * `ERRCAT_NOT_FOUND` when none.
 */
export declare function find(code: string): Array<KouplelessEntry | StatusEntry>

/** The entries whose code, meaning, solution, message or description holds every word (English or Chinese). */
export declare function search(words: string): Array<KouplelessEntry | StatusEntry>

/**
 * The blobstore entry for a status number at `options.version` (default: newest). A number known only in other
 * versions is returned with `valid: false`. Throws `ERRCAT_NOT_FOUND`, `ERRCAT_INVALID_CODE` (not an integer in
 * 0..=999) or `ERRCAT_INVALID_ARGUMENT` (unknown version).
 */
export declare function status(code: number | bigint, options?: StatusOptions | null): StatusMatch

/**
 * The service a status number belongs to at `options.version`: the service of the entry valid then, else the
 * service whose range covers the number. Throws `ERRCAT_NOT_FOUND` when neither says.
 */
export declare function serviceOf(code: number | bigint, options?: StatusOptions | null): Service

/** The catalog's entries passing `filter`, in catalog order (Koupleless tables first, then the blobstore). */
export declare function entries(filter?: EntriesFilter | null): Array<KouplelessEntry | StatusEntry>

/**
 * Parses a two-level code strictly: exactly one `.`, PascalCase parts, a known source. Throws
 * `ERRCAT_INVALID_CODE` saying which rule failed.
 */
export declare function parse(text: string): Code

/** Builds `source.type`, checking the type like `parse` does. An unknown source is `ERRCAT_INVALID_ARGUMENT`. */
export declare function compose(source: string, type: string): Code

/** The catalog exported: `json` (default; equals the committed `testdata/catalog.json`), `md` or `csv` in `lang`. */
export declare function exportCatalog(options?: ExportOptions | null): string
/** `exportCatalog({ format, lang })`, positionally. */
export declare function exportCatalog(format?: ExportOptions['format'], lang?: ExportOptions['lang']): string

/**
 * Analyses blobstore audit logs (files or directories; strings or Buffers) off the main thread. Resolves with the
 * report: the core's JSON report plus the `lines` and `malformed` counters, frozen. Rejects with an `ErrcatError`
 * (`ERRCAT_IO` when a path cannot be read).
 */
export declare function analyzeAudit(
  paths: Array<string | Uint8Array>,
  options?: AuditOptions | null,
): Promise<AuditReport & Record<string, unknown>>

/** How an answer to classify came (all optional). */
export interface ClassifyOptions {
  /** The Arklet command the answer is for (`installBiz`, `batchInstallBiz`, `uninstallBiz`, ...; case ignored). */
  command?: string | null
  /** The HTTP status of the response. */
  httpStatus?: number | null
  /** `http` (Arklet's HTTP API, the default), `mqtt` (a bizOperation payload) or `client` (ModuleController's client). */
  tunnel?: 'http' | 'mqtt' | 'client' | (string & {}) | null
}

/** What a classification read from the answer (the core's JSON, `errcat classify --json`). */
export interface ClassifyEvidence {
  /** A batch entry's URL or a biz's name:version. */
  readonly key: string | null
  readonly tunnel: string
  /** `text`, `empty`, `envelope`, `batch-entry`, `biz-record`, `ops-record`. */
  readonly shape: string
  readonly command: string | null
  readonly http_status: number | null
  /** The envelope's code (`FAILED`, `CMD_PROCESS_INTERNAL_ERROR`, ...). */
  readonly envelope: string | null
  /** `data.code` (`REPEAT_BIZ`, `NOT_FOUND_BIZ`, ...). */
  readonly data_code: string | null
  readonly message: string | null
  readonly data_message: string | null
  readonly state: string | null
  readonly reason: string | null
  /** The text after `Internal Error: `. */
  readonly error: string | null
  readonly exception: string | null
  readonly exception_message: string | null
  /** The deepest `Caused by:` class. */
  readonly cause: string | null
  readonly cause_message: string | null
  /** `framework`, `user`, `platform` or `unknown`. */
  readonly cause_origin: string | null
  readonly cause_frame: string | null
  readonly causes: number
  readonly frames: number
  /** The placeholders of the rule's pattern (`bizName`, `bizVersion`, ...). */
  readonly placeholders: Readonly<Record<string, string>>
}

/**
 * Which two-level code a real Arklet or ModuleController answer means (frozen): the core's JSON
 * (`errcat classify --json`), with `entry` the generated entry object and `resolved` the table's answer of `code`.
 */
export interface Classification {
  /** `success` or `error` (`unclassified` only for an entry of `results` no rule knows). */
  readonly outcome: 'success' | 'error' | 'unclassified'
  /** The two-level code; null for a success. */
  readonly code: string | null
  readonly reporter: Reporter | null
  /** The rule of catalog/koupleless-wire.toml that decided. */
  readonly rule: string | null
  readonly why: string | null
  readonly retryable: boolean | null
  /** For an unclassified entry of `results`: why. */
  readonly error: { readonly kind: ErrorKind; readonly message: string } | null
  readonly evidence: ClassifyEvidence | null
  readonly entry: KouplelessEntry | null
  readonly resolved: Resolved | null
  /** One classification per entry of a batch (`batchInstallBiz`) or list (`queryAllBiz`) answer. */
  readonly results: ReadonlyArray<ClassifiedItem>
}

/** One entry of a composite answer (frozen): its key first, then the members of a `Classification` but `results`. */
export interface ClassifiedItem extends Omit<Classification, 'results'> {
  /** The entry's URL (`batchInstallBiz`) or `name:version` (`queryAllBiz`). */
  readonly key: string
}

/**
 * Classifies a real Arklet / ModuleController answer (text, or bytes): success, or its two-level code with the
 * rule and the evidence. Throws `ERRCAT_NOT_FOUND` for a well-formed answer no rule classifies (the message says
 * what the command would decide), `ERRCAT_INVALID_ARGUMENT` for input that is not an answer.
 */
export declare function classify(body: string | Uint8Array, options?: ClassifyOptions | null): Classification

/** The answer with its code added as `errorCode` (every other byte kept; a success as received). */
export declare function enrich(body: string | Uint8Array, options?: ClassifyOptions | null): string

/**
 * An error value: a code (`Source.Type` or a blobstore status number as text), a detail for this occurrence, and
 * optionally the error that caused it (held by reference). Rendered identically by every errcat binding; a chain
 * deeper than the core's limit (64 causes) renders as `ERRCAT_INVALID_ARGUMENT`.
 */
export declare class CodedError {
  /**
   * Resolves `code` (a number or digits: a blobstore status at `options.version`, else a two-level code in
   * `options.reporter`'s table). Throws like `lookup`/`status` when the code does not resolve.
   */
  constructor(code: string | number | bigint, detail: string, options?: CodedErrorOptions | null)
  /** The code as text: `Source.Type` (canonical type) or the status number. */
  get code(): string
  /** The detail of this occurrence. */
  get detail(): string
  /** The cause, if any: the very object given as `options.cause`. */
  get cause(): CodedError | null
  /** What the code resolved to. */
  get resolved(): Resolved | StatusMatch
  /** RFC 9457 `application/problem+json` text. */
  toProblemJson(): string
  /** The Arklet response envelope `{code, message, errorStackTrace, errorCode}` as JSON text. */
  toArkletJson(): string
}
