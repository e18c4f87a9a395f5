"""The JSON-lines server: one request per line on stdin, one response per line on stdout.

stdout carries protocol messages only. At start-up the server keeps a private copy of the
original stdout for the protocol and points file descriptor 1 (and `sys.stdout`) at stderr, so
anything an environment or a C extension prints ends up on stderr, where the client keeps a tail
of it for error messages. stdin is likewise replaced by /dev/null for the environment.

The server exits when stdin reaches end of file, after a `close` request, or when its parent
process disappears (Linux: the kernel kills it through PR_SET_PDEATHSIG; elsewhere a watchdog
thread notices that the parent process id changed).
"""

from __future__ import annotations

import importlib.util
import json
import os
import platform
import signal
import sys
import threading
import time
import traceback
from typing import IO, Any, Dict, Optional, Tuple

from . import PROTOCOL_VERSION, __version__, runtime
from .errors import BridgeError, InvalidRequestError, NotReadyError
from .jsonable import to_jsonable
from .registry import known_ids, make_adapter

TRACEBACK_LIMIT = 8000
OPTIONAL_PACKAGES = ("numpy", "gymnasium", "gym", "llfbench", "metaworld", "mujoco", "uxsim")


class Server:
    """Dispatches requests to the hosted environment (at most one per process)."""

    def __init__(self, output: IO[str]) -> None:
        self.output = output
        self.adapter: Any = None
        self.env_id: Optional[str] = None
        self.closing = False

    def serve(self, source: Any) -> int:
        """Answers requests read with `source.readline()` until end of input or `close`."""
        while not self.closing:
            raw = source.readline()
            if not raw:
                break
            line = raw.decode("utf-8", errors="replace").strip()
            if line:
                self.handle_line(line)
        self._close_env()
        return 0

    def handle_line(self, line: str) -> None:
        """Answers one request line. Never raises: every failure becomes a reply."""
        request_id: Any = None
        method: Any = None
        try:
            request = _parse_request(line)
            request_id = request.get("id")
            if not isinstance(request_id, (int, str)) or isinstance(request_id, bool):
                request_id = None
                raise InvalidRequestError("a request needs an integer or string `id`")
            method = request.get("method")
            params = request.get("params") or {}
            if not isinstance(params, dict):
                raise InvalidRequestError("`params` must be an object")
            result = self.dispatch(method, params)
        except BridgeError as error:
            self.send_error(request_id, error)
            return
        except Exception as error:  # noqa: BLE001 - every environment failure becomes a reply
            self.send_error(request_id, _environment_error(error))
            return
        self.send_result(request_id, method, result)

    def dispatch(self, method: Any, params: Dict[str, Any]) -> Any:
        if method == "hello":
            return self.hello(params)
        if method == "make":
            return self.make(params)
        if method == "reset":
            seed = params.get("seed")
            if seed is not None and (isinstance(seed, bool) or not isinstance(seed, int)):
                raise InvalidRequestError("`seed` must be an integer or null, got %r" % (seed,))
            options = params.get("options")
            if options is not None and not isinstance(options, dict):
                raise InvalidRequestError("`options` must be an object or null")
            return self.require_adapter("reset").reset(seed, options)
        if method == "step":
            if "action" not in params:
                raise InvalidRequestError("`step` needs params.action")
            return self.require_adapter("step").step(params["action"])
        if method == "ping":
            return {"payload": params.get("payload"), "pid": os.getpid()}
        if method == "close":
            self._close_env()
            self.closing = True
            return {"closed": True}
        raise InvalidRequestError(
            "unknown method %r; expected hello, make, reset, step, ping or close" % (method,)
        )

    def hello(self, params: Dict[str, Any]) -> Dict[str, Any]:
        packages = {name: importlib.util.find_spec(name) is not None for name in OPTIONAL_PACKAGES}
        return {
            "protocol": PROTOCOL_VERSION,
            "server": "trace-bridge",
            "version": __version__,
            "python": platform.python_version(),
            "executable": sys.executable,
            "pid": os.getpid(),
            "packages": packages,
            "environments": known_ids(),
        }

    def make(self, params: Dict[str, Any]) -> Dict[str, Any]:
        if self.adapter is not None:
            raise InvalidRequestError(
                "this process already hosts '%s'; one environment per process (start another)"
                % self.env_id
            )
        env_id = params.get("env")
        kwargs = params.get("kwargs") or {}
        adapter = make_adapter(env_id, kwargs)
        # The adapter is kept only once it has described itself: a failing describe() leaves the
        # process free for another `make`.
        try:
            description = dict(adapter.describe())
            description.update({"env": env_id, "kind": adapter.kind})
            result = to_jsonable(description)
        except BaseException:
            _close_quietly(adapter)
            raise
        self.adapter = adapter
        self.env_id = env_id
        return result

    def require_adapter(self, method: str) -> Any:
        if self.adapter is None:
            raise NotReadyError("`%s` needs an environment: send `make` first" % method)
        return self.adapter

    def send_result(self, request_id: Any, method: Any, result: Any) -> None:
        """Sends a successful reply; when the result cannot be encoded, a failed reply that says
        the call itself was carried out (a `step` was applied), so that the client does not
        repeat it."""
        try:
            data = encode_message({"id": request_id, "ok": True, "result": result})
        except Exception as error:  # noqa: BLE001 - a failure to encode is itself a reply
            self.send_error(request_id, ReplyNotEncodableError(method, error))
            return
        self.write(data)

    def send_error(self, request_id: Any, error: BridgeError) -> None:
        """Sends a failed reply. Never raises: a payload that cannot be encoded is replaced by a
        plain one that says so."""
        try:
            payload = error.to_payload()
            data = encode_message({"id": request_id, "ok": False, "error": payload})
        except Exception as problem:  # noqa: BLE001 - a failure to encode is itself a reply
            data = _plain_error_reply(request_id, problem)
        self.write(data)

    def write(self, data: bytes) -> None:
        """Writes one encoded reply line. A closed pipe means the client is gone: stop serving."""
        try:
            self.output.flush()
            self.output.buffer.write(data)
            self.output.buffer.flush()
        except OSError:
            self.closing = True

    def _close_env(self) -> None:
        adapter, self.adapter = self.adapter, None
        if adapter is not None:
            _close_quietly(adapter)


