'use strict'
/**
 * errcat: one error-code catalog for Koupleless and the CubeFS blobstore, backed by the Rust core (napi-rs).
 *
 * This file is the package's CommonJS entry, the host of bindings/README.md. It decides nothing: every argument
 * goes, read once and unchanged, to the native `call(op, args)` (bindings/node), which hands it to the core. It keeps
 *   - the generated catalog (./generated/catalog.js): enumerations, every entry as frozen data by entry id;
 *   - the answer table, loaded once below (one `answers` crossing) into immutable Maps: a successful lookup or
 *     status whose arguments are in it is served from it; any other call crosses, and the answer id it returns
 *     picks the same frozen object. Errors always come from the core;
 *   - ErrcatError, which the core's errors become, and CodedError, an error value holding a reference to its cause.
 */
const native = require('./native.js') // binding.js, or one line naming the supported platforms
const catalog = require('./generated/catalog.js')

const { ENTRIES, Source, Service, ErrorKind } = catalog
const SOURCES = Object.values(Source)
const SERVICES = Object.values(Service)
const KIND_CODES = new Map(Object.values(ErrorKind).map((k) => [k, `ERRCAT_${k.replace(/(?<=[a-z])(?=[A-Z])/g, '_').toUpperCase()}`]))

/** An errcat error: `code` is `ERRCAT_<KIND>`, `kind` the kind's name, plus the core's suggestions and candidates. */
class ErrcatError extends Error {
  constructor(kind, message, suggestions = [], candidates = []) {
    super(message)
    this.name = 'ErrcatError'
    this.code = KIND_CODES.get(kind) ?? 'ERRCAT_INTERNAL'
    this.kind = kind
    this.suggestions = suggestions
    this.candidates = candidates
  }
}

/** The native failure `[kind, message, suggestions, candidates]` as an ErrcatError; anything else as it is. */
function raised(failure) {
  return Array.isArray(failure) ? new ErrcatError(...failure) : failure
}

/** One crossing: operation `op` with `args` as the core takes them. */
function call(op, args) {
  let answer
  try {
    answer = native.call(op, args)
  } catch (failure) {
    throw raised(failure)
  }
  return Array.isArray(answer) ? unpack(answer[0], answer[1]) : answer
}

/**
 * A list or map answer, which the native module packs (errcat::boundary::Packed): all its text in one string, its
 * values in order in another (a tag and its operands each, unsigned numbers in 15-bit groups, low group first, a unit
 * with its top bit set having another after it). Made here by compiled JavaScript, the values cost a fraction of the
 * N-API calls that would make them one by one.
 */
function unpack(text, shape) {
  packedText = text
  packedShape = shape
  at = 0
  pos = 0
  const value = packedValue()
  packedText = packedShape = '' // nothing of the answer kept
  return value
}

// The answer being unpacked and where in it: module state rather than closures, so that unpacking makes no
// functions (unpacking never re-enters: it calls nothing outside this module).
let packedText = ''
let packedShape = ''
let at = 0
let pos = 0

function packedNumber() {
  let unit = packedShape.charCodeAt(at++)
  if (unit < 0x8000) return unit
  let n = unit & 0x7fff
  for (let scale = 0x8000; ; scale *= 0x8000) {
    unit = packedShape.charCodeAt(at++)
    n += (unit & 0x7fff) * scale
    if (unit < 0x8000) return n
  }
}

function packedStr() {
  const start = pos
  pos += packedNumber()
  return packedText.slice(start, pos)
}

function packedValue() {
  switch (packedShape.charCodeAt(at++)) {
    case 0: return null
    case 1: return false
    case 2: return true
    case 3: { const zigzag = packedNumber(); return zigzag % 2 === 0 ? zigzag / 2 : -(zigzag + 1) / 2 }
    case 4: return packedStr()
    case 5: {
      const items = new Array(packedNumber())
      for (let i = 0; i < items.length; i++) items[i] = packedValue()
      return items
    }
    case 6: {
      const object = {}
      for (let n = packedNumber(); n > 0; n--) {
        const name = packedStr()
        // Own data properties, in the core's order (a member named `__proto__` is a member).
        if (name === '__proto__') Object.defineProperty(object, name, { value: packedValue(), writable: true, enumerable: true, configurable: true })
        else object[name] = packedValue()
      }
      return object
    }
    default: return unreadable()
  }
}

