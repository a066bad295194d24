// The ESM entry: the same module as `require('errcat')`, with named exports.
import { createRequire } from 'node:module'

const errcat = createRequire(import.meta.url)('./errcat.js')

export const {
  lookup,
  find,
  status,
  serviceOf,
  entries,
  parse,
  compose,
  exportCatalog,
  analyzeAudit,
  CodedError,
  VERSION,
  __napiBindingTarget,
} = errcat
export default errcat
