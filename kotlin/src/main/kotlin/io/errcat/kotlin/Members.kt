package io.errcat.kotlin

/**
 * A read-only map of fixed member names over the values the core answered by position (`classify_flat`): the
 * maps of [Errcat.classify], in the core's member order. Nothing is copied into a hash table per answer: a member
 * is found by the names' own index, made once. Equal to any map with the same members (the [Map] contract).
 */
internal class Members(private val names: Names, private val byPosition: List<Any?>) : AbstractMap<String, Any?>() {
    /** The member names, in order, and where each is. */
    class Names(vararg val names: String) {
        val index: HashMap<String, Int> = HashMap<String, Int>(names.size * 2).also { m -> names.forEachIndexed { i, n -> m[n] = i } }
    }

    override val size: Int get() = names.names.size

    override fun containsKey(key: String): Boolean = names.index.containsKey(key)

    override fun get(key: String): Any? {
        val i = names.index[key] ?: return null
        return byPosition[i]
    }

    override val entries: Set<Map.Entry<String, Any?>>
        get() = object : AbstractSet<Map.Entry<String, Any?>>() {
            override val size: Int get() = names.names.size

            override fun iterator(): Iterator<Map.Entry<String, Any?>> = object : Iterator<Map.Entry<String, Any?>> {
                private var i = 0

                override fun hasNext(): Boolean = i < names.names.size

                override fun next(): Map.Entry<String, Any?> {
                    if (i >= names.names.size) throw NoSuchElementException()
                    val entry = java.util.AbstractMap.SimpleImmutableEntry(names.names[i], byPosition[i])
                    i++
                    return entry
                }
            }
        }
}