const NONE = Object.freeze({})

/**
 * The host's own argument shape: an options object, or nothing (`NONE`). Callers read each option once, at their
 * own site (so that each property load keeps its own, monomorphic, feedback).
 */
function opts(options) {
  if (options === undefined || options === null) return NONE
  if (typeof options !== 'object') {
    const error = new TypeError(`options must be an object, not ${typeof options}`)
    error.code = 'ERR_INVALID_ARG_TYPE'
    throw error
  }
  return options
}

// The answer table (core/src/boundary/answers.rs): loaded once, at require time, in one pass over its text.
const ANSWERS = new Map() // answer id -> the frozen Resolved or StatusMatch
const LOOKUPS = new Map() // reporter spelling (undefined: none) -> code -> Resolved
const STATUSES = new Map() // version spelling (undefined: none) -> number -> StatusMatch

function loadAnswers(text) {
  const [magic, format, fingerprint] = text.slice(0, text.indexOf('\n')).split('\t')
  if (magic !== 'errcat-answers' || format !== '1' || fingerprint !== catalog.CATALOG_FINGERPRINT) {
    throw new ErrcatError('Internal', `the native library (catalog ${fingerprint}) and the package's generated ` +
      `catalog (${catalog.CATALOG_FINGERPRINT}) differ: the errcat package is damaged; reinstall it`)
  }
  let pos = text.indexOf('\n') + 1
  /** A decimal field and its separator. */
  const num = () => {
    let n = 0
    for (let c = text.charCodeAt(pos++); c >= 48 && c <= 57; c = text.charCodeAt(pos++)) n = n * 10 + c - 48
    return n
  }
  /** A text field up to `end` (a TAB, or the end of the row) and its separator. */
  const str = (end) => text.slice(pos, (pos = text.indexOf(end, pos) + 1) - 1)
  // Keys are internalized, as string literals are: a caller's literal then matches by identity, at a Map's cost.
  // The rows of one code are consecutive and option spellings are few: each is internalized once.
  const intern = (key) => Object.keys({ [key]: 0 })[0]
  const spellings = new Map([['-', undefined]])
  const spelling = (key) => (spellings.has(key) ? spellings.get(key) : spellings.set(key, intern(key)).get(key))
  const table = (maps, key) => maps.get(key) ?? maps.set(key, new Map()).get(key)
  let code = ''
  while (pos < text.length) {
    const kind = text[pos]
    pos += 2
    const id = num()
    if (kind === 'R') {
      const entry = ENTRIES[num()]
      const source = SOURCES[num()]
      const alias = str('\t')
      const dynamic = num() === 1
      ANSWERS.set(id, Object.freeze({ code: str('\n'), source, type: entry.errorType, reporter: entry.reporter,
        dynamic, alias: alias === '-' ? null : alias, entry }))
    } else if (kind === 'S') {
      const entry = ENTRIES[num()]
      const version = catalog.VERSIONS[num()]
      ANSWERS.set(id, Object.freeze({ code: entry.code, version, valid: num() === 1, entry }))
    } else if (kind === 'L') {
      const reporter = spelling(str('\t'))
      const end = text.indexOf('\n', pos)
      if (end - pos !== code.length || !text.startsWith(code, pos)) code = intern(text.slice(pos, end))
      pos = end + 1
      table(LOOKUPS, reporter).set(code, ANSWERS.get(id))
    } else {
      table(STATUSES, spelling(str('\t'))).set(num(), ANSWERS.get(id))
    }
  }
}
loadAnswers(call('answers', []))
const PLAIN_LOOKUPS = LOOKUPS.get(undefined) ?? new Map()
const PLAIN_STATUSES = STATUSES.get(undefined) ?? new Map()

function answer(id) {
  const found = ANSWERS.get(id)
  if (found === undefined) throw new ErrcatError('Internal', `answer ${id} is not in the answer table (a bug)`)
  return found
}

const entriesOf = (ids) => ids.map((id) => ENTRIES[id])

// lookup and status: an answer the table holds costs one or two Map probes; any other call crosses.