class ReplyNotEncodableError(BridgeError):
    """The call was carried out, but its result could not be encoded as JSON."""

    code = "reply-not-encodable"

    def __init__(self, method: Any, error: BaseException) -> None:
        name = method if isinstance(method, str) else "the call"
        super().__init__(
            "'%s' was carried out (for `step`: the action was applied and the environment moved "
            "on), but its result could not be encoded as JSON (%s: %s). Do not repeat the call; "
            "return JSON-compatible values from the environment, or reset() to start over."
            % (name, type(error).__name__, _safe_text(error)),
            applied=True,
        )


def encode_message(message: Dict[str, Any]) -> bytes:
    """One reply line as UTF-8 bytes. Text JSON cannot carry as UTF-8 (a lone surrogate, e.g. from
    a reply cut in the middle of an emoji) is sent as `\\uXXXX` escapes, which the client decodes
    to the same string. Raises TypeError or ValueError for values JSON cannot hold."""
    text = json.dumps(message, allow_nan=False, ensure_ascii=False, separators=(",", ":"))
    try:
        return (text + "\n").encode("utf-8")
    except UnicodeEncodeError:
        text = json.dumps(message, allow_nan=False, ensure_ascii=True, separators=(",", ":"))
        return (text + "\n").encode("ascii")


def _plain_error_reply(request_id: Any, problem: BaseException) -> bytes:
    """A failed reply built only from values that always encode."""
    message = "the error reply could not be encoded as JSON (%s); see stderr" % type(problem).__name__
    traceback.print_exception(type(problem), problem, problem.__traceback__, file=sys.stderr)
    safe_id = request_id if isinstance(request_id, (int, str)) else None
    for candidate in (safe_id, None):
        try:
            return encode_message(
                {"id": candidate, "ok": False, "error": {"code": "environment-error", "message": message}}
            )
        except Exception:  # noqa: BLE001 - fall back to a null id
            continue
    return b'{"id":null,"ok":false,"error":{"code":"environment-error","message":"unencodable reply"}}\n'


