@file:Suppress("PLATFORM_CLASS_MAPPED_TO_KOTLIN")

package io.errcat.kotlin

import com.sun.jna.Native
import com.sun.jna.Pointer
import java.nio.Buffer
import java.nio.ByteBuffer
import java.nio.ByteOrder

/**
 * The two C functions of bindings/uniffi/src/direct.rs, through JNA's direct mapping with integer arguments only
 * (no `Structure`, which JNA marshals by reflection): every crossing of this package but the table's goes through
 * them. uniffi's `call` does the same work in four JNA calls with `Structure` arguments, tens of microseconds.
 */
internal object DirectLib {
    init {
        uniffiEnsureInitialized() // uniffi's checks of the library: its contract version and checksums
        Native.register(DirectLib::class.java, System.getProperty("uniffi.component.errcat.libraryOverride") ?: "errcat_uniffi")
    }

    external fun errcat_uniffi_direct_call(input: Long, inputLen: Long, output: Long, outputCap: Long): Long

    external fun errcat_uniffi_direct_take(output: Long, outputCap: Long): Long
}

/**
 * A host string as the UTF-16 code units of [Value.Utf16], without a boxed `UShort` per character: the direct
 * crossing writes the string itself ([Wire]); uniffi's `call` reads the units one by one.
 */
internal class StringUnits(@JvmField val string: String) : java.util.AbstractList<UShort>() {
    override val size: Int get() = string.length

    override fun get(index: Int): UShort = string[index].code.toUShort()
}

/**
 * One thread's buffers for the direct crossing (native memory, reused): the arguments are written into [input],
 * the library writes the answer into [output]. Buffers grown past [KEEP] bytes for a large argument or answer are
 * dropped after the call.
 */
private class Wire {
    var input: ByteBuffer = allocate(INITIAL)
    var inputAddress = address(input)
    var output: ByteBuffer = allocate(INITIAL)
    var outputAddress = address(output)

    /** Makes room for `n` more bytes of arguments. */
    fun room(n: Int) {
        val used = (input as Buffer).position()
        if (input.capacity() - used >= n) return
        val bigger = allocate(maxOf(used + n, input.capacity() * 2))
        (input as Buffer).flip()
        bigger.put(input)
        input = bigger
        inputAddress = address(bigger)
    }

    fun byte(b: Int) {
        room(1)
        input.put(b.toByte())
    }

    fun count(tag: Int, n: Int) {
        room(5)
        input.put(tag.toByte())
        input.putInt(n)
    }

    fun text(tag: Int, s: String) = bytes(tag, (s as java.lang.String).getBytes(java.nio.charset.StandardCharsets.UTF_8))

    fun bytes(tag: Int, b: ByteArray) {
        count(tag, b.size)
        room(b.size)
        input.put(b)
    }

    /**
     * A host string: as UTF-8 (`Str`) when it holds no surrogate (then the conversion is exact, and the JVM's
     * encoder is much faster than the core's reading of UTF-16), else as its code units (`Utf16`), so that a lone
     * surrogate reaches the core, which judges it.
     */
    fun string(s: String) {
        for (i in 0 until s.length) {
            if (Character.isSurrogate(s[i])) return units(s)
        }
        bytes(5, (s as java.lang.String).getBytes(java.nio.charset.StandardCharsets.UTF_8))
    }

    fun units(s: String) {
        count(6, s.length)
        room(2 * s.length)
        val at = (input as Buffer).position()
        input.asCharBuffer().put(s)
        (input as Buffer).position(at + 2 * s.length)
    }

    fun value(v: Value) {
        when (v) {
            Value.Null -> byte(0)
            is Value.Bool -> {
                byte(1)
                byte(if (v.value) 1 else 0)
            }
            is Value.Int -> {
                room(9)
                input.put(2)
                input.putLong(v.value)
            }
            is Value.Float -> {
                room(9)
                input.put(3)
                input.putLong(java.lang.Double.doubleToRawLongBits(v.value))
            }
            is Value.BigInt -> text(4, v.text)
            is Value.Str -> text(5, v.value)
            is Value.Utf16 -> {
                val units = v.units
                if (units is StringUnits) {
                    string(units.string)
                } else {
                    count(6, units.size)
                    room(2 * units.size)
                    for (u in units) input.putShort(u.toShort())
                }
            }
            is Value.Bytes -> bytes(7, v.value)
            is Value.Seq -> count(8, v.len.toInt())
            is Value.Map -> count(9, v.len.toInt())
            is Value.Other -> text(10, v.typeName)
        }
    }

    /** One crossing: `op` with the flat arguments; the answer's bytes (a status byte first). */
    fun call(op: String, args: List<Value>): ByteArray {
        try {
            (input as Buffer).clear()
            val name = (op as java.lang.String).getBytes(java.nio.charset.StandardCharsets.UTF_8)
            room(4 + name.size)
            input.putInt(name.size)
            input.put(name)
            for (v in args) value(v)
            val length = (input as Buffer).position().toLong()
            var n = DirectLib.errcat_uniffi_direct_call(inputAddress, length, outputAddress, output.capacity().toLong())
            if (n < 0) {
                output = allocate(-n.toInt())
                outputAddress = address(output)
                n = DirectLib.errcat_uniffi_direct_take(outputAddress, output.capacity().toLong())
            }
            val answer = ByteArray(n.toInt())
            (output as Buffer).clear()
            output.get(answer)
            return answer
        } finally {
            if (input.capacity() > KEEP) {
                input = allocate(INITIAL)
                inputAddress = address(input)
            }
            if (output.capacity() > KEEP) {
                output = allocate(INITIAL)
                outputAddress = address(output)
            }
        }
    }

