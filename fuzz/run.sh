#!/usr/bin/env bash
# cargo-fuzz with the project's settings (mk/95-fuzz.mk calls this; CARGO_FUZZ names the pinned cargo-fuzz).
#
#   fuzz/run.sh TARGET SECONDS        fuzz TARGET for SECONDS (make fuzz)
#   fuzz/run.sh --cmin TARGET DIR...  the inputs of DIR... that reach distinct coverage, into fuzz/corpus/TARGET
#   fuzz/run.sh --repro TARGET FILE   run FILE once under the libFuzzer harness (sanitizer, debug assertions)
#   fuzz/run.sh --add TARGET          a new target: the skeleton of its body fuzz/src/TARGET.rs, its name in the
#                                     list of fuzz/src/lib.rs, its harness and [[bin]], its seed directory
#
# New inputs go to the working corpus target/fuzz/corpus/TARGET (the committed seeds fuzz/corpus/TARGET are only
# read). libFuzzer stops at the first crash, timeout (FUZZ_TIMEOUT seconds per input), leak, or input that needs
# more than FUZZ_RSS_MB of memory; the failing input is then minimised (cargo fuzz tmin) and copied into
# fuzz/regressions/TARGET/, which `make test` replays: fix the root cause and commit it. One line per run is
# appended to target/fuzz/stats.txt: target, seconds, executions, executions per second, new units, peak RSS,
# exit status.
set -euo pipefail

mode=run
case ${1:-} in
    --cmin | --repro | --add) mode=${1#--}; shift ;;
esac
target=$1
root=$(cd "$(dirname "$0")/.." && pwd)
out=${FUZZ_OUT:-$root/target/fuzz}
cargo_fuzz=${CARGO_FUZZ:-cargo-fuzz}
toolchain=${FUZZ_TOOLCHAIN:-nightly}
cd "$root"

if [ "$mode" = add ]; then
    case $target in
        *[!a-z0-9_]* | [0-9_]* | "") echo "a target name is snake_case: '$target'"; exit 2 ;;
    esac
    if [ -e "fuzz/src/$target.rs" ] || grep -q "^name = \"$target\"" fuzz/Cargo.toml; then
        echo "fuzz target $target exists"
        exit 2
    fi
    {
        echo "//! What the target feeds to which function."
        echo "//!"
        echo "//! Input: how the bytes are read. Invariants:"
        echo "//! - what holds for every input (more than \"no panic\")."
        echo
        echo "pub fn run(data: &[u8]) {"
        echo "    let _ = data;"
        echo "}"
    } >"fuzz/src/$target.rs"
    printf '#![no_main]\nlibfuzzer_sys::fuzz_target!(|data: &[u8]| errcat_fuzz::%s::run(data));\n' "$target" \
        >"fuzz/fuzz_targets/$target.rs"
    # The [[bin]] after the last one (before [profile.release]); the name at the end of the targets! list.
    stanza="[[bin]]\nname = \"$target\"\npath = \"fuzz_targets/$target.rs\"\ntest = false\ndoc = false\nbench = false\n"
    awk -v s="$stanza" '/^\[profile\.release\]/ && !done { printf "%s\n", s; done = 1 } { print }' \
        fuzz/Cargo.toml >fuzz/Cargo.toml.new
    mv fuzz/Cargo.toml.new fuzz/Cargo.toml
    awk -v t="$target" '/^targets! \{/ { inside = 1 } inside && /^\}/ { print "    " t ","; inside = 0 } { print }' \
        fuzz/src/lib.rs >fuzz/src/lib.rs.new
    mv fuzz/src/lib.rs.new fuzz/src/lib.rs
    mkdir -p "fuzz/corpus/$target"
    echo "added fuzz target $target: write its body in fuzz/src/$target.rs and its seeds in fuzz/corpus/$target/"
    exit 0
fi

case $target in
    audit_stream | audit_gzip) max_len=16384 dict=audit_stream ;;
    *) max_len=4096 dict=$target ;;
esac
build=(--target-dir "$out/build" --debug-assertions)
fuzz() { RUSTUP_TOOLCHAIN=$toolchain "$cargo_fuzz" fuzz "$@"; }

if [ "$mode" = cmin ]; then
    shift
    # libFuzzer's merge: the first directory receives a minimal set covering all the others.
    rm -rf "$out/cmin/$target" && mkdir -p "$out/cmin/$target"
    fuzz run "${build[@]}" "$target" "$out/cmin/$target" "$@" -- -merge=1 -max_len="$max_len" \
        -timeout="${FUZZ_TIMEOUT:-10}" >"$out/cmin-$target.log" 2>&1 || { tail -30 "$out/cmin-$target.log"; exit 1; }
    rm -rf "fuzz/corpus/$target" && cp -r "$out/cmin/$target" "fuzz/corpus/$target"
    echo "fuzz/corpus/$target: $(ls "fuzz/corpus/$target" | wc -l) inputs, $(du -sk "fuzz/corpus/$target" | cut -f1) KiB"
    exit 0
fi
if [ "$mode" = repro ]; then
    fuzz run "${build[@]}" "$target" "$2" -- -runs=1
    exit
fi

seconds=$2
args=(
    -max_total_time="$seconds"
    -timeout="${FUZZ_TIMEOUT:-10}"
    -rss_limit_mb="${FUZZ_RSS_MB:-2048}"
    -detect_leaks=1
    -max_len="$max_len"
    -print_final_stats=1
)
[ -f "fuzz/dict/$dict.dict" ] && args+=(-dict="fuzz/dict/$dict.dict")

mkdir -p "$out/corpus/$target" "$out/logs" "fuzz/artifacts/$target"
log=$out/logs/$target.log
stamp=$out/logs/$target.start
touch "$stamp"

echo "== fuzz $target for ${seconds}s (log: ${log#"$root"/})"
set +e
fuzz run "${build[@]}" "$target" "$out/corpus/$target" "fuzz/corpus/$target" -- "${args[@]}" >"$log" 2>&1
status=$?
set -e

stat() { sed -n "s/^stat::$1: *//p" "$log" | tail -1; }
execs=$(stat number_of_executed_units)
printf '%-14s %6ss %12s execs %8s/s %6s new units, peak %s MB, exit %s\n' "$target" "$seconds" \
    "${execs:-?}" "$(stat average_exec_per_sec)" "$(stat new_units_added)" "$(stat peak_rss_mb)" "$status" |
    tee -a "$out/stats.txt"

if [ "$status" -eq 0 ]; then
    exit 0
fi
tail -n 60 "$log"
found=0
while IFS= read -r artifact; do
    found=1
    name=$(basename "$artifact")
    kind=${name%%-*}
    echo "== minimising $artifact"
    fuzz tmin "${build[@]}" -r 2000 "$target" "$artifact" >"$out/logs/$target.tmin.log" 2>&1 || true
    minimised=$(ls -t "fuzz/artifacts/$target"/minimized-from-* 2>/dev/null | head -1 || true)
    keep=${minimised:-$artifact}
    mkdir -p "fuzz/regressions/$target"
    dest="fuzz/regressions/$target/$kind-$(sha1sum "$keep" | cut -c1-16)"
    cp "$keep" "$dest"
    echo "== $kind input saved as $dest: fix the root cause, then commit it (make test replays it)"
done < <(find "fuzz/artifacts/$target" -type f -newer "$stamp" ! -name 'minimized-from-*')
if [ "$found" -eq 0 ]; then
    echo "== fuzz $target failed without an artifact (build error?): see $log"
fi
exit 1
