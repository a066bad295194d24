// The ESM entry: the same module as `require('errcat')`, with named exports.
import { createRequire } from 'node:module'

const errcat = createRequire(import.meta.url)('./errcat.js')

export const {
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
  Source,
  Reporter,
  Service,
  RetryClass,
  System,
  ErrorKind,
  Lang,
  VERSIONS,
  CATALOG_FINGERPRINT,
  VERSION,
  __napiBindingTarget,
} = errcat
export default errcat
