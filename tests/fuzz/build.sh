#!/bin/sh
# Builds the libFuzzer targets with clang, separately from the normal build:
# every library source is compiled again with -fsanitize=fuzzer-no-link,
# address,undefined into OUT/obj, and each tests/fuzz/fuzz_*.c is linked with
# -fsanitize=fuzzer into OUT. `make fuzz` calls it with the lists it knows:
#
#   build.sh SRCDIR BUILDDIR OUT SOURCE.c...
#
# SOURCE paths are relative to SRCDIR, or to BUILDDIR for generated files.
# CLANG, ICU_CFLAGS, ICU_LIBS and CJSON_LIBS come from the environment.
set -eu
srcdir=$1 builddir=$2 out=$3
shift 3
clang=${CLANG:-clang}
san="-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer"
cflags="-std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -g -O1 $san -I$srcdir -I$builddir ${ICU_CFLAGS:-}"
mkdir -p "$out/obj"
objs=""
for src in "$@"; do
    case $src in *.c) ;; *) continue ;; esac
    if [ -f "$srcdir/$src" ]; then path=$srcdir/$src; else path=$builddir/$src; fi
    obj=$out/obj/$(echo "$src" | tr / _ | sed 's/\.c$/.o/')
    if [ ! -f "$obj" ] || [ "$path" -nt "$obj" ] || [ "$builddir/config.h" -nt "$obj" ]; then
        echo "  CLANG    $src"
        # shellcheck disable=SC2086
        $clang $cflags -fsanitize=fuzzer-no-link -c "$path" -o "$obj"
    fi
    objs="$objs $obj"
done
for t in "$srcdir"/tests/fuzz/fuzz_*.c; do
    name=$(basename "$t" .c)
    echo "  CLANGLD  $out/$name"
    # shellcheck disable=SC2086
    $clang $cflags -fsanitize=fuzzer "$t" $objs ${ICU_LIBS:-} ${CJSON_LIBS:-} -o "$out/$name"
done
