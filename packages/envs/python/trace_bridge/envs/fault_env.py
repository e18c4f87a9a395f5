"""A test double that fails on demand, so users can test their error handling like we test ours.

`trace/bridge-faults-v0` behaves like a tiny counter environment. Its `step` action is either a
number (added to the counter) or `{"fault": name}` where name is one of:

- `crash`: writes a line to stderr and ends the process with exit code 17;
- `exit`: ends the process cleanly (exit code 0) without answering;
- `hang`: never returns (sleeps);
- `raise`: raises RuntimeError (the server answers with a structured error);
- `garbage`: writes a line that is not JSON to the protocol stream, then answers normally;
- `print`: prints to stdout (the server redirects it to stderr) and answers normally;
- `stderr-flood`: writes `bytes` (default 200000) characters to stderr and answers normally;
- `sleep`: sleeps `seconds` (default 0.2) and answers normally;
- `surrogate`: raises an error whose message ends in a lone surrogate (a model reply cut in the
  middle of an emoji), which UTF-8 cannot encode;
- `unencodable`: adds 1 to the counter, then returns an `info` value JSON cannot encode (an integer
  of 5,000 digits: Python 3.11+ refuses to convert it), so the step is applied but its reply fails.

Make-time kwargs: `fail_on_make=True` raises while making; `hang_on_make=True` never returns.
"""

from __future__ import annotations

import os
import sys
import time
from typing import Any, Dict, Optional, Tuple

from .. import runtime

FAULTS = (
    "crash",
    "exit",
    "hang",
    "raise",
    "garbage",
    "print",
    "stderr-flood",
    "sleep",
    "surrogate",
    "unencodable",
)


class FaultEnv:
    """Counter environment with on-demand faults (see module docs)."""

    def __init__(self, fail_on_make: bool = False, hang_on_make: bool = False) -> None:
        if fail_on_make:
            raise RuntimeError("simulated failure while making the fault environment")
        if hang_on_make:
            _hang()
        self.counter = 0.0

    def reset(
        self, *, seed: Optional[int] = None, options: Optional[Dict[str, Any]] = None
    ) -> Tuple[Dict[str, Any], Dict[str, Any]]:
        self.counter = 0.0
        return {"counter": self.counter, "seed": seed}, {"options": options}

    def step(self, action: Any) -> Tuple[Dict[str, Any], float, bool, bool, Dict[str, Any]]:
        if isinstance(action, dict) and action.get("fault") == "unencodable":
            self.counter += 1.0
            return {"counter": self.counter}, 1.0, False, False, {"huge": 10**5000}
        if isinstance(action, dict):
            self._fault(action)
            return {"counter": self.counter}, 0.0, False, False, {"fault": action.get("fault")}
        if isinstance(action, bool) or not isinstance(action, (int, float)):
            raise ValueError("the action must be a number or {\"fault\": name}, got %r" % (action,))
        self.counter += float(action)
        return {"counter": self.counter}, float(action), False, False, {"feedback": "Added."}

    def close(self) -> None:
        pass

    def _fault(self, action: Dict[str, Any]) -> None:
        fault = action.get("fault")
        if fault == "crash":
            sys.stderr.write("fatal: simulated crash in the fault environment\n")
            sys.stderr.flush()
            os._exit(17)
        if fault == "exit":
            sys.stderr.flush()
            os._exit(0)
        if fault == "hang":
            _hang()
        if fault == "raise":
            raise RuntimeError("simulated failure inside step()")
        if fault == "surrogate":
            raise RuntimeError("the model replied: Great job \ud83d")
        if fault == "garbage":
            stream = runtime.protocol_stream
            if stream is not None:
                stream.write("this line is not JSON\n")
                stream.flush()
            return
        if fault == "print":
            print("noise printed to stdout by the environment")
            return
        if fault == "stderr-flood":
            size = int(action.get("bytes", 200000))
            sys.stderr.write("x" * size + "\nend of flood\n")
            sys.stderr.flush()
            return
        if fault == "sleep":
            time.sleep(float(action.get("seconds", 0.2)))
            return
        raise ValueError("unknown fault %r; expected one of %s" % (fault, ", ".join(FAULTS)))


def _hang() -> None:
    while True:
        time.sleep(3600)
