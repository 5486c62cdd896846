"""A real HTTP receiver on loopback that records what it is sent.

``Receiver.answers`` is a list of status codes to answer in turn (then 200).
``Receiver.stalls`` is how many of the next requests it holds, unanswered,
until ``release()`` (or ``STALL_LIMIT`` seconds): a receiver hanging mid-request.
"""

import contextlib
import http.server
import json
import threading

STALL_LIMIT = 60


class Receiver:
    def __init__(self):
        self.received: list[dict] = []
        self.answers: list[int] = []
        self.stalls = 0
        self._released = threading.Event()
        self._lock = threading.Lock()
        receiver = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                length = int(self.headers.get("Content-Length", 0))
                body = self.rfile.read(length)
                with receiver._lock:
                    status = receiver.answers.pop(0) if receiver.answers else 200
                    stall = receiver.stalls > 0
                    receiver.stalls -= stall
                    receiver.received.append(
                        {"headers": dict(self.headers), "body": body.decode(), "status": status}
                    )
                if stall:
                    receiver._released.wait(STALL_LIMIT)
                self.send_response(status)
                self.send_header("Content-Type", "text/plain")
                self.end_headers()
                self.wfile.write(b"thanks" if status < 300 else b"not now")

            def log_message(self, *args):
                pass

            def handle_one_request(self):
                # The sender may have gone away while the answer was held.
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    super().handle_one_request()

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}/hooks"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.release()
        self.server.shutdown()
        self.server.server_close()

    def release(self) -> None:
        """Answer the requests held by ``stalls``."""
        self._released.set()

    def payloads(self) -> list[dict]:
        return [json.loads(item["body"]) for item in self.received]

    def types(self) -> list[str]:
        return [payload["type"] for payload in self.payloads()]
