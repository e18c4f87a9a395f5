"""The paper's four-way signalised intersection, simulated by UXSim itself (needs `uxsim==1.3.0`).

A one-step environment: `reset(seed)` draws the paper's demand for that replication seed (numpy's
legacy generator, as the paper did;
reproduced bit for bit in pure Python by `legacy_random`) and `step([east_west, north_south])` runs the 1,800-second
scenario with those integer green times (each in [15, 90] seconds) and returns the paper's
OVERALL SCORE (lower is better) as `info['score']`, `-score` as the reward, and a feedback text.
The network, demand and score follow the TypeScript traffic environment (`src/traffic/README.md`).
"""

from __future__ import annotations

import sys
import time
from typing import Any, Dict, List, Optional, Tuple

from .legacy_random import LegacyMersenneTwister
from .traffic_score import OD_PAIRS, overall_score, paper_demand, scats_green_times

GREEN_MIN = 15
GREEN_MAX = 90
HORIZON_SECONDS = 1800

INSTRUCTION = (
    "Choose the green times, in whole seconds between 15 and 90, of the east-west and of the "
    "north-south phase of a four-way signalised intersection. The score combines the estimated "
    "delay of all vehicles with the spread of delay across origin-destination pairs; lower is "
    "better. An action is [east_west_green, north_south_green]."
)

NODES = (("W1", -1, 0), ("E1", 1, 0), ("N1", 0, 1), ("S1", 0, -1))
LINKS = (
    ("W1I1", "W1", "I1", 0),
    ("I1W1", "I1", "W1", 0),
    ("I1E1", "I1", "E1", 0),
    ("E1I1", "E1", "I1", 0),
    ("N1I1", "N1", "I1", 1),
    ("I1N1", "I1", "N1", 1),
    ("I1S1", "I1", "S1", 1),
    ("S1I1", "S1", "I1", 1),
)


class UxsimIntersectionEnv:
    """Gymnasium-style wrapper around one UXSim run per step."""

    def __init__(self, expected_version: Optional[str] = "1.3.0") -> None:
        import uxsim

        self._uxsim = uxsim
        version = getattr(uxsim, "__version__", None)
        if expected_version is not None and version not in (None, expected_version):
            sys.stderr.write(
                "warning: the paper used uxsim %s but %s is installed; scores may differ\n"
                % (expected_version, version)
            )
        self.version = version
        self._seed: Optional[int] = None
        self._demand: List[Tuple[str, str, float, float]] = []

    def reset(
        self, *, seed: Optional[int] = None, options: Optional[Dict[str, Any]] = None
    ) -> Tuple[Dict[str, Any], Dict[str, Any]]:
        self._seed = 42 if seed is None else int(seed)
        generator = LegacyMersenneTwister(self._seed)
        self._demand = paper_demand(generator.uniform(0.0, 0.25, len(OD_PAIRS) * 300))
        scats = scats_green_times(self._demand)
        observation = {
            "instruction": INSTRUCTION,
            "observation": {
                "seed": self._seed,
                "scats": {"east_west": scats[0], "north_south": scats[1]},
                "nominal_vehicles": _nominal_by_pair(self._demand),
            },
            "feedback": None,
        }
        return observation, {"uxsim_version": self.version}

    def step(self, action: Any) -> Tuple[Dict[str, Any], float, bool, bool, Dict[str, Any]]:
        if self._seed is None:
            raise RuntimeError("call reset(seed) before step()")
        east_west, north_south = _parse_green_times(action)
        started = time.perf_counter()
        world = self._build_world(east_west, north_south)
        world.exec_simulation()
        analyzer = world.analyzer
        analyzer.od_analysis()
        trips = {_pair(key): int(value) for key, value in analyzer.od_trips.items()}
        travel_times = {_pair(key): [float(t) for t in value] for key, value in analyzer.od_tt.items()}
        free = {_pair(key): float(value) for key, value in analyzer.od_tt_free.items()}
        stats = overall_score(trips, travel_times, free)
        seconds = time.perf_counter() - started
        feedback = (
            "OVERALL SCORE: %.2f (lower is better). Estimated delay %.2f s per vehicle, spread "
            "across origin-destination pairs %.2f s; %d of %d trips completed."
            % (stats["score"], stats["delay"], stats["spread"], stats["completed"], stats["vehicles"])
        )
        info = dict(stats)
        info.update(
            {
                "east_west": east_west,
                "north_south": north_south,
                "seed": self._seed,
                "simulation_seconds": seconds,
                "trips": {"%s->%s" % pair: count for pair, count in trips.items()},
                "feedback": feedback,
            }
        )
        observation = {"instruction": None, "observation": {"seed": self._seed}, "feedback": feedback}
        return observation, -stats["score"], True, False, info

    def close(self) -> None:
        self._demand = []

    def _build_world(self, east_west: int, north_south: int) -> Any:
        world = self._uxsim.World(
            name="",
            deltan=1,
            reaction_time=1,
            duo_update_time=120,
            duo_update_weight=0.5,
            duo_noise=0.01,
            tmax=HORIZON_SECONDS,
            print_mode=0,
            save_mode=0,
            show_mode=0,
            random_seed=self._seed,
            vehicle_logging_timestep_interval=-1,
        )
        for name, x, y in NODES:
            world.addNode(name, x, y)
        world.addNode("I1", 0, 0, signal=[east_west, north_south])
        for name, start, end, group in LINKS:
            world.addLink(
                name,
                start,
                end,
                length=500,
                free_flow_speed=10,
                jam_density=0.2,
                merge_priority=1,
                signal_group=group,
            )
        for origin, destination, start, flow in self._demand:
            world.adddemand(origin, destination, start, start + 6, flow)
        return world


def _parse_green_times(action: Any) -> Tuple[int, int]:
    if isinstance(action, dict):
        values = [action.get("east_west"), action.get("north_south")]
    elif isinstance(action, (list, tuple)) and len(action) == 2:
        values = list(action)
    else:
        raise ValueError(
            "the action must be [east_west, north_south] green times in seconds, got %r" % (action,)
        )
    result = []
    for name, value in zip(("east-west", "north-south"), values):
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value != int(value):
            raise ValueError("the %s green time must be a whole number of seconds, got %r" % (name, value))
        if not GREEN_MIN <= value <= GREEN_MAX:
            raise ValueError(
                "the %s green time must be between %d and %d seconds, got %r"
                % (name, GREEN_MIN, GREEN_MAX, value)
            )
        result.append(int(value))
    return result[0], result[1]


def _pair(key: Any) -> Tuple[str, str]:
    origin, destination = key
    return (getattr(origin, "name", str(origin)), getattr(destination, "name", str(destination)))


def _nominal_by_pair(demand: List[Tuple[str, str, float, float]]) -> Dict[str, float]:
    totals: Dict[str, float] = {}
    for origin, destination, _start, flow in demand:
        key = "%s->%s" % (origin, destination)
        totals[key] = totals.get(key, 0.0) + flow * 6.0
    return {key: round(value, 3) for key, value in totals.items()}
