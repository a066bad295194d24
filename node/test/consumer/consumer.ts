// A TypeScript consumer of the installed package (CommonJS-style import), type-checked with --strict.
import errcat = require('errcat')
import type { KouplelessEntry, StatusEntry, Resolved, StatusMatch, AuditReport } from 'errcat'

const resolved: Resolved = errcat.lookup('Arklet.InstallBizFailed', { reporter: 'Arklet' })
const entry: KouplelessEntry = resolved.entry
const meaning: string = entry.meaning.en
const alias: string | null = resolved.alias

const match: StatusMatch = errcat.status(552, { version: 'v3.5.0' })
const moved: number | null = match.entry.renumberedTo

const all: Array<KouplelessEntry | StatusEntry> = errcat.entries({ system: 'blobstore' })
const numbers: number[] = all.flatMap((e) => (e.system === 'blobstore' ? [e.code] : []))

const err = new errcat.CodedError('Arklet.InstallBizFailed', 'install failed', {
  cause: new errcat.CodedError('User.MetaspaceFull', 'metaspace'),
})
const problem: string = err.toProblemJson()
const cause: errcat.CodedError | null = err.cause

async function audit(): Promise<number> {
  const report: AuditReport = await errcat.analyzeAudit(['audit.log'], { maxApiLevel: 2 })
  return report.lines - report.malformed
}

const service: string = errcat.serviceOf(640)
const text: string = errcat.exportCatalog({ format: 'md', lang: 'zh' })
const code: string = errcat.compose('User', 'DiskFull').code + errcat.parse('Arklet.X').type
export { meaning, alias, moved, numbers, problem, cause, audit, service, text, code }
