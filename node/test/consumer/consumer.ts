// A TypeScript consumer of the installed package (CommonJS-style import), type-checked with --strict.
import errcat = require('errcat')
import type { KouplelessEntry, StatusEntry, Resolved, StatusMatch, AuditReport, Text, Version } from 'errcat'

const resolved: Resolved = errcat.lookup('Arklet.InstallBizFailed', { reporter: 'Arklet' })
const entry: KouplelessEntry = resolved.entry
const meaning: string = entry.meaning.en
const alias: string | null = resolved.alias
// Published names (deprecated aliases) and the generated ones.
const type: string = entry.type + entry.errorType + entry.code + entry.defaultCode
const reporter: errcat.Reporter = entry.reporter
const sources: string[] = entry.sources

const match: StatusMatch = errcat.status(552, { version: 'v3.5.0' })
const moved: number | null = match.entry.renumberedTo
const text: Text = match.entry.meaning
const version: Version = match.version
const big: StatusMatch = errcat.status(552n)

const all: Array<KouplelessEntry | StatusEntry> = errcat.entries({ system: 'blobstore' })
const numbers: number[] = all.flatMap((e) => (e.system === 'blobstore' ? [e.code] : []))
const found: Array<KouplelessEntry | StatusEntry> = errcat.search('metaspace').concat(errcat.find('552'))

const err = new errcat.CodedError('Arklet.InstallBizFailed', 'install failed', {
  cause: new errcat.CodedError('User.MetaspaceFull', 'metaspace'),
})
const problem: string = err.toProblemJson()
const cause: errcat.CodedError | null = err.cause

function kindOf(e: unknown): errcat.ErrorKind | undefined {
  return e instanceof errcat.ErrcatError ? e.kind : undefined
}
const notFound: boolean = errcat.ErrorKind.NotFound === 'NotFound' && errcat.RetryClass.Overload === 'overload'

async function audit(): Promise<number> {
  const report: AuditReport = await errcat.analyzeAudit(['audit.log', new Uint8Array([98, 46, 108, 111, 103])], {
    maxApiLevel: 2,
    version: 'master',
    errors: 'sla',
  })
  return report.lines - report.malformed
}

const service: errcat.Service = errcat.serviceOf(640)
const md: string = errcat.exportCatalog({ format: 'md', lang: 'zh' }) + errcat.exportCatalog('csv', 'en')
const code: string = errcat.compose('User', 'DiskFull').code + errcat.parse('Arklet.X').type
const versions: ReadonlyArray<Version> = errcat.VERSIONS
const classified: errcat.Classification = errcat.classify('{"code":"SUCCESS"}', { command: 'installBiz', httpStatus: 200 })
const classifiedCode: string | null = classified.results[0]?.resolved?.code ?? classified.code
const item: errcat.ClassifiedItem | undefined = classified.results[0]
const itemKey: string | undefined = item?.key
// @ts-expect-error an entry of a composite answer has no results of its own
const nested = item?.results
const enriched: string = errcat.enrich(new Uint8Array([123, 125]), { tunnel: 'mqtt' })
const fingerprint: string = errcat.CATALOG_FINGERPRINT + errcat.VERSION
export { meaning, alias, type, reporter, sources, moved, text, version, big, numbers, found, problem, cause, kindOf }
export { notFound, audit, service, md, code, versions, fingerprint, classifiedCode, enriched, itemKey, nested }
