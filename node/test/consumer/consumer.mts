// A TypeScript ESM consumer: named and default imports, type-checked with --strict.
import errcat, { lookup, status, CodedError, ErrcatError, Source, type Resolved } from 'errcat'

const r: Resolved = lookup('User.PullBizError')
const dynamic: boolean = r.dynamic
const valid: boolean = status(552).valid
const again: string = errcat.lookup('Arklet.InstallBizFailed').entry.type
const arklet: string = new CodedError('552', 'limited').toArkletJson()
const user: Source = Source.User
const isError: boolean = new ErrcatError('NotFound', 'x') instanceof Error
export { dynamic, valid, again, arklet, user, isError }
