"""Fuzz target: the cache reader (cache.Cache.get on a changed entry).

Input: byte 0 picks the mode (an entry written by `put`, then overwritten at,
inserted into, truncated at, replaced by or appended to, at the offset in bytes 1-2, with
the rest of the input). Property (properties.check_cache_mutation): the value written
(bytes unchanged) or None. An arbitrary payload under a right MAC (properties.
check_cache_payload) is not fuzzed here: marshal reads a crafted container size as an
allocation (`[` + 4 bytes: a list of 1.8 billion items, 10 s), and only the holder of the
user's key can write one; see fuzz/README.md.
"""

import atheris

with atheris.instrument_imports(include=["mesacheck"]):
    import properties

from _harness import fuzz


def check(data: bytes) -> None:
    mode = data[0] % 5 if data else 0
    properties.check_cache_mutation(mode, int.from_bytes(data[1:3], "big"), data[3:])


if __name__ == "__main__":
    fuzz(check)
