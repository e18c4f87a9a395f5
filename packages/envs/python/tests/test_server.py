"""The server answers every request, whatever the environment returns or raises."""

import io
import json
import sys
import unittest
from unittest import mock

from trace_bridge import server as server_module
from trace_bridge.errors import BridgeError
from trace_bridge.server import Server, encode_message

LONE_SURROGATE = "Great job \ud83d"


def new_server():
    raw = io.BytesIO()
    output = io.TextIOWrapper(raw, encoding="utf-8", newline="\n")
    return Server(output), raw


def replies(raw):
    """Every reply line, decoded as strict UTF-8 the way the client reads it."""
    return [json.loads(line) for line in raw.getvalue().decode("utf-8").splitlines()]


class StubAdapter:
    kind = "stub"

    def __init__(self, step=None, describe=None):
        self._step = step
        self._describe = describe
        self.closed = False

    def describe(self):
        if self._describe is not None:
            return self._describe()
        return {"action_space": None}

    def reset(self, seed, options):
        return {"observation": None}

    def step(self, action):
        return self._step(action)

    def close(self):
        self.closed = True


def request(request_id, method, **params):
    return json.dumps({"id": request_id, "method": method, "params": params})


class BrokenText(Exception):
    def __str__(self):
        raise RuntimeError("no text for you")


class ServerRepliesTest(unittest.TestCase):
    def test_a_lone_surrogate_in_an_error_message_is_a_reply_and_the_server_keeps_serving(self):
        server, raw = new_server()

        def step(action):
            if action == "cut":
                raise RuntimeError(LONE_SURROGATE)
            return {"observation": action}

        server.adapter = StubAdapter(step=step)
        server.handle_line(request(1, "step", action="cut"))
        server.handle_line(request(2, "step", action="fine"))
        first, second = replies(raw)
        self.assertEqual(first["id"], 1)
        self.assertFalse(first["ok"])
        self.assertEqual(first["error"]["message"], "RuntimeError: " + LONE_SURROGATE)
        self.assertEqual(second, {"id": 2, "ok": True, "result": {"observation": "fine"}})

    def test_a_lone_surrogate_in_a_result_arrives_unchanged(self):
        server, raw = new_server()
        server.adapter = StubAdapter(step=lambda action: {"observation": LONE_SURROGATE + " ✓"})
        server.handle_line(request(3, "step", action=0))
        self.assertEqual(replies(raw)[0]["result"]["observation"], LONE_SURROGATE + " ✓")

    def test_text_that_utf8_can_carry_is_sent_as_utf8(self):
        self.assertEqual(encode_message({"text": "é ✓"}), '{"text":"é ✓"}\n'.encode("utf-8"))
        self.assertEqual(encode_message({"text": "\udc80"}), b'{"text":"\\udc80"}\n')

    def test_an_unencodable_result_says_the_step_was_applied(self):
        server, raw = new_server()
        applied = []

        def step(action):
            applied.append(action)
            return {"observation": float("nan")}

        server.adapter = StubAdapter(step=step)
        server.handle_line(request(4, "step", action=1))
        (reply,) = replies(raw)
        self.assertEqual(applied, [1])
        self.assertEqual(reply["id"], 4)
        self.assertFalse(reply["ok"])
        self.assertEqual(reply["error"]["code"], "reply-not-encodable")
        self.assertIs(reply["error"]["applied"], True)
        self.assertIn("'step' was carried out", reply["error"]["message"])
        self.assertIn("Do not repeat the call", reply["error"]["message"])

    @unittest.skipIf(sys.version_info < (3, 11), "the integer string limit exists from 3.11")
    def test_a_huge_integer_in_a_result_is_reported_not_fatal(self):
        server, raw = new_server()
        server.adapter = StubAdapter(step=lambda action: {"info": {"huge": 10**5000}})
        server.handle_line(request(5, "step", action=1))
        self.assertEqual(replies(raw)[0]["error"]["code"], "reply-not-encodable")

    def test_an_error_whose_text_cannot_be_read_is_still_a_reply(self):
        server, raw = new_server()

        def step(action):
            raise BrokenText()

        server.adapter = StubAdapter(step=step)
        server.handle_line(request(6, "step", action=1))
        (reply,) = replies(raw)
        self.assertEqual(reply["id"], 6)
        self.assertIn("BrokenText", reply["error"]["message"])

    def test_an_error_payload_that_cannot_be_encoded_becomes_a_plain_error_reply(self):
        server, raw = new_server()

        def step(action):
            raise BridgeError("odd details", detail=object())

        server.adapter = StubAdapter(step=step)
        with mock.patch("sys.stderr", new_callable=io.StringIO):
            server.handle_line(request(7, "step", action=1))
        (reply,) = replies(raw)
        self.assertEqual(reply["id"], 7)
        self.assertIn("could not be encoded", reply["error"]["message"])

    def test_a_request_that_is_not_json_or_holds_a_huge_number_is_an_invalid_request(self):
        server, raw = new_server()
        server.handle_line("{not json")
        server.handle_line('{"id": 1, "method": "ping", "params": {"payload": ' + "9" * 5000 + "}}")
        for reply in replies(raw):
            self.assertIsNone(reply["id"])
            self.assertEqual(reply["error"]["code"], "invalid-request")

    def test_a_closed_pipe_stops_the_server_instead_of_raising(self):
        server, _ = new_server()

        class ClosedPipe(io.BytesIO):
            def write(self, data):
                raise BrokenPipeError(32, "Broken pipe")

        server.output = io.TextIOWrapper(ClosedPipe(), encoding="utf-8")
        server.handle_line(request(8, "ping"))
        self.assertTrue(server.closing)


class MakeTest(unittest.TestCase):
    def test_a_failing_describe_leaves_the_process_free_for_another_make(self):
        server, raw = new_server()
        broken = StubAdapter(describe=lambda: 1 / 0)
        working = StubAdapter()
        adapters = [broken, working]
        with mock.patch.object(server_module, "make_adapter", lambda env_id, kwargs: adapters.pop(0)):
            server.handle_line(request(1, "make", env="stub"))
            server.handle_line(request(2, "make", env="stub"))
        first, second = replies(raw)
        self.assertFalse(first["ok"])
        self.assertIn("ZeroDivisionError", first["error"]["message"])
        self.assertTrue(broken.closed)
        self.assertTrue(second["ok"], second)
        self.assertEqual(second["result"]["kind"], "stub")
        self.assertIs(server.adapter, working)


class ServeTest(unittest.TestCase):
    def test_serves_every_line_of_a_buffered_stream_including_a_large_one(self):
        server, raw = new_server()
        payload = "x" * (4 * 1024 * 1024)
        lines = [request(1, "ping", payload=payload), "garbage", request(2, "close")]
        source = io.BufferedReader(io.BytesIO(("\n".join(lines) + "\n").encode("utf-8")))
        self.assertEqual(server.serve(source), 0)
        first, second, third = replies(raw)
        self.assertEqual(len(first["result"]["payload"]), len(payload))
        self.assertEqual(second["error"]["code"], "invalid-request")
        self.assertEqual(third["result"], {"closed": True})


if __name__ == "__main__":
    unittest.main()
