"""numpy's legacy `RandomState(seed).uniform(low, high, n)` in pure Python.

Same algorithm as `src/traffic/mersenne-twister.ts`: MT19937 with the linear seed
initialiser, standard generation and tempering, and 53-bit doubles built from two 32-bit outputs.
This reproduces the paper's demand draws without numpy.
"""

from __future__ import annotations

from typing import List

_N = 624
_M = 397
_MATRIX_A = 0x9908B0DF
_UPPER = 0x80000000
_LOWER = 0x7FFFFFFF
_MASK = 0xFFFFFFFF


class LegacyMersenneTwister:
    """MT19937 seeded like `numpy.random.seed(int)`."""

    def __init__(self, seed: int) -> None:
        if not 0 <= seed <= _MASK:
            raise ValueError("the seed must be an integer in [0, 2**32 - 1], got %r" % (seed,))
        state = [0] * _N
        state[0] = seed
        for index in range(1, _N):
            previous = state[index - 1]
            state[index] = (1812433253 * (previous ^ (previous >> 30)) + index) & _MASK
        self._state = state
        self._index = _N

    def next_uint32(self) -> int:
        if self._index >= _N:
            self._twist()
        value = self._state[self._index]
        self._index += 1
        value ^= value >> 11
        value ^= (value << 7) & 0x9D2C5680
        value ^= (value << 15) & 0xEFC60000
        value ^= value >> 18
        return value & _MASK

    def next_double(self) -> float:
        high = self.next_uint32() >> 5
        low = self.next_uint32() >> 6
        return (high * 67108864.0 + low) / 9007199254740992.0

    def uniform(self, low: float, high: float, count: int) -> List[float]:
        return [low + (high - low) * self.next_double() for _ in range(count)]

    def _twist(self) -> None:
        state = self._state
        for index in range(_N):
            value = (state[index] & _UPPER) | (state[(index + 1) % _N] & _LOWER)
            shifted = value >> 1
            if value & 1:
                shifted ^= _MATRIX_A
            state[index] = state[(index + _M) % _N] ^ shifted
        self._index = 0