def _parse_request(line: str) -> Dict[str, Any]:
    """Parses one request line into a JSON object, or raises InvalidRequestError."""
    try:
        request = json.loads(line)
    except ValueError as error:  # JSONDecodeError, and numbers too long to convert
        raise InvalidRequestError("the request is not valid JSON: %s" % _safe_text(error)) from None
    if not isinstance(request, dict):
        raise InvalidRequestError("a request must be a JSON object")
    return request


def _close_quietly(adapter: Any) -> None:
    try:
        adapter.close()
    except Exception:  # noqa: BLE001 - closing is best effort
        traceback.print_exc(file=sys.stderr)


def _safe_text(value: Any) -> str:
    """`str(value)`, or a placeholder when its `__str__` raises."""
    try:
        return str(value)
    except Exception:  # noqa: BLE001 - a broken __str__ must not kill the server
        return "<%s whose text could not be read>" % type(value).__name__


def _environment_error(error: BaseException) -> BridgeError:
    try:
        text = "".join(traceback.format_exception(type(error), error, error.__traceback__))
    except Exception:  # noqa: BLE001 - a broken exception must not kill the server
        text = "%s (its traceback could not be formatted)" % type(error).__name__
    return BridgeError(
        "%s: %s" % (type(error).__name__, _safe_text(error)),
        type=type(error).__name__,
        traceback=text[-TRACEBACK_LIMIT:],
    )


READ_CHUNK_BYTES = 1 << 20


class LineReader:
    """Reads lines from a file descriptor in chunks of up to 1 MiB. (An unbuffered file's
    `readline` makes one system call per byte, about 1 MB/s; a buffered one copies a long line
    through an 8 KiB buffer.) A line of n bytes costs O(n)."""

    def __init__(self, fd: int, chunk_bytes: int = READ_CHUNK_BYTES) -> None:
        self.fd = fd
        self.chunk_bytes = chunk_bytes
        self.buffer = b""
        self.start = 0

    def readline(self) -> bytes:
        """The next line with its newline; at end of input the rest, then b""."""
        parts = []
        while True:
            newline = self.buffer.find(b"\n", self.start)
            if newline >= 0:
                parts.append(self.buffer[self.start : newline + 1])
                self.start = newline + 1
                return b"".join(parts)
            if self.start < len(self.buffer):
                parts.append(self.buffer[self.start :])
            self.buffer = os.read(self.fd, self.chunk_bytes)
            self.start = 0
            if not self.buffer:
                return b"".join(parts)


def _take_stdio() -> Tuple[LineReader, IO[str]]:
    """Keeps private copies of stdin/stdout for the protocol; the environment gets stderr and
    /dev/null in their place."""
    sys.stdout.flush()
    protocol_out_fd = os.dup(1)
    protocol_in_fd = os.dup(0)
    os.dup2(2, 1)
    null_fd = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null_fd, 0)
    os.close(null_fd)
    sys.stdout = sys.stderr
    output = os.fdopen(protocol_out_fd, "w", encoding="utf-8", newline="\n")
    return LineReader(protocol_in_fd), output


def _watch_parent() -> None:
    parent = os.getppid()
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG
        except Exception:  # noqa: BLE001 - best effort; the watchdog below still runs
            pass
    if os.getppid() != parent:
        os._exit(1)

    def watch() -> None:
        while True:
            time.sleep(0.5)
            if os.getppid() != parent:
                os._exit(1)

    threading.Thread(target=watch, name="trace-bridge-parent-watch", daemon=True).start()


def main() -> int:
    """Runs the server until stdin closes or a `close` request arrives."""
    source, output = _take_stdio()
    _watch_parent()
    runtime.protocol_stream = output
    try:
        return Server(output).serve(source)
    except KeyboardInterrupt:
        return 130
