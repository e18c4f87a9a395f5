"""The paper's traffic loss and SCATS baseline, as pure functions (standard library only).

Both follow the TypeScript traffic environment (`src/traffic/README.md`), quirks included:

- the imputed delay of an origin-destination pair multiplies by `v_k - K` where K is the number
  of pairs with a completed trip (the original script's bug; it should be the number of
  incomplete trips), so it is driven by the worst trip of each pair;
- SCATS splits a cycle by the nominal flows, not by the generated vehicle counts.
"""

from __future__ import annotations

import math
from typing import Dict, Hashable, Iterable, List, Sequence, Tuple

ORIGINS_EAST_WEST = ("W1", "E1")
ORIGINS_NORTH_SOUTH = ("N1", "S1")


def overall_score(
    trips: Dict[Hashable, int],
    travel_times: Dict[Hashable, Sequence[float]],
    free_flow_times: Dict[Hashable, float],
) -> Dict[str, float]:
    """OVERALL SCORE = D + sqrt(Var), lower is better.

    `trips[k]` counts every vehicle created for pair k; `travel_times[k]` lists completed trips'
    travel times; `free_flow_times[k]` is the pair's free-flow time. Raises ValueError when a pair
    has no completed trip (the original script failed there too).
    """
    pair_count = sum(1 for pair in travel_times if len(travel_times[pair]) > 0)
    total_vehicles = sum(trips.values())
    if total_vehicles <= 0:
        raise ValueError("no vehicles were created, so the score is undefined")
    losses: Dict[Hashable, float] = {}
    observed_total = 0.0
    imputed_total = 0.0
    for pair, vehicles in trips.items():
        times = list(travel_times.get(pair, []))
        if not times:
            raise ValueError(
                "origin-destination pair %r has no completed trip, so the score is undefined; "
                "choose green times that let every direction through" % (pair,)
            )
        free = float(free_flow_times[pair])
        observed = sum(time - free for time in times)
        imputed = (max(times) + 1.0 - free) * (vehicles - pair_count)
        observed_total += observed
        imputed_total += imputed
        losses[pair] = (observed + imputed) / vehicles
    delay = (observed_total + imputed_total) / total_vehicles
    variance = (
        sum(trips[pair] * (losses[pair] - delay) ** 2 for pair in trips) / total_vehicles
    )
    completed = sum(len(travel_times.get(pair, [])) for pair in trips)
    average_delay = (
        sum(sum(t - float(free_flow_times[pair]) for t in travel_times.get(pair, [])) for pair in trips)
        / completed
    )
    return {
        "score": delay + math.sqrt(variance),
        "delay": delay,
        "spread": math.sqrt(variance),
        "observed_delay": observed_total / total_vehicles,
        "imputed_delay": imputed_total / total_vehicles,
        "average_delay": average_delay,
        "vehicles": float(total_vehicles),
        "completed": float(completed),
    }


def scats_green_times(demand: Iterable[Tuple[str, str, float, float]]) -> Tuple[int, int]:
    """SCATS (east-west, north-south) green times from `(origin, destination, start, flow)`
    entries of 6-second windows over 1,800 seconds, clamped to [15, 90]."""
    east_west = 0.0
    north_south = 0.0
    for origin, _destination, _start, flow in demand:
        if origin in ORIGINS_EAST_WEST:
            east_west += flow
        elif origin in ORIGINS_NORTH_SOUTH:
            north_south += flow
    per_second = (east_west + north_south) * 6.0 / 1800.0
    cycle = int(60.0 // per_second)
    ratio = max(east_west, north_south) / min(east_west, north_south)
    if east_west > north_south:
        north_south_green = int(math.floor(cycle / (1.0 + ratio)))
        east_west_green = cycle - north_south_green
    else:
        east_west_green = int(math.floor(cycle / (1.0 + ratio)))
        north_south_green = cycle - east_west_green
    return _clamp(east_west_green), _clamp(north_south_green)


def _clamp(value: int) -> int:
    return max(15, min(90, value))


OD_PAIRS: List[Tuple[str, str]] = [
    ("W1", "E1"),
    ("W1", "N1"),
    ("W1", "S1"),
    ("E1", "W1"),
    ("E1", "N1"),
    ("E1", "S1"),
    ("N1", "W1"),
    ("N1", "E1"),
    ("N1", "S1"),
    ("S1", "W1"),
    ("S1", "E1"),
    ("S1", "N1"),
]
"""The paper's origin-destination order, which fixes the order of the random demand draws."""


def paper_demand(uniform_draws: Sequence[float]) -> List[Tuple[str, str, float, float]]:
    """The paper's demand entries from 3,600 draws of Uniform(0, 0.25) taken in OD-major order
    (12 pairs x 300 six-second windows), plus the deterministic extra 0.25 veh/s W1->E1 in the
    first third and E1->W1 in the last third."""
    if len(uniform_draws) != len(OD_PAIRS) * 300:
        raise ValueError("expected 3600 draws, got %d" % len(uniform_draws))
    entries: List[Tuple[str, str, float, float]] = []
    index = 0
    for origin, destination in OD_PAIRS:
        for window in range(300):
            start = window * 6
            flow = float(uniform_draws[index])
            index += 1
            if (origin, destination) == ("W1", "E1") and start < 600:
                flow += 0.25
            if (origin, destination) == ("E1", "W1") and start >= 1200:
                flow += 0.25
            entries.append((origin, destination, float(start), flow))
    return entries