/** @type {typeof import('./index').lookup} */
function lookup(code, options) {
  if (options === undefined) {
    const hit = PLAIN_LOOKUPS.get(code)
    return hit !== undefined ? hit : crossing('lookup', code, undefined)
  }
  const reporter = opts(options).reporter
  const table = reporter === undefined || reporter === null ? PLAIN_LOOKUPS : LOOKUPS.get(reporter)
  const hit = table === undefined ? undefined : table.get(code)
  return hit !== undefined ? hit : crossing('lookup', code, reporter)
}

/** @type {typeof import('./index').status} */
function status(code, options) {
  if (options === undefined) {
    const hit = PLAIN_STATUSES.get(code)
    return hit !== undefined ? hit : crossing('status', code, undefined)
  }
  const version = opts(options).version
  const table = version === undefined || version === null ? PLAIN_STATUSES : STATUSES.get(version)
  const hit = table === undefined ? undefined : table.get(code)
  return hit !== undefined ? hit : crossing('status', code, version)
}

/** A lookup or status the table does not hold: the core answers (its answer id picks the table's object). */
function crossing(op, code, option) {
  return answer(call(op, [code, option]))
}

/** @type {typeof import('./index').find} */
const find = (code) => entriesOf(call('find', [code]))

/** @type {typeof import('./index').search} */
const search = (words) => entriesOf(call('search', [words]))

/** @type {typeof import('./index').entries} */
function entries(filter) {
  const f = opts(filter)
  return entriesOf(call('entries', [f.system, f.reporter, f.service, f.version]))
}

/** @type {typeof import('./index').serviceOf} */
const serviceOf = (code, options) => SERVICES[call('service_of', [code, opts(options).version])]

const code = ([source, type, text]) => ({ source: SOURCES[source], type, code: text })

/** @type {typeof import('./index').parse} */
const parse = (text) => code(call('parse', [text]))

/** @type {typeof import('./index').compose} */
const compose = (source, type) => code(call('compose', [source, type]))

/** @type {typeof import('./index').exportCatalog} */
function exportCatalog(options, lang) {
  if (options !== null && typeof options === 'object') return call('export', [options.format, options.lang])
  return call('export', [options, lang]) // exportCatalog(format, lang)
}

function freezeDeep(value) {
  for (const field of Object.values(value)) {
    if (field !== null && typeof field === 'object') freezeDeep(field)
  }
  return Object.freeze(value)
}