    companion object {
        const val INITIAL = 16 * 1024
        const val KEEP = 1024 * 1024

        fun allocate(n: Int): ByteBuffer = ByteBuffer.allocateDirect(n).order(ByteOrder.LITTLE_ENDIAN)

        fun address(b: ByteBuffer): Long = Pointer.nativeValue(Native.getDirectBufferPointer(b))
    }
}

/** The flat answer (or error) in `bytes` (bindings/uniffi/src/direct.rs). */
private class Reader(private val bytes: ByteArray) {
    private val b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN)
    private var p = 1

    private fun int(): Int = b.getInt(p).also { p += 4 }

    private fun long(): Long = b.getLong(p).also { p += 8 }

    private fun text(): String {
        val n = int()
        val s = String(bytes, p, n, java.nio.charset.StandardCharsets.UTF_8)
        p += n
        return s
    }

    private fun value(): Value = when (val tag = bytes[p++].toInt()) {
        0 -> Value.Null
        1 -> Value.Bool(bytes[p++].toInt() != 0)
        2 -> Value.Int(long())
        3 -> Value.Float(java.lang.Double.longBitsToDouble(long()))
        4 -> Value.BigInt(text())
        5 -> Value.Str(text())
        6 -> {
            val n = int()
            val units = ArrayList<UShort>(n)
            repeat(n) { units.add(b.getShort(p + 2 * it).toUShort()) }
            p += 2 * n
            Value.Utf16(units)
        }
        7 -> {
            val n = int()
            Value.Bytes(bytes.copyOfRange(p, p + n)).also { p += n }
        }
        8 -> Value.Seq(int().toUInt())
        9 -> Value.Map(int().toUInt())
        10 -> Value.Other(text())
        else -> throw internal("errcat answered an unknown value tag $tag at ${p - 1}")
    }

    /**
     * The answer as Kotlin values, as [decode] makes them from the flat values: `Long`, `Double`, `String`,
     * `Boolean`, `null`, `ByteArray`, `List<Any?>`, `Map<String, Any?>` (members in the core's order). Answers are
     * as shallow as the core makes them, so this recurses.
     */
    fun decoded(): Any? {
        if (bytes.isNotEmpty() && bytes[0].toInt() != 0) read()
        return item()
    }

    private fun item(): Any? = when (val tag = bytes[p++].toInt()) {
        0 -> null
        1 -> bytes[p++].toInt() != 0
        2 -> long()
        3 -> java.lang.Double.longBitsToDouble(long())
        4 -> java.math.BigInteger(text())
        5 -> text()
        8 -> {
            val n = int()
            val list = ArrayList<Any?>(n)
            repeat(n) { list.add(item()) }
            list
        }
        9 -> {
            val n = int()
            val map = LinkedHashMap<String, Any?>(2 * n)
            repeat(n) { map[item() as String] = item() }
            map
        }
        else -> {
            p--
            decode(listOf(value()))
        }
    }

    /** The answer's values, or the error they describe thrown: its kind, reason, suggestions and candidates. */
    fun read(): List<Value> {
        val flat = ArrayList<Value>()
        while (p < bytes.size) flat.add(value())
        if (bytes.isEmpty() || bytes[0].toInt() == 0) return flat
        val kind = (flat[0] as Value.Int).value.toInt()
        val reason = (flat[1] as Value.Str).value
        val suggestions = ArrayList<String>()
        val candidates = ArrayList<String>()
        var i = 2
        for (list in arrayOf(suggestions, candidates)) {
            val n = (flat[i++] as Value.Seq).len.toInt()
            repeat(n) { list.add((flat[i++] as Value.Str).value) }
        }
        throw when (kind) {
            0 -> ErrcatException.NotFound(reason, suggestions, candidates)
            1 -> ErrcatException.Ambiguous(reason, suggestions, candidates)
            2 -> ErrcatException.InvalidCode(reason, suggestions, candidates)
            3 -> ErrcatException.InvalidArgument(reason, suggestions, candidates)
            4 -> ErrcatException.Io(reason, suggestions, candidates)
            else -> ErrcatException.Internal(reason, suggestions, candidates)
        }
    }
}

private val wires = ThreadLocal<Wire>()

private fun wire(): Wire = wires.get() ?: Wire().also { wires.set(it) }

/** One crossing through the direct functions, on this thread's buffers: the flat answer. */
internal fun direct(op: String, args: List<Value>): List<Value> = Reader(wire().call(op, args)).read()

/** One crossing through the direct functions: the answer as Kotlin values ([decode]'s). */
internal fun directDecoded(op: String, args: List<Value>): Any? = Reader(wire().call(op, args)).decoded()
