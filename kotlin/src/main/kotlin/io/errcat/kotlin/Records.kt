package io.errcat.kotlin

/**
 * A two-level code resolved to its entry by [Errcat.lookup]. One object per answer: the same arguments (or any
 * spelling the library resolves alike) give the same object.
 */
data class Resolved(
    /** `Source.Type` with the given source and the canonical type spelling. */
    val code: String,
    /** The source given in the code. */
    val source: String,
    /** The entry. */
    val entry: KouplelessEntry,
    /** The alias spelling the code used, when it was not the canonical type. */
    val alias: String?,
    /** Whether the source is not one of the entry's catalogued sources (a valid dynamic combination). */
    val dynamic: Boolean,
)

/** A status number resolved at a CubeFS version by [Errcat.status]. One object per answer, like [Resolved]. */
data class StatusMatch(
    /** The entry (when none is valid at `version`, the nearest one in time). */
    val entry: StatusEntry,
    /** The version asked about. */
    val version: String,
    /** Whether the entry is defined at `version`. */
    val valid: Boolean,
)

/** A syntactically valid two-level code, from [Errcat.parse] or [Errcat.compose]. */
data class Code(
    /** The Level-1 source. */
    val source: String,
    /** The Level-2 type, as written. */
    val errorType: String,
    /** The code as text, `Source.Type`. */
    val text: String,
)

/**
 * Which entries [Errcat.entries] returns. Every field narrows; the default returns everything; an empty field does
 * not narrow. A `reporter` implies the Koupleless system; a `service` or `version` implies the blobstore. Names are
 * read by the core: case and surrounding blanks do not matter, a service may be its audit-log module (`BLOBNODE`),
 * a version may omit its `v`.
 */
data class EntryFilter(
    /** `koupleless` or `blobstore`. */
    val system: String? = null,
    /** A reporter (`Arklet`). */
    val reporter: String? = null,
    /** A service (`BlobNode`). */
    val service: String? = null,
    /** A CubeFS version (`v3.5.0`, `master`). */
    val version: String? = null,
)

/** The analysis of blobstore audit logs by [Errcat.analyzeAudit]. */
data class AuditReport(
    /** Lines read (= lines counted + malformed lines). */
    val lines: Long,
    /** Malformed lines. */
    val malformed: Long,
    /** The full report as JSON, the same text as `errcat audit --format json`. */
    val json: String,
)

/** The entry's vector key, `Reporter/Type` or `number/GoConst`, whichever system it is from. */
val Entry.key: String
    get() = when (this) {
        is Entry.Koupleless -> entry.key
        is Entry.Blobstore -> entry.key
    }

/** The entry's id, its index in [Errcat.entries] without a filter. */
val Entry.id: UInt
    get() = when (this) {
        is Entry.Koupleless -> entry.id
        is Entry.Blobstore -> entry.id
    }
