// errcat from Kotlin: the questions of `make demo-cli`, answered through the errcat-kotlin JAR.
package io.errcat.demo

import io.errcat.kotlin.CodedError
import io.errcat.kotlin.Errcat
import io.errcat.kotlin.ErrcatException
import io.errcat.kotlin.key
import io.errcat.kotlin.reason

fun main() {
    println("== a Koupleless code")
    val r = Errcat.lookup("Arklet.InstallBizFailed")
    println("${r.code} (${r.entry.reporter} table): ${r.entry.meaning.en} / ${r.entry.meaning.zh}; retryable=${r.entry.retryable}")

    println("== a blobstore code at two CubeFS versions")
    for (version in listOf("v3.5.0", "master")) {
        val m = Errcat.status(552, version)
        val now = m.entry.renumberedTo?.let { ", now $it" } ?: ""
        val defined = m.entry.versions.let { if (it.size == 1) it[0] else "${it.first()}..${it.last()}" }
        println("552 at $version: ${m.entry.message} [${m.entry.service}], defined $defined, valid=${m.valid}$now")
    }

    println("== an alias (the published spelling stays canonical), in Chinese")
    val alias = Errcat.lookup("ModuleController.ResourceConstrained")
    println("${alias.alias} -> ${alias.code}: ${alias.entry.meaning.zh}")

    println("== an unknown code: suggestions, and a number by its service range")
    try {
        Errcat.lookup("Arklet.InstallBizFailes")
    } catch (e: ErrcatException.NotFound) {
        println("NotFound: ${e.reason}; did you mean ${e.suggestions.joinToString()}?")
    }
    println("640 belongs to ${Errcat.serviceOf(640)}")

    println("== several tables hold a type: Ambiguous names them")
    try {
        Errcat.lookup("User.DiskFull")
    } catch (e: ErrcatException.Ambiguous) {
        println("Ambiguous: ${e.candidates.joinToString()}")
    }

    println("== a bare type in every table, and codes by the words of their meaning")
    println("InstallBizFailed: ${Errcat.find("InstallBizFailed").joinToString { it.key }}")
    println("\"disk full\": ${Errcat.search("disk full").joinToString { it.key }}")

    println("== an error on the wire, with its cause")
    val cause = CodedError("User.MetaspaceFull", "Metaspace 512m used")
    val err = CodedError("Arklet.InstallBizFailed", "install biz demo:1.0.0 failed").withCause(cause)
    println("problem+json: ${err.toProblemJson()}")
    println("Arklet envelope: ${err.toArkletJson()}")
}