/** @type {typeof import('./index').analyzeAudit} */
function analyzeAudit(paths, options) {
  try {
    // Every option as the core's [name, value] pair, its name in the core's snake_case (maxApiLevel →
    // max_api_level): a new audit option needs nothing here, and an unknown one is the core's error.
    const o = opts(options)
    const pairs = Object.keys(o).map((key) => [key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`), o[key]])
    return native.call('audit', [paths, pairs], true).then(
      ([lines, malformed, json]) => freezeDeep({ ...JSON.parse(json), lines, malformed }),
      (failure) => { throw raised(failure) })
  } catch (failure) {
    return Promise.reject(raised(failure))
  }
}

// The core's flat classification (`classify_flat`, bindings/README.md, core/src/classify/flat.rs): each object a
// list of its members' values by position, without the members the answer table holds (the code's text, reporter,
// retryability and entry: the answer id picks the table's object). The native module writes its shape into SHAPE
// (reused by every classification: `callPacked`) and answers its text; the objects are read from them here, each
// straight from its values, with the members and the order of the core's map view. Same module state as `unpack`.

/** The shape of a classification, written by the native module (a larger one comes as a string of its own). */
const SHAPE = new Uint16Array(4096)
let flatShape = SHAPE

function unreadable() {
  throw new ErrcatError('Internal', 'a packed answer the package cannot read (a bug)')
}

function flatNumber() {
  let unit = flatShape[at++]
  if (unit < 0x8000) return unit
  let n = unit & 0x7fff
  for (let scale = 0x8000; ; scale *= 0x8000) {
    unit = flatShape[at++]
    n += (unit & 0x7fff) * scale
    if (unit < 0x8000) return n
  }
}

/** The next `len` units of the text. */
function flatText(len) {
  const start = pos
  pos += len
  return packedText.slice(start, pos)
}

/** A text, or null. */
function flatStr() {
  const tag = flatShape[at++]
  if (tag === 4) return flatText(flatNumber())
  if (tag !== 0) unreadable()
  return null
}

/** An integer, or null. */
function flatInt() {
  const tag = flatShape[at++]
  if (tag === 3) {
    const zigzag = flatNumber()
    return zigzag % 2 === 0 ? zigzag / 2 : -(zigzag + 1) / 2
  }
  if (tag !== 0) unreadable()
  return null
}

/** A list of `n` values follows (true), or null (false). */
function flatList(n) {
  const tag = flatShape[at++]
  if (tag === 5 && flatNumber() === n) return true
  if (tag !== 0) unreadable()
  return false
}

// The names of the placeholders met so far (the rules' placeholders: a few), internalized, as property keys are:
// a name met again is taken from here, so that setting it costs no lookup in V8's string table.
const NAMES = []

/** A placeholder's name. */
function flatName() {
  const len = flatNumber()
  for (let i = 0; i < NAMES.length; i++) {
    const name = NAMES[i]
    if (name.length === len && packedText.startsWith(name, pos)) {
      pos += len
      return name
    }
  }
  const name = flatText(len)
  if (NAMES.length < 64) NAMES.push(Object.keys({ [name]: 0 })[0])
  return name
}

/** The placeholders: own data properties, in the core's order (a member named `__proto__` is a member). */
function flatPlaceholders() {
  if (flatShape[at++] !== 6) unreadable()
  const object = {}
  for (let n = flatNumber(); n > 0; n--) {
    const name = flatName()
    if (name === '__proto__') Object.defineProperty(object, name, { value: flatStr(), writable: true, enumerable: true, configurable: true })
    else object[name] = flatStr()
  }
  return Object.freeze(object)
}

/** The evidence, or null. */
function flatEvidence() {
  if (!flatList(21)) return null
  return Object.freeze({ key: flatStr(), tunnel: flatStr(), shape: flatStr(), command: flatStr(), http_status: flatInt(),
    envelope: flatStr(), data_code: flatStr(), message: flatStr(), data_message: flatStr(), state: flatStr(),
    reason: flatStr(), error: flatStr(), exception: flatStr(), exception_message: flatStr(), cause: flatStr(),
    cause_message: flatStr(), cause_origin: flatStr(), cause_frame: flatStr(), causes: flatInt(), frames: flatInt(),
    placeholders: flatPlaceholders() })
}

const NO_RESULTS = Object.freeze([])

/**
 * A classification (`item`: an entry of a composite answer, its key first and no results of its own): key,
 * outcome, rule, why, error, evidence, results, answer.
 */
function flatClassification(item) {
  if (!flatList(8)) unreadable()
  const key = flatStr()
  const outcome = flatStr()
  const rule = flatStr()
  const why = flatStr()
  const error = flatList(2) ? Object.freeze({ kind: flatStr(), message: flatStr() }) : null
  const evidence = flatEvidence()
  if (flatShape[at++] !== 5) unreadable()
  let results = NO_RESULTS
  const n = flatNumber()
  if (n > 0) {
    results = new Array(n)
    for (let i = 0; i < n; i++) results[i] = flatClassification(true)
    Object.freeze(results)
  }
  const id = flatInt()
  const resolved = id === null ? null : answer(id)
  const entry = resolved === null ? null : resolved.entry
  const code = resolved === null ? null : resolved.code
  const reporter = entry === null ? null : entry.reporter
  const retryable = entry === null ? null : entry.retryable
  return Object.freeze(item
    ? { key, outcome, code, reporter, rule, why, retryable, error, evidence, entry, resolved }
    : { outcome, code, reporter, rule, why, retryable, error, evidence, entry, resolved, results })
}

/** A classification from the answer of `callPacked`: its text (its shape in SHAPE), or `[text, shape]` as `call`. */
function classification(packed) {
  if (typeof packed === 'string') {
    packedText = packed
    flatShape = SHAPE
  } else {
    // A shape larger than SHAPE (a composite answer of many entries), as a string.
    const [text, units] = packed
    packedText = text
    flatShape = new Uint16Array(units.length)
    for (let i = 0; i < units.length; i++) flatShape[i] = units.charCodeAt(i)
  }
  at = 0
  pos = 0
  const value = flatClassification(false)
  packedText = '' // nothing of the answer kept
  flatShape = SHAPE
  return value
}

/** The context of an answer to classify, as `classify` and `enrich` take it. */
function context(body, options) {
  const o = opts(options)
  const command = o.command
  const httpStatus = o.httpStatus
  const tunnel = o.tunnel
  // Arguments not given are left off (the core reads a missing one as not given): none is read in vain.
  if (tunnel !== undefined) return [body, command, httpStatus, tunnel]
  if (httpStatus !== undefined) return [body, command, httpStatus]
  return command !== undefined ? [body, command] : [body]
}

/** @type {typeof import('./index').classify} */
function classify(body, options) {
  const o = opts(options)
  const command = o.command
  const httpStatus = o.httpStatus
  const tunnel = o.tunnel
  let packed
  try {
    // As `context`: the arguments not given are left off.
    if (tunnel !== undefined) packed = native.callPacked('classify_flat', SHAPE, body, command, httpStatus, tunnel)
    else if (httpStatus !== undefined) packed = native.callPacked('classify_flat', SHAPE, body, command, httpStatus)
    else if (command !== undefined) packed = native.callPacked('classify_flat', SHAPE, body, command)
    else packed = native.callPacked('classify_flat', SHAPE, body)
  } catch (failure) {
    throw raised(failure)
  }
  return classification(packed)
}

/** @type {typeof import('./index').enrich} */
const enrich = (body, options) => call('enrich', context(body, options))

/** An error value: a code, a detail and the error that caused it (a reference, never a copy of the chain). */
class CodedError {
  #id
  #answer
  #detail
  #cause

  constructor(code, detail, options) {
    const o = opts(options)
    const reporter = o.reporter
    const version = o.version
    const cause = o.cause
    if (cause != null && !(typeof cause === 'object' && #cause in cause)) {
      const error = new TypeError('options.cause must be a CodedError')
      error.code = 'ERR_INVALID_ARG_TYPE'
      throw error
    }
    this.#id = call('error_code', [code, reporter, version])
    this.#answer = answer(this.#id)
    this.#detail = detail
    this.#cause = cause ?? null
  }

  /** The code as text: `Source.Type` (canonical type) or the status number. */
  get code() {
    return this.#answer.version === undefined ? this.#answer.code : String(this.#answer.code)
  }

  /** The detail of this occurrence. */
  get detail() {
    return this.#detail
  }

  /** The error that caused this one, or null. */
  get cause() {
    return this.#cause
  }

  /** What the code resolved to: the `Resolved` of a two-level code or the `StatusMatch` of a status number. */
  get resolved() {
    return this.#answer
  }

  /** RFC 9457 `application/problem+json` text. */
  toProblemJson() {
    return CodedError.#render('problem', this)
  }

  /** The Arklet response envelope `{code, message, errorStackTrace, errorCode}` as JSON text. */
  toArkletJson() {
    return CodedError.#render('arklet', this)
  }

  /** The chain outermost first, one link past the deepest the core renders (it refuses that): bounded memory. */
  static #render(rendering, error) {
    const chain = []
    for (let e = error; e !== null && chain.length <= native.MAX_CAUSE_DEPTH + 1; e = e.#cause) {
      chain.push([e.#id, e.#detail])
    }
    return call('render', [rendering, chain])
  }
}

module.exports = {
  lookup,
  find,
  search,
  status,
  serviceOf,
  entries,
  parse,
  compose,
  exportCatalog,
  analyzeAudit,
  classify,
  enrich,
  CodedError,
  ErrcatError,
  Source: catalog.Source,
  Reporter: catalog.Reporter,
  Service: catalog.Service,
  RetryClass: catalog.RetryClass,
  System: catalog.System,
  ErrorKind: catalog.ErrorKind,
  Lang: catalog.Lang,
  VERSIONS: catalog.VERSIONS,
  CATALOG_FINGERPRINT: catalog.CATALOG_FINGERPRINT,
  VERSION: call('version', []),
  __napiBindingTarget: native.__napiBindingTarget,
}
